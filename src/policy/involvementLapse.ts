import { londonDateOf } from "../timescales/londonTime";
import { LAST_UPDATE, type FieldCondition, type InvolvementRule, type PresenceCondition } from "./PolicySet";

const DAY_MS = 86_400_000;
/**
 * The calendar day (YYYY-MM-DD) an instant falls on in England. Asked twice for every record of every
 * disclosure: `londonDateOf` keeps London's offset per hour, where formatting through Intl took
 * microseconds each time.
 */
export function londonDay(at: Date): string {
  return londonDateOf(at);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function dateField(details: Readonly<Record<string, unknown>>, field: string | null): string | null {
  const value = field === null ? null : details[field];
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

function holds(condition: FieldCondition | PresenceCondition | null, details: Readonly<Record<string, unknown>>): boolean {
  if (condition === null) return false;
  const value = details[condition.field];
  if ("present" in condition) return value !== null && value !== undefined;
  return (typeof value === "string" || typeof value === "boolean") && condition.values.includes(value);
}

/**
 * The day the involvement a record founds ended (or will end) and the days it still counts after, or
 * null while it is ongoing, by the record type's rule (policies/relationships.yaml). `toldOn` is the day
 * the hub learnt of the record's current state: an end reported without its date (records from before
 * submissions had to give one) dates from then.
 */
export function involvementEnd(rule: InvolvementRule, details: Readonly<Record<string, unknown>>, toldOn: string): { on: string; lapsesAfterDays: number } | null {
  const endsOn = dateField(details, rule.endsOn);
  if (holds(rule.endedWhen, details)) return { on: dateField(details, rule.endedOn) ?? endsOn ?? toldOn, lapsesAfterDays: rule.lapsesAfterDays };
  if (endsOn !== null) return { on: endsOn, lapsesAfterDays: rule.lapsesAfterDays };
  if (rule.lastActivityOn === null || holds(rule.continuesWhile, details)) return null;
  const activity = rule.lastActivityOn === LAST_UPDATE ? toldOn : dateField(details, rule.lastActivityOn);
  return activity === null ? null : { on: activity, lapsesAfterDays: rule.activityLapsesAfterDays };
}

/** Whether a record still founds its agency's involvement with the child on the day `now` falls in England. */
export function involvementCurrent(rule: InvolvementRule, details: Readonly<Record<string, unknown>>, updatedAt: Date, now: Date): boolean {
  const end = involvementEnd(rule, details, londonDay(updatedAt));
  return end === null || londonDay(now) <= addDays(end.on, end.lapsesAfterDays);
}
