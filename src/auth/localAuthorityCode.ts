/**
 * ONS local-authority codes: a country letter (E England, W Wales, S Scotland, N Northern Ireland)
 * and eight digits, e.g. E06000060 (Buckinghamshire), E10000019 (Lincolnshire).
 */
export const LOCAL_AUTHORITY_CODE = /^[EWSN]\d{8}$/;

export function isLocalAuthorityCode(value: unknown): value is string {
  return typeof value === "string" && LOCAL_AUTHORITY_CODE.test(value);
}
