import { BankHolidays } from "../timescales/bankHolidays";
import { DURATION_UNITS, DurationUnit, type Duration } from "../timescales/Duration";
import { isTimeOfDay, weekdayOf } from "../timescales/londonTime";
import { START_EVENTS } from "../timescales/StartEvent";
import { type Timescale } from "../timescales/Timescale";
import { TIMESCALE_IDS, type TimescaleId } from "../timescales/TimescaleId";
import { WorkingDayCalendar, type HolidayOverride } from "../timescales/workingDays";
import { PolicyError } from "./PolicyError";
import { type TimescaleEditionRule, type WorkingDaysRule } from "./PolicySet";
import { type Located } from "./readPolicyFile";
import { ruleBase } from "./ruleBase";
import { type YamlNode } from "./YamlNode";

/**
 * `workingDays`: the bank-holiday region and the policy's own changes to it. A removal of a day that is
 * no holiday, or a one-off holiday on a weekend, is a mistake (a mistyped date), and a mistyped date
 * moves every deadline around it. A one-off holiday the library already has is accepted: the policy
 * adds it before the library does, and upgrading the library must not stop the hub.
 */
export function readWorkingDays(node: YamlNode): WorkingDaysRule {
  const map = node.map(["id", "description", "region"], ["additionalHolidays", "removedHolidays"]);
  const regionNode = map.required("region");
  const region = regionNode.string();
  const regionProblem = BankHolidays.regionProblem(region);
  if (regionProblem) regionNode.fail(regionProblem);
  const library = new BankHolidays(region);
  const additional = readOverrides(map.optional("additionalHolidays"));
  const removed = readOverrides(map.optional("removedHolidays"));
  for (const { value, node: dateNode } of additional) {
    if (weekdayOf(value.date) > 5) dateNode.fail(`${value.date} is a ${weekdayOf(value.date) === 6 ? "Saturday" : "Sunday"}, never a working day: a one-off bank holiday on it changes nothing`);
  }
  for (const { value, node: dateNode } of removed) {
    if (library.on(value.date) === null) dateNode.fail(`${value.date} is not a bank holiday in ${region}: there is nothing to remove`);
    const alsoAdded = additional.find((added) => added.value.date === value.date);
    if (alsoAdded) dateNode.fail(`${value.date} is also an additional holiday at line ${alsoAdded.node.line}`);
  }
  return {
    ...ruleBase(node, map),
    calendar: new WorkingDayCalendar({
      region,
      additionalHolidays: additional.map(({ value }) => value),
      removedHolidays: removed.map(({ value }) => value),
    }),
  };
}

/** A list of `{ date, description }`, each date once; the located node is the date's, so an error points at it. */
function readOverrides(node: YamlNode | undefined): Located<HolidayOverride>[] {
  const seen = new Map<string, number>();
  return (node?.list() ?? []).map((item) => {
    const map = item.map(["date", "description"]);
    const dateNode = map.required("date");
    const date = dateNode.date();
    const earlier = seen.get(date);
    if (earlier !== undefined) dateNode.fail(`${date} is already listed at line ${earlier}`);
    seen.set(date, dateNode.line);
    return { value: { date, description: map.required("description").string() }, node: dateNode };
  });
}

/** One edition of guidance: when it comes into force, and every timescale the hub knows, each once. */
export function readTimescaleEdition(node: YamlNode): TimescaleEditionRule {
  const map = node.map(["id", "description", "effectiveFrom", "timescales"]);
  const effectiveFrom = map.required("effectiveFrom").date();
  const listNode = map.required("timescales");
  const timescales = new Map<TimescaleId, Timescale>();
  const lines = new Map<TimescaleId, number>();
  for (const item of listNode.list()) {
    const timescale = readTimescale(item);
    const earlier = lines.get(timescale.id);
    if (earlier !== undefined) item.fail(`timescale ${timescale.id} is already defined in this edition at line ${earlier}`);
    timescales.set(timescale.id, timescale);
    lines.set(timescale.id, item.line);
  }
  // Code asks for timescales by id: an edition without one would fail a deadline at run time instead of here.
  const missing = TIMESCALE_IDS.filter((id) => !timescales.has(id));
  if (missing.length > 0) listNode.fail(`the edition does not define ${missing.join(", ")}; every edition defines every timescale`);
  return { ...ruleBase(node, map), effectiveFrom, timescales };
}

