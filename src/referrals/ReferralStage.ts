/**
 * What a referral (a "contact") has become at the local authority: still awaiting its decision, or a
 * strategy discussion, s.47 enquiry or emergency protection order recorded under the same reference
 * (Working Together 2023 ch.3; Children Act 1989 ss.44, 47). Each stage keeps the MASH's research
 * open for its own window (policies/relationships.yaml `mashCase`).
 */
export const ReferralStage = {
  REFERRAL: "REFERRAL",
  STRATEGY_DISCUSSION: "STRATEGY_DISCUSSION",
  SECTION_47_ENQUIRY: "SECTION_47_ENQUIRY",
  EMERGENCY_PROTECTION: "EMERGENCY_PROTECTION",
} as const;
export type ReferralStage = (typeof ReferralStage)[keyof typeof ReferralStage];
export const REFERRAL_STAGES = Object.values(ReferralStage);

/** Who made the referral, as a category: never a member of the public's identity (DOMAIN rule 6). */
export const ReferralSource = {
  SCHOOL: "SCHOOL",
  EARLY_YEARS: "EARLY_YEARS",
  HEALTH: "HEALTH",
  POLICE: "POLICE",
  SOCIAL_CARE: "SOCIAL_CARE",
  PROBATION: "PROBATION",
  YOUTH_JUSTICE: "YOUTH_JUSTICE",
  HOUSING: "HOUSING",
  VOLUNTARY_SECTOR: "VOLUNTARY_SECTOR",
  FAMILY_MEMBER: "FAMILY_MEMBER",
  MEMBER_OF_PUBLIC: "MEMBER_OF_PUBLIC",
  CHILD: "CHILD",
  ANONYMOUS: "ANONYMOUS",
  OTHER: "OTHER",
} as const;
export type ReferralSource = (typeof ReferralSource)[keyof typeof ReferralSource];

/** How a referral was decided (Working Together 2023 ch.3: the type of response). */
export const ReferralDecision = {
  NO_FURTHER_ACTION: "NO_FURTHER_ACTION",
  EARLY_HELP: "EARLY_HELP",
  CHILD_IN_NEED_ASSESSMENT: "CHILD_IN_NEED_ASSESSMENT",
  SECTION_47_ENQUIRY: "SECTION_47_ENQUIRY",
  IMMEDIATE_PROTECTION: "IMMEDIATE_PROTECTION",
  /** The child lives elsewhere: passed to that authority's MASH (DOMAIN "Who must tell whom"). */
  TRANSFERRED_TO_ANOTHER_AUTHORITY: "TRANSFERRED_TO_ANOTHER_AUTHORITY",
  CLOSED: "CLOSED",
} as const;
export type ReferralDecision = (typeof ReferralDecision)[keyof typeof ReferralDecision];
