import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { exportDisclosures } from "../../src/audit/exportDisclosures";
import { type FhirAuditEventBundle } from "../../src/audit/FhirAuditEvent";
import { listDisclosures } from "../../src/audit/listDisclosures";
import { recordAuditEntry } from "../../src/audit/recordAuditEntry";
import { subjectAccessReport } from "../../src/audit/subjectAccessReport";
import { verifyAuditTrail } from "../../src/audit/verifyAuditTrail";
import { type AuditEntry } from "../../src/audit/AuditEntry";
import {
  asTamperingSuperuser, disclosure, IG_LEAD, openAuditTestDatabase, POLICE_OFFICER, SCHOOL_DSL, SOCIAL_WORKER, type AuditTestDatabase,
} from "./auditTestSupport";

const CHILD_A = "9990000018";
const CHILD_B = "9990000026";
const CHILD_C = "9990000034";
const OCTOBER = { from: new Date("2026-10-01T00:00:00.000Z"), to: new Date("2026-11-01T00:00:00.000Z") };
/** When the IG lead works: after October, so the IG lead's own entries stay outside the October window. */
const IG_NOW = new Date("2026-11-15T12:00:00.000Z");
const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 9, day, hour));

describe("IG services over the disclosure audit (scenario 10)", () => {
  let db: AuditTestDatabase;
  const seeded: Record<string, string> = {};

  beforeAll(async () => {
    db = await openAuditTestDatabase();
    const seed = async (name: string, when: Date, ...overrides: Parameters<typeof disclosure>) => {
      seeded[name] = (await recordAuditEntry(db.dataSource, disclosure({ requestId: `seed-${name}`, ...overrides[0] }), when)).id;
    };
    await seed("swDisclosure", at(1), { childSuis: [CHILD_A] });
    await seed("policeDisclosure", at(2), {
      principal: POLICE_OFFICER, childSuis: [CHILD_A], prejudicesInvestigation: true,
      access: { purpose: "OFFENDER_RISK_MANAGEMENT", lawfulBasis: "LAW_ENFORCEMENT", specialCategoryCondition: null, justification: "MAPPA level 2 meeting.", caseReference: null, breakGlass: false },
    });
    await seed("dslRefused", at(3), { principal: SCHOOL_DSL, childSuis: [CHILD_A], outcome: "REFUSED", refusal: { code: "ACCESS_CONTEXT_INVALID", problem: "PURPOSE_NOT_PERMITTED", rule: "r-dsl" }, fieldsDisclosed: [], fieldsWithheld: [] });
    await seed("breakGlass", at(4, 23), {
      childSuis: [CHILD_B], breakGlass: true,
      access: { purpose: "EMERGENCY_PROTECTION", lawfulBasis: "VITAL_INTERESTS", specialCategoryCondition: null, justification: "Out of hours: child found alone.", caseReference: null, breakGlass: true },
    });
    await seed("consentRecorded", at(5), { operation: "CONSENT_RECORDED", outcome: "RECORDED", access: null, childSuis: [CHILD_A], fieldsDisclosed: [], fieldsWithheld: [] });
    await seed("dslDisclosure", at(6), {
      principal: SCHOOL_DSL, childSuis: [CHILD_A],
      access: { purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: null, justification: "=HYPERLINK(\"http://evil.example\")", caseReference: "REF-9", breakGlass: false },
    });
    await seed("search", at(7), { operation: "CHILD_SEARCH", childSuis: [CHILD_A, CHILD_B] });
    // Twelve disclosures about child C for paging, four of them in the same millisecond.
    for (let i = 0; i < 12; i++) await seed(`paging${i}`, i < 4 ? at(20) : at(8 + i), { childSuis: [CHILD_C] });
  });

  afterAll(async () => {
    await db.close();
  });

  const auditEntriesBy = (sub: string, operation: string) =>
    db.dataSource.getRepository(DisclosureAuditEntry).find({ where: { principalSub: sub, operation: operation as DisclosureAuditEntry["operation"] }, order: { occurredAt: "DESC" } });
  const list = (filter: Parameters<typeof listDisclosures>[3], first?: number, after?: string | null) =>
    listDisclosures(db.dataSource, IG_LEAD, "ig-req-list", { ...OCTOBER, ...filter }, first, after, IG_NOW);
  const names = (entries: AuditEntry[]) => entries.map((entry) => Object.keys(seeded).find((name) => seeded[name] === entry.id));

  describe("only an IG lead may use the audit, and every refusal is itself audited", () => {
    it.each([
      ["listDisclosures", "AUDIT_QUERY", () => listDisclosures(db.dataSource, SOCIAL_WORKER, "sw-req-1", { childSui: CHILD_A }, 10, null, IG_NOW)],
      ["exportDisclosures", "AUDIT_EXPORT", () => exportDisclosures(db.dataSource, SOCIAL_WORKER, "sw-req-2", {}, "CSV", 10, IG_NOW)],
      ["subjectAccessReport", "SUBJECT_ACCESS_REPORT", () => subjectAccessReport(db.dataSource, SOCIAL_WORKER, "sw-req-3", CHILD_A, IG_NOW)],
      ["verifyAuditTrail", "AUDIT_VERIFICATION", () => verifyAuditTrail(db.dataSource, SOCIAL_WORKER, "sw-req-4", IG_NOW)],
    ])("%s is FORBIDDEN to a social worker", async (_name, operation, call) => {
      await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN" });
      const [refusal] = await auditEntriesBy(SOCIAL_WORKER.sub, operation);
      expect(refusal).toMatchObject({ outcome: "REFUSED", refusalCode: "FORBIDDEN", refusalRule: "audit-access:ig-lead-only" });
    });

    it("records the child a refused query named", async () => {
      const [refusal] = await auditEntriesBy(SOCIAL_WORKER.sub, "AUDIT_QUERY");
      expect(refusal.childSuis).toEqual([CHILD_A]);
    });
  });

  describe("listing disclosures", () => {
    it("finds every entry about one child last month, newest first", async () => {
      const page = await list({ childSui: CHILD_A });
      expect(names(page.entries)).toEqual(["search", "dslDisclosure", "consentRecorded", "dslRefused", "policeDisclosure", "swDisclosure"]);
      expect(page).toMatchObject({ totalCount: 6, hasNextPage: false });
      expect(page.entries[0]).toMatchObject({ operation: "CHILD_SEARCH", childSuis: [CHILD_A, CHILD_B], principal: { sub: "sw-0101", roles: ["SOCIAL_WORKER"] } });
    });

    it.each([
      ["principal", { principalSub: "pc-4301" }, ["policeDisclosure"]],
      ["agency", { agency: "SCH-199001" }, ["dslDisclosure", "dslRefused"]],
      ["purpose", { purpose: "EMERGENCY_PROTECTION" as const }, ["breakGlass"]],
      ["outcome", { outcome: "REFUSED" as const }, ["dslRefused"]],
      ["operation", { operation: "CONSENT_RECORDED" as const }, ["consentRecorded"]],
      ["break-glass", { breakGlass: true }, ["breakGlass"]],
      ["time", { from: at(3), to: at(5) }, ["breakGlass", "dslRefused"]],
      ["child and agency together", { childSui: CHILD_A, agency: "POLICE-43" }, ["policeDisclosure"]],
    ])("filters by %s", async (_name, filter, expected) => {
      expect(names((await list(filter)).entries)).toEqual(expected);
    });

    it("pages through entries with an opaque cursor, without repeats even within one millisecond", async () => {
      const seen: AuditEntry[] = [];
      let after: string | null = null;
      const pages: boolean[] = [];
      do {
        const page = await list({ childSui: CHILD_C }, 5, after);
        expect(page.totalCount).toBe(12);
        seen.push(...page.entries);
        pages.push(page.hasNextPage);
        after = page.hasNextPage ? page.endCursor : null;
      } while (after !== null);
      expect(pages).toEqual([true, true, false]);
      expect(new Set(seen.map((entry) => entry.id)).size).toBe(12);
      const order = seen.map((entry) => [entry.occurredAt.getTime(), entry.id] as const);
      const sorted = [...order].sort((x, y) => y[0] - x[0] || (y[1] > x[1] ? 1 : -1));
      expect(order).toEqual(sorted);
    });

    it("refuses a cursor it did not issue, and a page size out of range", async () => {
      await expect(list({}, 5, "bm90LWEtY3Vyc29y")).rejects.toMatchObject({ code: "INVALID_INPUT" });
      await expect(list({}, 5, Buffer.from("disclosure:yesterday|x").toString("base64url"))).rejects.toMatchObject({ code: "INVALID_INPUT" });
      await expect(list({}, 0)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    });

    it("audits the IG lead's own query: filter, children returned, purpose INFORMATION_GOVERNANCE", async () => {
      await listDisclosures(db.dataSource, IG_LEAD, "ig-req-audited", { childSui: CHILD_B, ...OCTOBER }, 10, null, IG_NOW);
      const [entry] = (await auditEntriesBy(IG_LEAD.sub, "AUDIT_QUERY")).filter((e) => e.requestId === "ig-req-audited");
      expect(entry).toMatchObject({
        outcome: "DISCLOSED", purpose: "INFORMATION_GOVERNANCE", lawfulBasis: "LEGAL_OBLIGATION", childSuis: [CHILD_B, CHILD_A],
        details: { filter: { childSui: CHILD_B, from: OCTOBER.from.toISOString(), to: OCTOBER.to.toISOString() }, first: 10, after: null, returned: 2, totalCount: 2 },
      });
    });
  });

  describe("exporting disclosures", () => {
    it("exports one child's month as CSV, spreadsheet-safe, and audits what left", async () => {
      const exported = await exportDisclosures(db.dataSource, IG_LEAD, "ig-req-csv", { childSui: CHILD_A, ...OCTOBER }, "CSV", 100, IG_NOW);
      expect(exported).toMatchObject({ contentType: "text/csv; charset=utf-8; header=present", count: 6, complete: true });
      const lines = exported.content.trimEnd().split("\r\n");
      expect(lines).toHaveLength(7);
      expect(exported.content).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
      const [entry] = (await auditEntriesBy(IG_LEAD.sub, "AUDIT_EXPORT")).filter((e) => e.requestId === "ig-req-csv");
      expect(entry).toMatchObject({ outcome: "DISCLOSED", details: { format: "CSV", limit: 100, count: 6, complete: true } });
    });

    it("exports FHIR R4 AuditEvents naming the child by NHS number", async () => {
      const exported = await exportDisclosures(db.dataSource, IG_LEAD, "ig-req-fhir", { childSui: CHILD_A, ...OCTOBER }, "FHIR_AUDIT_EVENT", 100, IG_NOW);
      const bundle = JSON.parse(exported.content) as FhirAuditEventBundle;
      expect(exported.contentType).toBe("application/fhir+json; fhirVersion=4.0");
      expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection", timestamp: IG_NOW.toISOString() });
      expect(bundle.entry.map((e) => e.resource.id)).toEqual([seeded.search, seeded.dslDisclosure, seeded.consentRecorded, seeded.dslRefused, seeded.policeDisclosure, seeded.swDisclosure]);
      for (const { resource } of bundle.entry) {
        expect(resource.entity.some((entity) => entity.what.identifier?.system === "https://fhir.nhs.uk/Id/nhs-number" && entity.what.identifier.value === CHILD_A)).toBe(true);
      }
      const refused = bundle.entry.find((e) => e.resource.id === seeded.dslRefused)!.resource;
      expect(refused.outcome).toBe("4");
    });

    it("says when the limit cut the export short", async () => {
      const exported = await exportDisclosures(db.dataSource, IG_LEAD, "ig-req-short", { childSui: CHILD_C, ...OCTOBER }, "CSV", 5, IG_NOW);
      expect(exported).toMatchObject({ count: 5, complete: false });
      await expect(exportDisclosures(db.dataSource, IG_LEAD, "ig-req-bad", {}, "CSV", 0, IG_NOW)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    });
  });

  describe("subject access report", () => {
    it("tells who saw the child's record, when and why, leaving out what could prejudice an investigation", async () => {
      const report = await subjectAccessReport(db.dataSource, IG_LEAD, "ig-req-sar", "999 000 0018", IG_NOW);
      expect(report.sui).toBe(CHILD_A);
      expect(report.withheldEntryCount).toBe(1);
      // Refusals, consent records and the IG lead's own reads are not disclosures to a recipient.
      expect(report.entries.map((entry) => entry.occurredAt)).toEqual([at(1), at(6), at(7)]);
      expect(report.entries[1]).toEqual({
        occurredAt: at(6), agency: "SCH-199001", agencyType: "EDUCATION", roles: ["SCHOOL_DSL"], purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK",
        justification: "=HYPERLINK(\"http://evil.example\")", fieldsDisclosed: ["socialCare[0].status"],
      });
      expect(JSON.stringify(report)).not.toContain("pc-4301");
      expect(JSON.stringify(report)).not.toContain("MAPPA");
    });

    it("is audited under SUBJECT_ACCESS_REQUEST", async () => {
      const [entry] = (await auditEntriesBy(IG_LEAD.sub, "SUBJECT_ACCESS_REPORT")).filter((e) => e.requestId === "ig-req-sar");
      expect(entry).toMatchObject({ purpose: "SUBJECT_ACCESS_REQUEST", lawfulBasis: "LEGAL_OBLIGATION", childSuis: [CHILD_A], details: { reported: 3, withheldEntryCount: 1 } });
    });

    it("refuses an invalid SUI", async () => {
      await expect(subjectAccessReport(db.dataSource, IG_LEAD, "ig-req-sar-bad", "1234567890", IG_NOW)).rejects.toMatchObject({ code: "INVALID_SUI" });
    });
  });

  describe("verifying the trail", () => {
    it("reports the trail intact, and records the check on the trail", async () => {
      const verification = await verifyAuditTrail(db.dataSource, IG_LEAD, "ig-req-verify", IG_NOW);
      expect(verification).toMatchObject({ intact: true, firstBroken: null, chainsChecked: 16 });
      const [entry] = (await auditEntriesBy(IG_LEAD.sub, "AUDIT_VERIFICATION")).filter((e) => e.requestId === "ig-req-verify");
      expect(entry).toMatchObject({ outcome: "RECORDED", childSuis: [], details: { intact: true, entriesChecked: verification.entriesChecked } });
    });

    it("names the tampered entry once someone edits a justification", async () => {
      await asTamperingSuperuser(db.dataSource, [[`UPDATE disclosure_audit SET justification = 'Routine check' WHERE id = $1`, [seeded.dslDisclosure]]]);
      const verification = await verifyAuditTrail(db.dataSource, IG_LEAD, "ig-req-verify-2", IG_NOW);
      expect(verification).toMatchObject({ intact: false, firstBroken: { entryId: seeded.dslDisclosure, problem: "HASH_MISMATCH" } });
    });
  });
});
