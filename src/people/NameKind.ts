/**
 * USUAL is the name the hub first knew the person by; ALIAS is another name an agency reports (a
 * nickname, a name used at school, a requested change of name); PREVIOUS is one no longer used.
 */
export const NameKind = { USUAL: "USUAL", ALIAS: "ALIAS", PREVIOUS: "PREVIOUS" } as const;
export type NameKind = (typeof NameKind)[keyof typeof NameKind];
