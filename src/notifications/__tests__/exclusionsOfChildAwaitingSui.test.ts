import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import winston from "winston";
import { type DirectoryEntry } from "../../directory/DirectoryEntry";
import { ChildExclusion, type ExclusionKind } from "../../exclusions/ChildExclusion";
import { recordExclusion } from "../../exclusions/manageExclusions";
import { mergeChildren } from "../../identity/stewardship/mergeChildren";
import { createLogger } from "../../logging/logger";
import { type AccessContext } from "../../policy/AccessContext";
import { submitRecord } from "../../records/submitRecord";
import { type HubSigningKeys } from "../../signing/hubSigningKeys";
import { deliverWebhook } from "../../webhooks/deliverWebhook";
import { type WebhookSendRules } from "../../webhooks/sendWebhook";
import { WebhookDelivery } from "../../webhooks/WebhookDelivery";
import { acknowledgeNotification } from "../inbox/acknowledgeNotification";
import { listNotifications } from "../inbox/listNotifications";
import { NotificationDelivery } from "../NotificationDelivery";
import { type NotificationServices } from "../NotificationServices";
import { listPlansHeldElsewhere } from "../plans/plansHeldElsewhere";
import { submitUnscheduledCareAttendance } from "../unscheduledCare/submitUnscheduledCareAttendance";
import { agency, openNotificationDatabase, person, POLICY, type NotificationDatabase } from "./notificationDatabase";

/**
 * A named-staff exclusion is the child's, so it holds for a child awaiting an SUI — an unborn child on
 * a pre-birth plan, a child whose NHS number has not come — on the surfaces that read many children at
 * once: the inbox, a delivery's webhook, plans held elsewhere. Each exclusion is recorded by the
 * recording agency's own reference for its record, as it must be for a child with no SUI.
 */
