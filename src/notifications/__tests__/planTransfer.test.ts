import { ErrorCode } from "../../errors/HubError";
import { AgencyRecord } from "../../records/AgencyRecord";
import { SocialCareRecord } from "../../records/details/SocialCareRecord";
import { submitRecord } from "../../records/submitRecord";
import { type AccessContext } from "../../policy/AccessContext";
import { Notification } from "../Notification";
import { NotificationDelivery } from "../NotificationDelivery";
import { type NotificationServices } from "../NotificationServices";
import { type ChildOnPlanMovedSubmission } from "../planTransfer/ChildOnPlanMovedSubmission";
import { submitChildOnPlanMoved } from "../planTransfer/submitChildOnPlanMoved";
import { listPlansHeldElsewhere } from "../plans/plansHeldElsewhere";
import { openNotificationDatabase, person, POLICY, type NotificationDatabase } from "./notificationDatabase";

// Monday 16 November 2026: the transfer-in conference is due 15 working days on, by the end of Monday 7 December.
const NOW = new Date("2026-11-16T10:00:00Z");
const VALE_SYSTEM = person("system-la-vale", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["AGENCY_SYSTEM"]);
const VALE_SOCIAL_WORKER = person("sw-vale-move", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"]);
const FENSHIRE_SOCIAL_WORKER = person("sw-fen-move", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], "E10000019");

const CHILD = { sui: "9990740151", givenNames: "Juno", familyName: "Carrow", dateOfBirth: "2018-01-09", sex: "FEMALE" as const };
const VALE_HOME = { kind: "HOME" as const, line1: "3 Willow Walk", postcode: "HP21 3WW", localAuthority: "E06000060" };
const FENSHIRE_HOME = { kind: "HOME" as const, line1: "12 Dyke Road", town: "Fenby", postcode: "PE21 2DR", localAuthority: "E10000019" };
const PLAN = { planCategory: "EMOTIONAL_ABUSE" as const, startDate: "2026-08-03", allocatedWorkerName: "Vale child protection team", allocatedWorkerContact: "cp.team@vale.example" };

function moveOf(reference: string, parts: Partial<ChildOnPlanMovedSubmission> = {}): ChildOnPlanMovedSubmission {
  return { agencyCode: "LA-E06000060", reference, planReference: "VALE-CP-MOVE-1", movedOn: "2026-11-13", child: { ...CHILD, address: FENSHIRE_HOME }, plan: PLAN, ...parts };
}

