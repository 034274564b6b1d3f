import { AdultName } from "../../people/AdultName";
import { NotificationDelivery } from "../NotificationDelivery";
import { Notification } from "../Notification";
import { submitPprcNotification, type NotificationServices } from "../submitPprcNotification";
import { type PprcNotificationSubmission } from "../PprcNotificationSubmission";
import { openNotificationDatabase, POLICY, PRISON_OMU, PRISON_SYSTEM, releaseOf, type NotificationDatabase } from "./notificationDatabase";

const NOW = new Date("2026-11-16T10:00:00Z");

// One database for the file: each test below that reads what a notification did notifies of its own
// prisoner and child (`releaseBy`), so none sees another's notifications, names or records, in whatever
// order they run.
let db: NotificationDatabase;
let services: NotificationServices;
beforeAll(async () => {
  db = await openNotificationDatabase();
  services = { dataSource: db.dataSource, policy: POLICY };
});
afterAll(async () => db.close());

/** Scenario 1's release, of prisoner `n`'s own (prison number, family name, date of birth) and of a child of their own. */
function releaseBy(n: number, familyName: string, sui: string): (reference: string, parts?: Partial<PprcNotificationSubmission>) => PprcNotificationSubmission {
  const { prisoner, childrenAtRisk } = releaseOf("");
  const [child] = childrenAtRisk ?? [];
  return (reference, parts = {}) => releaseOf(reference, {
    prisoner: { ...prisoner, prisonNumber: `A730${n}QZ`, familyName, dateOfBirth: `198${n}-06-12` },
    childrenAtRisk: [{ ...child, reference: `NF-PPRC-730${n}-C1`, sui, dateOfBirth: `201${n}-03-08` }],
    ...parts,
  });
}

