/**
 * The decision on one item of a subject access report: a fact held, a record, or a disclosure. Every
 * item carries one, and every decision other than INCLUDED names the exemption behind it.
 */
export const ItemOutcome = {
  /** Goes in the copy released to the requester. */
  INCLUDED: "INCLUDED",
  /** Left out of the release under a named exemption. */
  WITHHELD: "WITHHELD",
  /** Left out until the IG lead (or, for health data, the appropriate health professional) decides. */
  REVIEW_REQUIRED: "REVIEW_REQUIRED",
} as const;
export type ItemOutcome = (typeof ItemOutcome)[keyof typeof ItemOutcome];
export const ITEM_OUTCOMES = Object.values(ItemOutcome);

/** What an exemption, where it applies, does by itself: withhold, or hold back for a decision. */
export const ExemptionDecision = {
  WITHHELD: ItemOutcome.WITHHELD,
  REVIEW_REQUIRED: ItemOutcome.REVIEW_REQUIRED,
} as const;
export type ExemptionDecision = (typeof ExemptionDecision)[keyof typeof ExemptionDecision];
export const EXEMPTION_DECISIONS = Object.values(ExemptionDecision);

/**
 * Who settles an item an exemption holds for review. Health data needs the appropriate health
 * professional's opinion on the serious harm test before it is either released or withheld (DPA 2018
 * Sch.3 Pt 2 paras 5(3) and 6): the IG lead records that opinion with the decision.
 */
export const ExemptionReview = {
  IG_LEAD: "IG_LEAD",
  HEALTH_PROFESSIONAL_OPINION: "HEALTH_PROFESSIONAL_OPINION",
} as const;
export type ExemptionReview = (typeof ExemptionReview)[keyof typeof ExemptionReview];
export const EXEMPTION_REVIEWS = Object.values(ExemptionReview);

/**
 * Whether a fact's exemption also reaches the disclosures of it. Telling the requester "the police read
 * your record on 3 March, including the forced-marriage record" tells them of the record; telling them
 * "the council read your record" when the council is the one holding a sealed new identity tells them
 * where the child now is.
 */
export const DisclosureReach = {
  /** The exemption concerns the fact's content only: a disclosure of it is judged on its own. */
  NONE: "NONE",
  /** A disclosure that carried the fact is decided as the fact is. */
  CARRYING: "CARRYING",
  /** Also every disclosure to the agency holding the record: the recipient's name would reveal it. */
  CARRYING_OR_TO_HOLDER: "CARRYING_OR_TO_HOLDER",
  /**
   * Only the part of a disclosure that carried the fact is left out, by the fact's own decision (Art
   * 15(1)(c): who received the rest, when and why is the requester's to know) — unless the entry itself
   * would tell of the fact, when it is withheld whole: it carried nothing else, it carried the fact to
   * the agency holding it, or it was made on a basis or for a purpose the exemption's `wholeWhen`
   * names. A council's s.47 read that also carried a police record under active investigation is
   * released without the police record; the investigating force's read of it, or a strategy
   * discussion's, is not.
   */
  SOLELY_CARRYING: "SOLELY_CARRYING",
  /**
   * As SOLELY_CARRYING, and every disclosure to the agency holding the record is withheld whole,
   * whatever it carried: the recipient's name would reveal it. A school's read of a child with a
   * brokered clinic record was told only that a health agency is involved: the school's read is
   * released, the clinic is not named; the clinic's own read of the child is not released.
   */
  SOLELY_CARRYING_OR_TO_HOLDER: "SOLELY_CARRYING_OR_TO_HOLDER",
} as const;
export type DisclosureReach = (typeof DisclosureReach)[keyof typeof DisclosureReach];
export const DISCLOSURE_REACHES = Object.values(DisclosureReach);
/** The reaches that leave out only a disclosure's part that carried the fact, unless the entry itself would tell of it. */
export const PER_FACT_REACHES: readonly DisclosureReach[] = [DisclosureReach.SOLELY_CARRYING, DisclosureReach.SOLELY_CARRYING_OR_TO_HOLDER];

/** What the IG lead decides on an item held for review. */
export const ReviewDecision = {
  INCLUDE: "INCLUDE",
  WITHHOLD: "WITHHOLD",
} as const;
export type ReviewDecision = (typeof ReviewDecision)[keyof typeof ReviewDecision];
export const REVIEW_DECISIONS = Object.values(ReviewDecision);
