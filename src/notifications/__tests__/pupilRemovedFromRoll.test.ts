import { ErrorCode } from "../../errors/HubError";
import { AgencyRecord } from "../../records/AgencyRecord";
import { EducationRecord } from "../../records/details/EducationRecord";
import { submitRecords } from "../../records/submitRecord";
import { type PupilRemovedFromRollSubmission } from "../childrenMissingEducation/PupilRemovedFromRollSubmission";
import { submitPupilRemovedFromRoll } from "../childrenMissingEducation/submitPupilRemovedFromRoll";
import { Notification } from "../Notification";
import { NotificationDelivery } from "../NotificationDelivery";
import { type NotificationServices } from "../NotificationServices";
import { openNotificationDatabase, person, POLICY, type NotificationDatabase } from "./notificationDatabase";

const NOW = new Date("2026-11-16T10:00:00Z");
const SCHOOL_SYSTEM = person("system-sch-700001", "SCH-700001", "EDUCATION", ["AGENCY_SYSTEM"]);
const DSL = person("dsl-sch-700001", "SCH-700001", "EDUCATION", ["SCHOOL_DSL"]);
const PUPIL = { sui: "9990841020", givenNames: "Isla", familyName: "Marchbank", dateOfBirth: "2015-02-17", sex: "FEMALE" as const, address: { kind: "HOME" as const, line1: "31 Heron Fold", town: "Fenby", postcode: "PE21 3HF", localAuthority: "E10000019" } };

function removal(reference: string, parts: Partial<PupilRemovedFromRollSubmission> = {}): PupilRemovedFromRollSubmission {
  return {
    agencyCode: "SCH-700001", reference, pupilReference: "VPS-PUPIL-3310", removedOn: "2026-11-13", removalGround: "MOVED_AWAY",
    destinationSchool: null, destinationAddress: { kind: "HOME", line1: "Flat 2, 9 Quay Street", town: "Saltby", postcode: "PE30 2QS", localAuthority: "E06000042" },
    dslName: "Mrs A. Pennick", dslContact: "dsl@valeprimary.example", child: PUPIL, ...parts,
  };
}

