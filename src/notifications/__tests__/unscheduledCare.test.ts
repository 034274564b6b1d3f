import { discloseChildRecord } from "../../disclosure/discloseChildRecord";
import { type DirectoryEntry } from "../../directory/DirectoryEntry";
import { ErrorCode } from "../../errors/HubError";
import { AgencyRecord } from "../../records/AgencyRecord";
import { type AgencyRecordSubmission } from "../../records/AgencyRecordSubmission";
import { submitRecord } from "../../records/submitRecord";
import { Notification } from "../Notification";
import { NotificationDelivery } from "../NotificationDelivery";
import { type NotificationServices } from "../NotificationServices";
import { submitUnscheduledCareAttendance } from "../unscheduledCare/submitUnscheduledCareAttendance";
import { type UnscheduledCareAttendanceSubmission } from "../unscheduledCare/UnscheduledCareAttendanceSubmission";
import { agency, openNotificationDatabase, person, POLICY, type NotificationDatabase } from "./notificationDatabase";

// Monday 16 November 2026, mid-morning.
const NOW = new Date("2026-11-16T10:00:00Z");

const ED: DirectoryEntry = { ...agency("RBH-ED", "Vale General emergency department", "HEALTH", "E06000060", "ed.safeguarding@valegeneral.example"), unscheduledCareSetting: "EMERGENCY_DEPARTMENT" };
const OUT_OF_HOURS: DirectoryEntry = { ...agency("OOH-VALE", "Vale out-of-hours GP service", "HEALTH", "E06000060", null), unscheduledCareSetting: "OUT_OF_HOURS_GP" };
const GP = agency("GP-K99001", "Osier Lane surgery", "HEALTH", "E06000060", null);

const ED_SYSTEM = person("system-rbh-ed", "RBH-ED", "HEALTH", ["AGENCY_SYSTEM"]);
const ED_CLINICIAN = person("dr-rbh-ed-1", "RBH-ED", "HEALTH", ["HEALTH_PRACTITIONER"]);
const GP_SYSTEM = person("system-gp-k99001", "GP-K99001", "HEALTH", ["AGENCY_SYSTEM"]);
const GP_CLINICIAN = person("dr-gp-k99001", "GP-K99001", "HEALTH", ["HEALTH_PRACTITIONER"]);
const SCHOOL_SYSTEM = person("system-sch-700001", "SCH-700001", "EDUCATION", ["AGENCY_SYSTEM"]);
const SCHOOL_DSL = person("dsl-sch-700001", "SCH-700001", "EDUCATION", ["SCHOOL_DSL"]);
const VALE_SYSTEM = person("system-la-vale", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["AGENCY_SYSTEM"]);
const FENSHIRE_SYSTEM = person("system-la-fen", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["AGENCY_SYSTEM"], "E10000019");

const ON_PLAN = { sui: "9990740003", givenNames: "Mabel", familyName: "Thornbury", dateOfBirth: "2019-04-02", sex: "FEMALE" as const, address: { kind: "HOME" as const, line1: "2 Mill Row", postcode: "HP21 8MR", localAuthority: "E06000060" } };
const LOOKED_AFTER = { sui: "9990740011", givenNames: "Rory", familyName: "Calder", dateOfBirth: "2014-07-19", sex: "MALE" as const };
const UNBORN = { givenNames: "Baby", familyName: "Quillan", expectedDateOfBirth: "2027-01-20", sex: "NOT_KNOWN" as const, address: { kind: "HOME" as const, line1: "7 Sedge Court", postcode: "HP21 9SC", localAuthority: "E06000060" } };
const NO_PLAN = { sui: "9990740038", givenNames: "Ivy", familyName: "Marsh", dateOfBirth: "2016-02-11", sex: "FEMALE" as const };
const PLAN_ENDED = { sui: "9990740046", givenNames: "Otto", familyName: "Fenn", dateOfBirth: "2017-09-30", sex: "MALE" as const };

function plan(agencyCode: string, reference: string, child: AgencyRecordSubmission["child"], socialCare: AgencyRecordSubmission["socialCare"]): AgencyRecordSubmission {
  return { agencyCode, agencyReference: reference, child, socialCare };
}

function attendance(reference: string, child: UnscheduledCareAttendanceSubmission["child"], parts: Partial<UnscheduledCareAttendanceSubmission> = {}): UnscheduledCareAttendanceSubmission {
  return { agencyCode: "RBH-ED", reference, attendedOn: "2026-11-16", presentingComplaint: "Scald to the left forearm", child, ...parts };
}

const READ = { purpose: "REFERRAL_TRIAGE" as const, lawfulBasis: "PUBLIC_TASK" as const, specialCategoryCondition: "SAFEGUARDING_CHILDREN" as const, justification: "Child attended with an unexplained scald", caseReference: null, breakGlass: false };

