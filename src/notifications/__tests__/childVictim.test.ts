import { ErrorCode } from "../../errors/HubError";
import { AgencyRecord } from "../../records/AgencyRecord";
import { PoliceRecord } from "../../records/details/PoliceRecord";
import { type ChildVictimSubmission } from "../childVictims/ChildVictimSubmission";
import { submitChildVictim } from "../childVictims/submitChildVictim";
import { Notification } from "../Notification";
import { NotificationDelivery } from "../NotificationDelivery";
import { type NotificationServices } from "../NotificationServices";
import { openNotificationDatabase, person, POLICY, type NotificationDatabase } from "./notificationDatabase";

const NOW = new Date("2026-11-16T10:00:00Z");
const FORCE_SYSTEM = person("system-police-91", "POLICE-91", "POLICE", ["AGENCY_SYSTEM"]);
const VICTIM = { sui: "9990740216", givenNames: "Nia", familyName: "Crossley", dateOfBirth: "2011-12-01", sex: "FEMALE" as const, address: { kind: "HOME" as const, line1: "2 Fen Row", town: "Fenby", postcode: "PE21 2FR", localAuthority: "E10000019" } };

function referral(reference: string, parts: Partial<ChildVictimSubmission> = {}): ChildVictimSubmission {
  return {
    agencyCode: "POLICE-91", reference, incidentType: "CRIME", occurredOn: "2026-11-14", reportedOn: "2026-11-15", crimeReference: "VC-2026-220011",
    summary: "Assaulted by an older pupil on the way home; a passer-by called it in", intelligence: "The older pupil is linked to a county lines group",
    officerName: "DC 2210 Amis", officerContact: "cid@vale-police.example", child: VICTIM, ...parts,
  };
}

describe("the police refer every victim under 18 to children's social care where the child lives", () => {
  let db: NotificationDatabase;
  let services: NotificationServices;

  beforeAll(async () => {
    db = await openNotificationDatabase();
    services = { dataSource: db.dataSource, policy: POLICY };
  });
  afterAll(async () => db.close());

  test("the child's home authority is told — not the force's own — and reads the child, the incident and whom to contact, never the intelligence", async () => {
    const receipt = await submitChildVictim(services, FORCE_SYSTEM, "req-victim-1", referral("VC-V-0001"), NOW);
    expect(receipt).toMatchObject({ outcome: "CREATED", recipients: [{ agencyCode: "LA-E10000019", agencyType: "CHILDRENS_SOCIAL_CARE", rules: ["police-victim-csc"] }], unrouted: [] });
    const [delivery] = await db.dataSource.getRepository(NotificationDelivery).find({ where: { notificationId: receipt.notificationId } });
    expect(delivery.content).toEqual({
      child: { sui: "9990740216", givenNames: "Nia", familyName: "Crossley", dateOfBirth: "2011-12-01", homeLocalAuthority: "E10000019" },
      childVictim: { incidentType: "CRIME", occurredOn: "2026-11-14", reportedOn: "2026-11-15", officerName: "DC 2210 Amis", officerContact: "cid@vale-police.example" },
    });
    expect(delivery.redactions).toEqual([
      { path: "childVictim.crimeReference", rule: "law-enforcement-withheld", reason: expect.any(String) },
      { path: "childVictim.summary", rule: "third-party-withheld", reason: expect.any(String) },
      { path: "childVictim.intelligence", rule: "law-enforcement-withheld", reason: expect.any(String) },
    ]);
    expect(delivery.acknowledgeBy).toEqual(new Date("2026-11-17T23:59:59.999Z"));
    const entry = await db.auditEntry(delivery.disclosureId);
    expect(entry).toMatchObject({ operation: "NOTIFICATION_DELIVERY", principalAgency: "LA-E10000019", purpose: "REFERRAL_TRIAGE", childSuis: ["9990740216"] });
    expect(entry.fieldsWithheld).toEqual(delivery.redactions);
    expect(entry.details).toMatchObject({ notificationType: "CHILD_VICTIM", event: "VICTIM_REFERRAL", sourceAgency: "POLICE-91" });
    // Stored as the force's police record of the child, the child a victim.
    const notification = await db.dataSource.getRepository(Notification).findOneByOrFail({ id: receipt.notificationId });
    const record = await db.dataSource.getRepository(AgencyRecord).findOneByOrFail({ id: notification.recordIds[0] });
    const police = await db.dataSource.getRepository(PoliceRecord).findOneByOrFail({ recordId: record.id });
    expect([record.agencyReference, police.childRole, police.incidentType]).toEqual(["VC-V-0001", "VICTIM", "CRIME"]);
  });

  test("a victim whose home authority is not known is on the force's receipt as AREA_UNKNOWN", async () => {
    const receipt = await submitChildVictim(services, FORCE_SYSTEM, "req-victim-2", referral("VC-V-0002", { child: { ...VICTIM, address: null } }), NOW);
    expect([receipt.recipients, receipt.unrouted]).toEqual([[], [{ rule: "police-victim-csc", area: "CHILD_HOME", localAuthority: null, outcome: "AREA_UNKNOWN", agencies: [] }]]);
  });

  test.each([
    ["a victim of 18 on the day it was reported", { child: { ...VICTIM, dateOfBirth: "2008-11-15" } }, "notification.child.dateOfBirth", "NOT_A_CHILD"],
    ["a victim without a date of birth", { child: { ...VICTIM, dateOfBirth: null, expectedDateOfBirth: "2027-01-01" } }, "notification.child.dateOfBirth", "BIRTH_DATE_REQUIRED"],
    ["a sex offender's household notice told as a victim", { incidentType: "SEX_OFFENDER_HOUSEHOLD_NOTIFICATION" as const }, "notification.incidentType", "NOT_FOR_THIS_EVENT"],
    ["a report before the incident", { occurredOn: "2026-11-16", reportedOn: "2026-11-15" }, "notification.occurredOn", "INVALID_DATE"],
  ])("%s is refused at its path with a stable problem", async (_what, parts, path, problem) => {
    await expect(submitChildVictim(services, FORCE_SYSTEM, "req-victim-invalid", referral("VC-V-INVALID", parts), NOW)).rejects.toMatchObject({ code: ErrorCode.INVALID_INPUT, details: { path, problem } });
  });

  test("on the day before the eighteenth birthday the victim is still a child", async () => {
    const receipt = await submitChildVictim(services, FORCE_SYSTEM, "req-victim-17", referral("VC-V-0003", { child: { ...VICTIM, sui: "9990740224", dateOfBirth: "2008-11-16" } }), NOW);
    expect(receipt.recipients.map((recipient) => recipient.agencyCode)).toEqual(["LA-E10000019"]);
  });

  test.each([
    ["a police officer's own token", person("pc-vale-victim", "POLICE-91", "POLICE", ["POLICE_OFFICER"]), "POLICE-91"],
    ["children's social care", person("system-la-vale", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["AGENCY_SYSTEM"]), "LA-E06000060"],
    ["a prison's system claiming to be a force", person("system-claimed", "HMP-NORTHFEN", "POLICE", ["AGENCY_SYSTEM"]), "HMP-NORTHFEN"],
  ])("%s may not refer: FORBIDDEN, nothing stored", async (_who, principal, agencyCode) => {
    const before = await db.dataSource.getRepository(Notification).count();
    await expect(submitChildVictim(services, principal, "req-victim-forbidden", referral("VC-V-FORBIDDEN", { agencyCode }), NOW)).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
    expect(await db.dataSource.getRepository(Notification).count()).toBe(before);
  });
});
