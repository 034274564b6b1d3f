import { ErrorCode } from "../../errors/HubError";
import { submitRecord } from "../../records/submitRecord";
import { listNotifications } from "../inbox/listNotifications";
import { Notification } from "../Notification";
import { NotificationDelivery } from "../NotificationDelivery";
import { type NotificationServices } from "../NotificationServices";
import { type OperationEncompassSubmission } from "../operationEncompass/OperationEncompassSubmission";
import { submitOperationEncompass } from "../operationEncompass/submitOperationEncompass";
import { agency, openNotificationDatabase, person, POLICY, type NotificationDatabase } from "./notificationDatabase";

// Monday 16 November 2026, 10:00: the DSL must have it by 08:30 on Tuesday.
const NOW = new Date("2026-11-16T10:00:00Z");
const FORCE_SYSTEM = person("system-police-91", "POLICE-91", "POLICE", ["AGENCY_SYSTEM"]);
const SCHOOL_SYSTEM = person("system-sch-700001", "SCH-700001", "EDUCATION", ["AGENCY_SYSTEM"]);
const DSL = person("dsl-sch-700001", "SCH-700001", "EDUCATION", ["SCHOOL_DSL"]);

const PUPIL = { sui: "9990740186", givenNames: "Tamsin", familyName: "Orchard", dateOfBirth: "2015-10-10", sex: "FEMALE" as const, address: { kind: "HOME" as const, line1: "8 Brook Street", postcode: "HP21 8BS", localAuthority: "E06000060" } };
const LEFT_THE_ROLL = { sui: "9990740194", givenNames: "Reuben", familyName: "Stile", dateOfBirth: "2014-02-14", sex: "MALE" as const };

function incident(reference: string, child: OperationEncompassSubmission["child"], parts: Partial<OperationEncompassSubmission> = {}): OperationEncompassSubmission {
  return {
    agencyCode: "POLICE-91", reference, occurredOn: "2026-11-15", reportedOn: "2026-11-15", childRole: "WITNESS", crimeReference: "VC-2026-118822",
    summary: "Neighbour at number 10 called 999 after hearing shouting", intelligence: "Partner has a history of violence at a previous address",
    officerName: "PC 4471 Hale", officerContact: "ppu@vale-police.example", activeInvestigation: true, child, ...parts,
  };
}

