import { join } from "node:path";
import { ErrorCode, HubError } from "../../errors/HubError";
import { loadPolicies } from "../../policy/loadPolicies";
import { deadline, dueAfterExtension, endOf, type TimescalePolicy } from "../deadline";
import { DurationUnit, type Duration } from "../Duration";
import { StartEvent } from "../StartEvent";
import { type Timescale, type TimescaleEdition } from "../Timescale";
import { TimescaleError, TimescaleProblem } from "../TimescaleError";
import { TIMESCALE_IDS, TimescaleId } from "../TimescaleId";
import { WorkingDayCalendar } from "../workingDays";

const policy = loadPolicies(join(__dirname, "..", "..", "..", "policies"));
const iso = (instant: Date | null): string | null => instant?.toISOString() ?? null;

describe("deadlines under the real policy (Working Together 2023)", () => {
  test("a referral received on Christmas Eve 2026 at 17:30 is decided by the end of Tuesday 29 December", () => {
    const startedAt = new Date("2026-12-24T17:30:00Z");
    expect(deadline(TimescaleId.REFERRAL_DECISION, startedAt, policy)).toEqual({
      timescale: "REFERRAL_DECISION",
      edition: "working-together-2023",
      startEvent: "REFERRAL_RECEIVED",
      startedAt,
      dueAt: new Date("2026-12-29T23:59:59.999Z"),
      extendedDueAt: null,
      extension: null,
    });
  });

  test("the initial conference counts 15 working days from the strategy discussion, over Christmas", () => {
    const due = deadline(TimescaleId.INITIAL_CHILD_PROTECTION_CONFERENCE, new Date("2026-12-14T15:00:00Z"), policy);
    expect(due.startEvent).toBe(StartEvent.STRATEGY_DISCUSSION_HELD);
    expect(iso(due.dueAt)).toBe("2027-01-07T23:59:59.999Z");
  });

  test("hours are elapsed hours: 24 hours over the spring change end an hour later on the clock", () => {
    expect(iso(deadline(TimescaleId.STRATEGY_DISCUSSION, new Date("2026-03-28T12:00:00Z"), policy).dueAt)).toBe("2026-03-29T12:00:00.000Z");
  });

  test("72 hours of police protection over the autumn change end an hour earlier on the clock", () => {
    // Taken at 20:00 BST on Saturday 24 October 2026; 72 hours later it is 19:00 GMT on Tuesday.
    expect(iso(deadline(TimescaleId.POLICE_PROTECTION, new Date("2026-10-24T20:00:00+01:00"), policy).dueAt)).toBe("2026-10-27T19:00:00.000Z");
  });

  test("an emergency protection order lasts 8 days and may be extended once by 7, both as data", () => {
    const due = deadline(TimescaleId.EMERGENCY_PROTECTION_ORDER, new Date("2026-06-01T14:00:00+01:00"), policy);
    expect(iso(due.dueAt)).toBe("2026-06-09T22:59:59.999Z");
    expect(iso(due.extendedDueAt)).toBe("2026-06-16T22:59:59.999Z");
  });

  test("Operation Encompass: before the next school day starts, weekends and clock changes included", () => {
    expect(iso(deadline(TimescaleId.OPERATION_ENCOMPASS_NOTIFICATION, new Date("2026-10-23T22:00:00+01:00"), policy).dueAt)).toBe("2026-10-26T08:30:00.000Z");
    expect(iso(deadline(TimescaleId.OPERATION_ENCOMPASS_NOTIFICATION, new Date("2026-06-02T03:00:00+01:00"), policy).dueAt)).toBe("2026-06-02T07:30:00.000Z");
  });

  test("a probation enquiry at sentencing is answered the same day", () => {
    expect(iso(deadline(TimescaleId.PROBATION_SAFEGUARDING_ENQUIRY, new Date("2026-06-01T16:55:00+01:00"), policy).dueAt)).toBe("2026-06-01T22:59:59.999Z");
  });

  test("a subject access request is due a calendar month after receipt, moved to a working day, and may be extended once by up to two months", () => {
    const received = new Date("2027-01-31T09:00:00Z");
    const due = deadline(TimescaleId.SUBJECT_ACCESS_REQUEST, received, policy);
    expect(due.startEvent).toBe(StartEvent.SUBJECT_ACCESS_REQUEST_RECEIVED);
    // 28 February 2027 is a Sunday.
    expect(iso(due.dueAt)).toBe("2027-03-01T23:59:59.999Z");
    expect(due.extension).toEqual({ amount: 2, unit: DurationUnit.CALENDAR_MONTHS, nextWorkingDay: true });
    // Three months from receipt, not two from the first due day (which would be 28 April, or 1 May).
    expect(iso(due.extendedDueAt)).toBe("2027-04-30T22:59:59.999Z");
    expect(iso(dueAfterExtension(TimescaleId.SUBJECT_ACCESS_REQUEST, received, policy, 1))).toBe("2027-03-31T22:59:59.999Z");
    expect(dueAfterExtension(TimescaleId.SUBJECT_ACCESS_REQUEST, received, policy, 2)).toEqual(due.extendedDueAt);
  });

  test("an extension is granted within what the timescale allows, and only where it allows one", () => {
    const received = new Date("2027-01-31T09:00:00Z");
    for (const granted of [0, 3, 1.5]) expect(() => dueAfterExtension(TimescaleId.SUBJECT_ACCESS_REQUEST, received, policy, granted)).toThrow(RangeError);
    expect(() => dueAfterExtension(TimescaleId.REFERRAL_DECISION, received, policy, 1)).toThrow(RangeError);
    expect(iso(dueAfterExtension(TimescaleId.EMERGENCY_PROTECTION_ORDER, new Date("2026-06-01T14:00:00+01:00"), policy, 3))).toBe("2026-06-12T22:59:59.999Z");
  });

  test("months without moving to a working day end on the corresponding date, whatever day it is", () => {
    const calendar = policy.workingDays.calendar;
    const months: Duration = { amount: 1, unit: DurationUnit.CALENDAR_MONTHS, nextWorkingDay: false };
    expect(iso(endOf(months, new Date("2026-11-25T15:00:00Z"), calendar))).toBe("2026-12-25T23:59:59.999Z");
    expect(iso(endOf({ ...months, nextWorkingDay: true }, new Date("2026-11-25T15:00:00Z"), calendar))).toBe("2026-12-29T23:59:59.999Z");
  });

  test("every timescale the hub knows has a deadline in the edition in force", () => {
    for (const id of TIMESCALE_IDS) {
      const due = deadline(id, new Date("2026-11-02T10:00:00Z"), policy);
      expect(due.dueAt.getTime()).toBeGreaterThanOrEqual(due.startedAt.getTime());
    }
  });

  test("a start event before Working Together 2023 came into force has no edition", () => {
    const error = catchError(() => deadline(TimescaleId.REFERRAL_DECISION, new Date("2023-12-14T12:00:00Z"), policy));
    expect(error).toBeInstanceOf(TimescaleError);
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({ code: ErrorCode.INVALID_INPUT, problem: TimescaleProblem.NO_EDITION_IN_FORCE, details: { problem: TimescaleProblem.NO_EDITION_IN_FORCE, day: "2023-12-14", earliestAccepted: "2023-12-15" } });
    expect((error as TimescaleError).message).toContain("2023-12-15");
    expect(deadline(TimescaleId.REFERRAL_DECISION, new Date("2023-12-15T00:00:00Z"), policy).edition).toBe("working-together-2023");
  });

  test("instants that are not instants are refused", () => {
    expect(() => deadline(TimescaleId.REFERRAL_DECISION, new Date("nonsense"), policy)).toThrow(RangeError);
    expect(() => deadline(TimescaleId.REFERRAL_DECISION, new Date("2026-06-01T12:00:00Z"), policy, new Date("nonsense"))).toThrow(RangeError);
  });
});

