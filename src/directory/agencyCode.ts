/**
 * A directory code: the shape of the codes in use (`LA-E06000060`, `POLICE-43`, `HMP-EXA`) and of the
 * `agency` claim, 2 to 40 capital letters, digits and hyphens.
 */
const AGENCY_CODE = /^[A-Z0-9][A-Z0-9-]{1,39}$/;

export function isAgencyCode(value: unknown): value is string {
  return typeof value === "string" && AGENCY_CODE.test(value);
}
