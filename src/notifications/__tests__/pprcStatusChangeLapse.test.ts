import { AgencyRecord } from "../../records/AgencyRecord";
import { PrisonRecord } from "../../records/details/PrisonRecord";
import { involvementCurrent } from "../../policy/involvementLapse";
import { submitPprcNotification, type NotificationServices } from "../submitPprcNotification";
import { openNotificationDatabase, person, POLICY, PRISON_OMU, PRISON_SYSTEM, releaseOf, type NotificationDatabase } from "./notificationDatabase";

const RECEIVED = new Date("2026-11-02T10:00:00Z");
const NOW = new Date("2026-11-16T10:00:00Z");
const PRISON_NUMBER = "A7344QZ";

/** A prisoner received into custody, the prison naming two children at risk; nothing about a release. */
function receptionOf(reference: string, prisonNumber = PRISON_NUMBER) {
  return releaseOf(reference, {
    event: "RECEPTION", eventDate: "2026-11-02", release: null, pprcStatus: "CONFIRMED",
    prisoner: { prisonNumber, givenNames: "Idris", familyName: "Wendlebury", dateOfBirth: "1986-02-03", sex: "MALE", homeLocalAuthority: "E06000060", postcode: "HP21 7QQ" },
    childrenAtRisk: [
      { reference: "NF-PPRC-7344-C1", sui: "9990073449", givenNames: "Tamsin", familyName: "Wendlebury", dateOfBirth: "2016-05-09", sex: "FEMALE", address: { kind: "HOME", line1: "3 Osier Row", town: "Fenby", postcode: "PE21 4XX", localAuthority: "E10000019" }, relationshipToPrisoner: "FATHER" },
      { reference: "NF-PPRC-7344-C2", givenNames: "Alder", familyName: "Crane", dateOfBirth: "2013-10-21", sex: "MALE", address: { kind: "HOME", line1: "9 Osier Row", town: "Fenby", postcode: "PE21 4XX", localAuthority: "E10000019" }, relationshipToPrisoner: "PARTNER_OF_PARENT" },
    ],
  });
}

function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * 24 * 60 * 60 * 1000);
}

