/**
 * Labels on records and fields that drive redaction (design §6). SPECIAL_CATEGORY needs an Art 9 /
 * DPA Sch.1 condition; CRIMINAL_OFFENCE is personal data relating to criminal convictions and
 * offences (UK GDPR Art 10: PPRC status, convictions, MAPPA detail), which needs a DPA 2018 Sch.1
 * condition outside the competent authorities; LAW_ENFORCEMENT is DPA 2018 Part 3 processing; THIRD_PARTY marks people other
 * than the child (professionals acting officially never are); WITHHOLD_FROM_FAMILY covers forced
 * marriage, honour-based abuse, FII and active investigations; LOCATION_WITHHELD a refuge or an
 * unaccompanied child's placement; SEALED records leave no trace; BROKERED ones show only that an agency
 * of some type is involved and whom to contact.
 */
export const SensitivityLabel = {
  SPECIAL_CATEGORY: "SPECIAL_CATEGORY",
  CRIMINAL_OFFENCE: "CRIMINAL_OFFENCE",
  LAW_ENFORCEMENT: "LAW_ENFORCEMENT",
  THIRD_PARTY: "THIRD_PARTY",
  WITHHOLD_FROM_FAMILY: "WITHHOLD_FROM_FAMILY",
  LOCATION_WITHHELD: "LOCATION_WITHHELD",
  SEALED: "SEALED",
  BROKERED: "BROKERED",
} as const;
export type SensitivityLabel = (typeof SensitivityLabel)[keyof typeof SensitivityLabel];
export const SENSITIVITY_LABELS = Object.values(SensitivityLabel);