describe("CP-IS: an unscheduled-care attendance by a child on a plan tells the authority holding it", () => {
  let db: NotificationDatabase;
  let services: NotificationServices;
  const deliveriesOf = (notificationId: string) => db.dataSource.getRepository(NotificationDelivery).find({ where: { notificationId }, order: { recipientAgency: "ASC" } });

  beforeAll(async () => {
    db = await openNotificationDatabase([ED, OUT_OF_HOURS, GP]);
    services = { dataSource: db.dataSource, policy: POLICY };
    const social = { planCategory: null, legalStatus: null, endDate: null, allocatedWorkerName: "Vale children in need team", allocatedWorkerContact: "cin@vale.example" };
    await submitRecord(db.dataSource, VALE_SYSTEM, plan("LA-E06000060", "VALE-CP-0001", ON_PLAN, { ...social, status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-09-01", responsibleLocalAuthority: "E06000060" }), NOW);
    await submitRecord(db.dataSource, FENSHIRE_SYSTEM, plan("LA-E10000019", "FEN-LAC-0001", LOOKED_AFTER, { ...social, status: "LOOKED_AFTER", legalStatus: "SECTION_31_CARE_ORDER", startDate: "2025-03-01", responsibleLocalAuthority: "E10000019" }), NOW);
    await submitRecord(db.dataSource, VALE_SYSTEM, plan("LA-E06000060", "VALE-PB-0001", UNBORN, { ...social, status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-10-05", responsibleLocalAuthority: "E06000060" }), NOW);
    await submitRecord(db.dataSource, VALE_SYSTEM, plan("LA-E06000060", "VALE-CP-0002", PLAN_ENDED, { ...social, status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2025-01-10", endDate: "2026-10-01", responsibleLocalAuthority: "E06000060" }), NOW);
    // The GP practice and the school hold the child on a plan too: each may read the child's file.
    await submitRecord(db.dataSource, GP_SYSTEM, { agencyCode: "GP-K99001", agencyReference: "K99001-P-0001", child: ON_PLAN, health: { gpPracticeCode: "K99001", gpPracticeName: "Osier Lane surgery", registeredOn: "2019-05-01" } }, NOW);
    await submitRecord(db.dataSource, SCHOOL_SYSTEM, { agencyCode: "SCH-700001", agencyReference: "SCH-700001-P-0001", child: ON_PLAN, education: { rollStatus: "ON_ROLL", onRollFrom: "2023-09-01" } }, NOW);
  });
  afterAll(async () => db.close());

  test("a child on a child protection plan: the holding authority's social worker learns which child, when, where and why", async () => {
    const receipt = await submitUnscheduledCareAttendance(services, ED_SYSTEM, "req-cpis-1", attendance("ED-2026-0001", ON_PLAN), NOW);
    expect(receipt).toMatchObject({ outcome: "CREATED", recipients: [{ agencyCode: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE", rules: ["cpis-attendance-plan-holder"] }], unrouted: [] });
    const [delivery] = await deliveriesOf(receipt.notificationId);
    expect(delivery.content).toEqual({
      child: { sui: "9990740003", givenNames: "Mabel", familyName: "Thornbury", dateOfBirth: "2019-04-02", homeLocalAuthority: "E06000060" },
      unscheduledCareAttendance: { attendedOn: "2026-11-16", setting: "EMERGENCY_DEPARTMENT", site: "Vale General emergency department", siteCode: "RBH-ED", presentingComplaint: "Scald to the left forearm" },
    });
    expect(delivery.redactions).toEqual([]);
    expect(delivery.childSuis).toEqual(["9990740003"]);
    expect(delivery.acknowledgeBy).toEqual(new Date("2026-11-17T23:59:59.999Z"));
    expect([delivery.purpose, delivery.lawfulBasis, delivery.specialCategoryCondition, delivery.responseRequested]).toEqual(["REFERRAL_TRIAGE", "PUBLIC_TASK", "SAFEGUARDING_CHILDREN", false]);

    const entry = await db.auditEntry(delivery.disclosureId);
    expect(entry).toMatchObject({ operation: "NOTIFICATION_DELIVERY", outcome: "DISCLOSED", principalAgency: "LA-E06000060", purpose: "REFERRAL_TRIAGE", childSuis: ["9990740003"], prejudicesInvestigation: false });
    expect(entry.fieldsDisclosed).toContain("unscheduledCareAttendance.presentingComplaint");
    const notification = await db.dataSource.getRepository(Notification).findOneByOrFail({ id: receipt.notificationId });
    expect(entry.details).toMatchObject({ notificationType: "UNSCHEDULED_CARE_ATTENDANCE", event: "ATTENDANCE", sourceAgency: "RBH-ED", submittedBy: "system-rbh-ed", routingRules: ["cpis-attendance-plan-holder"], recordIds: notification.recordIds });
    expect(notification.routing).toEqual([{ rule: "cpis-attendance-plan-holder", area: "PLAN_HOLDER", localAuthority: null, agency: "LA-E06000060", outcome: "ROUTED", agencies: ["LA-E06000060"], directoryVersions: { "LA-E06000060": 1 } }]);
    // Stored through the record path as the setting's own health record of the child.
    const [record] = await db.dataSource.getRepository(AgencyRecord).find({ where: { id: notification.recordIds[0] }, relations: { child: true } });
    expect([record.recordType, record.agencyReference, record.child?.sui]).toEqual(["HEALTH", "ED-2026-0001", "9990740003"]);
  });

  test("a looked-after child tells the authority looking after them, wherever the attendance", async () => {
    const receipt = await submitUnscheduledCareAttendance(services, person("system-ooh", "OOH-VALE", "HEALTH", ["AGENCY_SYSTEM"]), "req-cpis-2", { ...attendance("OOH-2026-0001", LOOKED_AFTER), agencyCode: "OOH-VALE", presentingComplaint: null }, NOW);
    expect(receipt.recipients).toEqual([{ agencyCode: "LA-E10000019", agencyType: "CHILDRENS_SOCIAL_CARE", rules: ["cpis-attendance-plan-holder"] }]);
    const [delivery] = await deliveriesOf(receipt.notificationId);
    expect(delivery.content.unscheduledCareAttendance).toEqual({ attendedOn: "2026-11-16", setting: "OUT_OF_HOURS_GP", site: "Vale out-of-hours GP service", siteCode: "OOH-VALE" });
  });

  test("an unborn child on a pre-birth plan, matched on the expected date of birth, tells the authority holding the plan", async () => {
    const receipt = await submitUnscheduledCareAttendance(services, ED_SYSTEM, "req-cpis-3", attendance("ED-2026-0003", UNBORN, { presentingComplaint: "Reduced fetal movements" }), NOW);
    expect(receipt.recipients.map((recipient) => recipient.agencyCode)).toEqual(["LA-E06000060"]);
    const [delivery] = await deliveriesOf(receipt.notificationId);
    expect(delivery.content.child).toEqual({ givenNames: "Baby", familyName: "Quillan", expectedDateOfBirth: "2027-01-20", homeLocalAuthority: "E06000060" });
    expect(delivery.childSuis).toEqual([]);
  });

  test("a child on no plan, or whose plan has ended, tells no one; the attendance is still the setting's record", async () => {
    for (const [reference, child] of [["ED-2026-0004", NO_PLAN], ["ED-2026-0005", PLAN_ENDED]] as const) {
      const receipt = await submitUnscheduledCareAttendance(services, ED_SYSTEM, `req-${reference}`, attendance(reference, child), NOW);
      expect([receipt.recipients, receipt.unrouted]).toEqual([[], []]);
      expect(await deliveriesOf(receipt.notificationId)).toEqual([]);
      const notification = await db.dataSource.getRepository(Notification).findOneByOrFail({ id: receipt.notificationId });
      expect(notification.recordIds).toHaveLength(1);
    }
  });

  test.each([
    ["the setting's clinician (CP-IS is the setting's system)", ED_CLINICIAN, "RBH-ED", undefined],
    ["a GP practice's system: not an unscheduled-care setting", GP_SYSTEM, "GP-K99001", "NOT_THIS_SERVICE"],
    ["a school's system", SCHOOL_SYSTEM, "SCH-700001", undefined],
    ["a council claiming to be a health agency", person("system-claimed", "LA-E06000060", "HEALTH", ["AGENCY_SYSTEM"]), "LA-E06000060", undefined],
    ["another setting's system, for the emergency department", person("system-ooh", "OOH-VALE", "HEALTH", ["AGENCY_SYSTEM"]), "RBH-ED", undefined],
  ])("%s may not: FORBIDDEN, nothing stored or told", async (_who, principal, agencyCode, problem) => {
    const before = await db.dataSource.getRepository(Notification).count();
    const records = await db.dataSource.getRepository(AgencyRecord).count();
    await expect(submitUnscheduledCareAttendance(services, principal, "req-cpis-forbidden", { ...attendance("FORBIDDEN-1", NO_PLAN), agencyCode }, NOW))
      .rejects.toMatchObject({ code: ErrorCode.FORBIDDEN, details: { path: "notification.agencyCode", ...(problem ? { problem } : {}) } });
    expect(await db.dataSource.getRepository(Notification).count()).toBe(before);
    expect(await db.dataSource.getRepository(AgencyRecord).count()).toBe(records);
  });

  test.each([
    ["an attendance dated tomorrow", { attendedOn: "2026-11-17" }, "notification.attendedOn", "DATE_IN_FUTURE"],
    ["an attendance date that is not one", { attendedOn: "16/11/2026" }, "notification.attendedOn", "INVALID_DATE"],
    ["a blank reference", { reference: " " }, "notification.reference", "REFERENCE_REQUIRED"],
    ["a child with both a date of birth and an expected one", { child: { ...NO_PLAN, expectedDateOfBirth: "2027-01-01" } }, "notification.child.dateOfBirth", "BIRTH_DATE_REQUIRED"],
  ])("%s is refused at its path with a stable problem", async (_what, parts, path, problem) => {
    await expect(submitUnscheduledCareAttendance(services, ED_SYSTEM, "req-cpis-invalid", attendance("ED-INVALID", NO_PLAN, parts), NOW)).rejects.toMatchObject({ code: ErrorCode.INVALID_INPUT, details: { path, problem } });
  });

  test("an invalid SUI is INVALID_SUI at its path", async () => {
    await expect(submitUnscheduledCareAttendance(services, ED_SYSTEM, "req-cpis-sui", attendance("ED-SUI", { ...NO_PLAN, sui: "9990740004" }), NOW))
      .rejects.toMatchObject({ code: ErrorCode.INVALID_SUI, details: { path: "notification.child.sui" } });
  });

  test("the same reference again is the same notification: nothing told twice", async () => {
    const first = await submitUnscheduledCareAttendance(services, ED_SYSTEM, "req-cpis-again-1", attendance("ED-2026-0009", ON_PLAN), NOW);
    const again = await submitUnscheduledCareAttendance(services, ED_SYSTEM, "req-cpis-again-2", attendance("ED-2026-0009", ON_PLAN), NOW);
    expect([again.outcome, again.notificationId]).toEqual(["UNCHANGED", first.notificationId]);
    expect(await db.auditByRequest("req-cpis-again-2")).toEqual([]);
  });

  describe("the CP-IS access notification", () => {
    const accessDeliveries = async () => (await db.dataSource.getRepository(NotificationDelivery).find({ order: { deliveredAt: "ASC" } }))
      .filter((delivery) => delivery.content.planAccess !== undefined);

    test("a clinician in an emergency department shown the plan tells the authority holding it, where and when", async () => {
      const before = (await accessDeliveries()).length;
      const view = await discloseChildRecord(services, ED_CLINICIAN, "req-ed-read", "9990740003", READ, NOW);
      expect(view?.socialCare?.[0]?.status).toBe("CHILD_PROTECTION_PLAN");
      const deliveries = await accessDeliveries();
      expect(deliveries).toHaveLength(before + 1);
      const delivery = deliveries[deliveries.length - 1];
      expect(delivery.recipientAgency).toBe("LA-E06000060");
      expect(delivery.routingRules).toEqual(["cpis-access-plan-holder"]);
      expect(delivery.content).toEqual({
        child: { sui: "9990740003", givenNames: "Mabel", familyName: "Thornbury", dateOfBirth: "2019-04-02", homeLocalAuthority: "E06000060" },
        planAccess: { viewedAt: NOW.toISOString(), setting: "EMERGENCY_DEPARTMENT", site: "Vale General emergency department", siteCode: "RBH-ED", planKind: "CHILD_PROTECTION_PLAN", planReference: "VALE-CP-0001" },
      });
      // For information: never escalated.
      expect(delivery.acknowledgeBy).toBeNull();
      const entry = await db.auditEntry(delivery.disclosureId);
      expect(entry).toMatchObject({ operation: "NOTIFICATION_DELIVERY", requestId: "req-ed-read", principalAgency: "LA-E06000060", childSuis: ["9990740003"] });
      expect(entry.details).toMatchObject({ notificationType: "PLAN_ACCESS", sourceAgency: "RBH-ED", submittedBy: "dr-rbh-ed-1" });
    });

    test.each([
      ["a GP", GP_CLINICIAN],
      ["a school's DSL", SCHOOL_DSL],
    ])("%s shown the same plan tells no one", async (_who, reader) => {
      const before = (await accessDeliveries()).length;
      const view = await discloseChildRecord(services, reader, `req-read-${reader.sub}`, "9990740003", { ...READ, purpose: reader.roles.includes("SCHOOL_DSL") ? "STRATEGY_DISCUSSION" : "REFERRAL_TRIAGE" }, NOW);
      expect(view?.socialCare?.[0]?.status).toBe("CHILD_PROTECTION_PLAN");
      expect(await accessDeliveries()).toHaveLength(before);
    });

    test("a clinician shown a child on no plan tells no one", async () => {
      const before = (await accessDeliveries()).length;
      await discloseChildRecord(services, ED_CLINICIAN, "req-ed-read-no-plan", "9990740038", READ, NOW);
      expect(await accessDeliveries()).toHaveLength(before);
    });
  });
});
