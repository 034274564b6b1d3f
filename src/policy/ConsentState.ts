/**
 * The consent that governs one purpose for one child, after the rules of DOMAIN.md rule 3: a competent
 * child's own decision governs over a parent's; otherwise one person with parental responsibility
 * suffices; a withdrawal ends an earlier consent.
 */
export const ConsentState = {
  NOT_RECORDED: "NOT_RECORDED",
  GIVEN: "GIVEN",
  REFUSED: "REFUSED",
  WITHDRAWN: "WITHDRAWN",
} as const;
export type ConsentState = (typeof ConsentState)[keyof typeof ConsentState];
export const CONSENT_STATES = Object.values(ConsentState);