describe("DOMAIN.md scenario 1: a confirmed PPRC's release, prisoner in one authority and the child in another", () => {

  test("both CSCs, probation and the release area's police are told, each once, by the rule that chose it", async () => {
    const receipt = await submitPprcNotification(services, PRISON_SYSTEM, "req-scenario-1", releaseOf("NF-2026-REL-0001"), NOW);
    expect(receipt.outcome).toBe("CREATED");
    expect(receipt.recipients).toEqual([
      { agencyCode: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE", rules: ["pprc-csc-prisoner-home-area"] },
      { agencyCode: "LA-E10000019", agencyType: "CHILDRENS_SOCIAL_CARE", rules: ["pprc-csc-child-home-area"] },
      { agencyCode: "PDU-E06000060", agencyType: "PROBATION", rules: ["pprc-probation-status"] },
      { agencyCode: "POLICE-91", agencyType: "POLICE", rules: ["pprc-police-release-area"] },
    ]);
    expect(receipt.unrouted).toEqual([]);
    // Each decision names the directory version of every agency it found, so it can be explained however the directory changes.
    const notification = await db.dataSource.getRepository(Notification).findOneByOrFail({ id: receipt.notificationId });
    expect(notification.routing.find((decision) => decision.rule === "pprc-police-release-area")).toMatchObject({ outcome: "ROUTED", agencies: ["POLICE-91"], directoryVersions: { "POLICE-91": 1 } });

    const deliveries = await db.dataSource.getRepository(NotificationDelivery).find({ where: { notificationId: receipt.notificationId }, order: { recipientAgency: "ASC" } });
    const byAgency = new Map(deliveries.map((delivery) => [delivery.recipientAgency, delivery]));
    expect([...byAgency.keys()]).toEqual(["LA-E06000060", "LA-E10000019", "PDU-E06000060", "POLICE-91"]);

    const csc = byAgency.get("LA-E06000060");
    expect(Object.keys(csc?.content.pprc ?? {}).sort()).toEqual([
      "establishment", "event", "eventDate", "offenderManagementUnitContact", "pprcStatus", "prisonNumber", "prisonerDateOfBirth", "prisonerFamilyName",
      "prisonerGivenNames", "prisonerHomeLocalAuthority", "releaseAddress", "releaseDate",
    ]);
    expect(csc?.content.childrenAtRisk).toEqual([{ sui: "9990071004", givenNames: "Poppy", familyName: "Fernleigh", dateOfBirth: "2017-03-08", homeLocalAuthority: "E10000019", relationshipToPrisoner: "FATHER" }]);
    expect(csc?.redactions).toEqual([
      { path: "pprc.mappaCategory", rule: "law-enforcement-withheld", reason: expect.stringContaining("law-enforcement") },
      { path: "pprc.mappaLevel", rule: "law-enforcement-withheld", reason: expect.stringContaining("law-enforcement") },
    ]);
    expect(byAgency.get("LA-E10000019")?.content).toEqual(csc?.content);

    const probation = byAgency.get("PDU-E06000060");
    expect(probation?.content.pprc?.mappaCategory).toBe(1);
    expect(probation?.content.pprc?.mappaLevel).toBe(2);
    expect(probation?.content.childrenAtRisk).toHaveLength(1);
    expect(probation?.redactions).toEqual([]);

    const police = byAgency.get("POLICE-91");
    expect(police?.content.childrenAtRisk).toBeUndefined();
    expect(police?.content.pprc?.releaseAddress).toEqual({ line1: "4 Larchmere Close", line2: null, town: "Valeford", postcode: "HP21 7QQ", localAuthority: "E06000060" });
    expect(police?.content.pprc?.prisonerHomeLocalAuthority).toBeUndefined();
    expect(police?.redactions).toEqual([
      { path: "pprc.prisonerHomeLocalAuthority", rule: "default-deny", reason: expect.any(String) },
      { path: "childrenAtRisk", rule: "default-deny", reason: expect.any(String) },
    ]);
    expect(police?.childSuis).toEqual([]);

    for (const delivery of deliveries) {
      expect(delivery.acknowledgeBy).toEqual(new Date("2026-11-17T23:59:59.999Z"));
      expect(delivery.responseRequested).toBe(false);
    }
  });

  test("each delivery's audit entry names the recipient, the rule's purpose, basis and condition, and exactly what it carried", async () => {
    const release = releaseBy(6, "Ashby", "9990710147");
    const receipt = await submitPprcNotification(services, PRISON_SYSTEM, "req-scenario-1-audit", release("NF-2026-REL-0006"), NOW);
    const notification = await db.dataSource.getRepository(Notification).findOneByOrFail({ id: receipt.notificationId });
    const deliveries = await db.dataSource.getRepository(NotificationDelivery).find({ where: { notificationId: notification.id } });
    const entries = await db.auditByRequest("req-scenario-1-audit");
    expect(entries.map((entry) => entry.id).sort()).toEqual(deliveries.map((delivery) => delivery.disclosureId).sort());
    for (const delivery of deliveries) {
      const entry = await db.auditEntry(delivery.disclosureId);
      expect(entry.operation).toBe("NOTIFICATION_DELIVERY");
      expect(entry.outcome).toBe("DISCLOSED");
      expect(entry.principalAgency).toBe(delivery.recipientAgency);
      expect([entry.purpose, entry.lawfulBasis, entry.specialCategoryCondition]).toEqual([delivery.purpose, delivery.lawfulBasis, delivery.specialCategoryCondition]);
      expect(entry.fieldsWithheld).toEqual(delivery.redactions);
      expect(entry.childSuis).toEqual(delivery.childSuis);
      expect(entry.policyVersion).toBe(POLICY.version);
      expect(entry.details).toMatchObject({ notificationId: notification.id, deliveryId: delivery.id, routingRules: delivery.routingRules, sourceAgency: "HMP-NORTHFEN", submittedBy: "system-northfen", recordIds: notification.recordIds });
    }
    const byAgency = new Map(await Promise.all(deliveries.map(async (delivery) => [delivery.recipientAgency, await db.auditEntry(delivery.disclosureId)] as const)));
    expect(byAgency.get("LA-E06000060")).toMatchObject({ purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "SAFEGUARDING_CHILDREN", childSuis: ["9990710147"], prejudicesInvestigation: false });
    expect(byAgency.get("POLICE-91")).toMatchObject({ purpose: "OFFENDER_RISK_MANAGEMENT", lawfulBasis: "LAW_ENFORCEMENT", specialCategoryCondition: "STATUTORY_PURPOSE", childSuis: [], prejudicesInvestigation: true });
    expect(byAgency.get("POLICE-91")?.fieldsDisclosed).not.toContain("childrenAtRisk[0].sui");
    expect(notification.routing.map((decision) => [decision.rule, decision.outcome, decision.agencies])).toEqual([
      ["pprc-csc-prisoner-home-area", "ROUTED", ["LA-E06000060"]],
      ["pprc-csc-child-home-area", "ROUTED", ["LA-E10000019"]],
      ["pprc-probation-status", "ROUTED", ["PDU-E06000060"]],
      ["pprc-police-release-area", "ROUTED", ["POLICE-91"]],
    ]);
  });

  test("the same reference notified again is the same notification: nothing is routed, delivered or audited twice", async () => {
    const release = releaseBy(7, "Ashwell", "9990710155");
    await submitPprcNotification(services, PRISON_SYSTEM, "req-scenario-1-first", release("NF-2026-REL-0007"), NOW);
    const before = await db.dataSource.getRepository(NotificationDelivery).count();
    const receipt = await submitPprcNotification(services, PRISON_SYSTEM, "req-scenario-1-again", release("NF-2026-REL-0007"), NOW);
    expect(receipt.outcome).toBe("UNCHANGED");
    expect(receipt.recipients.map((recipient) => recipient.agencyCode)).toEqual(["LA-E06000060", "LA-E10000019", "PDU-E06000060", "POLICE-91"]);
    expect(await db.dataSource.getRepository(NotificationDelivery).count()).toBe(before);
    expect(await db.auditByRequest("req-scenario-1-again")).toEqual([]);
  });
});

describe("DOMAIN.md scenario 2: a PPRC asks to change name", () => {
  test("CSC is consulted, asked to reply; the new name becomes an alias of the same adult", async () => {
    const release = releaseBy(2, "Ashworth", "9990710104");
    const reception = await submitPprcNotification(services, PRISON_SYSTEM, "req-s2-reception", release("NF-2026-REC-0002", { event: "RECEPTION", release: null, eventDate: "2026-11-02" }), NOW);
    const request = await submitPprcNotification(services, PRISON_SYSTEM, "req-s2-name", release("NF-2026-NCR-0002", {
      event: "NAME_CHANGE_REQUEST", release: null, requestedName: { givenNames: "Corwin", familyName: "Hollis" },
    }), NOW);
    expect(request.recipients).toEqual([
      { agencyCode: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE", rules: ["pprc-csc-prisoner-home-area"] },
      { agencyCode: "LA-E10000019", agencyType: "CHILDRENS_SOCIAL_CARE", rules: ["pprc-csc-child-home-area"] },
    ]);
    const deliveries = await db.dataSource.getRepository(NotificationDelivery).find({ where: { notificationId: request.notificationId } });
    for (const delivery of deliveries) {
      expect(delivery.responseRequested).toBe(true);
      expect(delivery.content.pprc?.requestedName).toEqual({ givenNames: "Corwin", familyName: "Hollis" });
    }
    const [first, second] = await Promise.all([reception, request].map((receipt) => db.dataSource.getRepository(Notification).findOneByOrFail({ id: receipt.notificationId })));
    expect(second.adultId).toBe(first.adultId);
    const names = await db.dataSource.getRepository(AdultName).find({ where: { adult: { id: second.adultId ?? "" } }, order: { kind: "DESC" } });
    expect(names.map(({ givenNames, familyName, kind, reportedBy }) => ({ givenNames, familyName, kind, reportedBy }))).toEqual([
      { givenNames: "Corwin", familyName: "Ashworth", kind: "USUAL", reportedBy: "HMP-NORTHFEN" },
      { givenNames: "Corwin", familyName: "Hollis", kind: "ALIAS", reportedBy: "HMP-NORTHFEN" },
    ]);
  });

  test("a later notification carries the alias among the prisoner's names", async () => {
    const renamed = releaseBy(8, "Ashlyn", "9990710163");
    await submitPprcNotification(services, PRISON_SYSTEM, "req-s2-name-first", renamed("NF-2026-NCR-0008", {
      event: "NAME_CHANGE_REQUEST", release: null, requestedName: { givenNames: "Corwin", familyName: "Hollis" },
    }), NOW);
    const receipt = await submitPprcNotification(services, PRISON_SYSTEM, "req-s2-transfer", renamed("NF-2026-TRF-0008", { event: "TRANSFER", release: null, destinationEstablishment: "HMP Saltmarsh" }), NOW);
    const delivery = await db.dataSource.getRepository(NotificationDelivery).findOneByOrFail({ notificationId: receipt.notificationId, recipientAgency: "LA-E06000060" });
    expect(delivery.content.pprc?.prisonerAliases).toEqual([{ givenNames: "Corwin", familyName: "Hollis" }]);
    expect(delivery.content.pprc?.destinationEstablishment).toBe("HMP Saltmarsh");
    expect(delivery.responseRequested).toBe(false);
  });
});

describe("the prison's record of each child, as a notification updates it", () => {
  /** The prison's record of prisoner `n`'s child (`releaseBy`). */
  const held = async (n: number) => db.dataSource.query<{ expected_release_date: string | null; pprc_assessed_on: string | null; pprc_status: string; contact: string | null }[]>(
    `SELECT p.expected_release_date::text, p.pprc_assessed_on::text, p.pprc_status, p.offender_management_unit_contact AS contact
     FROM prison_record p JOIN agency_record r ON r.id = p.record_id WHERE r.agency_code = 'HMP-NORTHFEN' AND r.agency_reference = $1`,
    [`NF-PPRC-730${n}-C1`],
  );

  test("an event that says nothing of the release date, the assessment or the contact leaves them as the prison last reported them", async () => {
    const release = releaseBy(3, "Ashcombe", "9990710112");
    await submitPprcNotification(services, PRISON_SYSTEM, "req-kept-release", release("NF-2026-REL-0101", { pprcAssessedOn: "2026-05-01" }), NOW);
    expect(await held(3)).toEqual([{ expected_release_date: "2026-11-20", pprc_assessed_on: "2026-05-01", pprc_status: "CONFIRMED", contact: "omu@northfen.example" }]);
    await submitPprcNotification(services, PRISON_SYSTEM, "req-kept-name", release("NF-2026-NCR-0101", {
      event: "NAME_CHANGE_REQUEST", release: null, offenderManagementUnitContact: null, requestedName: { givenNames: "Corwin", familyName: "Hollis" },
    }), NOW);
    expect(await held(3)).toEqual([{ expected_release_date: "2026-11-20", pprc_assessed_on: "2026-05-01", pprc_status: "CONFIRMED", contact: "omu@northfen.example" }]);
  });

  test("what the event speaks to replaces what the record held: a status change is the day it was assessed", async () => {
    const release = releaseBy(9, "Ashmore", "9990710171");
    await submitPprcNotification(services, PRISON_SYSTEM, "req-replaced-release", release("NF-2026-REL-0109", { pprcAssessedOn: "2026-05-01" }), NOW);
    expect(await held(9)).toEqual([{ expected_release_date: "2026-11-20", pprc_assessed_on: "2026-05-01", pprc_status: "CONFIRMED", contact: "omu@northfen.example" }]);
    await submitPprcNotification(services, PRISON_SYSTEM, "req-kept-status", release("NF-2026-STC-0109", {
      event: "STATUS_CHANGE", eventDate: "2026-11-12", release: null, pprcStatus: "POTENTIAL", offenderManagementUnitContact: "omu.duty@northfen.example",
    }), NOW);
    expect(await held(9)).toEqual([{ expected_release_date: "2026-11-20", pprc_assessed_on: "2026-11-12", pprc_status: "POTENTIAL", contact: "omu.duty@northfen.example" }]);
  });
});

describe("a child at risk whose address is withheld (a refuge, a placement: DOMAIN rule 6, scenario 8)", () => {
  const release = releaseBy(4, "Ashford", "9990710120");

  test("the authority derived from the address reaches only whom the label allows: CSC, not probation", async () => {
    const [child] = release("x").childrenAtRisk ?? [];
    const refuge = { kind: "PLACEMENT" as const, line1: "1 Harbour Walk", postcode: "PE21 9ZZ", localAuthority: "E10000019", labels: ["LOCATION_WITHHELD" as const] };
    const receipt = await submitPprcNotification(services, PRISON_SYSTEM, "req-withheld", release("NF-2026-REL-0009", { childrenAtRisk: [{ ...child, address: refuge }] }), NOW);
    // The prison's own report still finds the CSC of the area the child is in: it may see a protected location.
    expect(receipt.recipients.map((recipient) => recipient.agencyCode)).toContain("LA-E10000019");
    const deliveries = await db.dataSource.getRepository(NotificationDelivery).find({ where: { notificationId: receipt.notificationId } });
    const byAgency = new Map(deliveries.map((delivery) => [delivery.recipientAgency, delivery]));
    expect(byAgency.get("LA-E10000019")?.content.childrenAtRisk?.[0]?.homeLocalAuthority).toBe("E10000019");
    const probation = byAgency.get("PDU-E06000060");
    expect(probation?.content.childrenAtRisk?.[0]).toMatchObject({ sui: "9990710120", givenNames: "Poppy" });
    expect(probation?.content.childrenAtRisk?.[0]).not.toHaveProperty("homeLocalAuthority");
    expect(probation?.redactions).toEqual([{ path: "childrenAtRisk[0].homeLocalAuthority", rule: "location-withheld", reason: expect.any(String) }]);
    expect((await db.auditEntry(probation?.disclosureId ?? "")).fieldsDisclosed).not.toContain("childrenAtRisk[0].homeLocalAuthority");
  });
});

describe("an officer's notification names only children the prison's own records hold", () => {
  const release = releaseBy(5, "Ashgrove", "9990710139");

  const child = (reference: string, sui: string) => ({
    reference, sui, givenNames: "Wren", familyName: "Hollis", dateOfBirth: "2015-09-30", sex: "FEMALE" as const,
    address: { kind: "HOME" as const, line1: "3 Osier Walk", town: "Fenby", postcode: "PE21 4XY", localAuthority: "E10000019" }, relationshipToPrisoner: "FATHER" as const,
  });
  const heldRecords = async (reference: string) =>
    (await db.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM agency_record WHERE agency_code = 'HMP-NORTHFEN' AND agency_reference = $1`, [reference]))[0]?.n;

  test("a child the prison does not hold is refused, and nothing is stored that would involve the prison with the child", async () => {
    const notification = release("NF-OMU-0001", { childrenAtRisk: [child("NF-OMU-C1", "9990072000")] });
    await expect(submitPprcNotification(services, PRISON_OMU, "req-omu-unheld", notification, NOW)).rejects.toMatchObject({
      code: "FORBIDDEN", details: { path: "notification.childrenAtRisk[0]", problem: "CHILD_NOT_HELD_BY_PRISON" },
    });
    expect(await heldRecords("NF-OMU-C1")).toBe(0);
    expect(await db.dataSource.getRepository(Notification).countBy({ sourceReference: "NF-OMU-0001" })).toBe(0);
  });

  test("a child the prison's system reported is named by the officer under that record's reference and SUI, never another child's", async () => {
    await submitPprcNotification(services, PRISON_SYSTEM, "req-sys-first", release("NF-SYS-0001", { childrenAtRisk: [child("NF-SYS-C1", "9990072019")] }), NOW);
    const again = await submitPprcNotification(services, PRISON_OMU, "req-omu-held", release("NF-OMU-0002", { childrenAtRisk: [child("NF-SYS-C1", "9990072019")] }), NOW);
    expect(again.outcome).toBe("CREATED");
    // The same record moved to another child by an officer: refused, the record still the first child's.
    await expect(submitPprcNotification(services, PRISON_OMU, "req-omu-move", release("NF-OMU-0003", { childrenAtRisk: [child("NF-SYS-C1", "9990072027")] }), NOW)).rejects.toMatchObject({
      code: "FORBIDDEN", details: { problem: "CHILD_NOT_HELD_BY_PRISON" },
    });
    const [{ sui }] = await db.dataSource.query<{ sui: string }[]>(`SELECT c.sui FROM agency_record r JOIN child c ON c.id = r.child_id WHERE r.agency_code = 'HMP-NORTHFEN' AND r.agency_reference = 'NF-SYS-C1'`);
    expect(sui).toBe("9990072019");
  });
});
