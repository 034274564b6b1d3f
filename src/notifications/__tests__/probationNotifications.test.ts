import { attachSupplementaryStatement } from "../../dataSubjectRights/attachSupplementaryStatement";
import { decideErasure } from "../../dataSubjectRights/decideErasure";
import { restrictProcessing } from "../../dataSubjectRights/restrictProcessing";
import { ErrorCode } from "../../errors/HubError";
import { syntheticNhsNumbers } from "../../identity/nhsNumber";
import { recordExclusion } from "../../exclusions/manageExclusions";
import { type AccessContext } from "../../policy/AccessContext";
import { AgencyRecord } from "../../records/AgencyRecord";
import { ProbationRecord } from "../../records/details/ProbationRecord";
import { escalateOverdue } from "../escalation/escalateOverdue";
import { acknowledgeNotification } from "../inbox/acknowledgeNotification";
import { listNotifications } from "../inbox/listNotifications";
import { Notification } from "../Notification";
import { NotificationDelivery } from "../NotificationDelivery";
import { type NotificationServices } from "../NotificationServices";
import { type OffenderMovedSubmission } from "../probation/OffenderMovedSubmission";
import { type SafeguardingEnquirySubmission } from "../probation/SafeguardingEnquirySubmission";
import { submitOffenderMoved } from "../probation/submitOffenderMoved";
import { submitSafeguardingEnquiry } from "../probation/submitSafeguardingEnquiry";
import { openNotificationDatabase, person, POLICY, type NotificationDatabase } from "./notificationDatabase";

