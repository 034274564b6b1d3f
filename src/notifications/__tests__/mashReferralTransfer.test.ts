import { ErrorCode } from "../../errors/HubError";
import { AgencyRecord } from "../../records/AgencyRecord";
import { SocialCareRecord } from "../../records/details/SocialCareRecord";
import { submitRecord } from "../../records/submitRecord";
import { type MashReferralTransferSubmission } from "../mashTransfers/MashReferralTransferSubmission";
import { submitMashReferralTransfer } from "../mashTransfers/submitMashReferralTransfer";
import { Notification } from "../Notification";
import { NotificationDelivery } from "../NotificationDelivery";
import { type NotificationServices } from "../NotificationServices";
import { openNotificationDatabase, person, POLICY, type NotificationDatabase } from "./notificationDatabase";

const NOW = new Date("2026-11-16T10:00:00Z");
const VALE_SYSTEM = person("system-la-vale-mash", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["AGENCY_SYSTEM"]);
const VALE_MASH = person("mash-vale-1", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["MASH_PRACTITIONER"]);
const CHILD = { sui: "9990841098", givenNames: "Kit", familyName: "Aldergrove", dateOfBirth: "2013-12-03", sex: "MALE" as const, address: { kind: "HOME" as const, line1: "5 Mill Lane", town: "Fenby", postcode: "PE21 7ML", localAuthority: "E10000019", labels: ["LOCATION_WITHHELD" as const] } };

function transfer(reference: string, parts: Partial<MashReferralTransferSubmission> = {}): MashReferralTransferSubmission {
  return {
    agencyCode: "LA-E06000060", reference, receivedOn: "2026-11-16", referrerType: "EDUCATION", referrerContact: "safeguarding@valehigh.example",
    concernCategory: "NEGLECT", concern: "Arrives hungry and unkempt; says he sleeps at his aunt's in Fenby most nights", sendingMashContact: "mash@vale.example", child: CHILD, ...parts,
  };
}

