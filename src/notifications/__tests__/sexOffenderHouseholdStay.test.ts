import { ErrorCode } from "../../errors/HubError";
import { AgencyRecord } from "../../records/AgencyRecord";
import { PoliceRecord } from "../../records/details/PoliceRecord";
import { Notification } from "../Notification";
import { NotificationDelivery } from "../NotificationDelivery";
import { type NotificationServices } from "../NotificationServices";
import { type SexOffenderHouseholdStaySubmission } from "../sexOffenderHouseholds/SexOffenderHouseholdStaySubmission";
import { submitSexOffenderHouseholdStay } from "../sexOffenderHouseholds/submitSexOffenderHouseholdStay";
import { openNotificationDatabase, person, POLICY, type NotificationDatabase } from "./notificationDatabase";

const NOW = new Date("2026-11-16T10:00:00Z");
const FORCE_SYSTEM = person("system-police-91-rso", "POLICE-91", "POLICE", ["AGENCY_SYSTEM"]);
const CHILD = { sui: "9990841004", givenNames: "Ellis", familyName: "Brackwater", dateOfBirth: "2016-04-09", sex: "MALE" as const, address: { kind: "HOME" as const, line1: "7 Osier Walk", town: "Fenby", postcode: "PE21 6OW", localAuthority: "E10000019" } };

function notice(reference: string, parts: Partial<SexOffenderHouseholdStaySubmission> = {}): SexOffenderHouseholdStaySubmission {
  return {
    agencyCode: "POLICE-91", reference, notifiedOn: "2026-11-15", stayStartedOn: "2026-11-13",
    offender: { reference: "VALE-NOM-55120", givenNames: "Garrick", familyName: "Tollesby", dateOfBirth: "1979-08-30", sex: "MALE", pncId: "79/551203K" },
    relationshipToChild: "PARTNER_OF_PARENT", child: CHILD, intelligence: "Believed to have contacted the family online first",
    officerName: "DS 1410 Harrow", officerContact: "mosovo@vale-police.example", ...parts,
  };
}

