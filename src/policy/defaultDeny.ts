/**
 * The rule id recorded for a field no policy rule granted (design principle 3: default deny). It is
 * reserved: no policy rule may take it, so an audit entry citing it always means "nothing granted".
 */
export const DEFAULT_DENY = "default-deny";

export const DEFAULT_DENY_REASON = "no policy rule discloses this field to your role for this purpose and relationship";
