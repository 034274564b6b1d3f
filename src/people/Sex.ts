/** Sex as recorded by the submitting agency (NHS Data Dictionary "person stated gender" values). */
export const Sex = { MALE: "MALE", FEMALE: "FEMALE", INDETERMINATE: "INDETERMINATE", NOT_KNOWN: "NOT_KNOWN" } as const;
export type Sex = (typeof Sex)[keyof typeof Sex];
