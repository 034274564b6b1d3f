// pg's own conversion of a value to the text it binds as a parameter (exported as `pg/lib/utils`, without declarations).
declare module "pg/lib/utils" {
  /** null for null and undefined, a Buffer for binary values, the parameter's text otherwise (arrays as array literals, dates with their offset, objects as JSON). */
  export function prepareValue(value: unknown): string | Buffer | null;
}
