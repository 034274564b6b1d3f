import { submitRecord } from "../../records/submitRecord";
import { type DirectoryEntry } from "../../directory/DirectoryEntry";
import { NotificationDelivery } from "../NotificationDelivery";
import { type NotificationServices } from "../NotificationServices";
import { submitOperationEncompass } from "../operationEncompass/submitOperationEncompass";
import { submitUnscheduledCareAttendance } from "../unscheduledCare/submitUnscheduledCareAttendance";
import { agency, openNotificationDatabase, person, POLICY, type NotificationDatabase } from "./notificationDatabase";

const NOW = new Date("2026-11-16T10:00:00Z");
const ED: DirectoryEntry = { ...agency("RBH-ED-RR", "Vale General emergency department", "HEALTH", "E06000060", null), unscheduledCareSetting: "EMERGENCY_DEPARTMENT" };
const ED_SYSTEM = person("system-rbh-ed-rr", "RBH-ED-RR", "HEALTH", ["AGENCY_SYSTEM"]);
const FORCE_SYSTEM = person("system-police-91-rr", "POLICE-91", "POLICE", ["AGENCY_SYSTEM"]);
const SCHOOL_SYSTEM = person("system-sch-700001-rr", "SCH-700001", "EDUCATION", ["AGENCY_SYSTEM"]);
const FENSHIRE_SYSTEM = person("system-la-fen-rr", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["AGENCY_SYSTEM"], "E10000019");

// This file's own children: one whose school holds them under a sealed record (a new identity), one
// whose plan is held under a sealed record.
const SEALED_PUPIL = { sui: "9990746028", givenNames: "Rowan", familyName: "Hartsell", dateOfBirth: "2014-12-12", sex: "MALE" as const, address: { kind: "HOME" as const, line1: "1 Quiet Lane", postcode: "HP21 1QL", localAuthority: "E06000060" } };
const SEALED_PLAN_CHILD = { sui: "9990746036", givenNames: "Juniper", familyName: "Ashcombe", dateOfBirth: "2018-01-09", sex: "FEMALE" as const, address: { kind: "HOME" as const, line1: "4 Quiet Lane", postcode: "HP21 1QL", localAuthority: "E06000060" } };

/**
 * A sealed record contributes nothing to anyone outside it — its routing included. A notification
 * routed through a sealed record would tell the notifier, on its receipt, which school a child with a
 * new identity attends or which authority holds their plan, and tell that agency of the child under
 * the identity the seal keeps apart. The child is routed as if the sealed record were not held.
 */
describe("routing never goes through a sealed record", () => {
  let db: NotificationDatabase;
  let services: NotificationServices;
  beforeAll(async () => {
    db = await openNotificationDatabase([ED]);
    services = { dataSource: db.dataSource, policy: POLICY };
    await submitRecord(db.dataSource, SCHOOL_SYSTEM, { agencyCode: "SCH-700001", agencyReference: "UPN-RR-0001", child: SEALED_PUPIL, labels: ["SEALED"], education: { rollStatus: "ON_ROLL", onRollFrom: "2025-09-01" } }, NOW);
    await submitRecord(db.dataSource, FENSHIRE_SYSTEM, { agencyCode: "LA-E10000019", agencyReference: "FEN-RR-CP-1", child: SEALED_PLAN_CHILD, labels: ["SEALED"],
      socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-06-01", responsibleLocalAuthority: "E10000019" } }, NOW);
  });
  afterAll(async () => db.close());

  test("Operation Encompass: the school holding the pupil under a sealed record is not told, nor named on the force's receipt", async () => {
    const receipt = await submitOperationEncompass(services, FORCE_SYSTEM, "req-rr-encompass", {
      agencyCode: "POLICE-91", reference: "VC-RR-DA-1", occurredOn: "2026-11-15", reportedOn: "2026-11-15", childRole: "WITNESS", crimeReference: "VC-2026-RR01",
      summary: "Shouting reported by a neighbour", intelligence: null, officerName: "PC 9 Vane", officerContact: "ppu@vale-police.example", activeInvestigation: false, child: SEALED_PUPIL,
    }, NOW);
    expect(receipt.recipients).toEqual([]);
    expect(JSON.stringify(receipt)).not.toContain("SCH-700001");
    expect(await db.dataSource.getRepository(NotificationDelivery).countBy({ notificationId: receipt.notificationId })).toBe(0);
  });

  test("CP-IS: the authority holding a plan under a sealed record is not told, nor named on the setting's receipt", async () => {
    const receipt = await submitUnscheduledCareAttendance(services, ED_SYSTEM, "req-rr-cpis", { agencyCode: "RBH-ED-RR", reference: "ED-RR-0001", attendedOn: "2026-11-16", presentingComplaint: "Fall from a bicycle", child: SEALED_PLAN_CHILD }, NOW);
    expect(receipt.recipients).toEqual([]);
    expect(JSON.stringify(receipt)).not.toContain("LA-E10000019");
    expect(await db.dataSource.getRepository(NotificationDelivery).countBy({ notificationId: receipt.notificationId })).toBe(0);
  });
});