const NOW = new Date("2026-11-16T10:00:00Z");
const ED: DirectoryEntry = { ...agency("RBH-ED", "Vale General emergency department", "HEALTH", "E06000060", null), unscheduledCareSetting: "EMERGENCY_DEPARTMENT" };
const ED_SYSTEM = person("system-rbh-ed-x", "RBH-ED", "HEALTH", ["AGENCY_SYSTEM"]);
const VALE_SYSTEM = person("system-la-vale-x", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["AGENCY_SYSTEM"]);
const VALE_MANAGER = person("csc-mgr-vale-x", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["CSC_MANAGER"]);
const FENSHIRE_SYSTEM = person("system-la-fen-x", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["AGENCY_SYSTEM"], "E10000019");
const FENSHIRE_MANAGER = person("csc-mgr-fen-x", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["CSC_MANAGER"], "E10000019");
const KEPT_OUT = person("sw-vale-kept-out", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"]);
const COLLEAGUE = person("sw-vale-colleague", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"]);
const STEWARD = person("steward-vale-x", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["DATA_STEWARD"]);

const S47: AccessContext = { purpose: "SECTION_47_ENQUIRY", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "SAFEGUARDING_CHILDREN", justification: "Complex abuse enquiry: implicated staff must not see the file.", caseReference: null, breakGlass: false };
const DATA_QUALITY: AccessContext = { purpose: "DATA_QUALITY", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: null, justification: "The council's and the hospital's records are the same girl.", caseReference: null, breakGlass: false };
const TRIAGE: AccessContext = { purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "SAFEGUARDING_CHILDREN", justification: "Weekly check of children on other authorities' plans in the area", caseReference: null, breakGlass: false };
const HOME = { kind: "HOME" as const, line1: "3 Sallow Row", postcode: "HP21 3SR", localAuthority: "E06000060" };
const UNBORN = { givenNames: "Baby", familyName: "Wrenfield", expectedDateOfBirth: "2027-02-02", sex: "NOT_KNOWN" as const, address: HOME };
const AWAITING = { givenNames: "Primrose", familyName: "Nosui", dateOfBirth: "2016-05-05", sex: "FEMALE" as const, address: HOME };
const social = { planCategory: "NEGLECT" as const, startDate: "2026-10-05", allocatedWorkerContact: "cp@example.test" };

let db: NotificationDatabase;
let services: NotificationServices;
let deliveryId: string;
let fenshirePlan: string;

beforeAll(async () => {
  db = await openNotificationDatabase([ED]);
  services = { dataSource: db.dataSource, policy: POLICY };
  // The Vale's pre-birth plan for an unborn child; Fenshire's plan for a child awaiting an SUI, living in the Vale.
  await submitRecord(db.dataSource, VALE_SYSTEM, { agencyCode: "LA-E06000060", agencyReference: "VALE-PB-EXCL", child: UNBORN, socialCare: { ...social, status: "CHILD_PROTECTION_PLAN", responsibleLocalAuthority: "E06000060" } }, NOW);
  fenshirePlan = (await submitRecord(db.dataSource, FENSHIRE_SYSTEM, { agencyCode: "LA-E10000019", agencyReference: "FEN-CP-NOSUI", child: AWAITING, socialCare: { ...social, status: "CHILD_PROTECTION_PLAN", responsibleLocalAuthority: "E10000019" } }, NOW)).recordId;
  // The Vale keeps its social worker out of its unborn child, naming the child by its own reference; the
  // same worker is kept out of Fenshire's child awaiting an SUI (which agency may record that is the
  // exclusions suite's question: here the reading paths meet an exclusion standing on the child).
  const staff = { kind: "STAFF" as const, subject: KEPT_OUT.sub, reason: "Named in the complex abuse enquiry." };
  await recordExclusion(services, VALE_MANAGER, "req-excl-vale", S47, { agencyReference: "VALE-PB-EXCL" }, staff, NOW);
  await standingExclusion(await childOfRecord(fenshirePlan), { kind: "STAFF", subjectSub: KEPT_OUT.sub, agencyCode: "LA-E06000060" });
  // The emergency department tells the Vale of the unborn child's attendance: a delivery carrying no SUI.
  const receipt = await submitUnscheduledCareAttendance(services, ED_SYSTEM, "req-excl-cpis", { agencyCode: "RBH-ED", reference: "ED-EXCL-1", attendedOn: "2026-11-16", presentingComplaint: "Reduced fetal movements", child: UNBORN }, NOW);
  const [delivery] = await db.dataSource.getRepository(NotificationDelivery).findBy({ notificationId: receipt.notificationId });
  expect([delivery.recipientAgency, delivery.childSuis]).toEqual(["LA-E06000060", []]);
  deliveryId = delivery.id;
});
afterAll(async () => db.close());

const childOfRecord = async (recordId: string) => (await db.dataSource.query<{ child_id: string }[]>(`SELECT child_id FROM agency_record WHERE id = $1`, [recordId]))[0].child_id;

/** An exclusion standing on a child, as the reading and sending paths meet it, whoever recorded it. */
async function standingExclusion(childId: string, terms: { kind: ExclusionKind; subjectSub?: string; agencyCode: string }): Promise<void> {
  await db.dataSource.getRepository(ChildExclusion).insert({
    childId, sui: null, kind: terms.kind, subjectSub: terms.subjectSub ?? null, agencyCode: terms.agencyCode, team: null, reason: "Named in the complex abuse enquiry.",
    recordedBySub: FENSHIRE_MANAGER.sub, recordedByAgency: FENSHIRE_MANAGER.agency, recordedAt: NOW, liftedAt: null, liftedBySub: null, liftReason: null,
  });
}

test("the inbox: the excluded social worker is not shown the delivery about the unborn child; a colleague is", async () => {
  const listed = async (caller: typeof KEPT_OUT) => (await listNotifications(services, caller, `req-inbox-${caller.sub}`, null, 50, null, NOW)).deliveries.map((delivery) => delivery.id);
  expect(await listed(KEPT_OUT)).not.toContain(deliveryId);
  expect(await listed(COLLEAGUE)).toContain(deliveryId);
});

test("plans held elsewhere: the excluded social worker is not shown Fenshire's plan for the child awaiting an SUI; a colleague is", async () => {
  const listed = async (caller: typeof KEPT_OUT) => (await listPlansHeldElsewhere(services, caller, `req-plans-${caller.sub}`, TRIAGE, 50, null, NOW)).plans.map((plan) => plan.recordId);
  expect(await listed(KEPT_OUT)).not.toContain(fenshirePlan);
  expect(await listed(COLLEAGUE)).toContain(fenshirePlan);
});

test("a webhook: an agency kept out of the unborn child is never pushed its delivery, and the withheld push is on the trail, without content", async () => {
  const [{ child_ids: [unborn] }] = await db.dataSource.query<{ child_ids: string[] }[]>(`SELECT child_ids FROM notification_delivery WHERE id = $1`, [deliveryId]);
  await standingExclusion(unborn, { kind: "AGENCY", agencyCode: "LA-E06000060" });
  const webhookId = randomUUID();
  await db.dataSource.getRepository(WebhookDelivery).insert({
    id: webhookId, deliveryId, recipientAgency: "LA-E06000060", childSuis: [], status: "PENDING", attempts: 0, lastFailure: null, createdAt: NOW, lastAttemptAt: null, deliveredAt: null, deadAt: null, replays: 0,
  });
  const silent = new winston.transports.Stream({ stream: new Writable({ write: (_chunk, _encoding, done) => done() }) });
  // Nothing is signed or sent when the push is withheld.
  await deliverWebhook({ dataSource: db.dataSource, policy: POLICY, signingKeys: {} as HubSigningKeys, rules: {} as WebhookSendRules, maxAttempts: 3, logger: createLogger("error", [silent]), now: () => NOW }, webhookId);
  expect((await db.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ id: webhookId })).status).toBe("WITHHELD");
  const [entry] = await db.auditByRequest(`webhook:${webhookId}`);
  expect(entry).toMatchObject({
    operation: "NOTIFICATION_DELIVERY", outcome: "REFUSED", refusalProblem: "EXCLUDED_FROM_FILE", refusalRule: "named-staff-exclusion", principalAgency: "HUB",
    fieldsDisclosed: [], details: { webhookId, deliveryId, agency: "LA-E06000060", withheld: "WEBHOOK" },
  });
});

