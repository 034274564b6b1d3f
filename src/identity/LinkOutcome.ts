import { LinkBand } from "./matching/decideLink";

/** What the hub did to link a submitted record, as the submitting agency is told it. */
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
} as const;
export type LinkOutcome = (typeof LinkOutcome)[keyof typeof LinkOutcome];

/** What a record the matcher decided is told. */
export const LINK_OUTCOME_OF_BAND: Readonly<Record<LinkBand, LinkOutcome>> = {
  [LinkBand.AUTO_LINK]: LinkOutcome.MATCHED,
  [LinkBand.NEW_CHILD]: LinkOutcome.NEW_CHILD,
  [LinkBand.REVIEW]: LinkOutcome.REVIEW_PENDING,
};
