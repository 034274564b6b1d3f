/**
 * National identifiers of an adult that agencies report and the matcher treats as strong evidence
 * (HUB.md §8): one value is one person across every agency that gives it.
 * - NHS_NUMBER: the adult's NHS number (modulus-11 checked, like a child's SUI);
 * - PRISON_NUMBER: HMPPS prison number (A1234BC), kept for life across sentences;
 * - PNC_ID: Police National Computer id (2012/0443627Z) — matching evidence only, never disclosed
 *   (no view, receipt, review or audit detail carries it);
 * - PROBATION_CRN: the probation case reference number (X123456).
 */
export const NationalIdentifierScheme = {
  NHS_NUMBER: "NHS_NUMBER",
  PRISON_NUMBER: "PRISON_NUMBER",
  PNC_ID: "PNC_ID",
  PROBATION_CRN: "PROBATION_CRN",
} as const;
export type NationalIdentifierScheme = (typeof NationalIdentifierScheme)[keyof typeof NationalIdentifierScheme];
export const NATIONAL_IDENTIFIER_SCHEMES = Object.values(NationalIdentifierScheme);
