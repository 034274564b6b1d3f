/**
 * How an agency's reference for a person came to name the hub's adult (`AdultIdentifier.linkMethod`):
 * - FOUNDED: the adult was created for it (the first report of this person the hub could not link);
 * - IDENTIFIER: it gave a national identifier (NHS number, prison number, PNC id, probation CRN) the
 *   adult already held — as strong as an SUI is for a child;
 * - PROBABILISTIC: the matcher linked it on names, date of birth, sex and postcode alone;
 * - MANUAL: a data steward decided it (a merge, a split, a review).
 *
 * A PROBABILISTIC link joins the person's identity but gives its agency no relationship with the
 * adult's children (`HOLDS_LINKED_ADULT`), as a probabilistic link of a record gives none with a child.
 */
export const AdultLinkMethod = {
  FOUNDED: "FOUNDED",
  IDENTIFIER: "IDENTIFIER",
  PROBABILISTIC: "PROBABILISTIC",
  MANUAL: "MANUAL",
} as const;
export type AdultLinkMethod = (typeof AdultLinkMethod)[keyof typeof AdultLinkMethod];