describe("a child on a plan moving authority tells the receiving authority, which holds a conference within 15 working days", () => {
  let db: NotificationDatabase;
  let services: NotificationServices;

  beforeAll(async () => {
    db = await openNotificationDatabase();
    services = { dataSource: db.dataSource, policy: POLICY };
    await submitRecord(db.dataSource, VALE_SYSTEM, {
      agencyCode: "LA-E06000060", agencyReference: "VALE-CP-MOVE-1", child: { ...CHILD, address: VALE_HOME },
      socialCare: { status: "CHILD_PROTECTION_PLAN", ...PLAN, responsibleLocalAuthority: "E06000060" },
    }, NOW);
  });
  afterAll(async () => db.close());

  test("the Vale's social worker tells of the move; Fenshire's children's social care is told, its conference due by the timescale", async () => {
    const receipt = await submitChildOnPlanMoved(services, VALE_SOCIAL_WORKER, "req-move-1", moveOf("VALE-MOVE-0001"), NOW);
    expect(receipt).toMatchObject({ outcome: "CREATED", recipients: [{ agencyCode: "LA-E10000019", agencyType: "CHILDRENS_SOCIAL_CARE", rules: ["plan-move-receiving-authority"] }], unrouted: [] });
    const [delivery] = await db.dataSource.getRepository(NotificationDelivery).find({ where: { notificationId: receipt.notificationId } });
    expect(delivery.content).toEqual({
      child: { sui: "9990740151", givenNames: "Juno", familyName: "Carrow", dateOfBirth: "2018-01-09", homeLocalAuthority: "E10000019" },
      planTransfer: {
        movedOn: "2026-11-13", newAddress: { line1: "12 Dyke Road", line2: null, town: "Fenby", postcode: "PE21 2DR", localAuthority: "E10000019" },
        previousLocalAuthority: "E06000060", sendingAuthority: "LA-E06000060", planKind: "CHILD_PROTECTION_PLAN", planCategory: "EMOTIONAL_ABUSE", planStartDate: "2026-08-03",
        planReference: "VALE-CP-MOVE-1", allocatedWorkerName: "Vale child protection team", allocatedWorkerContact: "cp.team@vale.example",
      },
    });
    expect([delivery.dueFor, delivery.dueBy]).toEqual(["TRANSFER_IN_CONFERENCE", new Date("2026-12-07T23:59:59.999Z")]);
    expect(delivery.acknowledgeBy).toEqual(new Date("2026-11-17T23:59:59.999Z"));
    expect([delivery.purpose, delivery.lawfulBasis, delivery.specialCategoryCondition]).toEqual(["CHILD_PROTECTION_CONFERENCE", "PUBLIC_TASK", "SAFEGUARDING_CHILDREN"]);
    const entry = await db.auditEntry(delivery.disclosureId);
    expect(entry).toMatchObject({ operation: "NOTIFICATION_DELIVERY", principalAgency: "LA-E10000019", purpose: "CHILD_PROTECTION_CONFERENCE", childSuis: ["9990740151"] });
    expect(entry.details).toMatchObject({ notificationType: "CHILD_ON_PLAN_MOVED", event: "MOVED_AREA", sourceAgency: "LA-E06000060", submittedBy: "sw-vale-move" });
  });

  test("the move is stored as the Vale's record of the plan, now placing the child in Fenshire — on Fenshire's list", async () => {
    const child = { ...CHILD, sui: "9990743037", givenNames: "Linnet" };
    await submitRecord(db.dataSource, VALE_SYSTEM, {
      agencyCode: "LA-E06000060", agencyReference: "VALE-CP-STORED-1", child: { ...child, address: VALE_HOME },
      socialCare: { status: "CHILD_PROTECTION_PLAN", ...PLAN, responsibleLocalAuthority: "E06000060" },
    }, NOW);
    await submitChildOnPlanMoved(services, VALE_SOCIAL_WORKER, "req-move-stored", moveOf("VALE-MOVE-STORED", { planReference: "VALE-CP-STORED-1", child: { ...child, address: FENSHIRE_HOME } }), NOW);
    const record = await db.dataSource.getRepository(AgencyRecord).findOneByOrFail({ agencyReference: "VALE-CP-STORED-1" });
    expect(record.reportedIdentity.address?.localAuthority).toBe("E10000019");
    expect((await db.dataSource.getRepository(SocialCareRecord).findOneByOrFail({ recordId: record.id })).status).toBe("CHILD_PROTECTION_PLAN");
    const access: AccessContext = { purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "SAFEGUARDING_CHILDREN", justification: "Children placed in Fenshire by other authorities", caseReference: null, breakGlass: false };
    const page = await listPlansHeldElsewhere(services, FENSHIRE_SOCIAL_WORKER, "req-move-list", access, 10, null, NOW);
    // Other tests move children of their own to Fenshire: this child is on the list once, held by the Vale.
    expect(page.plans.filter((plan) => plan.sui === child.sui).map((plan) => [plan.sui, plan.holdingAgency])).toEqual([["9990743037", "LA-E06000060"]]);
  });

  test.each([
    ["a social worker naming a child the Vale does not hold under that plan reference", VALE_SOCIAL_WORKER, { planReference: "VALE-CP-UNKNOWN" }, ErrorCode.FORBIDDEN, "CHILD_NOT_HELD_BY_AGENCY"],
    ["a police officer", person("pc-vale-move", "POLICE-91", "POLICE", ["POLICE_OFFICER"]), { agencyCode: "POLICE-91" }, ErrorCode.FORBIDDEN, undefined],
    ["the Vale's IG lead", person("ig-vale-move", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["IG_LEAD"]), {}, ErrorCode.FORBIDDEN, undefined],
    ["Fenshire, for the Vale's plan", FENSHIRE_SOCIAL_WORKER, {}, ErrorCode.FORBIDDEN, undefined],
  ])("%s may not: nothing stored or told", async (_who, principal, parts, code, problem) => {
    const before = await db.dataSource.getRepository(Notification).count();
    await expect(submitChildOnPlanMoved(services, principal, "req-move-refused", moveOf("VALE-MOVE-REFUSED", parts), NOW)).rejects.toMatchObject({ code, ...(problem ? { details: { problem } } : {}) });
    expect(await db.dataSource.getRepository(Notification).count()).toBe(before);
  });

  test.each([
    ["a move within the authority's own area", { child: { ...CHILD, address: VALE_HOME } }, "notification.child.address.localAuthority", "SAME_AUTHORITY"],
    ["a move without the area moved to", { child: { ...CHILD, address: { ...FENSHIRE_HOME, localAuthority: null } } }, "notification.child.address.localAuthority", "AREA_REQUIRED"],
    ["a move dated tomorrow", { movedOn: "2026-11-17" }, "notification.movedOn", "DATE_IN_FUTURE"],
    ["a blank plan reference", { planReference: "" }, "notification.planReference", "REFERENCE_REQUIRED"],
  ])("%s is refused at its path with a stable problem", async (_what, parts, path, problem) => {
    await expect(submitChildOnPlanMoved(services, VALE_SYSTEM, "req-move-invalid", moveOf("VALE-MOVE-INVALID", parts), NOW)).rejects.toMatchObject({ code: ErrorCode.INVALID_INPUT, details: { path, problem } });
  });

  test("a move never lifts the plan's restrictions, nor stores a looked-after child's record again as a plan", async () => {
    const sealedChild = { ...CHILD, sui: "9990743002", givenNames: "Perpetua" };
    await submitRecord(db.dataSource, VALE_SYSTEM, {
      agencyCode: "LA-E06000060", agencyReference: "VALE-CP-SEALED-1", child: { ...sealedChild, address: VALE_HOME }, labels: ["SEALED"],
      fieldLabels: [{ field: "allocatedWorkerName", labels: ["THIRD_PARTY"] }],
      socialCare: { status: "CHILD_PROTECTION_PLAN", ...PLAN, responsibleLocalAuthority: "E06000060" },
    }, NOW);
    const receipt = await submitChildOnPlanMoved(services, VALE_SOCIAL_WORKER, "req-move-sealed", moveOf("VALE-MOVE-SEALED", { planReference: "VALE-CP-SEALED-1", child: { ...sealedChild, address: FENSHIRE_HOME } }), NOW);
    expect(receipt.outcome).toBe("CREATED");
    const plan = await db.dataSource.getRepository(AgencyRecord).findOneByOrFail({ agencyReference: "VALE-CP-SEALED-1" });
    expect(plan.labels).toEqual(["SEALED"]);
    expect(plan.fieldLabels).toEqual({ allocatedWorkerName: ["THIRD_PARTY"] });

    const lookedAfter = { ...CHILD, sui: "9990743010", givenNames: "Tamsin" };
    await submitRecord(db.dataSource, VALE_SYSTEM, {
      agencyCode: "LA-E06000060", agencyReference: "VALE-LAC-1", child: { ...lookedAfter, address: VALE_HOME },
      socialCare: { status: "LOOKED_AFTER", legalStatus: "SECTION_31_CARE_ORDER", startDate: "2025-05-01", allocatedWorkerName: "Vale children in care team", responsibleLocalAuthority: "E06000060" },
    }, NOW);
    await expect(submitChildOnPlanMoved(services, VALE_SOCIAL_WORKER, "req-move-lac", moveOf("VALE-MOVE-LAC", { planReference: "VALE-LAC-1", child: { ...lookedAfter, address: FENSHIRE_HOME } }), NOW))
      .rejects.toMatchObject({ code: ErrorCode.CONFLICT, details: { problem: "REFERENCE_NAMES_ANOTHER_CASE" } });
    const kept = await db.dataSource.getRepository(SocialCareRecord).findOneByOrFail({ recordId: (await db.dataSource.getRepository(AgencyRecord).findOneByOrFail({ agencyReference: "VALE-LAC-1" })).id });
    expect([kept.status, kept.legalStatus]).toEqual(["LOOKED_AFTER", "SECTION_31_CARE_ORDER"]);
  });

  test("a social worker's \"move\" to the home the plan already gives moves nothing, and a label typed on it does not protect that home", async () => {
    const child = { ...CHILD, sui: "9990743045", givenNames: "Ottoline", dateOfBirth: "2017-07-07" };
    await submitRecord(db.dataSource, VALE_SYSTEM, {
      agencyCode: "LA-E06000060", agencyReference: "VALE-CP-SAME-1", child: { ...child, address: FENSHIRE_HOME },
      socialCare: { status: "CHILD_PROTECTION_PLAN", ...PLAN, responsibleLocalAuthority: "E06000060" },
    }, NOW);
    const receipt = await submitChildOnPlanMoved(services, VALE_SOCIAL_WORKER, "req-move-same", moveOf("VALE-MOVE-SAME", { planReference: "VALE-CP-SAME-1", child: { ...child, address: { ...FENSHIRE_HOME, line1: "12, Dyke Road", labels: ["LOCATION_WITHHELD"] } } }), NOW);
    expect(receipt.outcome).toBe("CREATED");
    const addresses = await db.dataSource.query<{ line1: string; labels: string[] }[]>(
      `SELECT a.line1, a.labels FROM child_address a JOIN child c ON c.id = a.child_id WHERE c.sui = '9990743045' ORDER BY a.line1`);
    expect(addresses).toEqual([{ line1: "12 Dyke Road", labels: [] }]);
  });

  test("a social worker's slip in the child's names or date of birth never unlinks the plan: the record keeps the identity its authority reported", async () => {
    const child = { ...CHILD, sui: "9990743029", givenNames: "Tansy", familyName: "Holm", dateOfBirth: "2016-04-04" };
    await submitRecord(db.dataSource, VALE_SYSTEM, {
      agencyCode: "LA-E06000060", agencyReference: "VALE-CP-SLIP-1", child: { ...child, address: VALE_HOME },
      socialCare: { status: "CHILD_PROTECTION_PLAN", ...PLAN, responsibleLocalAuthority: "E06000060" },
    }, NOW);
    const slip = { ...child, givenNames: "Tamsin", familyName: "Holmes", dateOfBirth: "2015-05-05", address: FENSHIRE_HOME };
    const receipt = await submitChildOnPlanMoved(services, VALE_SOCIAL_WORKER, "req-move-slip", moveOf("VALE-MOVE-SLIP", { planReference: "VALE-CP-SLIP-1", child: slip }), NOW);
    expect(receipt.outcome).toBe("CREATED");
    const [plan] = await db.dataSource.query<{ link_state: string; sui: string | null; given: string; born: string }[]>(
      `SELECT r.link_state, c.sui, r.reported_identity ->> 'givenNames' AS given, r.reported_identity ->> 'dateOfBirth' AS born
         FROM agency_record r LEFT JOIN child c ON c.id = r.child_id WHERE r.agency_reference = 'VALE-CP-SLIP-1'`);
    expect(plan).toEqual({ link_state: "LINKED", sui: "9990743029", given: "Tansy", born: "2016-04-04" });
  });
});
