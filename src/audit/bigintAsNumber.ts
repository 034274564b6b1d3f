import { type ValueTransformer } from "typeorm";

/**
 * PostgreSQL returns bigint as text. Chain sequences are bigint so they never run out, but a chain would
 * need 2^53 entries before a JavaScript number lost precision, so the hub handles them as numbers.
 */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
