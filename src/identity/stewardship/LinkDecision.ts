/** A data steward's decision on a link review (HUB.md §5). */
export const LinkDecision = {
  /** The record is this candidate's: linked, MANUAL, final until a steward changes it. */
  LINK: "LINK",
  /** The record is not this candidate's: never proposed again. If no other candidate is open, the matcher decides again without it. */
  NO_LINK: "NO_LINK",
  /** The record is about none of its candidates: every open review of the record is closed and a new child, awaiting an SUI, is created. */
  NEW_CHILD: "NEW_CHILD",
} as const;
export type LinkDecision = (typeof LinkDecision)[keyof typeof LinkDecision];