describe("the edition of guidance a deadline is counted under", () => {
  // A later edition from 1 July 2027 that gives referral decisions two working days.
  const editions: TimescaleEdition[] = [
    edition("later-edition", "2027-07-01", { amount: 2, unit: DurationUnit.WORKING_DAYS }),
    edition("earlier-edition", "2023-12-15", { amount: 1, unit: DurationUnit.WORKING_DAYS }),
  ];
  const twoEditions: TimescalePolicy = {
    workingDays: { calendar: new WorkingDayCalendar({ region: "GB/ENG", additionalHolidays: [], removedHolidays: [] }) },
    timescaleEditions: editions,
  };

  test("is the one in force on the start event's day in London, whichever order the editions come in", () => {
    // 23:30 BST on Wednesday 30 June 2027 is 22:30 UTC: still the earlier edition.
    const before = deadline(TimescaleId.REFERRAL_DECISION, new Date("2027-06-30T22:30:00Z"), twoEditions);
    expect([before.edition, iso(before.dueAt)]).toEqual(["earlier-edition", "2027-07-01T22:59:59.999Z"]);
    // 00:30 BST on Thursday 1 July is 23:30 UTC on 30 June: the later edition is in force in London,
    // and its two working days are Friday 2 and Monday 5 July.
    const after = deadline(TimescaleId.REFERRAL_DECISION, new Date("2027-06-30T23:30:00Z"), twoEditions);
    expect([after.edition, iso(after.dueAt)]).toEqual(["later-edition", "2027-07-05T22:59:59.999Z"]);
  });

  test("stays the start event's when the deadline is asked for after a new edition came in", () => {
    const started = new Date("2027-06-30T16:00:00+01:00");
    expect(deadline(TimescaleId.REFERRAL_DECISION, started, twoEditions).edition).toBe("earlier-edition");
  });

  test("is the one in force at `at` when a caller applies a transitional provision", () => {
    const due = deadline(TimescaleId.REFERRAL_DECISION, new Date("2027-06-30T16:00:00+01:00"), twoEditions, new Date("2027-07-01T09:00:00+01:00"));
    expect([due.edition, iso(due.dueAt)]).toEqual(["later-edition", "2027-07-02T22:59:59.999Z"]);
  });
});

function edition(id: string, effectiveFrom: string, referralDecision: Duration): TimescaleEdition {
  const timescales = new Map(
    TIMESCALE_IDS.map((timescaleId): [TimescaleId, Timescale] => [
      timescaleId,
      {
        id: timescaleId,
        description: `${timescaleId} under ${id}`,
        startEvent: StartEvent.REFERRAL_RECEIVED,
        duration: timescaleId === TimescaleId.REFERRAL_DECISION ? referralDecision : { amount: 1, unit: DurationUnit.CALENDAR_DAYS },
        extension: null,
      },
    ]),
  );
  return { id, effectiveFrom, timescales };
}

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}
