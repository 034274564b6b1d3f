import { listIgAlerts } from "../../alerts/reviewIgAlerts";
import { exportDisclosures } from "../../audit/exportDisclosures";
import { listDisclosures } from "../../audit/listDisclosures";
import { submitRecord } from "../../records/submitRecord";
import { type DirectoryEntry } from "../../directory/DirectoryEntry";
import { recordExclusion } from "../../exclusions/manageExclusions";
import { type AccessContext } from "../../policy/AccessContext";
import { escalateOverdue } from "../escalation/escalateOverdue";
import { acknowledgeNotification } from "../inbox/acknowledgeNotification";
import { listNotifications } from "../inbox/listNotifications";
import { deliveriesAsTheyLeave } from "../deliveriesAsTheyLeave";
import { Notification } from "../Notification";
import { NotificationDelivery } from "../NotificationDelivery";
import { type NotificationReceipt } from "../NotificationReceipt";
import { type NotificationServices } from "../NotificationServices";
import { submitOperationEncompass } from "../operationEncompass/submitOperationEncompass";
import { submitPprcNotification } from "../submitPprcNotification";
import { submitUnscheduledCareAttendance } from "../unscheduledCare/submitUnscheduledCareAttendance";
import { webhookBody } from "../../webhooks/webhookBody";
import { listDeadWebhooks } from "../../webhooks/deadLetters";
import { WebhookDelivery } from "../../webhooks/WebhookDelivery";
import { WebhookStatus } from "../../webhooks/WebhookStatus";
import { agency, openNotificationDatabase, person, POLICY, PRISON_SYSTEM, releaseOf, type NotificationDatabase } from "./notificationDatabase";

const NOW = new Date("2026-11-16T10:00:00Z");
const ED: DirectoryEntry = { ...agency("RBH-ED-RR", "Vale General emergency department", "HEALTH", "E06000060", null), unscheduledCareSetting: "EMERGENCY_DEPARTMENT" };
const ED_SYSTEM = person("system-rbh-ed-rr", "RBH-ED-RR", "HEALTH", ["AGENCY_SYSTEM"]);
const ED_IG_LEAD = person("ig-rbh-ed-rr", "RBH-ED-RR", "HEALTH", ["IG_LEAD"]);
const FORCE_SYSTEM = person("system-police-91-rr", "POLICE-91", "POLICE", ["AGENCY_SYSTEM"]);
const SCHOOL_SYSTEM = person("system-sch-700001-rr", "SCH-700001", "EDUCATION", ["AGENCY_SYSTEM"]);
const SCHOOL_DSL = person("dsl-sch-700001-rr", "SCH-700001", "EDUCATION", ["SCHOOL_DSL"]);
const SCHOOL_IG_LEAD = person("ig-sch-700001-rr", "SCH-700001", "EDUCATION", ["IG_LEAD"]);
const OTHER_SCHOOL = agency("SCH-700009", "Vale Upper School", "EDUCATION", "E06000060", null);
const OTHER_SCHOOL_SYSTEM = person("system-sch-700009-rr", "SCH-700009", "EDUCATION", ["AGENCY_SYSTEM"]);
const FENSHIRE_SYSTEM = person("system-la-fen-rr", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["AGENCY_SYSTEM"], "E10000019");
const FORCE_IG_LEAD = person("ig-police-91-rr", "POLICE-91", "POLICE", ["IG_LEAD"]);
const FENSHIRE_WORKER = person("sw-fen-rr", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], "E10000019");

// This file's own children: one whose school holds them under a sealed record (a new identity), one
// whose plan is held under a sealed record.
const SEALED_PUPIL = { sui: "9990746028", givenNames: "Rowan", familyName: "Hartsell", dateOfBirth: "2014-12-12", sex: "MALE" as const, address: { kind: "HOME" as const, line1: "1 Quiet Lane", postcode: "HP21 1QL", localAuthority: "E06000060" } };
const UNROLLED_PUPIL = { givenNames: "Sorrel", familyName: "Penhale", dateOfBirth: "2014-07-30", sex: "FEMALE" as const, address: { kind: "HOME" as const, line1: "2 Quiet Lane", postcode: "HP21 1QL", localAuthority: "E06000060" } };
const BROKERED_PUPIL = { sui: "9990746230", givenNames: "Aspen", familyName: "Merridew", dateOfBirth: "2013-03-03", sex: "MALE" as const, address: { kind: "HOME" as const, line1: "5 Quiet Lane", postcode: "HP21 1QL", localAuthority: "E06000060" } };
const TWO_SCHOOLS_PUPIL = { sui: "9990746249", givenNames: "Bryony", familyName: "Castell", dateOfBirth: "2012-11-19", sex: "FEMALE" as const, address: { kind: "HOME" as const, line1: "7 Quiet Lane", postcode: "HP21 1QL", localAuthority: "E06000060" } };
const SEALED_PLAN_CHILD = { sui: "9990746036", givenNames: "Juniper", familyName: "Ashcombe", dateOfBirth: "2018-01-09", sex: "FEMALE" as const, address: { kind: "HOME" as const, line1: "4 Quiet Lane", postcode: "HP21 1QL", localAuthority: "E06000060" } };
// The new identities the sealed records hold: what the notifier sends (the old identity, the old home)
// must never reach the agency that knows the child only by these.
const PUPIL_NEW_IDENTITY = { ...SEALED_PUPIL, givenNames: "Robin", familyName: "Tamblyn", dateOfBirth: "2014-11-02", address: { kind: "HOME" as const, line1: "12 Furze Row", postcode: "PE21 9FR", localAuthority: "E10000019" } };
const PLAN_CHILD_NEW_IDENTITY = { ...SEALED_PLAN_CHILD, givenNames: "Ivy", familyName: "Penrose", dateOfBirth: "2017-12-20", address: { kind: "HOME" as const, line1: "14 Furze Row", postcode: "PE21 9FR", localAuthority: "E10000019" } };
/** Anything of the identity the notifier gave (names, date of birth, the home), in any view or body. */
const OLD_IDENTITY = /Rowan|Hartsell|2014-12-12|Juniper|Ashcombe|2018-01-09|Quiet Lane|HP21|E06000060/;