describe("a status change to no longer PPRC that names no child ends the prison's involvement with the children it holds under him", () => {
  let db: NotificationDatabase;
  let services: NotificationServices;
  beforeAll(async () => {
    db = await openNotificationDatabase();
    services = { dataSource: db.dataSource, policy: POLICY };
  });
  afterAll(async () => db.close());

  async function prisonRecords(): Promise<{ record: AgencyRecord; prison: PrisonRecord }[]> {
    const prisons = await db.dataSource.getRepository(PrisonRecord).find({ where: { prisonNumber: PRISON_NUMBER } });
    const records = await db.dataSource.getRepository(AgencyRecord).find({ where: prisons.map((prison) => ({ id: prison.recordId })), relations: { child: true }, order: { agencyReference: "ASC" } });
    return records.map((record) => ({ record, prison: prisons.find((prison) => prison.recordId === record.id) as PrisonRecord }));
  }

  function current(entry: { record: AgencyRecord; prison: PrisonRecord }, on: Date): boolean {
    const rule = POLICY.involvement.get("PRISON");
    if (rule === undefined) throw new Error("policies/relationships.yaml has no involvement rule for PRISON records");
    return involvementCurrent(rule, { ...entry.prison }, entry.record.updatedAt, on);
  }

  test("each of the prison's records of a child under that prison number takes the new status, dated, and its involvement lapses a month on", async () => {
    await submitPprcNotification(services, PRISON_SYSTEM, "req-lapse-reception", receptionOf("NF-2026-REC-7344"), RECEIVED);
    const before = await prisonRecords();
    expect(before).toHaveLength(2);
    const linked = before.map((entry) => [entry.record.agencyReference, entry.record.child?.id, entry.record.linkMethod]);
    const relationships = () => db.dataSource.query<{ reference: string; relationship: string; risk: boolean }[]>(
      `SELECT r.agency_reference AS reference, car.relationship, car.poses_risk_to_child AS risk FROM child_adult_relationship car JOIN agency_record r ON r.id = car.source_record_id
        WHERE r.agency_code = 'HMP-NORTHFEN' AND r.agency_reference LIKE 'NF-PPRC-7344-%' ORDER BY r.agency_reference`);
    expect(await relationships()).toEqual([{ reference: "NF-PPRC-7344-C1", relationship: "FATHER", risk: true }, { reference: "NF-PPRC-7344-C2", relationship: "PARTNER_OF_PARENT", risk: true }]);
    for (const entry of before) expect(current(entry, addDays(NOW, 365))).toBe(true);

    // The OMU tells the hub the assessment is withdrawn, naming no child: it speaks of the prisoner.
    const receipt = await submitPprcNotification(services, PRISON_OMU, "req-lapse-status", releaseOf("NF-2026-STA-7344", {
      event: "STATUS_CHANGE", eventDate: "2026-11-16", release: null, pprcStatus: "NO_LONGER_PPRC", mappa: null,
      prisoner: receptionOf("unused").prisoner, childrenAtRisk: [],
    }), NOW);
    expect(receipt.outcome).toBe("CREATED");

    const after = await prisonRecords();
    expect(after.map((entry) => [entry.prison.pprcStatus, entry.prison.pprcAssessedOn])).toEqual([["NO_LONGER_PPRC", "2026-11-16"], ["NO_LONGER_PPRC", "2026-11-16"]]);
    // Each record still describes the same child, linked as it was: a status change moves no record to another child.
    expect(after.map((entry) => [entry.record.agencyReference, entry.record.child?.id, entry.record.linkMethod])).toEqual(linked);
    // And the prisoner stands to each child as the prison said he did.
    expect(await relationships()).toEqual([{ reference: "NF-PPRC-7344-C1", relationship: "FATHER", risk: true }, { reference: "NF-PPRC-7344-C2", relationship: "PARTNER_OF_PARENT", risk: true }]);
    for (const entry of after) {
      expect(current(entry, addDays(NOW, 29))).toBe(true);
      expect(current(entry, addDays(NOW, 31))).toBe(false);
    }
  });

  test("another prison's record of a child under the same prison number is not the notifier's to change", async () => {
    const saltmarsh = person("system-saltmarsh", "HMP-SALTMARSH", "PRISON", ["AGENCY_SYSTEM"], "E10000019");
    const prisonNumber = "A7345QZ";
    const held = receptionOf("NF-2026-REC-7345", prisonNumber);
    await submitPprcNotification(services, PRISON_SYSTEM, "req-lapse-reception-7345", { ...held, childrenAtRisk: (held.childrenAtRisk ?? []).map((child) => ({ ...child, reference: child.reference.replace("7344", "7345") })) }, RECEIVED);
    const other = receptionOf("SM-2026-REC-7345", prisonNumber);
    await submitPprcNotification(services, saltmarsh, "req-lapse-other-prison", { ...other, agencyCode: "HMP-SALTMARSH", establishment: "HMP Saltmarsh", childrenAtRisk: [{ ...(other.childrenAtRisk ?? [])[1], reference: "SM-PPRC-7345-C1" }] }, RECEIVED);
    await submitPprcNotification(services, PRISON_OMU, "req-lapse-status-again", releaseOf("NF-2026-STA-7345", {
      event: "STATUS_CHANGE", eventDate: "2026-11-16", release: null, pprcStatus: "NO_LONGER_PPRC", mappa: null, prisoner: other.prisoner, childrenAtRisk: [],
    }), NOW);
    const rows = await db.dataSource.query<{ reference: string; status: string }[]>(
      `SELECT r.agency_reference AS reference, p.pprc_status AS status FROM agency_record r JOIN prison_record p ON p.record_id = r.id WHERE r.agency_code = 'HMP-SALTMARSH' AND p.prison_number = $1`, [prisonNumber]);
    expect(rows).toEqual([{ reference: "SM-PPRC-7345-C1", status: "CONFIRMED" }]);
  });
});
