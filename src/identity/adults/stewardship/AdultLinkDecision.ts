/** A data steward's decision on an adult link review. */
export const AdultLinkDecision = {
  /** The two are one person: the reported adult is merged into the candidate. */
  SAME_PERSON: "SAME_PERSON",
  /** Two people: the review closes and the pair is never proposed again by this review. */
  NOT_SAME_PERSON: "NOT_SAME_PERSON",
} as const;
export type AdultLinkDecision = (typeof AdultLinkDecision)[keyof typeof AdultLinkDecision];