test("a child merged twice (A into B, B into C) keeps the exclusion recorded on A before the merges over a delivery about A: the inbox, acknowledging it, its webhook", async () => {
  const clementine = { givenNames: "Clementine", familyName: "Twicemerged", dateOfBirth: "2015-09-09", sex: "FEMALE" as const, address: HOME };
  const childOf = async (receipt: { recordId: string }) => (await db.dataSource.query<{ child_id: string }[]>(`SELECT child_id FROM agency_record WHERE id = $1`, [receipt.recordId]))[0].child_id;
  const a = await submitRecord(db.dataSource, VALE_SYSTEM, { agencyCode: "LA-E06000060", agencyReference: "VALE-CP-TWICE", child: clementine, socialCare: { ...social, status: "CHILD_PROTECTION_PLAN", responsibleLocalAuthority: "E06000060" } }, NOW);
  await recordExclusion(services, VALE_MANAGER, "req-excl-twice", S47, { agencyReference: "VALE-CP-TWICE" }, { kind: "STAFF", subject: KEPT_OUT.sub, reason: "Named in the complex abuse enquiry." }, NOW);
  const receipt = await submitUnscheduledCareAttendance(services, ED_SYSTEM, "req-twice-cpis", { agencyCode: "RBH-ED", reference: "ED-TWICE-1", attendedOn: "2026-11-16", presentingComplaint: "Burn to the hand", child: clementine }, NOW);
  const [delivery] = await db.dataSource.getRepository(NotificationDelivery).findBy({ notificationId: receipt.notificationId });
  expect(delivery.childIds).toEqual([await childOf(a)]);
  // Two more records of her that the hub first took for other children, merged one into the next by a steward.
  const others = { ...clementine, familyName: "Underhill", dateOfBirth: "2009-01-30", address: { ...HOME, line1: "40 Far Lane", postcode: "LN2 5AA", localAuthority: "E10000019" } };
  const b = await submitRecord(db.dataSource, FENSHIRE_SYSTEM, { agencyCode: "LA-E10000019", agencyReference: "FEN-TWICE-B", child: others, socialCare: { ...social, status: "CHILD_IN_NEED", responsibleLocalAuthority: "E10000019" } }, NOW);
  const c = await submitRecord(db.dataSource, FENSHIRE_SYSTEM, { agencyCode: "LA-E10000019", agencyReference: "FEN-TWICE-C", child: { ...others, givenNames: "Tina", familyName: "Oakhurst", dateOfBirth: "2008-12-12" }, socialCare: { ...social, status: "CHILD_IN_NEED", responsibleLocalAuthority: "E10000019" } }, NOW);
  const [childA, childB, childC] = [await childOf(a), await childOf(b), await childOf(c)];
  expect(new Set([childA, childB, childC]).size).toBe(3);
  await mergeChildren(services, STEWARD, "req-merge-ab", DATA_QUALITY, childB, childA, "The same girl, confirmed by the school.", NOW);
  await mergeChildren(services, STEWARD, "req-merge-bc", DATA_QUALITY, childC, childB, "The same girl, confirmed by the GP.", NOW);
  const listed = async (caller: typeof KEPT_OUT) => (await listNotifications(services, caller, `req-inbox-twice-${caller.sub}`, null, 50, null, NOW)).deliveries.map((shown) => shown.id);
  expect(await listed(KEPT_OUT)).not.toContain(delivery.id);
  expect(await listed(COLLEAGUE)).toContain(delivery.id);

  // Acknowledging it, by its id: answered as another agency's delivery, and alerted against the child the exclusion is of now.
  await expect(acknowledgeNotification(services, KEPT_OUT, "req-ack-twice", delivery.id, null, NOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
  const alerts = await db.dataSource.query<{ child_id: string }[]>(`SELECT child_id FROM ig_alert WHERE kind = 'EXCLUDED_ACCESS' AND principal_sub = $1`, [KEPT_OUT.sub]);
  expect(alerts).toEqual([{ child_id: childC }]);

  // The council kept out as a whole afterwards: a push of the delivery about A still pending is never sent.
  await standingExclusion(childC, { kind: "AGENCY", agencyCode: "LA-E06000060" });
  const webhookId = randomUUID();
  await db.dataSource.getRepository(WebhookDelivery).insert({
    id: webhookId, deliveryId: delivery.id, recipientAgency: "LA-E06000060", childSuis: [], status: "PENDING", attempts: 0, lastFailure: null, createdAt: NOW, lastAttemptAt: null, deliveredAt: null, deadAt: null, replays: 0,
  });
  const silent = new winston.transports.Stream({ stream: new Writable({ write: (_chunk, _encoding, done) => done() }) });
  await deliverWebhook({ dataSource: db.dataSource, policy: POLICY, signingKeys: {} as HubSigningKeys, rules: {} as WebhookSendRules, maxAttempts: 3, logger: createLogger("error", [silent]), now: () => NOW }, webhookId);
  expect((await db.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ id: webhookId })).status).toBe("WITHHELD");
});
