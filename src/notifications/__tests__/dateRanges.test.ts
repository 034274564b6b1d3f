import { ErrorCode } from "../../errors/HubError";
import { type ChildVictimSubmission } from "../childVictims/ChildVictimSubmission";
import { submitChildVictim } from "../childVictims/submitChildVictim";
import { Notification } from "../Notification";
import { checkOffenderBirthDate } from "../submission/NotificationProblem";
import { submitPprcNotification, type NotificationServices } from "../submitPprcNotification";
import { openNotificationDatabase, person, POLICY, PRISON_SYSTEM, releaseOf, type NotificationDatabase } from "./notificationDatabase";

// Monday 16 November 2026.
const NOW = new Date("2026-11-16T10:00:00Z");
const FORCE_SYSTEM = person("system-police-91-dates", "POLICE-91", "POLICE", ["AGENCY_SYSTEM"]);
const PRISONER = { ...releaseOf("x").prisoner, prisonNumber: "A5120TT", givenNames: "Osric", familyName: "Pellow", dateOfBirth: "1979-09-09" };
const CHILD = { ...releaseOf("x").childrenAtRisk![0], reference: "NF-DATES-C1", sui: null, givenNames: "Bryony", familyName: "Pellow", dateOfBirth: "2014-04-04" };
const pprc = (reference: string, parts: Parameters<typeof releaseOf>[1]) => releaseOf(reference, { prisoner: PRISONER, childrenAtRisk: [CHILD], ...parts });

function victimReferral(reference: string, parts: Partial<ChildVictimSubmission> = {}): ChildVictimSubmission {
  return {
    agencyCode: "POLICE-91", reference, incidentType: "CRIME", occurredOn: "2026-11-14", reportedOn: "2026-11-15", crimeReference: "VC-2026-DR01",
    summary: "Pushed over outside the shop", intelligence: null, officerName: "DC 14 Ree", officerContact: "cid@vale-police.example",
    child: { sui: null, givenNames: "Tobin", familyName: "Saltash", dateOfBirth: "2013-06-06", sex: "MALE", address: { kind: "HOME", line1: "8 Mere Lane", town: "Fenby", postcode: "PE21 3MM", localAuthority: "E10000019" } },
    ...parts,
  };
}

/**
 * A date written correctly can still be impossible: a prisoner born two years ago (routed to a youth
 * offending team as a child), a child born after the day they were at risk, an event in 2999 or 1901.
 * Each is refused at the edge (INVALID_INPUT, DATE_OUT_OF_RANGE at its path), nothing stored or routed.
 */
describe("notification dates outside what can be true", () => {
  let db: NotificationDatabase;
  let services: NotificationServices;
  beforeAll(async () => {
    db = await openNotificationDatabase();
    services = { dataSource: db.dataSource, policy: POLICY };
  });
  afterAll(async () => db.close());

  test.each([
    ["a prisoner born in 2024", { prisoner: { ...PRISONER, dateOfBirth: "2024-01-01" } }, "notification.prisoner.dateOfBirth"],
    ["a prisoner born after the event", { prisoner: { ...PRISONER, dateOfBirth: "2027-01-01" } }, "notification.prisoner.dateOfBirth"],
    ["a prisoner born in 1800", { prisoner: { ...PRISONER, dateOfBirth: "1800-01-01" } }, "notification.prisoner.dateOfBirth"],
    ["an event in 2999", { eventDate: "2999-11-16" }, "notification.eventDate"],
    ["an event in 1901", { eventDate: "1901-11-16" }, "notification.eventDate"],
    ["a release in 2999", { release: { ...releaseOf("x").release!, date: "2999-11-20" } }, "notification.release.date"],
    ["a release decades before the event", { release: { ...releaseOf("x").release!, date: "1990-11-20" } }, "notification.release.date"],
    ["a return before the temporary release", { event: "TEMPORARY_RELEASE" as const, release: null, returnDate: "2026-11-01" }, "notification.returnDate"],
    ["a child born after the event", { childrenAtRisk: [{ ...CHILD, dateOfBirth: "2027-02-02" }] }, "notification.childrenAtRisk[0].dateOfBirth"],
  ])("PPRC: %s is INVALID_INPUT, DATE_OUT_OF_RANGE, nothing stored", async (what, parts, path) => {
    const reference = `NF-DATES-${what.replace(/\W+/g, "-")}`.slice(0, 60);
    await expect(submitPprcNotification(services, PRISON_SYSTEM, `req-${reference}`, pprc(reference, parts), NOW))
      .rejects.toMatchObject({ code: ErrorCode.INVALID_INPUT, details: { path, problem: "DATE_OUT_OF_RANGE" } });
    expect(await db.dataSource.getRepository(Notification).countBy({ sourceReference: reference })).toBe(0);
  });

  test("PPRC: a child of 18 or over on the day is not a child at risk: NOT_A_CHILD", async () => {
    await expect(submitPprcNotification(services, PRISON_SYSTEM, "req-dates-adult-child", pprc("NF-DATES-ADULT-CHILD", { childrenAtRisk: [{ ...CHILD, dateOfBirth: "2001-01-01" }] }), NOW))
      .rejects.toMatchObject({ code: ErrorCode.INVALID_INPUT, details: { path: "notification.childrenAtRisk[0].dateOfBirth", problem: "NOT_A_CHILD" } });
  });

  test.each([
    ["a victim born in the future", { child: { ...victimReferral("x").child, dateOfBirth: "2027-03-03" } }, "notification.child.dateOfBirth"],
    ["an incident in 1901", { occurredOn: "1901-11-14" }, "notification.occurredOn"],
  ])("a child victim referral with %s is INVALID_INPUT at its path, nothing stored", async (what, parts, path) => {
    const reference = `VC-DATES-${what.replace(/\W+/g, "-")}`.slice(0, 60);
    await expect(submitChildVictim(services, FORCE_SYSTEM, `req-${reference}`, victimReferral(reference, parts), NOW))
      .rejects.toMatchObject({ code: ErrorCode.INVALID_INPUT, details: { path } });
    expect(await db.dataSource.getRepository(Notification).countBy({ sourceReference: reference })).toBe(0);
  });

  test("an ordinary release still goes through", async () => {
    expect((await submitPprcNotification(services, PRISON_SYSTEM, "req-dates-ok", pprc("NF-DATES-OK", {}), NOW)).outcome).toBe("CREATED");
  });
});

describe("an offender's date of birth", () => {
  // Not an event's date: an adult's birth lies far more than 18 years back, and is still bounded.
  const NOW_DAY = new Date("2026-11-16T10:00:00Z");
  it.each([
    ["born 1975", "1975-10-10", null],
    ["born ten years ago to the day", "2016-11-16", null],
    ["born nine years ago", "2017-11-16", "DATE_OUT_OF_RANGE"],
    ["born after today", "2027-01-01", "DATE_OUT_OF_RANGE"],
    ["born 1900", "1900-01-01", "DATE_OUT_OF_RANGE"],
    ["written 10/10/1975", "10/10/1975", "INVALID_DATE"],
  ])("%s", (_what, dateOfBirth, problem) => {
    const check = () => checkOffenderBirthDate(dateOfBirth, "notification.offender.dateOfBirth", NOW_DAY);
    if (problem === null) expect(check).not.toThrow();
    else expect(check).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_INPUT, details: expect.objectContaining({ path: "notification.offender.dateOfBirth", problem }) }));
  });
});
