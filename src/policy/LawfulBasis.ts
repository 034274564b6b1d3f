/**
 * UK GDPR Art 6 bases, and LAW_ENFORCEMENT for DPA 2018 Part 3 processing by a competent authority
 * (police, probation, prisons, youth justice — e.g. under MAPPA).
 */
export const LawfulBasis = {
  PUBLIC_TASK: "PUBLIC_TASK",
  LEGAL_OBLIGATION: "LEGAL_OBLIGATION",
  VITAL_INTERESTS: "VITAL_INTERESTS",
  CONSENT: "CONSENT",
  LAW_ENFORCEMENT: "LAW_ENFORCEMENT",
} as const;
export type LawfulBasis = (typeof LawfulBasis)[keyof typeof LawfulBasis];
export const LAWFUL_BASES = Object.values(LawfulBasis);
