/** The words of data subjects' rights over agency records (UK GDPR Arts 16–21; DPA 2018 ss.46–47). */

/** Art 18(1) (and DPA 2018 s.47(2) for Part 3 data): why processing is restricted. */
export const RestrictionGround = {
  /** Art 18(1)(a): the person contests the accuracy, while it is checked. */
  ACCURACY_CONTESTED: "ACCURACY_CONTESTED",
  /** Art 18(1)(b): the processing is unlawful and the person asks for restriction instead of erasure. */
  UNLAWFUL_PROCESSING: "UNLAWFUL_PROCESSING",
  /** Art 18(1)(c): no longer needed, but the person needs it kept for legal claims. */
  NEEDED_FOR_LEGAL_CLAIMS: "NEEDED_FOR_LEGAL_CLAIMS",
  /** Art 18(1)(d): an objection (Art 21(1)) awaits the decision whether the hub's grounds override it. */
  OBJECTION_PENDING: "OBJECTION_PENDING",
  /** DPA 2018 ss.46(4), 47(2): Part 3 data that must be kept as evidence is restricted instead of rectified or erased. */
  MAINTAINED_FOR_EVIDENCE: "MAINTAINED_FOR_EVIDENCE",
} as const;
export type RestrictionGround = (typeof RestrictionGround)[keyof typeof RestrictionGround];
export const RESTRICTION_GROUNDS = Object.values(RestrictionGround);

/** A restriction asked for as such (Art 18), or an objection to processing (Art 21), which restricts while it is decided. */
export const RestrictionKind = { RESTRICTION: "RESTRICTION", OBJECTION: "OBJECTION" } as const;
export type RestrictionKind = (typeof RestrictionKind)[keyof typeof RestrictionKind];
export const RESTRICTION_KINDS = Object.values(RestrictionKind);

export const RestrictionStatus = { IN_FORCE: "IN_FORCE", LIFTED: "LIFTED" } as const;
export type RestrictionStatus = (typeof RestrictionStatus)[keyof typeof RestrictionStatus];

/**
 * An IG lead's decision on a restriction: KEEP it (an objection upheld: no compelling legitimate grounds
 * override it, Art 21(1)), or LIFT it (the accuracy checked, or the hub's grounds override the objection;
 * Art 18(3): the person is told before it is lifted).
 */
export const RestrictionDecision = { KEEP: "KEEP", LIFT: "LIFT" } as const;
export type RestrictionDecision = (typeof RestrictionDecision)[keyof typeof RestrictionDecision];
export const RESTRICTION_DECISIONS = Object.values(RestrictionDecision);

/** Which law decides an erasure: UK GDPR Art 17, or DPA 2018 s.47 for law-enforcement (Part 3) data. */
export const ErasureRegime = { UK_GDPR: "UK_GDPR", DPA_PART_3: "DPA_PART_3" } as const;
export type ErasureRegime = (typeof ErasureRegime)[keyof typeof ErasureRegime];
export const ERASURE_REGIMES = Object.values(ErasureRegime);

export const ErasureOutcome = { ERASED: "ERASED", REFUSED: "REFUSED" } as const;
export type ErasureOutcome = (typeof ErasureOutcome)[keyof typeof ErasureOutcome];
export const ERASURE_OUTCOMES = Object.values(ErasureOutcome);
