import { join } from "node:path";
import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { exportDisclosures } from "../../src/audit/exportDisclosures";
import { listDisclosures } from "../../src/audit/listDisclosures";
import { recordAuditEntry } from "../../src/audit/recordAuditEntry";
import { type GovernanceServices } from "../../src/audit/governanceAccess";
import { type AccessContext } from "../../src/policy/AccessContext";
import { loadPolicies } from "../../src/policy/loadPolicies";
import { disclosure, IG_LEAD, openAuditTestDatabase, SOCIAL_WORKER, type AuditTestDatabase } from "./auditTestSupport";

const WHEN = new Date("2026-11-20T10:00:00.000Z");
const POLICY = loadPolicies(join(__dirname, "..", "..", "policies"));
const REVIEW: AccessContext = {
  purpose: "INFORMATION_GOVERNANCE", lawfulBasis: "LEGAL_OBLIGATION", specialCategoryCondition: null,
  justification: "Monthly review of break-glass access to the trail", caseReference: null, breakGlass: false,
};

/** What the trail records about the IG lead's own reads, and about attempts by anyone else. */
describe("an IG read on the trail", () => {
  let db: AuditTestDatabase;
  let services: GovernanceServices;

  beforeAll(async () => {
    db = await openAuditTestDatabase();
    services = { dataSource: db.dataSource, policy: POLICY };
    await recordAuditEntry(db.dataSource, disclosure({ requestId: "seed-ordinary", childSuis: ["9990000018"] }), new Date("2026-10-02T09:00:00Z"));
    await recordAuditEntry(db.dataSource, disclosure({ requestId: "seed-break-glass", childSuis: ["9990000026"], breakGlass: true }), new Date("2026-10-03T09:00:00Z"));
  });

  afterAll(async () => {
    await db.close();
  });

  const entryFor = (requestId: string) => db.dataSource.getRepository(DisclosureAuditEntry).findOneByOrFail({ requestId });

  it("records the IG lead's read as disclosing no record fields and prejudicing nothing", async () => {
    await listDisclosures(services, IG_LEAD, "ig-read-1", REVIEW, { childSui: "9990000018" }, 10, null, WHEN);
    expect(await entryFor("ig-read-1")).toMatchObject({
      outcome: "DISCLOSED", fieldsDisclosed: [], fieldsWithheld: [], prejudicesInvestigation: false, breakGlass: false, policyVersion: POLICY.version, refusalCode: null,
      purpose: "INFORMATION_GOVERNANCE", justification: REVIEW.justification,
    });
  });

  it("refuses anyone else with a message that says who may, and records the refusal with its problem and rule", async () => {
    await expect(listDisclosures(services, SOCIAL_WORKER, "sw-read-1", REVIEW, {}, 10, null, WHEN)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only an information governance lead (role IG_LEAD) may read, export or verify the disclosure audit.",
    });
    expect(await entryFor("sw-read-1")).toMatchObject({
      outcome: "REFUSED", refusalCode: "FORBIDDEN", refusalProblem: "IG_LEAD_ONLY", refusalRule: "audit-access:ig-lead-only",
      fieldsDisclosed: [], fieldsWithheld: [], prejudicesInvestigation: false,
    });
  });

  it("lists only the entries that were not break-glass when asked for those", async () => {
    const page = await listDisclosures(services, IG_LEAD, "ig-read-2", REVIEW, { breakGlass: false, to: new Date("2026-11-01T00:00:00Z") }, 10, null, WHEN);
    expect(page.entries.map((entry) => entry.requestId)).toEqual(["seed-ordinary"]);
  });

  it("refuses an export format it does not know, before reading anything", async () => {
    await expect(exportDisclosures(services, IG_LEAD, "ig-export-bad", REVIEW, {}, "PDF" as never, 10, WHEN)).rejects.toMatchObject({
      code: "INVALID_INPUT", message: "`format` must be CSV or FHIR_AUDIT_EVENT.", details: { path: "format" },
    });
    expect(await db.dataSource.getRepository(DisclosureAuditEntry).countBy({ requestId: "ig-export-bad" })).toBe(0);
  });
});