function readTimescale(node: YamlNode): Timescale {
  const map = node.map(["id", "description", "startEvent", "duration"], ["extension"]);
  const extension = map.optional("extension");
  return {
    id: map.required("id").oneOf(TIMESCALE_IDS, "timescale"),
    description: map.required("description").string(),
    startEvent: map.required("startEvent").oneOf(START_EVENTS, "start event"),
    duration: readDuration(map.required("duration"), false),
    extension: extension ? readDuration(extension, true) : null,
  };
}

/**
 * `{ amount, unit }`, plus `dayStartsAt` (HH:MM) for WORKING_DAY_STARTS and, optionally,
 * `nextWorkingDay` for CALENDAR_MONTHS. A period of 0 days means the same day (see DurationUnit);
 * 0 hours, 0 day starts, 0 months or an extension of nothing are mistakes.
 */
function readDuration(node: YamlNode, isExtension: boolean): Duration {
  const map = node.map(["amount", "unit"], ["dayStartsAt", "nextWorkingDay"]);
  const unit = map.required("unit").oneOf(DURATION_UNITS, "duration unit");
  const inDays = unit === DurationUnit.WORKING_DAYS || unit === DurationUnit.CALENDAR_DAYS;
  const amount = map.required("amount").integer(inDays && !isExtension ? 0 : 1);
  const dayStartsAtNode = map.optional("dayStartsAt");
  const nextWorkingDayNode = map.optional("nextWorkingDay");
  if (dayStartsAtNode && unit !== DurationUnit.WORKING_DAY_STARTS) dayStartsAtNode.fail(`"dayStartsAt" goes only with unit ${DurationUnit.WORKING_DAY_STARTS}`);
  if (nextWorkingDayNode && unit !== DurationUnit.CALENDAR_MONTHS) nextWorkingDayNode.fail(`"nextWorkingDay" goes only with unit ${DurationUnit.CALENDAR_MONTHS}`);
  if (unit === DurationUnit.CALENDAR_MONTHS) return { unit, amount, nextWorkingDay: nextWorkingDayNode?.boolean() ?? false };
  if (unit !== DurationUnit.WORKING_DAY_STARTS) return { unit, amount };
  if (!dayStartsAtNode) node.fail(`unit ${DurationUnit.WORKING_DAY_STARTS} needs "dayStartsAt" (HH:MM, Europe/London)`);
  const dayStartsAt = dayStartsAtNode.string();
  if (!isTimeOfDay(dayStartsAt)) dayStartsAtNode.fail(`expected a time of day written HH:MM, got "${dayStartsAt}"`);
  return { unit, amount, dayStartsAt };
}

/**
 * The editions from every file, oldest first. Two editions starting on the same day would leave which
 * one is in force to file order, so that is an error; and with no edition no deadline can be counted.
 */
export function timescaleEditionsInOrder(dir: string, found: Located<TimescaleEditionRule>[]): TimescaleEditionRule[] {
  if (found.length === 0) throw new PolicyError(dir, 0, 0, 'no policy file defines "timescaleEditions"; at least one edition of guidance is required');
  const byDay = new Map<string, YamlNode>();
  for (const { value, node } of found) {
    const earlier = byDay.get(value.effectiveFrom);
    if (earlier) node.fail(`edition "${value.id}" comes into force on ${value.effectiveFrom}, as the edition at ${earlier.file}:${earlier.line} does`);
    byDay.set(value.effectiveFrom, node);
  }
  return found.map(({ value }) => value).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
}
