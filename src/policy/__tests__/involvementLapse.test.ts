import { involvementCurrent, involvementEnd, londonDay } from "../involvementLapse";
import { LAST_UPDATE, type InvolvementRule } from "../PolicySet";

/** A rule with nothing set: each test gives it the parts it is about. */
function rule(parts: Partial<InvolvementRule>): InvolvementRule {
  return {
    id: "involvement-test", description: "For tests.", source: { file: "relationships.yaml", line: 1 }, recordType: "SOCIAL_CARE",
    endsOn: null, endedWhen: null, endedOn: null, lastActivityOn: null, continuesWhile: null, lapsesAfterDays: 30, activityLapsesAfterDays: 180,
    ...parts,
  };
}

const closure = rule({ endsOn: "endDate", endedWhen: { field: "status", values: ["CLOSED", true] }, endedOn: "closedOn", lapsesAfterDays: 90 });
const registration = rule({ recordType: "HEALTH", endsOn: "deregisteredOn", lastActivityOn: LAST_UPDATE, continuesWhile: { field: "registeredOn", present: true } });
const incidents = rule({ recordType: "POLICE", lastActivityOn: "reportedOn", continuesWhile: { field: "activeInvestigation", values: [true] }, lapsesAfterDays: 365 });

describe("londonDay", () => {
  test("is the calendar day in England: GMT in winter, BST in summer", () => {
    expect(londonDay(new Date("2026-01-15T23:30:00Z"))).toBe("2026-01-15");
    expect(londonDay(new Date("2026-07-15T23:30:00Z"))).toBe("2026-07-16");
    expect(londonDay(new Date("2026-07-15T22:59:59Z"))).toBe("2026-07-15");
  });

  test("follows the clocks' change at 01:00 UTC, whatever was asked before", () => {
    for (const [at, day] of [["2026-03-29T00:59:59.999Z", "2026-03-29"], ["2026-03-28T23:59:59.999Z", "2026-03-28"], ["2026-03-29T23:00:00Z", "2026-03-30"], ["2026-10-24T23:00:00Z", "2026-10-25"], ["2026-10-25T23:00:00Z", "2026-10-25"]] as const) {
      expect(londonDay(new Date(at))).toBe(day);
    }
  });

  test("an invalid instant has no day", () => {
    expect(() => londonDay(new Date(Number.NaN))).toThrow();
  });
});

describe("involvementEnd", () => {
  test("an ended record ends on its endedOn date, else its endsOn date, else the day the hub was told", () => {
    expect(involvementEnd(closure, { status: "CLOSED", closedOn: "2026-03-01", endDate: "2026-04-01" }, "2026-05-01")).toEqual({ on: "2026-03-01", lapsesAfterDays: 90 });
    expect(involvementEnd(closure, { status: "CLOSED", endDate: "2026-04-01" }, "2026-05-01")).toEqual({ on: "2026-04-01", lapsesAfterDays: 90 });
    expect(involvementEnd(closure, { status: "CLOSED" }, "2026-05-01")).toEqual({ on: "2026-05-01", lapsesAfterDays: 90 });
    expect(involvementEnd(closure, { status: true }, "2026-05-01")).toEqual({ on: "2026-05-01", lapsesAfterDays: 90 });
  });

  test("a record not ended but with an end date ends then; without either it goes on", () => {
    expect(involvementEnd(closure, { status: "OPEN", closedOn: "2026-03-01", endDate: "2026-04-01" }, "2026-05-01")).toEqual({ on: "2026-04-01", lapsesAfterDays: 90 });
    expect(involvementEnd(closure, { status: "OPEN" }, "2026-05-01")).toBeNull();
    expect(involvementEnd(closure, {}, "2026-05-01")).toBeNull();
  });

  test("only a whole YYYY-MM-DD string is a date", () => {
    for (const endDate of ["2026-04-01T10:00:00Z", "on 2026-04-01", "2026-4-01", "20260401", 20260401, null, new Date("2026-04-01"), ["2026-04-01"]]) {
      expect({ endDate, end: involvementEnd(closure, { status: "OPEN", endDate }, "2026-05-01") }).toEqual({ endDate, end: null });
    }
  });

  test("a condition holds only for one of its values, as a string or a boolean", () => {
    expect(involvementEnd(closure, { status: "CLOSING" }, "2026-05-01")).toBeNull();
    expect(involvementEnd(closure, { status: false }, "2026-05-01")).toBeNull();
    expect(involvementEnd(closure, { status: ["CLOSED"] }, "2026-05-01")).toBeNull();
  });

  test("activity: a record that continues has no end; otherwise it ends on its last activity, counted by the activity lapse", () => {
    expect(involvementEnd(incidents, { reportedOn: "2026-02-01", activeInvestigation: true }, "2026-05-01")).toBeNull();
    expect(involvementEnd(incidents, { reportedOn: "2026-02-01", activeInvestigation: false }, "2026-05-01")).toEqual({ on: "2026-02-01", lapsesAfterDays: 180 });
    expect(involvementEnd(incidents, { activeInvestigation: false }, "2026-05-01")).toBeNull();
  });

  test("LAST_UPDATE: the last activity is the day the hub was told; a present field keeps it going", () => {
    expect(involvementEnd(registration, {}, "2026-05-01")).toEqual({ on: "2026-05-01", lapsesAfterDays: 180 });
    expect(involvementEnd(registration, { registeredOn: "2020-01-01" }, "2026-05-01")).toBeNull();
    expect(involvementEnd(registration, { registeredOn: null }, "2026-05-01")).toEqual({ on: "2026-05-01", lapsesAfterDays: 180 });
    expect(involvementEnd(registration, { registeredOn: "2020-01-01", deregisteredOn: "2026-03-01" }, "2026-05-01")).toEqual({ on: "2026-03-01", lapsesAfterDays: 30 });
  });
});

describe("involvementCurrent", () => {
  const updatedAt = new Date("2026-05-01T09:00:00Z");

  test("counts through the last day of the lapse in England, and not a day more", () => {
    const ended = { status: "CLOSED", closedOn: "2026-03-01" };
    expect(involvementCurrent(closure, ended, updatedAt, new Date("2026-05-30T12:00:00Z"))).toBe(true);
    expect(involvementCurrent(closure, ended, updatedAt, new Date("2026-05-30T22:59:59Z"))).toBe(true);
    expect(involvementCurrent(closure, ended, updatedAt, new Date("2026-05-30T23:00:00Z"))).toBe(false);
    expect(involvementCurrent(closure, ended, updatedAt, new Date("2026-05-31T12:00:00Z"))).toBe(false);
  });

  test("an ongoing involvement is current whenever it is asked", () => {
    expect(involvementCurrent(closure, { status: "OPEN" }, updatedAt, new Date("2036-01-01T12:00:00Z"))).toBe(true);
  });

  test("an end reported without a date dates from the day, in England, the hub was told", () => {
    const toldLateOnJune30 = new Date("2026-06-30T23:30:00Z");
    expect(involvementCurrent(closure, { status: "CLOSED" }, toldLateOnJune30, new Date("2026-09-28T12:00:00Z"))).toBe(true);
    expect(involvementCurrent(closure, { status: "CLOSED" }, toldLateOnJune30, new Date("2026-09-29T12:00:00Z"))).toBe(true);
    expect(involvementCurrent(closure, { status: "CLOSED" }, toldLateOnJune30, new Date("2026-09-30T12:00:00Z"))).toBe(false);
  });
});