/**
 * A sealed record contributes nothing to anyone outside it — its routing included. A notification
 * routed through a sealed record would tell the notifier, on its receipt, which school a child with a
 * new identity attends or which authority holds their plan, and tell that agency of the child under
 * the identity the seal keeps apart. The child is routed as if the sealed record were not held — except
 * to the agency whose own sealed record holds the child's plan or has the pupil on its roll: it is told
 * (the record is its own, and the duty is to tell the plan holder, the school), and nobody else learns of
 * it. A brokered record never routes.
 */
let db: NotificationDatabase;
let services: NotificationServices;
beforeAll(async () => {
  db = await openNotificationDatabase([ED, OTHER_SCHOOL]);
  services = { dataSource: db.dataSource, policy: POLICY };
});
afterAll(async () => db.close());

const opened: NotificationDatabase[] = [];
afterEach(async () => {
  for (const own of opened.splice(0)) await own.close();
});
/** A database of the test's own, for a test that escalates everything overdue. */
async function databaseOfItsOwn(): Promise<{ db: NotificationDatabase; services: NotificationServices }> {
  const own = await openNotificationDatabase([ED, OTHER_SCHOOL]);
  opened.push(own);
  return { db: own, services: { dataSource: own.dataSource, policy: POLICY } };
}

describe("routing never goes through a restricted record, but the agency whose own sealed record holds the child is told", () => {
  beforeAll(async () => {
    await submitRecord(db.dataSource, SCHOOL_SYSTEM, { agencyCode: "SCH-700001", agencyReference: "UPN-RR-0001", child: PUPIL_NEW_IDENTITY, labels: ["SEALED"], education: { rollStatus: "ON_ROLL", onRollFrom: "2025-09-01" } }, NOW);
    await submitRecord(db.dataSource, SCHOOL_SYSTEM, { agencyCode: "SCH-700001", agencyReference: "UPN-RR-0003", child: BROKERED_PUPIL, labels: ["BROKERED"], education: { rollStatus: "ON_ROLL", onRollFrom: "2025-09-01" } }, NOW);
    await submitRecord(db.dataSource, SCHOOL_SYSTEM, { agencyCode: "SCH-700001", agencyReference: "UPN-RR-0004", child: TWO_SCHOOLS_PUPIL, labels: ["SEALED"], education: { rollStatus: "ON_ROLL", onRollFrom: "2025-09-01" } }, NOW);
    await submitRecord(db.dataSource, OTHER_SCHOOL_SYSTEM, { agencyCode: "SCH-700009", agencyReference: "UPN-RR-9001", child: TWO_SCHOOLS_PUPIL, education: { rollStatus: "ON_ROLL", onRollFrom: "2025-09-01" } }, NOW);
    await submitRecord(db.dataSource, FENSHIRE_SYSTEM, { agencyCode: "LA-E10000019", agencyReference: "FEN-RR-CP-1", child: PLAN_CHILD_NEW_IDENTITY, labels: ["SEALED"],
      socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-06-01", responsibleLocalAuthority: "E10000019" } }, NOW);
  });

  test("Operation Encompass: the school holding the pupil under its own sealed record is told, and only it; the force's receipt is as for a pupil on no school's roll", async () => {
    const incident = (reference: string, child: typeof SEALED_PUPIL | typeof UNROLLED_PUPIL) => ({
      agencyCode: "POLICE-91", reference, occurredOn: "2026-11-15", reportedOn: "2026-11-15", childRole: "WITNESS" as const, crimeReference: `${reference}-CR`,
      summary: "Shouting reported by a neighbour", intelligence: "Known to the force at a previous address", officerName: "PC 9 Vane", officerContact: "ppu@vale-police.example", activeInvestigation: false, child,
    });
    const stranger = await submitOperationEncompass(services, FORCE_SYSTEM, "req-rr-encompass-unrolled", incident("VC-RR-DA-0", UNROLLED_PUPIL), NOW);
    expect(stranger.unrouted).toMatchObject([{ rule: "encompass-school-dsl", outcome: "AREA_UNKNOWN" }]);
    const receipt = await submitOperationEncompass(services, FORCE_SYSTEM, "req-rr-encompass", incident("VC-RR-DA-1", SEALED_PUPIL), NOW);
    expect([receipt.recipients, receipt.unrouted]).toEqual([stranger.recipients, stranger.unrouted]);
    expect(JSON.stringify(receipt)).not.toContain("SCH-700001");
    const deliveries = await db.dataSource.getRepository(NotificationDelivery).findBy({ notificationId: receipt.notificationId });
    expect(deliveries.map((delivery) => [delivery.recipientAgency, delivery.routingRules, delivery.decidedAs])).toEqual([["SCH-700001", ["encompass-school-dsl"], "SCHOOL_DSL"]]);
    // The decision is kept, concealed: the routing explains the delivery, no receipt shows it.
    const notification = await db.dataSource.getRepository(Notification).findOneByOrFail({ id: receipt.notificationId });
    expect(notification.routing).toMatchObject([{ rule: "encompass-school-dsl", agency: "SCH-700001", outcome: "ROUTED", agencies: ["SCH-700001"], concealed: true }]);
    // Read by the school's DSL as any Encompass notification: the incident's type, dates and the child's role — never the crime reference, the summary, the intelligence or the officer.
    const inbox = await listNotifications(services, SCHOOL_DSL, "req-rr-encompass-inbox", null, 50, null, NOW);
    const [delivered] = inbox.deliveries.filter((delivery) => delivery.id === deliveries[0].id);
    expect(delivered.content.domesticAbuseIncident).toEqual({ incidentType: "DOMESTIC_ABUSE", occurredOn: "2026-11-15", reportedOn: "2026-11-15", childRole: "WITNESS" });
    expect(JSON.stringify(delivered.content)).not.toMatch(/VC-RR-DA-1-CR|neighbour|previous address|Vane|ppu@/);
    // The pupil in the school's own terms — its reference, the identity its sealed record holds — never as the force named them: the seal keeps the identities apart.
    expect(delivered.content.child).toEqual({ agencyReference: "UPN-RR-0001", sui: SEALED_PUPIL.sui, givenNames: "Robin", familyName: "Tamblyn", dateOfBirth: "2014-11-02" });
    expect(JSON.stringify(delivered)).not.toMatch(OLD_IDENTITY);
    const [leaving] = await deliveriesAsTheyLeave(db.dataSource, POLICY, deliveries);
    const body = JSON.parse(webhookBody(leaving, "OPERATION_ENCOMPASS")) as { data: { content: Record<string, unknown> } };
    expect(body.data.content).toEqual(delivered.content);
    expect(JSON.stringify(body)).not.toMatch(OLD_IDENTITY);
    const [entry] = (await db.auditByRequest("req-rr-encompass")).filter((audited) => audited.operation === "NOTIFICATION_DELIVERY");
    expect(entry).toMatchObject({ principalAgency: "SCH-700001", childSuis: [SEALED_PUPIL.sui] });
    expect(entry.fieldsDisclosed).toContain("child.agencyReference");
    expect(JSON.stringify(entry)).not.toMatch(OLD_IDENTITY);
    // The other way: nothing of the sealed record reaches the force's receipt, nor the routing kept (which names the school, never the child as it knows it).
    const newIdentity = /UPN-RR-0001|Robin|Tamblyn|2014-11-02|Furze|PE21/;
    const sealedRecord = new RegExp(`SCH-700001|${newIdentity.source}`);
    expect(JSON.stringify(receipt)).not.toMatch(sealedRecord);
    expect(JSON.stringify(notification.routing)).not.toMatch(newIdentity);
    // Acted on before the next school day.
    await acknowledgeNotification(services, SCHOOL_DSL, "req-rr-encompass-ack", deliveries[0].id, null, NOW);
    // Nor does the force's trail: the delivery's entry and the school's reads and acknowledgement of it
    // name the school of a child with a new identity, and are on the school's IG leads' trail alone.
    const trailReview: AccessContext = { purpose: "INFORMATION_GOVERNANCE", lawfulBasis: "LEGAL_OBLIGATION", specialCategoryCondition: null, justification: "Who was told of a pupil the force reported.", caseReference: null, breakGlass: false };
    const forceTrail = await listDisclosures(services, FORCE_IG_LEAD, "req-rr-trail-force", trailReview, { childSui: SEALED_PUPIL.sui }, 50, null, NOW);
    expect(JSON.stringify(forceTrail)).not.toContain("SCH-700001");
    // Counted as the force's own entries alone, as for a pupil on no school's roll.
    expect(forceTrail.totalCount).toBe(forceTrail.entries.length);
    expect(forceTrail.entries.every((shown) => shown.principal.agency === "POLICE-91")).toBe(true);
    const forceExport = await exportDisclosures(services, FORCE_IG_LEAD, "req-rr-trail-force-csv", trailReview, { childSui: SEALED_PUPIL.sui }, "CSV", 100, NOW);
    expect(forceExport.content).not.toContain("SCH-700001");
    // The same entries, and the force's IG lead's own read of the trail just made.
    expect(forceExport.count).toBe(forceTrail.totalCount + 1);
    // The school's own IG lead reads all of them.
    const schoolTrail = await listDisclosures(services, SCHOOL_IG_LEAD, "req-rr-trail-school", trailReview, { childSui: SEALED_PUPIL.sui, agency: "SCH-700001" }, 50, null, NOW);
    expect(schoolTrail.entries.map((shown) => shown.operation).sort()).toEqual(["NOTIFICATION_ACKNOWLEDGED", "NOTIFICATION_DELIVERY", "NOTIFICATION_INBOX_READ"]);
    // A webhook of the delivery that died is the school's to replay, and not in the force's list of dead deliveries about its child.
    await db.dataSource.getRepository(WebhookDelivery).insert({
      id: "5c0a1e7d-6b1f-4c8e-9d5a-0f3e2b7c9a41", deliveryId: deliveries[0].id, recipientAgency: "SCH-700001", childSuis: [SEALED_PUPIL.sui], status: WebhookStatus.DEAD,
      attempts: 8, lastFailure: "HTTP_503", createdAt: NOW, lastAttemptAt: NOW, deliveredAt: null, deadAt: NOW, replays: 0,
    });
    const deadFor = async (caller: typeof FORCE_IG_LEAD) => (await listDeadWebhooks(services, caller, `req-rr-dead-${caller.sub}`, trailReview, 50, null, NOW)).deliveries.map((dead) => dead.deliveryId);
    expect(await deadFor(SCHOOL_IG_LEAD)).toContain(deliveries[0].id);
    expect(await deadFor(FORCE_IG_LEAD)).not.toContain(deliveries[0].id);
    const again = await submitOperationEncompass(services, FORCE_SYSTEM, "req-rr-encompass-again", incident("VC-RR-DA-1", SEALED_PUPIL), NOW);
    expect([again.outcome, again.recipients, again.unrouted]).toEqual(["UNCHANGED", stranger.recipients, stranger.unrouted]);
  });

  test("Operation Encompass: the alert a sealed school's kept-out DSL raises on the delivery is the school's IG leads', never the force's", async () => {
    const pupil = { sui: "9990741298", givenNames: "Linnet", familyName: "Carrow", dateOfBirth: "2015-02-14", sex: "FEMALE" as const, address: { kind: "HOME" as const, line1: "3 Quiet Lane", postcode: "HP21 1QL", localAuthority: "E06000060" } };
    const review: AccessContext = { purpose: "INFORMATION_GOVERNANCE", lawfulBasis: "LEGAL_OBLIGATION", specialCategoryCondition: null, justification: "A pupil's DSL kept out of their file.", caseReference: null, breakGlass: false };
    await submitRecord(db.dataSource, SCHOOL_SYSTEM, { agencyCode: "SCH-700001", agencyReference: "UPN-RR-0006", child: { ...pupil, givenNames: "Wren", familyName: "Tolley", address: PUPIL_NEW_IDENTITY.address }, labels: ["SEALED"], education: { rollStatus: "ON_ROLL", onRollFrom: "2025-09-01" } }, NOW);
    await recordExclusion(services, SCHOOL_IG_LEAD, "req-rr-excl-dsl", review, { sui: pupil.sui }, { kind: "STAFF", subject: SCHOOL_DSL.sub, reason: "Related to the pupil's family." }, NOW);
    const receipt = await submitOperationEncompass(services, FORCE_SYSTEM, "req-rr-encompass-kept-out-dsl", {
      agencyCode: "POLICE-91", reference: "VC-RR-DA-6", occurredOn: "2026-11-15", reportedOn: "2026-11-15", childRole: "WITNESS", crimeReference: "VC-RR-DA-6-CR",
      summary: "Shouting reported by a neighbour", intelligence: null, officerName: "PC 9 Vane", officerContact: "ppu@vale-police.example", activeInvestigation: false, child: pupil,
    }, NOW);
    const [delivery] = await db.dataSource.getRepository(NotificationDelivery).findBy({ notificationId: receipt.notificationId });
    expect(delivery.recipientAgency).toBe("SCH-700001");
    await expect(acknowledgeNotification(services, SCHOOL_DSL, "req-rr-encompass-kept-out-ack", delivery.id, null, NOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const alertsOf = async (caller: typeof FORCE_IG_LEAD) => (await listIgAlerts(services, caller, `req-rr-alerts-dsl-${caller.sub}`, review, null, 50, null, NOW)).alerts.filter((alert) => alert.childSui === pupil.sui);
    expect((await alertsOf(SCHOOL_IG_LEAD)).map((alert) => alert.principalAgency)).toEqual(["SCH-700001"]);
    expect(await alertsOf(FORCE_IG_LEAD)).toEqual([]);
    // Nor is the refused acknowledgement on the force's trail of the pupil; the school's IG leads read it.
    const refusedAcknowledgement = { operation: "NOTIFICATION_ACKNOWLEDGED", outcome: "REFUSED" } as const;
    expect((await listDisclosures(services, FORCE_IG_LEAD, "req-rr-trail-force-dsl", review, { childSui: pupil.sui, ...refusedAcknowledgement }, 50, null, NOW)).totalCount).toBe(0);
    expect((await listDisclosures(services, SCHOOL_IG_LEAD, "req-rr-trail-school-dsl", review, { childSui: pupil.sui, ...refusedAcknowledgement }, 50, null, NOW)).totalCount).toBe(1);
  });

  test("Operation Encompass: a school holding the pupil under a brokered record is never told; a school on whose open roll the pupil also is, only that one is named", async () => {
    const incident = (reference: string, child: typeof BROKERED_PUPIL | typeof TWO_SCHOOLS_PUPIL) => ({
      agencyCode: "POLICE-91", reference, occurredOn: "2026-11-15", reportedOn: "2026-11-15", childRole: "WITNESS" as const, crimeReference: `${reference}-CR`,
      summary: "Shouting reported by a neighbour", intelligence: null, officerName: "PC 9 Vane", officerContact: "ppu@vale-police.example", activeInvestigation: false, child,
    });
    const brokered = await submitOperationEncompass(services, FORCE_SYSTEM, "req-rr-encompass-brokered", incident("VC-RR-DA-4", BROKERED_PUPIL), NOW);
    expect(brokered.unrouted).toMatchObject([{ rule: "encompass-school-dsl", outcome: "AREA_UNKNOWN" }]);
    expect(await db.dataSource.getRepository(NotificationDelivery).countBy({ notificationId: brokered.notificationId })).toBe(0);
    const both = await submitOperationEncompass(services, FORCE_SYSTEM, "req-rr-encompass-both", incident("VC-RR-DA-5", TWO_SCHOOLS_PUPIL), NOW);
    expect([both.recipients, both.unrouted]).toEqual([[{ agencyCode: "SCH-700009", agencyType: "EDUCATION", rules: ["encompass-school-dsl"] }], []]);
    expect(JSON.stringify(both)).not.toContain("SCH-700001");
    const deliveries = await db.dataSource.getRepository(NotificationDelivery).find({ where: { notificationId: both.notificationId }, order: { recipientAgency: "ASC" } });
    expect(deliveries.map((delivery) => delivery.recipientAgency)).toEqual(["SCH-700001", "SCH-700009"]);
  });

  test("CP-IS: the authority holding a plan under its own sealed record is told, and only it; the setting's receipt is as for a child on no plan", async () => {
    const attendance = { agencyCode: "RBH-ED-RR", reference: "ED-RR-0001", attendedOn: "2026-11-16", presentingComplaint: "Fall from a bicycle", child: SEALED_PLAN_CHILD };
    const receipt = await submitUnscheduledCareAttendance(services, ED_SYSTEM, "req-rr-cpis", attendance, NOW);
    expect([receipt.recipients, receipt.unrouted]).toEqual([[], []]);
    expect(JSON.stringify(receipt)).not.toContain("LA-E10000019");
    const deliveries = await db.dataSource.getRepository(NotificationDelivery).findBy({ notificationId: receipt.notificationId });
    expect(deliveries.map((delivery) => [delivery.recipientAgency, delivery.routingRules])).toEqual([["LA-E10000019", ["cpis-attendance-plan-holder"]]]);
    // In the plan holder's own inbox, read by its social worker.
    const inbox = await listNotifications(services, FENSHIRE_WORKER, "req-rr-cpis-inbox", null, 50, null, NOW);
    const [delivered] = inbox.deliveries.filter((delivery) => delivery.id === deliveries[0].id);
    // The child in the authority's own terms — its reference, the identity its sealed record holds — with the attendance the duty needs; never the child as the setting named them.
    expect(delivered.content.child).toEqual({ agencyReference: "FEN-RR-CP-1", sui: SEALED_PLAN_CHILD.sui, givenNames: "Ivy", familyName: "Penrose", dateOfBirth: "2017-12-20", homeLocalAuthority: "E10000019" });
    expect(delivered.content.unscheduledCareAttendance).toMatchObject({ attendedOn: "2026-11-16", siteCode: "RBH-ED-RR", presentingComplaint: "Fall from a bicycle" });
    expect(JSON.stringify(delivered)).not.toMatch(OLD_IDENTITY);
    const [leaving] = await deliveriesAsTheyLeave(db.dataSource, POLICY, deliveries);
    const body = JSON.parse(webhookBody(leaving, "UNSCHEDULED_CARE_ATTENDANCE")) as { data: { content: Record<string, unknown> } };
    expect(body.data.content).toEqual(delivered.content);
    expect(JSON.stringify(body)).not.toMatch(OLD_IDENTITY);
    const [entry] = (await db.auditByRequest("req-rr-cpis")).filter((audited) => audited.operation === "NOTIFICATION_DELIVERY");
    expect(entry).toMatchObject({ principalAgency: "LA-E10000019", childSuis: [SEALED_PLAN_CHILD.sui] });
    expect(entry.fieldsDisclosed).toContain("child.agencyReference");
    // Acted on by its social worker.
    await acknowledgeNotification(services, FENSHIRE_WORKER, "req-rr-cpis-ack", deliveries[0].id, null, NOW);
    // The department's trail of the child names the plan holder no more than its receipt: the delivery, the read and the acknowledgement are the authority's alone.
    const trailReview: AccessContext = { purpose: "INFORMATION_GOVERNANCE", lawfulBasis: "LEGAL_OBLIGATION", specialCategoryCondition: null, justification: "Who was told of a child the department saw.", caseReference: null, breakGlass: false };
    const departmentTrail = await listDisclosures(services, ED_IG_LEAD, "req-rr-cpis-trail-ed", trailReview, { childSui: SEALED_PLAN_CHILD.sui }, 50, null, NOW);
    expect(JSON.stringify(departmentTrail)).not.toContain("LA-E10000019");
    expect(departmentTrail.totalCount).toBe(departmentTrail.entries.length);
    const planHolderTrail = await listDisclosures(services, FENSHIRE_IG_LEAD, "req-rr-cpis-trail-fen", trailReview, { childSui: SEALED_PLAN_CHILD.sui, agency: "LA-E10000019" }, 50, null, NOW);
    expect(planHolderTrail.entries.map((shown) => shown.operation).sort()).toEqual(["NOTIFICATION_ACKNOWLEDGED", "NOTIFICATION_DELIVERY", "NOTIFICATION_INBOX_READ"]);
    // Resubmitted, the same answer.
    const again = await submitUnscheduledCareAttendance(services, ED_SYSTEM, "req-rr-cpis-again", attendance, NOW);
    expect([again.outcome, again.recipients, again.unrouted]).toEqual(["UNCHANGED", [], []]);
  });
});

// This file's own child at risk and prisoner for the exclusions below: the Vale (the prisoner's home
// authority) holds the child; the child lives in Fenshire.
const KESTREL = { sui: "9990746109", givenNames: "Kestrel", familyName: "Moorcroft", dateOfBirth: "2015-04-21", sex: "FEMALE" as const };
const KESTREL_HOME = { kind: "HOME" as const, line1: "9 Marram Way", town: "Fenby", postcode: "PE21 4MW", localAuthority: "E10000019" };
const VALE_SYSTEM = person("system-la-vale-rr", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["AGENCY_SYSTEM"]);
const VALE_IG_LEAD = person("ig-vale-rr", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["IG_LEAD"]);
const FENSHIRE_IG_LEAD = person("ig-fen-rr", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["IG_LEAD"], "E10000019");
const PRISON_IG_LEAD = person("ig-northfen-rr", "HMP-NORTHFEN", "PRISON", ["IG_LEAD"], "E10000019");
const KEPT_OUT_WORKER = person("sw-vale-rr-kept-out", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"]);
const COLLEAGUE = person("sw-vale-rr-colleague", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"]);
const IG: AccessContext = { purpose: "INFORMATION_GOVERNANCE", lawfulBasis: "LEGAL_OBLIGATION", specialCategoryCondition: null, justification: "Agencies kept out of a child in a complex abuse enquiry.", caseReference: null, breakGlass: false };
const ALERTS: AccessContext = { ...IG, justification: "Daily review of open IG alerts." };

/** Kestrel's plan held by the Vale, which keeps Fenshire and one of its own social workers out of her; then a prisoner's release naming her. */
async function kestrelReleased(on: NotificationServices): Promise<NotificationReceipt> {
  // The Vale holds her plan (its lead agency, though she lives in Fenshire): it keeps Fenshire out.
  await submitRecord(on.dataSource, VALE_SYSTEM, { agencyCode: "LA-E06000060", agencyReference: "VALE-RR-CIN-1", child: { ...KESTREL, address: KESTREL_HOME },
    socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-06-01", responsibleLocalAuthority: "E06000060" } }, NOW);
  await recordExclusion(on, VALE_IG_LEAD, "req-rr-excl-fen", IG, { sui: KESTREL.sui }, { kind: "AGENCY", agencyCode: "LA-E10000019", reason: "Fenshire's staff are implicated in the enquiry." }, NOW);
  await recordExclusion(on, VALE_IG_LEAD, "req-rr-excl-sw", IG, { sui: KESTREL.sui }, { kind: "STAFF", subject: KEPT_OUT_WORKER.sub, reason: "Named in the enquiry." }, NOW);
  const [child] = releaseOf("x").childrenAtRisk ?? [];
  return submitPprcNotification(on, PRISON_SYSTEM, "req-rr-pprc", releaseOf("NF-RR-EXCL-1", {
    prisoner: { ...releaseOf("x").prisoner, prisonNumber: "C4402RR", givenNames: "Tobias", familyName: "Grayling", dateOfBirth: "1979-02-14" },
    childrenAtRisk: [{ ...child, ...KESTREL, reference: "NF-RR-C1", address: KESTREL_HOME }],
  }), NOW);
}

/**
 * An agency an agency-wide exclusion keeps out of a child is never told of the child: routing leaves it
 * out (for every notification type, in one place), so no delivery exists that nobody there may read,
 * goes unacknowledged and is escalated to the same agency's IG leads; the routing explanation and the
 * trail record the recipient left out; the notifier's receipt shows the duty as not met; the IG leads
 * of the agency that recorded the exclusion, of the child's lead agency and of the notifier are alerted
 * to meet the duty another way. A person's exclusion keeps only that person out.
 */
describe("routing never tells an agency an agency-wide exclusion keeps out of the child", () => {
  let receipt: NotificationReceipt;
  beforeAll(async () => {
    receipt = await kestrelReleased(services);
  });

  test("no delivery to the excluded agency; every other recipient told as before; the notifier's receipt shows the duty not met, never whom the exclusion names", async () => {
    expect(receipt.recipients.map((recipient) => recipient.agencyCode).sort()).toEqual(["LA-E06000060", "PDU-E06000060", "POLICE-91"]);
    expect(receipt.unrouted).toEqual([{ rule: "pprc-csc-child-home-area", area: "CHILD_HOME", localAuthority: "E10000019", outcome: "EXCLUDED", agencies: [] }]);
    expect(JSON.stringify(receipt)).not.toContain("LA-E10000019");
    const deliveries = await db.dataSource.getRepository(NotificationDelivery).findBy({ notificationId: receipt.notificationId });
    expect(deliveries.map((delivery) => delivery.recipientAgency).sort()).toEqual(["LA-E06000060", "PDU-E06000060", "POLICE-91"]);
  });

  test("the routing explanation records the rule's recipient left out by an exclusion, and the trail a refused delivery of the hub's, without content", async () => {
    const notification = await db.dataSource.getRepository(Notification).findOneByOrFail({ id: receipt.notificationId });
    expect(notification.routing.find((decision) => decision.rule === "pprc-csc-child-home-area")).toMatchObject({ outcome: "EXCLUDED", agencies: [], excluded: ["LA-E10000019"] });
    const refused = (await db.auditByRequest("req-rr-pprc")).filter((entry) => entry.outcome === "REFUSED");
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      operation: "NOTIFICATION_DELIVERY", principalAgency: "HUB", refusalProblem: "EXCLUDED_FROM_FILE", refusalRule: "named-staff-exclusion", childSuis: [KESTREL.sui], fieldsDisclosed: [],
      details: { notificationId: receipt.notificationId, agency: "LA-E10000019", routingRules: ["pprc-csc-child-home-area"], withheld: "DELIVERY" },
    });
  });

  test("the recording (and lead) agency's IG leads and the notifier's are alerted to meet the duty another way; the excluded agency's are not", async () => {
    const [refused] = (await db.auditByRequest("req-rr-pprc")).filter((entry) => entry.outcome === "REFUSED");
    const alertsOf = async (caller: typeof VALE_IG_LEAD) => (await listIgAlerts(services, caller, `req-rr-alerts-${caller.sub}`, ALERTS, null, 50, null, NOW)).alerts;
    const [alert] = (await alertsOf(VALE_IG_LEAD)).filter((raised) => raised.firstDisclosureId === refused.id);
    expect(alert).toMatchObject({ kind: "EXCLUDED_AGENCY", childSui: KESTREL.sui, principalSub: "hub:routing", principalAgency: "LA-E06000060", status: "OPEN" });
    expect(alert.justification).toContain(receipt.notificationId);
    expect(alert.justification).toContain("LA-E10000019");
    // The prison's duty was not met: its IG leads are told, to meet it another way; Fenshire, kept out, is not told it is.
    expect((await alertsOf(PRISON_IG_LEAD)).filter((raised) => raised.firstDisclosureId === refused.id)).toMatchObject([{ kind: "EXCLUDED_AGENCY", childSui: KESTREL.sui, principalAgency: "HMP-NORTHFEN" }]);
    expect((await alertsOf(FENSHIRE_IG_LEAD)).filter((raised) => raised.kind === "EXCLUDED_AGENCY")).toEqual([]);
  });

  test("a person's exclusion stays as it was: the agency is told, the person is not shown the delivery, a colleague is", async () => {
    const [vale] = await db.dataSource.getRepository(NotificationDelivery).findBy({ notificationId: receipt.notificationId, recipientAgency: "LA-E06000060" });
    const listed = async (caller: typeof COLLEAGUE) => (await listNotifications(services, caller, `req-rr-inbox-${caller.sub}`, null, 50, null, NOW)).deliveries.map((delivery) => delivery.id);
    expect(await listed(KEPT_OUT_WORKER)).not.toContain(vale.id);
    expect(await listed(COLLEAGUE)).toContain(vale.id);
  });

  test("escalation never addresses an agency excluded from the child after the delivery: its IG leads are not told, the recording agency's are", async () => {
    // Escalation takes up everything overdue: here, on a database of its own, only Kestrel's release is.
    const { db, services } = await databaseOfItsOwn();
    const receipt = await kestrelReleased(services);
    await recordExclusion(services, VALE_IG_LEAD, "req-rr-excl-police", IG, { sui: KESTREL.sui }, { kind: "AGENCY", agencyCode: "POLICE-91", reason: "The force's officers are implicated too." }, NOW);
    const deliveries = db.dataSource.getRepository(NotificationDelivery);
    // One working day: past the end of Tuesday 17 November, nobody has acknowledged.
    expect(await escalateOverdue(services, new Date("2026-11-18T00:00:01.000Z"), "req-rr-escalate")).toBe(2);
    const escalations = await deliveries.findBy({ audience: "IG_LEADS" });
    expect(escalations.map((escalation) => escalation.recipientAgency).sort()).toEqual(["LA-E06000060", "PDU-E06000060"]);
    const [police] = await deliveries.findBy({ notificationId: receipt.notificationId, recipientAgency: "POLICE-91" });
    expect(police.escalatedAt).not.toBeNull();
    const [refused] = (await db.auditByRequest("req-rr-escalate")).filter((entry) => entry.outcome === "REFUSED");
    expect(refused).toMatchObject({ operation: "NOTIFICATION_DELIVERY", principalAgency: "HUB", refusalProblem: "EXCLUDED_FROM_FILE", childSuis: [KESTREL.sui], details: { escalatesDeliveryId: police.id, agency: "POLICE-91", withheld: "ESCALATION" } });
    const alerts = (await listIgAlerts(services, VALE_IG_LEAD, "req-rr-alerts-escalation", ALERTS, null, 50, null, NOW)).alerts.filter((alert) => alert.firstDisclosureId === refused.id);
    expect(alerts).toMatchObject([{ kind: "EXCLUDED_AGENCY", childSui: KESTREL.sui, principalSub: "hub:escalation", principalAgency: "LA-E06000060" }]);
    expect(alerts[0].justification).toContain(police.id);
    // Nothing a second time.
    expect(await escalateOverdue(services, new Date("2026-11-18T00:00:02.000Z"), "req-rr-escalate-again")).toBe(0);
  });
});

// This file's own children for a notifier kept out: one on Fenshire's plan, one on a school's roll, and
// two the hub does not hold, whose receipts are the stranger's answer.
const PLOVER = { sui: "9990746214", givenNames: "Plover", familyName: "Ashdown", dateOfBirth: "2017-05-03", sex: "MALE" as const };
const WREN = { sui: "9990746222", givenNames: "Wren", familyName: "Tallis", dateOfBirth: "2015-10-08", sex: "FEMALE" as const, address: { kind: "HOME" as const, line1: "3 Reed Walk", postcode: "HP21 3RW", localAuthority: "E06000060" } };
const UNHELD_CHILD = { givenNames: "Linnet", familyName: "Orrin", dateOfBirth: "2016-03-14", sex: "FEMALE" as const };
const UNHELD_PUPIL = { givenNames: "Teal", familyName: "Gorsey", dateOfBirth: "2015-08-22", sex: "MALE" as const, address: { kind: "HOME" as const, line1: "8 Reed Walk", postcode: "HP21 3RW", localAuthority: "E06000060" } };

/**
 * A notifier a standing exclusion keeps out of the child still meets its duty — routing and delivery are
 * as for anyone — but its receipt tells it nothing the hub's records of the child point to: it is the
 * receipt a stranger notifying of a child the hub does not hold gets, on the first submission and on
 * every resubmission.
 */
describe("a notifier kept out of the child learns from its receipt what a stranger would", () => {
  beforeAll(async () => {
    await submitRecord(db.dataSource, FENSHIRE_SYSTEM, { agencyCode: "LA-E10000019", agencyReference: "FEN-RR-CP-2", child: PLOVER,
      socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-06-01", responsibleLocalAuthority: "E10000019" } }, NOW);
    await recordExclusion(services, FENSHIRE_IG_LEAD, "req-rr-excl-ed", IG, { sui: PLOVER.sui }, { kind: "AGENCY", agencyCode: "RBH-ED-RR", reason: "The department's staff are implicated in the enquiry." }, NOW);
    await submitRecord(db.dataSource, SCHOOL_SYSTEM, { agencyCode: "SCH-700001", agencyReference: "UPN-RR-0002", child: WREN, education: { rollStatus: "ON_ROLL", onRollFrom: "2024-09-01" } }, NOW);
    // She lives in the Vale: its children's social care is her lead agency, and keeps the force out.
    await recordExclusion(services, VALE_IG_LEAD, "req-rr-excl-force", IG, { sui: WREN.sui }, { kind: "AGENCY", agencyCode: "POLICE-91", reason: "The force's officers are implicated in the enquiry." }, NOW);
  });

  test("CP-IS: the excluded setting's receipt names no plan holder, as for a child the hub does not hold; the plan holder is told all the same", async () => {
    const attendance = (reference: string, child: typeof PLOVER | typeof UNHELD_CHILD) => ({ agencyCode: "RBH-ED-RR", reference, attendedOn: "2026-11-16", presentingComplaint: "Burn to the hand", child });
    const stranger = await submitUnscheduledCareAttendance(services, ED_SYSTEM, "req-rr-cpis-unheld", attendance("ED-RR-0003", UNHELD_CHILD), NOW);
    const receipt = await submitUnscheduledCareAttendance(services, ED_SYSTEM, "req-rr-cpis-kept-out", attendance("ED-RR-0002", PLOVER), NOW);
    expect([receipt.recipients, receipt.unrouted]).toEqual([stranger.recipients, stranger.unrouted]);
    expect(JSON.stringify(receipt)).not.toContain("LA-E10000019");
    const deliveries = await db.dataSource.getRepository(NotificationDelivery).findBy({ notificationId: receipt.notificationId });
    expect(deliveries.map((delivery) => delivery.recipientAgency)).toEqual(["LA-E10000019"]);
    await acknowledgeNotification(services, FENSHIRE_WORKER, "req-rr-cpis-kept-out-ack", deliveries[0].id, null, NOW);
    const again = await submitUnscheduledCareAttendance(services, ED_SYSTEM, "req-rr-cpis-kept-out-again", attendance("ED-RR-0002", PLOVER), NOW);
    expect([again.outcome, again.recipients, again.unrouted]).toEqual(["UNCHANGED", stranger.recipients, stranger.unrouted]);
  });

  test("Operation Encompass: the excluded force's receipt names no school, as for a pupil the hub does not hold; the school is told all the same", async () => {
    const incident = (reference: string, child: typeof WREN | typeof UNHELD_PUPIL) => ({
      agencyCode: "POLICE-91", reference, occurredOn: "2026-11-15", reportedOn: "2026-11-15", childRole: "WITNESS" as const, crimeReference: `${reference}-CR`,
      summary: "Shouting reported by a neighbour", intelligence: null, officerName: "PC 9 Vane", officerContact: "ppu@vale-police.example", activeInvestigation: false, child,
    });
    const stranger = await submitOperationEncompass(services, FORCE_SYSTEM, "req-rr-encompass-unheld", incident("VC-RR-DA-3", UNHELD_PUPIL), NOW);
    const receipt = await submitOperationEncompass(services, FORCE_SYSTEM, "req-rr-encompass-kept-out", incident("VC-RR-DA-2", WREN), NOW);
    expect(stranger.unrouted).toMatchObject([{ rule: "encompass-school-dsl", outcome: "AREA_UNKNOWN" }]);
    expect([receipt.recipients, receipt.unrouted]).toEqual([stranger.recipients, stranger.unrouted]);
    expect(JSON.stringify(receipt)).not.toContain("SCH-700001");
    const deliveries = await db.dataSource.getRepository(NotificationDelivery).findBy({ notificationId: receipt.notificationId });
    expect(deliveries.map((delivery) => delivery.recipientAgency)).toEqual(["SCH-700001"]);
    const again = await submitOperationEncompass(services, FORCE_SYSTEM, "req-rr-encompass-kept-out-again", incident("VC-RR-DA-2", WREN), NOW);
    expect([again.outcome, again.recipients, again.unrouted]).toEqual(["UNCHANGED", stranger.recipients, stranger.unrouted]);
  });
});
