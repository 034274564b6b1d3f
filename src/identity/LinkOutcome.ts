import { LinkBand } from "./matching/decideLink";

/**
 * What the hub did to link a submitted record. The hub's own record of it, for its operator (an
 * import's summary) and, through the link history and reviews, its data stewards; the submitting agency
 * is told only RECEIVED (`records/SubmitReceipt.ts`), since the rest would tell it whom the hub holds.
 */
export const LinkOutcome = {
  /** Linked by the SUI the record carried. */
  SUI: "SUI",
  /** Matched probabilistically to a child the hub already knew. */
  MATCHED: "MATCHED",
  /** Possibly one of several children: a data steward will decide; until then it is nobody's. */
  REVIEW_PENDING: "REVIEW_PENDING",
  /** About a child the hub did not know: a new child, awaiting an SUI. */
  NEW_CHILD: "NEW_CHILD",
  /** A data steward decided this record's link; automation leaves it as it is. */
  MANUAL: "MANUAL",
  /** What every receipt says: the hub has the record and links it itself; how is not the submitter's to know. */
  RECEIVED: "RECEIVED",
} as const;
export type LinkOutcome = (typeof LinkOutcome)[keyof typeof LinkOutcome];

/** What a record the matcher decided is told. */
export const LINK_OUTCOME_OF_BAND: Readonly<Record<LinkBand, LinkOutcome>> = {
  [LinkBand.AUTO_LINK]: LinkOutcome.MATCHED,
  [LinkBand.NEW_CHILD]: LinkOutcome.NEW_CHILD,
  [LinkBand.REVIEW]: LinkOutcome.REVIEW_PENDING,
};