const NOW = new Date("2026-11-16T10:00:00Z");
const PROBATION_SYSTEM = person("system-pdu-vale", "PDU-E06000060", "PROBATION", ["AGENCY_SYSTEM"]);
const PRACTITIONER = person("pp-vale-1", "PDU-E06000060", "PROBATION", ["PROBATION_PRACTITIONER"]);
const FENSHIRE_SW = person("sw-fenshire-1", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], "E10000019");
const VALE_SW = person("sw-vale-1", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"]);
const COLLEAGUE = person("pp-vale-2", "PDU-E06000060", "PROBATION", ["PROBATION_PRACTITIONER"]);
const PROBATION_IG = person("ig-pdu-vale", "PDU-E06000060", "PROBATION", ["IG_LEAD"]);
const GOVERNANCE: AccessContext = { purpose: "INFORMATION_GOVERNANCE", lawfulBasis: "LEGAL_OBLIGATION", specialCategoryCondition: null, justification: "A data subject's rights over probation's record of a child.", caseReference: null, breakGlass: false };
const STATEMENT = "The family state the offender has never lived with this child.";
const FENSHIRE_IG = person("ig-fenshire-1", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["IG_LEAD"], "E10000019");

const OFFENDER = { crn: "X551208", givenNames: "Dorian", familyName: "Slade", dateOfBirth: "1988-01-25", sex: "MALE" as const, pncId: "88/110254M" };
const CHILD = {
  reference: "PDU-X551208-C1", sui: "9990841055", givenNames: "Maisie", familyName: "Slade", dateOfBirth: "2018-05-30", sex: "FEMALE" as const,
  address: { kind: "HOME" as const, line1: "3 Willow Row", town: "Valeford", postcode: "HP21 8WR", localAuthority: "E06000060" }, relationshipToOffender: "FATHER" as const,
};
const RISK = { roshLevel: "HIGH" as const, roshTo: ["CHILDREN" as const], mappaCategory: 1, mappaLevel: 2, offenderManagerName: "R. Okafor", offenderManagerContact: "vale.pdu@probation.example" };

function move(reference: string, parts: Partial<OffenderMovedSubmission> = {}): OffenderMovedSubmission {
  return {
    agencyCode: "PDU-E06000060", reference, movedOn: "2026-11-14", offender: OFFENDER,
    newAddress: { kind: "HOME", line1: "12 Sedge Lane", town: "Fenby", postcode: "PE21 5SL", localAuthority: "E10000019" }, previousLocalAuthority: "E06000060",
    risk: RISK, children: [CHILD], ...parts,
  };
}

function enquiry(reference: string, parts: Partial<SafeguardingEnquirySubmission> = {}): SafeguardingEnquirySubmission {
  return {
    agencyCode: "PDU-E06000060", reference, court: "Valeford Magistrates' Court", hearingOn: "2026-11-16",
    offender: { ...OFFENDER, crn: "X771304", givenNames: "Lyle", familyName: "Penrose", homeLocalAuthority: "E06000060", postcode: "HP21 1AB" },
    offence: "Assault occasioning actual bodily harm (domestic)", question: "Are the children known to you, and is any child on a plan?", risk: { roshLevel: "MEDIUM" },
    children: [{ ...CHILD, reference: "PDU-X771304-C1", sui: "9990841063", givenNames: "Noah", familyName: "Penrose", dateOfBirth: "2019-09-12", address: { ...CHILD.address, line1: "40 Marsh Road", town: "Fenby", localAuthority: "E10000019" } }],
    enquirerName: "Court duty officer", enquirerContact: "court.team@probation.example", ...parts,
  };
}

describe("probation tells the authority an offender posing a risk to a child moved to", () => {
  let db: NotificationDatabase;
  let services: NotificationServices;

  beforeAll(async () => {
    db = await openNotificationDatabase();
    services = { dataSource: db.dataSource, policy: POLICY };
  });
  afterAll(async () => db.close());

  test("the authority moved to reads the offender, the new address, the risk and the children — not MAPPA detail, the CRN or the PNC id — audited", async () => {
    const receipt = await submitOffenderMoved(services, PROBATION_SYSTEM, "req-move-1", move("PDU-MOVE-0001"), NOW);
    expect(receipt).toMatchObject({ outcome: "CREATED", recipients: [{ agencyCode: "LA-E10000019", agencyType: "CHILDRENS_SOCIAL_CARE", rules: ["offender-move-receiving-csc"] }], unrouted: [] });
    const [delivery] = await db.dataSource.getRepository(NotificationDelivery).find({ where: { notificationId: receipt.notificationId } });
    expect(delivery.content).toEqual({
      offenderMove: {
        movedOn: "2026-11-14", offenderGivenNames: "Dorian", offenderFamilyName: "Slade", offenderDateOfBirth: "1988-01-25",
        newAddress: { line1: "12 Sedge Lane", line2: null, town: "Fenby", postcode: "PE21 5SL", localAuthority: "E10000019" }, previousLocalAuthority: "E06000060",
        roshLevel: "HIGH", roshTo: ["CHILDREN"], offenderManagerName: "R. Okafor", offenderManagerContact: "vale.pdu@probation.example",
      },
      children: [{ sui: "9990841055", givenNames: "Maisie", familyName: "Slade", dateOfBirth: "2018-05-30", homeLocalAuthority: "E06000060", relationshipToOffender: "FATHER" }],
    });
    expect(delivery.redactions).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: "offenderMove.mappaCategory", rule: "law-enforcement-withheld" }),
      expect.objectContaining({ path: "offenderMove.mappaLevel", rule: "law-enforcement-withheld" }),
    ]));
    expect(JSON.stringify(delivery.content)).not.toMatch(/X551208|88\/110254M/);
    expect(delivery.acknowledgeBy).toEqual(new Date("2026-11-17T23:59:59.999Z"));
    const entry = await db.auditEntry(delivery.disclosureId);
    expect(entry).toMatchObject({ operation: "NOTIFICATION_DELIVERY", principalAgency: "LA-E10000019", purpose: "REFERRAL_TRIAGE", specialCategoryCondition: "SAFEGUARDING_CHILDREN", childSuis: ["9990841055"] });
    expect(entry.details).toMatchObject({ notificationType: "OFFENDER_MOVED_AUTHORITY", event: "OFFENDER_MOVED", sourceAgency: "PDU-E06000060" });
    // Stored as probation's record of the offender and the child, the offender the record's subject.
    const notification = await db.dataSource.getRepository(Notification).findOneByOrFail({ id: receipt.notificationId });
    const probation = await db.dataSource.getRepository(ProbationRecord).findOneOrFail({ where: { recordId: notification.recordIds[0] }, relations: { offender: true } });
    expect([probation.roshLevel, probation.mappaCategory, probation.offender.id]).toEqual(["HIGH", 1, notification.adultId]);
  });

  test("a practitioner names only a child probation's records hold: one its system reported passes, another is CHILD_NOT_HELD_BY_AGENCY", async () => {
    const held = { ...CHILD, reference: "PDU-X551208-C3", sui: "9990841136", givenNames: "Ivy", dateOfBirth: "2017-02-02" };
    await submitOffenderMoved(services, PROBATION_SYSTEM, "req-move-2a", move("PDU-MOVE-0002A", { children: [held] }), NOW);
    const receipt = await submitOffenderMoved(services, PRACTITIONER, "req-move-2", move("PDU-MOVE-0002", { movedOn: "2026-11-15", children: [held] }), NOW);
    expect(receipt.recipients.map((recipient) => recipient.agencyCode)).toEqual(["LA-E10000019"]);
    const before = await db.dataSource.getRepository(AgencyRecord).count();
    await expect(submitOffenderMoved(services, PRACTITIONER, "req-move-3", move("PDU-MOVE-0003", { children: [{ ...CHILD, reference: "PDU-UNKNOWN-C9", sui: "9990841071" }] }), NOW))
      .rejects.toMatchObject({ code: ErrorCode.FORBIDDEN, details: { path: "notification.children[0]", problem: "CHILD_NOT_HELD_BY_AGENCY" } });
    expect(await db.dataSource.getRepository(AgencyRecord).count()).toBe(before);
  });

  test("what a later notification does not speak to stays as probation last reported it: an enquiry's screening keeps the MAPPA detail the move gave", async () => {
    const child = { ...CHILD, reference: "PDU-X551208-C2", sui: "9990841128", givenNames: "Alfie", dateOfBirth: "2020-01-11" };
    await submitOffenderMoved(services, PROBATION_SYSTEM, "req-move-held", move("PDU-MOVE-HELD", { children: [child] }), NOW);
    const receipt = await submitSafeguardingEnquiry(services, PROBATION_SYSTEM, "req-move-enq", enquiry("PDU-ENQ-AFTER-MOVE", { offender: { ...OFFENDER, homeLocalAuthority: "E10000019" }, children: [child], risk: { roshLevel: "VERY_HIGH" } }), NOW);
    const notification = await db.dataSource.getRepository(Notification).findOneByOrFail({ id: receipt.notificationId });
    const probation = await db.dataSource.getRepository(ProbationRecord).findOneByOrFail({ recordId: notification.recordIds[0] });
    expect([probation.roshLevel, probation.mappaCategory, probation.mappaLevel, probation.offenderManagerContact]).toEqual(["VERY_HIGH", 1, 2, "vale.pdu@probation.example"]);
  });

  test.each([
    ["a move within the same authority", { newAddress: { kind: "HOME" as const, line1: "1 Near Street", localAuthority: "E06000060" } }, "notification.newAddress.localAuthority", "SAME_AUTHORITY"],
    ["an address moved to without its authority", { newAddress: { kind: "HOME" as const, line1: "1 Far Street" } }, "notification.newAddress.localAuthority", "AREA_REQUIRED"],
    ["a move dated tomorrow", { movedOn: "2026-11-17" }, "notification.movedOn", "DATE_IN_FUTURE"],
    ["no child named", { children: [] }, "notification.children", "CHILD_REQUIRED"],
    ["a child of 18 on the day of the move", { children: [{ ...CHILD, dateOfBirth: "2008-11-14" }] }, "notification.children[0].dateOfBirth", "NOT_A_CHILD"],
    ["a MAPPA category of 5", { risk: { ...RISK, mappaCategory: 5 } }, "notification.risk.mappaCategory", "OUT_OF_RANGE"],
  ])("%s is refused at its path with a stable problem", async (_what, parts, path, problem) => {
    await expect(submitOffenderMoved(services, PROBATION_SYSTEM, "req-move-invalid", move("PDU-MOVE-INVALID", parts), NOW)).rejects.toMatchObject({ code: ErrorCode.INVALID_INPUT, details: { path, problem } });
  });

  test.each([
    ["children's social care", VALE_SW, "LA-E06000060"],
    ["a prison's system claiming to be probation", person("system-northfen-probation", "HMP-NORTHFEN", "PROBATION", ["AGENCY_SYSTEM"]), "HMP-NORTHFEN"],
  ])("%s may not tell of an offender's move: FORBIDDEN", async (_who, principal, agencyCode) => {
    await expect(submitOffenderMoved(services, principal, "req-move-forbidden", move("PDU-MOVE-FORBIDDEN", { agencyCode }), NOW)).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
  });
});