describe("a school tells the local authority of a pupil removed from its roll at a non-standard point", () => {
  let db: NotificationDatabase;
  let services: NotificationServices;

  beforeAll(async () => {
    db = await openNotificationDatabase();
    services = { dataSource: db.dataSource, policy: POLICY };
    // The school's own record of its pupil, as its system reported it before.
    const [stored] = await submitRecords(db.dataSource, [{
      principal: SCHOOL_SYSTEM,
      submission: {
        agencyCode: "SCH-700001", agencyReference: "VPS-PUPIL-3310", child: PUPIL,
        education: { rollStatus: "ON_ROLL", onRollFrom: "2019-09-04", attendancePercent: 71.5, senStatus: "SEN_SUPPORT", safeguardingConcerns: [{ recordedOn: "2026-10-01", category: "NEGLECT", summary: "Often hungry" }] },
      },
    }], NOW);
    expect(stored.stored).toBe(true);
  });
  afterAll(async () => db.close());

  test("the pupil's home authority reads why, when and where to; the school's record leaves the roll, keeping what it held; audited", async () => {
    const receipt = await submitPupilRemovedFromRoll(services, DSL, "req-cme-1", removal("VPS-CME-0001"), NOW);
    expect(receipt).toMatchObject({ outcome: "CREATED", recipients: [{ agencyCode: "LA-E10000019", agencyType: "CHILDRENS_SOCIAL_CARE", rules: ["removal-from-roll-home-authority"] }], unrouted: [] });
    const [delivery] = await db.dataSource.getRepository(NotificationDelivery).find({ where: { notificationId: receipt.notificationId } });
    expect(delivery.content).toEqual({
      child: { sui: "9990841020", givenNames: "Isla", familyName: "Marchbank", dateOfBirth: "2015-02-17", homeLocalAuthority: "E10000019" },
      rollRemoval: {
        school: "SCH-700001", removedOn: "2026-11-13", removalGround: "MOVED_AWAY", destinationAddress: { line1: "Flat 2, 9 Quay Street", line2: null, town: "Saltby", postcode: "PE30 2QS", localAuthority: "E06000042" },
        dslName: "Mrs A. Pennick", dslContact: "dsl@valeprimary.example",
      },
    });
    expect(delivery.acknowledgeBy).toEqual(new Date("2026-11-17T23:59:59.999Z"));
    const entry = await db.auditEntry(delivery.disclosureId);
    expect(entry).toMatchObject({ operation: "NOTIFICATION_DELIVERY", principalAgency: "LA-E10000019", purpose: "REFERRAL_TRIAGE", childSuis: ["9990841020"] });
    expect(entry.details).toMatchObject({ notificationType: "PUPIL_REMOVED_FROM_ROLL", event: "NON_STANDARD_REMOVAL", sourceAgency: "SCH-700001", submittedBy: "dsl-sch-700001" });
    const notification = await db.dataSource.getRepository(Notification).findOneByOrFail({ id: receipt.notificationId });
    const record = await db.dataSource.getRepository(AgencyRecord).findOneByOrFail({ id: notification.recordIds[0] });
    const education = await db.dataSource.getRepository(EducationRecord).findOneByOrFail({ recordId: record.id });
    expect([record.agencyReference, education.rollStatus, education.leftOn, education.onRollFrom, education.attendancePercent, education.senStatus, education.safeguardingConcerns.length])
      .toEqual(["VPS-PUPIL-3310", "LEFT_NON_STANDARD", "2026-11-13", "2019-09-04", 71.5, "SEN_SUPPORT", 1]);
  });

  test("a pupil taken off the roll for home education is held as electively home educated, and a refuge moved to still reaches the authority triaging it", async () => {
    const refuge = { kind: "HOME" as const, line1: "Refuge", town: "Saltby", postcode: "PE30 9ZZ", localAuthority: "E06000042", labels: ["LOCATION_WITHHELD" as const] };
    const receipt = await submitPupilRemovedFromRoll(services, SCHOOL_SYSTEM, "req-cme-2", removal("VPS-CME-0002", {
      pupilReference: "VPS-PUPIL-3311", removalGround: "ELECTIVE_HOME_EDUCATION", destinationAddress: refuge, child: { ...PUPIL, sui: "9990841039", givenNames: "Tomas", dateOfBirth: "2014-06-02" },
    }), NOW);
    const [delivery] = await db.dataSource.getRepository(NotificationDelivery).find({ where: { notificationId: receipt.notificationId } });
    expect((delivery.content.rollRemoval as { destinationAddress: unknown }).destinationAddress).toMatchObject({ line1: "Refuge" });
    const notification = await db.dataSource.getRepository(Notification).findOneByOrFail({ id: receipt.notificationId });
    expect((await db.dataSource.getRepository(EducationRecord).findOneByOrFail({ recordId: notification.recordIds[0] })).rollStatus).toBe("ELECTIVE_HOME_EDUCATION");
  });

  test("a home a DSL types is the notification's account, told to that authority: the pupil's home, as the school's record holds it, neither moves nor is protected", async () => {
    const pupil = { ...PUPIL, sui: "9990841055", givenNames: "Ottilie", dateOfBirth: "2014-09-09" };
    await submitRecords(db.dataSource, [{ principal: SCHOOL_SYSTEM, submission: { agencyCode: "SCH-700001", agencyReference: "VPS-PUPIL-3320", child: pupil, education: { rollStatus: "ON_ROLL", onRollFrom: "2020-09-03" } } }], NOW);
    const typed = { kind: "HOME" as const, line1: "5 Mill Lane", town: "Vale", postcode: "HP21 5ML", localAuthority: "E06000060" };
    const receipt = await submitPupilRemovedFromRoll(services, DSL, "req-cme-typed", removal("VPS-CME-0004", { pupilReference: "VPS-PUPIL-3320", child: { ...pupil, address: typed } }), NOW);
    expect(receipt.recipients.map((recipient) => recipient.agencyCode)).toEqual(["LA-E06000060"]);
    const withheld = { ...PUPIL.address, labels: ["LOCATION_WITHHELD" as const] };
    await submitPupilRemovedFromRoll(services, DSL, "req-cme-typed-2", removal("VPS-CME-0005", { pupilReference: "VPS-PUPIL-3320", child: { ...pupil, address: withheld } }), NOW);
    const [record] = await db.dataSource.query<{ identity: { address: unknown }; addresses: { postcode: string; labels: string[] }[] }[]>(
      `SELECT r.reported_identity AS identity, (SELECT json_agg(json_build_object('postcode', a.postcode, 'labels', a.labels) ORDER BY a.postcode) FROM child_address a WHERE a.child_id = r.child_id) AS addresses
         FROM agency_record r WHERE r.agency_code = 'SCH-700001' AND r.agency_reference = 'VPS-PUPIL-3320'`);
    expect([record.identity.address, record.addresses]).toEqual([expect.objectContaining({ line1: "31 Heron Fold", localAuthority: "E10000019" }), [{ postcode: "PE21 3HF", labels: [] }]]);
  });

  test("a DSL names only a pupil the school's records hold: CHILD_NOT_HELD_BY_AGENCY, nothing stored", async () => {
    const before = await db.dataSource.getRepository(AgencyRecord).count();
    await expect(submitPupilRemovedFromRoll(services, DSL, "req-cme-not-held", removal("VPS-CME-0003", { pupilReference: "VPS-PUPIL-9999", child: { ...PUPIL, sui: "9990841047" } }), NOW))
      .rejects.toMatchObject({ code: ErrorCode.FORBIDDEN, details: { path: "notification.child", problem: "CHILD_NOT_HELD_BY_AGENCY" } });
    expect(await db.dataSource.getRepository(AgencyRecord).count()).toBe(before);
  });

  test.each([
    ["a removal dated tomorrow", { removedOn: "2026-11-17" }, "notification.removedOn", "DATE_IN_FUTURE"],
    ["a pupil of 18 on the day removed", { child: { ...PUPIL, dateOfBirth: "2008-11-12" } }, "notification.child.dateOfBirth", "NOT_A_CHILD"],
    ["a pupil without a home authority", { child: { ...PUPIL, address: null } }, "notification.child.address.localAuthority", "AREA_REQUIRED"],
    ["a destination authority that is not an ONS code", { destinationAddress: { kind: "HOME" as const, line1: "1 Road", localAuthority: "Saltby" } }, "notification.destinationAddress.localAuthority", "INVALID_LOCAL_AUTHORITY"],
  ])("%s is refused at its path with a stable problem", async (_what, parts, path, problem) => {
    await expect(submitPupilRemovedFromRoll(services, SCHOOL_SYSTEM, "req-cme-invalid", removal("VPS-CME-INVALID", parts), NOW)).rejects.toMatchObject({ code: ErrorCode.INVALID_INPUT, details: { path, problem } });
  });

  test.each([
    ["a police force's system", person("system-police-91-cme", "POLICE-91", "POLICE", ["AGENCY_SYSTEM"]), "POLICE-91"],
    ["another school's DSL for this school", person("dsl-other-school", "SCH-700002", "EDUCATION", ["SCHOOL_DSL"]), "SCH-700001"],
    ["a social worker", person("sw-vale-cme", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"]), "LA-E06000060"],
  ])("%s may not tell of a removal: FORBIDDEN", async (_who, principal, agencyCode) => {
    await expect(submitPupilRemovedFromRoll(services, principal, "req-cme-forbidden", removal("VPS-CME-FORBIDDEN", { agencyCode }), NOW)).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
  });
});