describe("a registered sex offender's stay in a household with a child tells children's social care", () => {
  let db: NotificationDatabase;
  let services: NotificationServices;

  beforeAll(async () => {
    db = await openNotificationDatabase();
    services = { dataSource: db.dataSource, policy: POLICY };
  });
  afterAll(async () => db.close());

  test("the household's authority reads the child, the offender, the stay and whom to contact — never the PNC id or intelligence — audited, acknowledged within a working day", async () => {
    const receipt = await submitSexOffenderHouseholdStay(services, FORCE_SYSTEM, "req-rso-1", notice("RSO-0001"), NOW);
    expect(receipt).toMatchObject({ outcome: "CREATED", recipients: [{ agencyCode: "LA-E10000019", agencyType: "CHILDRENS_SOCIAL_CARE", rules: ["sex-offender-stay-csc"] }], unrouted: [] });
    const [delivery] = await db.dataSource.getRepository(NotificationDelivery).find({ where: { notificationId: receipt.notificationId } });
    expect(delivery.content).toEqual({
      child: { sui: "9990841004", givenNames: "Ellis", familyName: "Brackwater", dateOfBirth: "2016-04-09", homeLocalAuthority: "E10000019" },
      householdStay: {
        offenderStatus: "REGISTERED_SEX_OFFENDER", offenderGivenNames: "Garrick", offenderFamilyName: "Tollesby", offenderDateOfBirth: "1979-08-30", relationshipToChild: "PARTNER_OF_PARENT",
        stayStartedOn: "2026-11-13", notifiedOn: "2026-11-15", householdAddress: { line1: "7 Osier Walk", line2: null, town: "Fenby", postcode: "PE21 6OW", localAuthority: "E10000019" },
        officerName: "DS 1410 Harrow", officerContact: "mosovo@vale-police.example",
      },
    });
    expect(delivery.redactions).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: "householdStay.intelligence", rule: "law-enforcement-withheld" }),
    ]));
    expect(JSON.stringify(delivery.content)).not.toMatch(/79\/551203K|online/);
    expect([delivery.purpose, delivery.lawfulBasis, delivery.specialCategoryCondition, delivery.responseRequested]).toEqual(["REFERRAL_TRIAGE", "PUBLIC_TASK", "SAFEGUARDING_CHILDREN", false]);
    expect(delivery.acknowledgeBy).toEqual(new Date("2026-11-17T23:59:59.999Z"));
    const entry = await db.auditEntry(delivery.disclosureId);
    expect(entry).toMatchObject({ operation: "NOTIFICATION_DELIVERY", principalAgency: "LA-E10000019", purpose: "REFERRAL_TRIAGE", childSuis: ["9990841004"] });
    expect(entry.fieldsWithheld).toEqual(delivery.redactions);
    expect(entry.details).toMatchObject({ notificationType: "SEX_OFFENDER_HOUSEHOLD_STAY", event: "HOUSEHOLD_STAY", sourceAgency: "POLICE-91", routingRules: ["sex-offender-stay-csc"] });
    // Stored as the force's police record of the child, the offender an adult the hub now holds.
    const notification = await db.dataSource.getRepository(Notification).findOneByOrFail({ id: receipt.notificationId });
    expect(notification.adultId).not.toBeNull();
    const record = await db.dataSource.getRepository(AgencyRecord).findOneByOrFail({ id: notification.recordIds[0] });
    const police = await db.dataSource.getRepository(PoliceRecord).findOneByOrFail({ recordId: record.id });
    expect([record.agencyReference, police.incidentType, police.childRole, police.occurredOn, police.reportedOn]).toEqual(["RSO-0001", "SEX_OFFENDER_HOUSEHOLD_NOTIFICATION", "PERSON_AT_RISK", "2026-11-13", "2026-11-15"]);
    // The same reference again is the same notification: nothing delivered or audited twice.
    const again = await submitSexOffenderHouseholdStay(services, FORCE_SYSTEM, "req-rso-1b", notice("RSO-0001"), NOW);
    expect([again.outcome, again.notificationId]).toEqual(["UNCHANGED", receipt.notificationId]);
    expect(await db.auditByRequest("req-rso-1b")).toEqual([]);
  });

  test.each([
    ["a stay that has not begun", { stayStartedOn: "2026-11-17" }, "notification.stayStartedOn", "DATE_IN_FUTURE"],
    ["a notice dated tomorrow", { notifiedOn: "2026-11-17" }, "notification.notifiedOn", "DATE_IN_FUTURE"],
    ["a household member of 18 on the day the stay began", { child: { ...CHILD, dateOfBirth: "2008-11-13" } }, "notification.child.dateOfBirth", "NOT_A_CHILD"],
    ["a child born after the stay began", { child: { ...CHILD, dateOfBirth: "2026-11-14" } }, "notification.child.dateOfBirth", "INVALID_DATE"],
    ["an unborn child", { child: { ...CHILD, dateOfBirth: null, expectedDateOfBirth: "2027-02-01" } }, "notification.child.dateOfBirth", "BIRTH_DATE_REQUIRED"],
    ["a household without its authority", { child: { ...CHILD, address: null } }, "notification.child.address.localAuthority", "AREA_REQUIRED"],
    ["an offender without the force's reference", { offender: { ...notice("x").offender, reference: " " } }, "notification.offender.reference", "REFERENCE_REQUIRED"],
  ])("%s is refused at its path with a stable problem, nothing stored", async (_what, parts, path, problem) => {
    const before = await db.dataSource.getRepository(AgencyRecord).count();
    await expect(submitSexOffenderHouseholdStay(services, FORCE_SYSTEM, "req-rso-invalid", notice("RSO-INVALID", parts), NOW)).rejects.toMatchObject({ code: ErrorCode.INVALID_INPUT, details: { path, problem } });
    expect(await db.dataSource.getRepository(AgencyRecord).count()).toBe(before);
  });

  test("on the day before the eighteenth birthday the household member is still a child", async () => {
    const receipt = await submitSexOffenderHouseholdStay(services, FORCE_SYSTEM, "req-rso-17", notice("RSO-0002", { child: { ...CHILD, sui: "9990841012", givenNames: "Rowan", dateOfBirth: "2008-11-14" } }), NOW);
    expect(receipt.recipients.map((recipient) => recipient.agencyCode)).toEqual(["LA-E10000019"]);
  });

  test.each([
    ["a police officer's own token", person("pc-vale-rso", "POLICE-91", "POLICE", ["POLICE_OFFICER"]), "POLICE-91"],
    ["children's social care", person("system-la-vale-rso", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["AGENCY_SYSTEM"]), "LA-E06000060"],
    ["another force's system for this force", person("system-police-92-rso", "POLICE-92", "POLICE", ["AGENCY_SYSTEM"]), "POLICE-91"],
  ])("%s may not tell of a stay: FORBIDDEN, nothing stored", async (_who, principal, agencyCode) => {
    const before = await db.dataSource.getRepository(Notification).count();
    await expect(submitSexOffenderHouseholdStay(services, principal, "req-rso-forbidden", notice("RSO-FORBIDDEN", { agencyCode }), NOW)).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
    expect(await db.dataSource.getRepository(Notification).count()).toBe(before);
  });
});
