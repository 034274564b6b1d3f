import { join } from "node:path";
import { type GovernanceServices } from "../../src/audit/governanceAccess";
import { type AccessContext } from "../../src/policy/AccessContext";
import { loadPolicies } from "../../src/policy/loadPolicies";
import { extendSubjectAccessRequest } from "../../src/subjectAccess/extendSubjectAccessRequest";
import { openSubjectAccessRequest } from "../../src/subjectAccess/openSubjectAccessRequest";
import { IG_LEAD, openAuditTestDatabase, type AuditTestDatabase } from "../audit/auditTestSupport";

/**
 * The one-month clock of a subject access request (UK GDPR Art 12(3)), on fixed days: the month comes
 * from policies/timescales.yaml (SUBJECT_ACCESS_REQUEST), counted to the corresponding date and moved
 * off weekends and bank holidays; one extension of up to two further months, granted within the first.
 */
const POLICY = loadPolicies(join(__dirname, "..", "..", "policies"));
const SUI = "9990000018";
const CONTEXT: AccessContext = {
  purpose: "SUBJECT_ACCESS_REQUEST", lawfulBasis: "LEGAL_OBLIGATION", specialCategoryCondition: null,
  justification: "Subject access request from the child's father, received by email", caseReference: null, breakGlass: false,
};
const FATHER = { standing: "PERSON_WITH_PARENTAL_RESPONSIBILITY" as const, name: "The child's father", basis: "Named on the birth certificate, seen; no court order affecting it." };
const REASON = "Records from five agencies, two of them needing a health professional's opinion.";

let db: AuditTestDatabase;
let services: GovernanceServices;

beforeAll(async () => {
  db = await openAuditTestDatabase(4);
  services = { dataSource: db.dataSource, policy: POLICY };
});
afterAll(async () => {
  await db.close();
});

const open = (reference: string, receivedAt: string, now: string) =>
  openSubjectAccessRequest(services, IG_LEAD, `req-${reference}`, CONTEXT, { sui: SUI, reference, requester: FATHER, receivedAt: new Date(receivedAt) }, new Date(now));

describe("the subject access clock", () => {
  it("runs a calendar month from the day of receipt, moved past Christmas and the substitute Boxing Day", async () => {
    const request = await open("SAR-CLOCK-1", "2026-11-25T15:00:00Z", "2026-11-26T10:00:00Z");
    expect(request).toMatchObject({
      receivedAt: new Date("2026-11-25T15:00:00Z"),
      timescaleEdition: "working-together-2023",
      originalDueAt: new Date("2026-12-29T23:59:59.999Z"),
      dueAt: new Date("2026-12-29T23:59:59.999Z"),
      // Three months from receipt: 25 February 2027, a Thursday.
      latestDueAt: new Date("2027-02-25T23:59:59.999Z"),
      overdue: false,
    });
  });

  it("extends once, by the months granted, to the date corresponding to receipt", async () => {
    const request = await open("SAR-CLOCK-2", "2026-11-25T15:00:00Z", "2026-11-26T10:00:00Z");
    const extended = await extendSubjectAccessRequest(services, IG_LEAD, "req-extend-2", CONTEXT, request.id, 1, REASON, new Date("2026-12-20T10:00:00Z"));
    // 25 January 2027 is a Monday.
    expect(extended).toMatchObject({ originalDueAt: new Date("2026-12-29T23:59:59.999Z"), dueAt: new Date("2027-01-25T23:59:59.999Z"), extension: { months: 1, reason: REASON, extendedBySub: IG_LEAD.sub } });
    await expect(extendSubjectAccessRequest(services, IG_LEAD, "req-extend-2b", CONTEXT, request.id, 1, REASON, new Date("2026-12-21T10:00:00Z"))).rejects.toMatchObject({ code: "CONFLICT", details: { problem: "ALREADY_EXTENDED" } });
  });

  it("is extended only within the first month, when the requester must be told (Art 12(3))", async () => {
    const request = await open("SAR-CLOCK-3", "2026-10-01T09:00:00+01:00", "2026-10-02T09:00:00Z");
    // 1 November 2026 is a Sunday: due at the end of Monday 2 November.
    expect(request.dueAt).toEqual(new Date("2026-11-02T23:59:59.999Z"));
    await expect(extendSubjectAccessRequest(services, IG_LEAD, "req-extend-3", CONTEXT, request.id, 2, REASON, new Date("2026-11-03T00:00:00Z"))).rejects.toMatchObject({
      code: "INVALID_INPUT", details: { problem: "EXTENSION_TOO_LATE" },
    });
    const inTime = await extendSubjectAccessRequest(services, IG_LEAD, "req-extend-3b", CONTEXT, request.id, 2, REASON, new Date("2026-11-02T23:59:59.999Z"));
    // Three months from receipt is New Year's Day 2027, a bank holiday and a Friday: Monday 4 January.
    expect(inTime.dueAt).toEqual(new Date("2027-01-04T23:59:59.999Z"));
  });

  it("says a request past its due time is overdue", async () => {
    expect((await open("SAR-CLOCK-4", "2026-10-01T09:00:00+01:00", "2026-11-03T09:00:00Z")).overdue).toBe(true);
  });

  it("refuses a request received in the future, or more than a year ago", async () => {
    await expect(open("SAR-CLOCK-5", "2026-11-27T10:00:00Z", "2026-11-26T10:00:00Z")).rejects.toMatchObject({ code: "INVALID_INPUT", details: { problem: "RECEIVED_OUT_OF_RANGE" } });
    await expect(open("SAR-CLOCK-6", "2025-11-01T10:00:00Z", "2026-11-26T10:00:00Z")).rejects.toMatchObject({ code: "INVALID_INPUT", details: { problem: "RECEIVED_OUT_OF_RANGE" } });
  });

  it("refuses a request received before the earliest edition of the timescales, naming the earliest date accepted", async () => {
    const refused = open("SAR-CLOCK-7", "2023-12-10T10:00:00Z", "2023-12-20T10:00:00Z");
    await expect(refused).rejects.toMatchObject({ code: "INVALID_INPUT", details: { problem: "NO_EDITION_IN_FORCE", path: "request.receivedAt", earliestAccepted: "2023-12-15" } });
    await expect(refused).rejects.toThrow(/2023-12-15/);
  });
});