describe("probation's same-day child safeguarding enquiry at sentencing, and its answer", () => {
  let db: NotificationDatabase;
  let services: NotificationServices;

  beforeAll(async () => {
    db = await openNotificationDatabase();
    services = { dataSource: db.dataSource, policy: POLICY };
  });
  afterAll(async () => db.close());

  const opened: NotificationDatabase[] = [];
  afterEach(async () => {
    for (const own of opened.splice(0)) await own.close();
  });
  /** A database of the test's own, for a test that reads every answer, an agency's whole inbox or all that is overdue. */
  async function databaseOfItsOwn(): Promise<{ db: NotificationDatabase; services: NotificationServices }> {
    const own = await openNotificationDatabase();
    opened.push(own);
    return { db: own, services: { dataSource: own.dataSource, policy: POLICY } };
  }

  async function deliveryTo(on: NotificationDatabase, notificationId: string, agency: string): Promise<NotificationDelivery> {
    return on.dataSource.getRepository(NotificationDelivery).findOneByOrFail({ notificationId, recipientAgency: agency });
  }

  test("the offender's and the child's authorities are each asked for a reply due the same day; the answer returns to the asking probation agency's inbox, once", async () => {
    const { db, services } = await databaseOfItsOwn();
    const receipt = await submitSafeguardingEnquiry(services, PROBATION_SYSTEM, "req-enq-1", enquiry("PDU-ENQ-0001"), NOW);
    expect(receipt.recipients).toEqual([
      { agencyCode: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE", rules: ["probation-enquiry-csc-offender-home"] },
      { agencyCode: "LA-E10000019", agencyType: "CHILDRENS_SOCIAL_CARE", rules: ["probation-enquiry-csc-child-home"] },
    ]);
    const fenshire = await deliveryTo(db, receipt.notificationId, "LA-E10000019");
    expect([fenshire.responseRequested, fenshire.acknowledgeBy, fenshire.dueBy, fenshire.dueFor]).toEqual([true, new Date("2026-11-16T23:59:59.999Z"), new Date("2026-11-16T23:59:59.999Z"), "PROBATION_SAFEGUARDING_ENQUIRY"]);
    expect(fenshire.content).toEqual({
      safeguardingEnquiry: {
        court: "Valeford Magistrates' Court", hearingOn: "2026-11-16", offenderGivenNames: "Lyle", offenderFamilyName: "Penrose", offenderDateOfBirth: "1988-01-25",
        offenderHomeLocalAuthority: "E06000060", offence: "Assault occasioning actual bodily harm (domestic)", question: "Are the children known to you, and is any child on a plan?",
        enquirerName: "Court duty officer", enquirerContact: "court.team@probation.example",
      },
      children: [{ sui: "9990841063", givenNames: "Noah", familyName: "Penrose", dateOfBirth: "2019-09-12", homeLocalAuthority: "E10000019", relationshipToOffender: "FATHER" }],
    });
    // The offender's case reference (CRN) matched the adult; no recipient's view carries it, so nothing is withheld.
    expect(fenshire.redactions).toEqual([]);

    // A consultation needs its reply; an IG lead, for whom the view was not decided, finds nothing to answer.
    await expect(acknowledgeNotification(services, FENSHIRE_SW, "req-enq-ack-0", fenshire.id, null, NOW)).rejects.toMatchObject({ code: ErrorCode.INVALID_INPUT, details: { problem: "RESPONSE_REQUIRED" } });
    await expect(acknowledgeNotification(services, FENSHIRE_IG, "req-enq-ack-ig", fenshire.id, "Known to us", NOW)).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    expect((await deliveryTo(db, receipt.notificationId, "LA-E10000019")).acknowledgedAt).toBeNull();

    const answeredAt = new Date("2026-11-16T13:30:00Z");
    await acknowledgeNotification(services, FENSHIRE_SW, "req-enq-ack-1", fenshire.id, "Noah has been on a child protection plan (neglect) since March; allocated worker on the duty line.", answeredAt);
    const answers = await db.dataSource.getRepository(Notification).find({ where: { type: "SAFEGUARDING_ENQUIRY_RESPONSE" } });
    expect(answers.map((answer) => [answer.sourceAgency, answer.sourceReference, answer.submittedBy])).toEqual([["LA-E10000019", `ANSWER-${fenshire.id}`, "sw-fenshire-1"]]);

    // The asking agency's practitioner reads the answer in its inbox, decided and audited for it under Part 3.
    const inbox = await listNotifications(services, PRACTITIONER, "req-enq-inbox", null, 10, null, answeredAt);
    expect(inbox.deliveries.map((delivery) => delivery.notificationId)).toEqual([answers[0].id]);
    const [answer] = inbox.deliveries;
    expect(answer.content).toEqual({
      enquiryResponse: { enquiryReference: "PDU-ENQ-0001", respondingAgency: "LA-E10000019", respondedAt: "2026-11-16T13:30:00.000Z", response: "Noah has been on a child protection plan (neglect) since March; allocated worker on the duty line." },
      children: [{ sui: "9990841063", givenNames: "Noah", familyName: "Penrose", dateOfBirth: "2019-09-12", relationshipToOffender: "FATHER" }],
    });
    expect([answer.purpose, answer.lawfulBasis, answer.acknowledgeBy, answer.responseRequested]).toEqual(["OFFENDER_RISK_MANAGEMENT", "LAW_ENFORCEMENT", null, false]);
    const entry = await db.auditEntry(answer.disclosureId);
    expect(entry).toMatchObject({ operation: "NOTIFICATION_DELIVERY", principalAgency: "PDU-E06000060", purpose: "OFFENDER_RISK_MANAGEMENT", lawfulBasis: "LAW_ENFORCEMENT", childSuis: ["9990841063"] });
    expect(entry.details).toMatchObject({ notificationType: "SAFEGUARDING_ENQUIRY_RESPONSE", event: "ENQUIRY_ANSWERED", sourceAgency: "LA-E10000019", routingRules: ["enquiry-answer-probation"] });

    // Acknowledging again answers nothing twice.
    await acknowledgeNotification(services, FENSHIRE_SW, "req-enq-ack-2", fenshire.id, "A different answer", answeredAt);
    expect(await db.dataSource.getRepository(Notification).count({ where: { type: "SAFEGUARDING_ENQUIRY_RESPONSE" } })).toBe(1);
    // Another probation agency's practitioner never sees it.
    const other = await listNotifications(services, person("pp-other", "PDU-E10000019", "PROBATION", ["PROBATION_PRACTITIONER"], "E10000019"), "req-enq-other", null, 10, null, answeredAt);
    expect(other.deliveries).toEqual([]);

    // The authority that has not answered by the end of the day is escalated; the one that answered is not.
    expect(await escalateOverdue(services, new Date("2026-11-17T00:00:01Z"))).toBe(1);
    const vale = await deliveryTo(db, receipt.notificationId, "LA-E06000060");
    expect(vale.escalatedAt).not.toBeNull();
    expect((await deliveryTo(db, receipt.notificationId, "LA-E10000019")).escalatedAt).toBeNull();
  }, 60_000);

  test("the answer is held to later rights over the records the enquiry was told from: a statement goes with it, a restriction withholds it as it leaves, an erasure rewrites its stored copy", async () => {
    const child = { ...CHILD, reference: "PDU-X771399-C1", sui: "9990841098", givenNames: "Ottilie", familyName: "Varden", dateOfBirth: "2017-02-11", address: { ...CHILD.address, line1: "2 Fen Causeway", town: "Fenby", localAuthority: "E10000019" } };
    const asked = enquiry("PDU-ENQ-RIGHTS", { offender: { ...enquiry("x").offender, crn: "X771399", givenNames: "Cyril", familyName: "Varden" }, children: [child] });
    const receipt = await submitSafeguardingEnquiry(services, PROBATION_SYSTEM, "req-enq-rights", asked, NOW);
    const [recordId] = (await db.dataSource.getRepository(Notification).findOneByOrFail({ id: receipt.notificationId })).recordIds;
    const answeredAt = new Date("2026-11-16T14:00:00Z");
    const fenshire = await deliveryTo(db, receipt.notificationId, "LA-E10000019");
    await acknowledgeNotification(services, FENSHIRE_SW, "req-enq-rights-ack", fenshire.id, "Ottilie is not known to this authority.", answeredAt);
    const answer = await db.dataSource.getRepository(Notification).findOneByOrFail({ sourceAgency: "LA-E10000019", sourceReference: `ANSWER-${fenshire.id}` });
    // The answer is told from the records the enquiry was: the rights over them reach it.
    expect(answer.recordIds).toEqual([recordId]);
    const leaving = async (requestId: string) => (await listNotifications(services, PRACTITIONER, requestId, null, 50, null, answeredAt)).deliveries.find((delivery) => delivery.notificationId === answer.id);
    expect((await leaving("req-enq-rights-inbox-0"))?.content.children).toEqual([{ sui: "9990841098", givenNames: "Ottilie", familyName: "Varden", dateOfBirth: "2017-02-11", relationshipToOffender: "FATHER" }]);

    await attachSupplementaryStatement(services, PROBATION_IG, "req-enq-rights-statement", GOVERNANCE, { recordId, field: null, statement: STATEMENT }, answeredAt);
    expect((await leaving("req-enq-rights-inbox-1"))?.supplementaryStatements).toEqual([expect.objectContaining({ path: `probation[${recordId}]`, statement: STATEMENT })]);

    await restrictProcessing(services, PROBATION_IG, "req-enq-rights-restrict", GOVERNANCE, { recordId, field: null, kind: "RESTRICTION", ground: "ACCURACY_CONTESTED", reason: "The family dispute that this child is the offender's." }, answeredAt);
    const restricted = await leaving("req-enq-rights-inbox-2");
    expect(restricted?.content.children).toBeUndefined();
    expect(restricted?.redactions).toContainEqual(expect.objectContaining({ path: "children[0].givenNames", rule: "data-subject-rights" }));

    const erased = await decideErasure(services, PROBATION_IG, "req-enq-rights-erase", GOVERNANCE, { recordId, field: "offenderManagerContact", groundsMet: ["NO_LONGER_NECESSARY"], exemptionsApplying: [], reason: "Decided on the family's request; see the IG file." }, answeredAt);
    expect(erased.outcome).toBe("ERASED");
    // The answer says which of the record's facts it carries (only the offender's relation to the child): the
    // offender manager's contact is not one of them, so its stored copy has nothing to erase.
    const [stored] = await db.dataSource.getRepository(NotificationDelivery).findBy({ notificationId: answer.id });
    expect(stored.content.children).toEqual([{ sui: "9990841098", givenNames: "Ottilie", familyName: "Varden", dateOfBirth: "2017-02-11", relationshipToOffender: "FATHER" }]);
    expect(JSON.stringify(stored.content)).not.toContain("erasedBy");
  }, 60_000);

  test("the answer about a child awaiting an SUI names the child: the asking practitioner an exclusion keeps out of the child is not shown it, a colleague is", async () => {
    const child = { ...CHILD, reference: "PDU-X771400-C1", sui: null, givenNames: "Clement", familyName: "Harrowby", dateOfBirth: "2016-08-08", address: { ...CHILD.address, line1: "9 Fen Causeway", town: "Fenby", localAuthority: "E10000019" } };
    const asked = enquiry("PDU-ENQ-NOSUI", { offender: { ...enquiry("x").offender, crn: "X771400", givenNames: "Amos", familyName: "Harrowby" }, children: [child] });
    const receipt = await submitSafeguardingEnquiry(services, PROBATION_SYSTEM, "req-enq-nosui", asked, NOW);
    const answeredAt = new Date("2026-11-16T14:30:00Z");
    const fenshire = await deliveryTo(db, receipt.notificationId, "LA-E10000019");
    await acknowledgeNotification(services, FENSHIRE_SW, "req-enq-nosui-ack", fenshire.id, "Clement is known to us: a child in need plan closed in 2024.", answeredAt);
    const answer = await db.dataSource.getRepository(Notification).findOneByOrFail({ sourceAgency: "LA-E10000019", sourceReference: `ANSWER-${fenshire.id}` });
    // Probation keeps one of its practitioners out of the child, naming the child by its own record's reference.
    await recordExclusion(services, PROBATION_IG, "req-enq-nosui-exclude", GOVERNANCE, { agencyReference: "PDU-X771400-C1" }, { kind: "STAFF", subject: PRACTITIONER.sub, reason: "A relative of the family." }, answeredAt);
    const listed = async (caller: typeof PRACTITIONER) => (await listNotifications(services, caller, `req-enq-nosui-inbox-${caller.sub}`, null, 50, null, answeredAt)).deliveries.map((delivery) => delivery.notificationId);
    expect(await listed(PRACTITIONER)).not.toContain(answer.id);
    expect(await listed(COLLEAGUE)).toContain(answer.id);
  }, 60_000);

  test.each([
    ["a hearing tomorrow", { hearingOn: "2026-11-17" }, "notification.hearingOn", "DATE_IN_FUTURE"],
    ["no question", { question: "  " }, "notification.question", "TEXT_REQUIRED"],
    ["no child", { children: [] }, "notification.children", "CHILD_REQUIRED"],
    ["an unborn child", { children: [{ ...CHILD, dateOfBirth: null, expectedDateOfBirth: "2027-03-01" }] }, "notification.children[0].dateOfBirth", "BIRTH_DATE_REQUIRED"],
    ["an offender's home that is not an ONS code", { offender: { ...OFFENDER, homeLocalAuthority: "Vale" } }, "notification.offender.homeLocalAuthority", "INVALID_LOCAL_AUTHORITY"],
  ])("%s is refused at its path with a stable problem", async (_what, parts, path, problem) => {
    await expect(submitSafeguardingEnquiry(services, PROBATION_SYSTEM, "req-enq-invalid", enquiry("PDU-ENQ-INVALID", parts), NOW)).rejects.toMatchObject({ code: ErrorCode.INVALID_INPUT, details: { path, problem } });
  });

  describe("about a child whose supervision ended", () => {
    const LAPSED = { ...CHILD, reference: "PDU-X771304-C8", sui: syntheticNhsNumbers(841_800).next().value as string, givenNames: "Wilf", familyName: "Penrose", dateOfBirth: "2015-05-15" };
    const enquiries = () => db.dataSource.getRepository(Notification).count({ where: { type: "PROBATION_SAFEGUARDING_ENQUIRY" } });

    beforeAll(async () => {
      const asked = await submitSafeguardingEnquiry(services, PROBATION_SYSTEM, "req-enq-lapsed-0", enquiry("PDU-ENQ-LAPSED-0", { hearingOn: "2026-06-01", children: [LAPSED] }), new Date("2026-06-01T10:00:00Z"));
      // Probation's system later reports the supervision ended in September: involvement lapsed a month after.
      await db.dataSource.getRepository(ProbationRecord).update({ recordId: (await notificationRecordIds(asked.notificationId))[0] }, { supervisionEndDate: "2026-09-10" });
    });

    async function notificationRecordIds(id: string): Promise<string[]> {
      return (await db.dataSource.getRepository(Notification).findOneByOrFail({ id })).recordIds;
    }

    test("a practitioner may not ask about the child (CHILD_INVOLVEMENT_LAPSED): nothing is asked, so no answer comes back to tell them what `child` no longer does", async () => {
      const before = await enquiries();
      await expect(submitSafeguardingEnquiry(services, PRACTITIONER, "req-enq-lapsed-1", enquiry("PDU-ENQ-LAPSED-1", { children: [LAPSED] }), NOW))
        .rejects.toMatchObject({ code: ErrorCode.FORBIDDEN, details: { path: "notification.children[0]", problem: "CHILD_INVOLVEMENT_LAPSED" } });
      expect(await enquiries()).toBe(before);
    });

    test("probation's system, for a new sentencing (new involvement it speaks for), still asks, and the answer returns under Part 3 for offender risk management", async () => {
      const receipt = await submitSafeguardingEnquiry(services, PROBATION_SYSTEM, "req-enq-lapsed-2", enquiry("PDU-ENQ-LAPSED-2", { children: [LAPSED] }), NOW);
      const vale = await deliveryTo(db, receipt.notificationId, "LA-E06000060");
      await acknowledgeNotification(services, VALE_SW, "req-enq-lapsed-ack", vale.id, "Wilf is known to us; no current plan.", NOW);
      const inbox = await listNotifications(services, PRACTITIONER, "req-enq-lapsed-inbox", null, 50, null, NOW);
      const answer = inbox.deliveries.find((delivery) => (delivery.content.enquiryResponse as { enquiryReference?: string } | undefined)?.enquiryReference === "PDU-ENQ-LAPSED-2");
      expect([answer?.purpose, answer?.lawfulBasis]).toEqual(["OFFENDER_RISK_MANAGEMENT", "LAW_ENFORCEMENT"]);
    });
  });

  test("a social worker may not make probation's enquiry: FORBIDDEN", async () => {
    await expect(submitSafeguardingEnquiry(services, VALE_SW, "req-enq-forbidden", enquiry("PDU-ENQ-FORBIDDEN", { agencyCode: "LA-E06000060" }), NOW)).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
  });
});
