/** The kinds of partner agency the hub links (Working Together to Safeguard Children). */
export const AgencyType = {
  CHILDRENS_SOCIAL_CARE: "CHILDRENS_SOCIAL_CARE",
  POLICE: "POLICE",
  HEALTH: "HEALTH",
  EDUCATION: "EDUCATION",
  PROBATION: "PROBATION",
  PRISON: "PRISON",
  YOUTH_JUSTICE: "YOUTH_JUSTICE",
} as const;
export type AgencyType = (typeof AgencyType)[keyof typeof AgencyType];
export const AGENCY_TYPES = Object.values(AgencyType);

export function isAgencyType(value: unknown): value is AgencyType {
  return typeof value === "string" && (AGENCY_TYPES as string[]).includes(value);
}