describe("a MASH passes a referral about a child living elsewhere to that authority's MASH", () => {
  let db: NotificationDatabase;
  let services: NotificationServices;

  beforeAll(async () => {
    db = await openNotificationDatabase();
    services = { dataSource: db.dataSource, policy: POLICY };
  });
  afterAll(async () => db.close());

  test("the child's home authority reads the child (a protected area included, for triage) and the referral, to decide by the next working day; the sending record closes; audited", async () => {
    const receipt = await submitMashReferralTransfer(services, VALE_SYSTEM, "req-mash-1", transfer("VALE-CONTACT-0001"), NOW);
    expect(receipt).toMatchObject({ outcome: "CREATED", recipients: [{ agencyCode: "LA-E10000019", agencyType: "CHILDRENS_SOCIAL_CARE", rules: ["mash-transfer-home-authority"] }], unrouted: [] });
    const [delivery] = await db.dataSource.getRepository(NotificationDelivery).find({ where: { notificationId: receipt.notificationId } });
    expect(delivery.content).toEqual({
      child: { sui: "9990841098", givenNames: "Kit", familyName: "Aldergrove", dateOfBirth: "2013-12-03", homeLocalAuthority: "E10000019" },
      mashReferral: {
        receivedOn: "2026-11-16", sendingAuthority: "LA-E06000060", referrerAgencyType: "EDUCATION", referrerContact: "safeguarding@valehigh.example", concernCategory: "NEGLECT",
        concern: "Arrives hungry and unkempt; says he sleeps at his aunt's in Fenby most nights", sendingMashContact: "mash@vale.example",
      },
    });
    expect(delivery.redactions).toEqual([]);
    expect([delivery.acknowledgeBy, delivery.dueBy, delivery.dueFor]).toEqual([new Date("2026-11-17T23:59:59.999Z"), new Date("2026-11-17T23:59:59.999Z"), "REFERRAL_DECISION"]);
    const entry = await db.auditEntry(delivery.disclosureId);
    expect(entry).toMatchObject({ operation: "NOTIFICATION_DELIVERY", principalAgency: "LA-E10000019", purpose: "REFERRAL_TRIAGE", childSuis: ["9990841098"] });
    expect(entry.details).toMatchObject({ notificationType: "MASH_REFERRAL_TRANSFER", event: "REFERRAL_TRANSFERRED", sourceAgency: "LA-E06000060" });
    const notification = await db.dataSource.getRepository(Notification).findOneByOrFail({ id: receipt.notificationId });
    const record = await db.dataSource.getRepository(SocialCareRecord).findOneByOrFail({ recordId: notification.recordIds[0] });
    expect([record.status, record.startDate, record.endDate, record.responsibleLocalAuthority]).toEqual(["REFERRAL", "2026-11-16", "2026-11-16", "E10000019"]);
  });

  test("the same reference again is the same notification; a practitioner naming a child the authority's records do not hold under the reference is CHILD_NOT_HELD_BY_AGENCY", async () => {
    const first = await submitMashReferralTransfer(services, VALE_SYSTEM, "req-mash-2a", transfer("VALE-CONTACT-0004", { child: { ...CHILD, sui: "9990842043", givenNames: "Fen" } }), NOW);
    const again = await submitMashReferralTransfer(services, VALE_MASH, "req-mash-2", transfer("VALE-CONTACT-0004", { child: { ...CHILD, sui: "9990842043", givenNames: "Fen" } }), NOW);
    expect([again.outcome, again.notificationId]).toEqual(["UNCHANGED", first.notificationId]);
    expect(await db.auditByRequest("req-mash-2")).toEqual([]);
    const before = await db.dataSource.getRepository(AgencyRecord).count();
    await expect(submitMashReferralTransfer(services, VALE_MASH, "req-mash-3", transfer("VALE-CONTACT-0002", { child: { ...CHILD, sui: "9990841101" } }), NOW))
      .rejects.toMatchObject({ code: ErrorCode.FORBIDDEN, details: { path: "notification.child", problem: "CHILD_NOT_HELD_BY_AGENCY" } });
    expect(await db.dataSource.getRepository(AgencyRecord).count()).toBe(before);
  });

  test("a pre-birth referral passes too: the unborn child by the expected date of birth", async () => {
    const unborn = { sui: null, givenNames: "Baby", familyName: "Aldergrove", expectedDateOfBirth: "2027-02-14", sex: "NOT_KNOWN" as const, address: { kind: "HOME" as const, line1: "5 Mill Lane", town: "Fenby", postcode: "PE21 7ML", localAuthority: "E10000019" } };
    const receipt = await submitMashReferralTransfer(services, VALE_SYSTEM, "req-mash-prebirth", transfer("VALE-CONTACT-0003", { concernCategory: "NEGLECT", child: unborn }), NOW);
    const [delivery] = await db.dataSource.getRepository(NotificationDelivery).find({ where: { notificationId: receipt.notificationId } });
    expect(delivery.content.child).toEqual({ givenNames: "Baby", familyName: "Aldergrove", expectedDateOfBirth: "2027-02-14", homeLocalAuthority: "E10000019" });
  });

  test.each([
    ["a child living in the sending authority's own area", { child: { ...CHILD, address: { ...CHILD.address, localAuthority: "E06000060" } } }, "notification.child.address.localAuthority", "SAME_AUTHORITY", ErrorCode.INVALID_INPUT],
    ["a member of the public's contact details", { referrerType: "MEMBER_OF_PUBLIC" as const, referrerContact: "07700 900123" }, "notification.referrerContact", "NOT_FOR_THIS_EVENT", ErrorCode.INVALID_INPUT],
    ["a referral received tomorrow", { receivedOn: "2026-11-17" }, "notification.receivedOn", "DATE_IN_FUTURE", ErrorCode.INVALID_INPUT],
    ["a young person of 18 on the day", { child: { ...CHILD, dateOfBirth: "2008-11-16" } }, "notification.child.dateOfBirth", "NOT_A_CHILD", ErrorCode.INVALID_INPUT],
    ["a child without a home authority", { child: { ...CHILD, address: null } }, "notification.child.address.localAuthority", "AREA_REQUIRED", ErrorCode.INVALID_INPUT],
    ["a blank concern", { concern: " " }, "notification.concern", "TEXT_REQUIRED", ErrorCode.INVALID_INPUT],
  ])("%s is refused at its path with a stable problem", async (_what, parts, path, problem, code) => {
    await expect(submitMashReferralTransfer(services, VALE_SYSTEM, "req-mash-invalid", transfer("VALE-CONTACT-INVALID", parts), NOW)).rejects.toMatchObject({ code, details: { path, problem } });
  });

  test.each([
    ["a police force's system", person("system-police-91-mash", "POLICE-91", "POLICE", ["AGENCY_SYSTEM"]), "POLICE-91"],
    ["a social worker of another authority for this one", person("sw-fenshire-mash", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], "E10000019"), "LA-E06000060"],
  ])("%s may not pass on a referral: FORBIDDEN", async (_who, principal, agencyCode) => {
    await expect(submitMashReferralTransfer(services, principal, "req-mash-forbidden", transfer("VALE-CONTACT-FORBIDDEN", { agencyCode }), NOW)).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
  });

  test("a transfer never overwrites a plan under the same reference, nor lifts a referral's restrictions", async () => {
    const onPlan = { ...CHILD, sui: "9990843007", givenNames: "Rowan", address: { ...CHILD.address, labels: [] } };
    await submitRecord(db.dataSource, VALE_SYSTEM, {
      agencyCode: "LA-E06000060", agencyReference: "VALE-CPP-TRANSFER-1", child: onPlan,
      socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-06-01", allocatedWorkerName: "Vale CP team", responsibleLocalAuthority: "E06000060" },
    }, NOW);
    await expect(submitMashReferralTransfer(services, VALE_MASH, "req-mash-plan", transfer("VALE-CPP-TRANSFER-1", { child: onPlan }), NOW))
      .rejects.toMatchObject({ code: ErrorCode.CONFLICT, details: { problem: "REFERENCE_NAMES_ANOTHER_CASE" } });
    const plan = await db.dataSource.getRepository(AgencyRecord).findOneByOrFail({ agencyReference: "VALE-CPP-TRANSFER-1" });
    expect((await db.dataSource.getRepository(SocialCareRecord).findOneByOrFail({ recordId: plan.id })).status).toBe("CHILD_PROTECTION_PLAN");

    const sealed = { ...CHILD, sui: "9990843015", givenNames: "Wren", address: { ...CHILD.address, labels: [] } };
    await submitRecord(db.dataSource, VALE_SYSTEM, {
      agencyCode: "LA-E06000060", agencyReference: "VALE-CONTACT-SEALED", child: sealed, labels: ["SEALED"],
      socialCare: { status: "REFERRAL", startDate: "2026-11-15", responsibleLocalAuthority: "E06000060" },
    }, NOW);
    expect((await submitMashReferralTransfer(services, VALE_MASH, "req-mash-sealed", transfer("VALE-CONTACT-SEALED", { child: sealed }), NOW)).outcome).toBe("CREATED");
    expect((await db.dataSource.getRepository(AgencyRecord).findOneByOrFail({ agencyReference: "VALE-CONTACT-SEALED" })).labels).toEqual(["SEALED"]);
  });
});