describe("Operation Encompass: the police tell the pupil's school's DSL of a domestic abuse incident before the next school day", () => {
  let db: NotificationDatabase;
  let services: NotificationServices;
  const deliveriesOf = (notificationId: string) => db.dataSource.getRepository(NotificationDelivery).find({ where: { notificationId } });

  beforeAll(async () => {
    db = await openNotificationDatabase([agency("SCH-700002", "Vale Secondary School", "EDUCATION", "E06000060", null)]);
    services = { dataSource: db.dataSource, policy: POLICY };
    await submitRecord(db.dataSource, SCHOOL_SYSTEM, { agencyCode: "SCH-700001", agencyReference: "UPN-700001-0001", child: PUPIL, education: { rollStatus: "ON_ROLL", onRollFrom: "2021-09-01" } }, NOW);
    await submitRecord(db.dataSource, SCHOOL_SYSTEM, { agencyCode: "SCH-700001", agencyReference: "UPN-700001-0002", child: LEFT_THE_ROLL, education: { rollStatus: "LEFT", onRollFrom: "2019-09-01", leftOn: "2026-07-20" } }, NOW);
  });
  afterAll(async () => db.close());

  test("the pupil's school is told: its DSL reads which pupil, the incident's type, dates and the child's role — never intelligence, the summary, the officer or who reported it", async () => {
    const receipt = await submitOperationEncompass(services, FORCE_SYSTEM, "req-encompass-1", incident("VC-DA-0001-C1", PUPIL), NOW);
    expect(receipt).toMatchObject({ outcome: "CREATED", recipients: [{ agencyCode: "SCH-700001", agencyType: "EDUCATION", rules: ["encompass-school-dsl"] }], unrouted: [] });
    const [delivery] = await deliveriesOf(receipt.notificationId);
    expect(delivery.content).toEqual({
      child: { sui: "9990740186", givenNames: "Tamsin", familyName: "Orchard", dateOfBirth: "2015-10-10" },
      domesticAbuseIncident: { incidentType: "DOMESTIC_ABUSE", occurredOn: "2026-11-15", reportedOn: "2026-11-15", childRole: "WITNESS" },
    });
    expect(delivery.redactions).toEqual(expect.arrayContaining([
      { path: "child.homeLocalAuthority", rule: "default-deny", reason: expect.any(String) },
      { path: "domesticAbuseIncident.crimeReference", rule: "law-enforcement-withheld", reason: expect.any(String) },
      { path: "domesticAbuseIncident.intelligence", rule: "law-enforcement-withheld", reason: expect.any(String) },
      { path: "domesticAbuseIncident.summary", rule: "third-party-withheld", reason: expect.any(String) },
      { path: "domesticAbuseIncident.officerName", rule: "default-deny", reason: expect.any(String) },
      { path: "domesticAbuseIncident.officerContact", rule: "default-deny", reason: expect.any(String) },
    ]));
    expect(delivery.redactions).toHaveLength(6);
    // Before the start of the next school day: 08:30 on Tuesday 17 November (GMT).
    expect(delivery.acknowledgeBy).toEqual(new Date("2026-11-17T08:30:00Z"));
    expect([delivery.purpose, delivery.lawfulBasis, delivery.specialCategoryCondition]).toEqual(["STRATEGY_DISCUSSION", "PUBLIC_TASK", "SAFEGUARDING_CHILDREN"]);

    const entry = await db.auditEntry(delivery.disclosureId);
    expect(entry).toMatchObject({ operation: "NOTIFICATION_DELIVERY", principalAgency: "SCH-700001", principalAgencyType: "EDUCATION", childSuis: ["9990740186"] });
    expect(entry.fieldsDisclosed.sort()).toEqual(["child.dateOfBirth", "child.familyName", "child.givenNames", "child.sui", "domesticAbuseIncident.childRole", "domesticAbuseIncident.incidentType", "domesticAbuseIncident.occurredOn", "domesticAbuseIncident.reportedOn"]);
    expect(entry.details).toMatchObject({ notificationType: "OPERATION_ENCOMPASS", event: "DOMESTIC_ABUSE_INCIDENT", sourceAgency: "POLICE-91", submittedBy: "system-police-91" });

    // The DSL reads it in the school's inbox, as delivered.
    const page = await listNotifications(services, DSL, "req-dsl-inbox", null, 10, null, NOW);
    expect(page.deliveries.map((read) => read.id)).toContain(delivery.id);
  });

  test("an incident on a Friday evening is due before school starts on Monday", async () => {
    const friday = new Date("2026-11-20T21:00:00Z");
    const receipt = await submitOperationEncompass(services, FORCE_SYSTEM, "req-encompass-friday", incident("VC-DA-0002-C1", PUPIL, { occurredOn: "2026-11-20", reportedOn: "2026-11-20" }), friday);
    const [delivery] = await deliveriesOf(receipt.notificationId);
    expect(delivery.acknowledgeBy).toEqual(new Date("2026-11-23T08:30:00Z"));
  });

  test("a child on no school's roll tells no school, and the force's receipt says so", async () => {
    const receipt = await submitOperationEncompass(services, FORCE_SYSTEM, "req-encompass-no-school", incident("VC-DA-0003-C1", LEFT_THE_ROLL), NOW);
    expect(receipt.recipients).toEqual([]);
    expect(receipt.unrouted).toEqual([{ rule: "encompass-school-dsl", area: "SCHOOL", localAuthority: null, outcome: "AREA_UNKNOWN", agencies: [] }]);
  });

  test.each([
    ["a police officer (the force's system sends them)", person("pc-vale-encompass", "POLICE-91", "POLICE", ["POLICE_OFFICER"]), "POLICE-91"],
    ["a school's system", SCHOOL_SYSTEM, "SCH-700001"],
    ["another force's system, for this force", person("system-police-92", "POLICE-92", "POLICE", ["AGENCY_SYSTEM"], "E10000019"), "POLICE-91"],
    ["a council's system claiming to be a police force", person("system-claimed", "LA-E06000060", "POLICE", ["AGENCY_SYSTEM"]), "LA-E06000060"],
  ])("%s may not: FORBIDDEN, nothing stored or told", async (_who, principal, agencyCode) => {
    const before = await db.dataSource.getRepository(Notification).count();
    await expect(submitOperationEncompass(services, principal, "req-encompass-forbidden", { ...incident("VC-DA-FORBIDDEN", PUPIL), agencyCode }, NOW)).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN, details: { path: "notification.agencyCode" } });
    expect(await db.dataSource.getRepository(Notification).count()).toBe(before);
  });

  test.each([
    ["an incident reported before it happened", { occurredOn: "2026-11-15", reportedOn: "2026-11-14" }, "notification.occurredOn", "INVALID_DATE"],
    ["an incident reported tomorrow", { occurredOn: null, reportedOn: "2026-11-17" }, "notification.reportedOn", "DATE_IN_FUTURE"],
  ])("%s is refused at its path with a stable problem", async (_what, parts, path, problem) => {
    await expect(submitOperationEncompass(services, FORCE_SYSTEM, "req-encompass-invalid", incident("VC-DA-INVALID", PUPIL, parts), NOW)).rejects.toMatchObject({ code: ErrorCode.INVALID_INPUT, details: { path, problem } });
  });
});
