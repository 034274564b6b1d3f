/**
 * Who at the recipient agency reads a delivery: STAFF — every member of the agency with a token for it;
 * IG_LEADS — only its information governance leads (an escalation of a notification left
 * unacknowledged past its deadline); ADDRESSEE — one person, named by their token subject in the
 * delivery's `contact` (a consultation's advice, to the practitioner who asked).
 */
export const DeliveryAudience = {
  STAFF: "STAFF",
  IG_LEADS: "IG_LEADS",
  ADDRESSEE: "ADDRESSEE",
} as const;
export type DeliveryAudience = (typeof DeliveryAudience)[keyof typeof DeliveryAudience];
