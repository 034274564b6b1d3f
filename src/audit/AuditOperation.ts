/**
 * What an audit entry records. Disclosures, refusals and the decisions around them are all entries in
 * the one trail (design principle 4, DOMAIN rule 4), and so are IG leads' own reads of the trail: the
 * trail holds personal data too, so reading it is itself accountable.
 */
export const AuditOperation = {
  /** `child(sui, access)`: the linked, redacted view of one child. */
  CHILD_RECORD: "CHILD_RECORD",
  /** `searchChildren`: candidates shown to a practitioner (each candidate's SUI on the entry). */
  CHILD_SEARCH: "CHILD_SEARCH",
  /** `household(sui, access)`: the children placed with a referral's child, shown to its MASH (each child's SUI on the entry). */
  HOUSEHOLD_VIEW: "HOUSEHOLD_VIEW",
  /** A routed notification (e.g. a PPRC release) delivered to an agency (HUB.md §9). */
  NOTIFICATION_DELIVERY: "NOTIFICATION_DELIVERY",
  /** A consultation without naming the child, or its answer, refused (`notifications/consultations/`); one delivered is a NOTIFICATION_DELIVERY. */
  CONSULTATION: "CONSULTATION",
  /** An agency's staff read its notification inbox (the deliveries listed, each child's SUI on the entry). */
  NOTIFICATION_INBOX_READ: "NOTIFICATION_INBOX_READ",
  /** An agency acknowledged a notification delivered to it, with its reply where one was asked for. */
  NOTIFICATION_ACKNOWLEDGED: "NOTIFICATION_ACKNOWLEDGED",
  /** Children's social care read its list of children on other authorities' plans living in its area (each child's SUI on the entry). */
  PLANS_HELD_ELSEWHERE_READ: "PLANS_HELD_ELSEWHERE_READ",
  /** An s.16LA decision not to share, with its reasons (DOMAIN rule 8). */
  DECISION_NOT_TO_SHARE: "DECISION_NOT_TO_SHARE",
  CONSENT_RECORDED: "CONSENT_RECORDED",
  /** A manager's safeguarding override of a refusal of consent (DOMAIN rule 3, scenario 6). */
  CONSENT_OVERRIDE: "CONSENT_OVERRIDE",
  /** A MASH practitioner opened a referral in the hub: the case reference their research is checked against. */
  REFERRAL_OPENED: "REFERRAL_OPENED",
  /** A referral opened before the child was identified was bound to the child a search under it showed, on opening that child (once per referral). */
  REFERRAL_BOUND: "REFERRAL_BOUND",
  /** A referral's decision was recorded: its case reference opens nothing from then on. */
  REFERRAL_DECIDED: "REFERRAL_DECIDED",
  /** An IG lead closed the review of a break-glass alert (scenario 9). */
  IG_ALERT_CLOSED: "IG_ALERT_CLOSED",
  /** A data steward read the open link reviews (each candidate's SUI on the entry). */
  LINK_REVIEWS_READ: "LINK_REVIEWS_READ",
  /** A data steward or IG lead read a record's link history. */
  LINK_HISTORY_READ: "LINK_HISTORY_READ",
  /** A data steward decided a link review: LINK, NO_LINK or NEW_CHILD, with the reason (HUB.md §8). */
  LINK_REVIEW_RESOLVED: "LINK_REVIEW_RESOLVED",
  /** A data steward merged two children into one. */
  CHILDREN_MERGED: "CHILDREN_MERGED",
  /** A data steward split records wrongly linked to a child off to another child. */
  CHILD_SPLIT: "CHILD_SPLIT",
  /** A data steward read the open adult link reviews (the SUIs of the adults' children on the entry). */
  ADULT_LINK_REVIEWS_READ: "ADULT_LINK_REVIEWS_READ",
  /** A data steward decided an adult link review: SAME_PERSON (a merge) or NOT_SAME_PERSON, with the reason. */
  ADULT_LINK_REVIEW_RESOLVED: "ADULT_LINK_REVIEW_RESOLVED",
  /** A data steward merged two adults into one person. */
  ADULTS_MERGED: "ADULTS_MERGED",
  /** A data steward moved agency references wrongly held by one adult to another person. */
  ADULT_SPLIT: "ADULT_SPLIT",
  /** The disclosures that went out through a link later undone, read by an IG lead or a data steward. */
  WRONG_LINK_REPORT: "WRONG_LINK_REPORT",
  /** A directory administrator (or an import's operator, `npm run directory:import`) created or changed an agency's directory entry (or tried to: refusals too). */
  DIRECTORY_CHANGED: "DIRECTORY_CHANGED",
  /** A second directory administrator approved or rejected a proposed change to an agency's routing fields (or tried to: refusals too). */
  DIRECTORY_CHANGE_DECIDED: "DIRECTORY_CHANGE_DECIDED",
  /** An IG lead listed the webhook deliveries to agencies that failed every attempt (no content, no child on the page). */
  WEBHOOK_DEAD_LETTERS_READ: "WEBHOOK_DEAD_LETTERS_READ",
  /** An IG lead sent a dead webhook delivery again, with the same `webhook-id`. */
  WEBHOOK_REPLAYED: "WEBHOOK_REPLAYED",
  /**
   * The retention job removed an agency's records past their retention (`retention/`): counts by record
   * type, the holds that kept others, never a child or a record's content. One entry per agency a run touched.
   */
  RETENTION_APPLIED: "RETENTION_APPLIED",
  AUDIT_QUERY: "AUDIT_QUERY",
  AUDIT_EXPORT: "AUDIT_EXPORT",
  AUDIT_VERIFICATION: "AUDIT_VERIFICATION",
  /** An IG lead produced a subject access request's report: the full review, or the copy for release (`details.view`). */
  SUBJECT_ACCESS_REPORT: "SUBJECT_ACCESS_REPORT",
  /** An IG lead opened a subject access request: who asked, in what right, when it arrived and is due. */
  SUBJECT_ACCESS_REQUEST_OPENED: "SUBJECT_ACCESS_REQUEST_OPENED",
  /** An IG lead extended a request's clock, once, with the reason (UK GDPR Art 12(3)). */
  SUBJECT_ACCESS_REQUEST_EXTENDED: "SUBJECT_ACCESS_REQUEST_EXTENDED",
  /** An IG lead closed a request: responded, withdrawn or refused. */
  SUBJECT_ACCESS_REQUEST_CLOSED: "SUBJECT_ACCESS_REQUEST_CLOSED",
  /** An IG lead listed the open requests (each child's SUI on the entry). */
  SUBJECT_ACCESS_REQUESTS_READ: "SUBJECT_ACCESS_REQUESTS_READ",
  /** An IG lead decided an item of a report held for review: include or withhold, with the reason. */
  SUBJECT_ACCESS_ITEM_DECIDED: "SUBJECT_ACCESS_ITEM_DECIDED",
  /** A CSC manager or IG lead recorded a named-staff exclusion: staff, a team or an agency kept out of a child's file. */
  CHILD_EXCLUSION_RECORDED: "CHILD_EXCLUSION_RECORDED",
  /** A named-staff exclusion was lifted, with the reason. */
  CHILD_EXCLUSION_LIFTED: "CHILD_EXCLUSION_LIFTED",
  /** A CSC manager or IG lead read a child's exclusions. */
  CHILD_EXCLUSIONS_READ: "CHILD_EXCLUSIONS_READ",
  /** An IG lead opened a suspected personal data breach (others open themselves from a split, an alert's review). */
  BREACH_OPENED: "BREACH_OPENED",
  /** An IG lead decided their agency's part of a breach: reported to the ICO (reference, when) or not, whether the people affected are told; a digest of the reasons. */
  BREACH_DECIDED: "BREACH_DECIDED",
  /** An IG lead read the breach log (each affected child's SUI on the entry). */
  BREACHES_READ: "BREACHES_READ",
  /** An IG lead read what is overdue against the timescales. */
  OVERDUE_READ: "OVERDUE_READ",
  /** The owning agency attached a supplementary statement to a record or fact (UK GDPR Art 16); the recipients to tell (Art 19) on the entry. */
  SUPPLEMENTARY_STATEMENT_ATTACHED: "SUPPLEMENTARY_STATEMENT_ATTACHED",
  /** An IG lead restricted processing of a record or fact, or recorded an objection (Arts 18, 21); the recipients to tell on the entry. */
  PROCESSING_RESTRICTED: "PROCESSING_RESTRICTED",
  /** An IG lead kept or lifted a restriction or objection, with reasons. */
  RESTRICTION_DECIDED: "RESTRICTION_DECIDED",
  /** An erasure request decided (Art 17; DPA 2018 s.47): grounds, exemptions, reasons; where erased, the tombstone (what kind of fact, never its content). */
  ERASURE_DECIDED: "ERASURE_DECIDED",
} as const;
export type AuditOperation = (typeof AuditOperation)[keyof typeof AuditOperation];
export const AUDIT_OPERATIONS = Object.values(AuditOperation);

export function isAuditOperation(value: unknown): value is AuditOperation {
  return typeof value === "string" && (AUDIT_OPERATIONS as string[]).includes(value);
}

/**
 * The operations through which a child's information reaches another agency: what a subject access
 * request asks about ("who saw my record, when and why", UK GDPR Art 15(1)(c) recipients). Governance
 * work inside the hub (IG reviews, consent records) is the controller's own processing, not a
 * disclosure to a recipient.
 */
export const DISCLOSING_OPERATIONS: readonly AuditOperation[] = [
  AuditOperation.CHILD_RECORD,
  AuditOperation.CHILD_SEARCH,
  AuditOperation.HOUSEHOLD_VIEW,
  AuditOperation.NOTIFICATION_DELIVERY,
  AuditOperation.PLANS_HELD_ELSEWHERE_READ,
];
