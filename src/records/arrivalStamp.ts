/** The last stamp this process gave, in milliseconds since the epoch. */
let last = 0;

/**
 * When the hub received a new record: now, and strictly later than any record this process stamped
 * before. Records stored together in one transaction would otherwise share its start time, and rules
 * that take "the earliest record" (the date of birth a child is matched on, the record a parental
 * responsibility is cited from) would then choose between them by chance instead of by arrival.
 */
export function arrivalStamp(): Date {
  last = Math.max(Date.now(), last + 1);
  return new Date(last);
}
