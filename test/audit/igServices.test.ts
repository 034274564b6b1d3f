import { join } from "node:path";
import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { exportDisclosures } from "../../src/audit/exportDisclosures";
import { type FhirAuditEventBundle } from "../../src/audit/FhirAuditEvent";
import { listDisclosures } from "../../src/audit/listDisclosures";
import { recordAuditEntry } from "../../src/audit/recordAuditEntry";
import { verifyAuditTrail } from "../../src/audit/verifyAuditTrail";
import { type AuditEntry } from "../../src/audit/AuditEntry";
import { type GovernanceServices } from "../../src/audit/governanceAccess";
import { type AccessContext } from "../../src/policy/AccessContext";
import { loadPolicies } from "../../src/policy/loadPolicies";
import {
  asTamperingSuperuser, disclosure, holdRecordsAbout, IG_LEAD, openAuditTestDatabase, principal, POLICE_OFFICER, SCHOOL_DSL, SOCIAL_WORKER, type AuditTestDatabase,
} from "./auditTestSupport";

const CHILD_A = "9990000018";
const CHILD_B = "9990000026";
const CHILD_C = "9990000034";
/** Two children a police search showed together in September: a school holds one, a GP practice the other. */
const PUPIL = "9990000107";
const PATIENT = "9990000115";
const SEPTEMBER = { from: new Date("2026-09-01T00:00:00.000Z"), to: new Date("2026-10-01T00:00:00.000Z") };
const OCTOBER = { from: new Date("2026-10-01T00:00:00.000Z"), to: new Date("2026-11-01T00:00:00.000Z") };
/** When the IG lead works: after October, so the IG lead's own entries stay outside the October window. */
const IG_NOW = new Date("2026-11-15T12:00:00.000Z");
const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 9, day, hour));
const POLICY = loadPolicies(join(__dirname, "..", "..", "policies"));
/** The IG lead's own reasons, which the trail must keep word for word. */
const REVIEW: AccessContext = {
  purpose: "INFORMATION_GOVERNANCE", lawfulBasis: "LEGAL_OBLIGATION", specialCategoryCondition: null,
  justification: "Quarterly review of disclosures about looked-after children", caseReference: "IG-2026-Q4", breakGlass: false,
};
const SAR: AccessContext = {
  purpose: "SUBJECT_ACCESS_REQUEST", lawfulBasis: "LEGAL_OBLIGATION", specialCategoryCondition: null,
  justification: "Subject access request received from the child's mother on 3 November", caseReference: "SAR-2026-0042", breakGlass: false,
};

describe("IG services over the disclosure audit (scenario 10)", () => {
  let db: AuditTestDatabase;
  let services: GovernanceServices;
  const seeded: Record<string, string> = {};

  beforeAll(async () => {
    db = await openAuditTestDatabase();
    services = { dataSource: db.dataSource, policy: POLICY };
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
    await seed("policeSearch", new Date("2026-09-10T09:00:00.000Z"), {
      principal: POLICE_OFFICER, operation: "CHILD_SEARCH", childSuis: [PUPIL, PATIENT], details: { candidates: [{ sui: PUPIL }, { sui: PATIENT }] },
      access: { purpose: "STRATEGY_DISCUSSION", lawfulBasis: "LAW_ENFORCEMENT", specialCategoryCondition: null, justification: "Strategy discussion: both children seen at the address.", caseReference: null, breakGlass: false },
    });
    await holdRecordsAbout(db.dataSource, { code: SCHOOL_DSL.agency, type: SCHOOL_DSL.agencyType }, [PUPIL]);
    await holdRecordsAbout(db.dataSource, { code: "GP-Y00001", type: "HEALTH" }, [PATIENT]);
    // The IG lead's council holds a record about each child: it answers for them.
    await holdRecordsAbout(db.dataSource, { code: IG_LEAD.agency, type: IG_LEAD.agencyType }, [CHILD_A, CHILD_B, CHILD_C]);
  });

  afterAll(async () => {
    await db.close();
  });

  const auditEntriesBy = (sub: string, operation: string) =>
    db.dataSource.getRepository(DisclosureAuditEntry).find({ where: { principalSub: sub, operation: operation as DisclosureAuditEntry["operation"] }, order: { occurredAt: "DESC" } });
  const list = (filter: Parameters<typeof listDisclosures>[4], first?: number, after?: string | null) =>
    listDisclosures(services, IG_LEAD, "ig-req-list", REVIEW, { ...OCTOBER, ...filter }, first, after, IG_NOW);
  const names = (entries: AuditEntry[]) => entries.map((entry) => Object.keys(seeded).find((name) => seeded[name] === entry.id));

  describe("only an IG lead may use the audit, and every refusal is itself audited", () => {
    it.each([
      ["listDisclosures", "AUDIT_QUERY", () => listDisclosures(services, SOCIAL_WORKER, "sw-req-1", REVIEW, { childSui: CHILD_A }, 10, null, IG_NOW)],
      ["exportDisclosures", "AUDIT_EXPORT", () => exportDisclosures(services, SOCIAL_WORKER, "sw-req-2", REVIEW, {}, "CSV", 10, IG_NOW)],
      ["verifyAuditTrail", "AUDIT_VERIFICATION", () => verifyAuditTrail(services, SOCIAL_WORKER, "sw-req-4", IG_NOW)],
    ])("%s is FORBIDDEN to a social worker", async (_name, operation, call) => {
      await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN" });
      const [refusal] = (await auditEntriesBy(SOCIAL_WORKER.sub, operation)).filter((e) => /^sw-req-[1-4]$/.test(e.requestId));
      expect(refusal).toMatchObject({ outcome: "REFUSED", refusalCode: "FORBIDDEN", refusalRule: "audit-access:ig-lead-only" });
    });

    it("records the child a refused query named, and the access context the caller stated", async () => {
      await expect(listDisclosures(services, SOCIAL_WORKER, "sw-req-named", REVIEW, { childSui: CHILD_B }, 10, null, IG_NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
      const [refusal] = (await auditEntriesBy(SOCIAL_WORKER.sub, "AUDIT_QUERY")).filter((e) => e.requestId === "sw-req-named");
      expect(refusal.childSuis).toEqual([CHILD_B]);
      expect(refusal).toMatchObject({ purpose: "INFORMATION_GOVERNANCE", justification: REVIEW.justification, caseReference: "IG-2026-Q4", policyVersion: POLICY.version });
    });
  });

  describe("the IG lead states why, and the purpose must fit the work", () => {
    it.each([
      ["a subject access request stated for a trail review", "ig-req-misfit-1", "AUDIT_QUERY", "PURPOSE_NOT_PERMITTED", "governance-purposes"],
      ["a steward's purpose", "ig-req-misfit-3", "AUDIT_EXPORT", "PURPOSE_NOT_PERMITTED", "purpose-data-quality"],
      ["a lawful basis that does not fit", "ig-req-misfit-4", "AUDIT_EXPORT", "LAWFUL_BASIS_NOT_PERMITTED", "purpose-information-governance"],
      ["no real justification", "ig-req-misfit-5", "AUDIT_QUERY", "JUSTIFICATION_REQUIRED", "justification-required"],
    ])("refuses %s with ACCESS_CONTEXT_INVALID, audited, before reading", async (_name, requestId, operation, problem, rule) => {
      const calls: Record<string, () => Promise<unknown>> = {
        "ig-req-misfit-1": () => listDisclosures(services, IG_LEAD, requestId, SAR, { childSui: CHILD_A }, 10, null, IG_NOW),
        "ig-req-misfit-3": () => exportDisclosures(services, IG_LEAD, requestId, { ...REVIEW, purpose: "DATA_QUALITY", lawfulBasis: "PUBLIC_TASK" }, {}, "CSV", 10, IG_NOW),
        "ig-req-misfit-4": () => exportDisclosures(services, IG_LEAD, requestId, { ...REVIEW, lawfulBasis: "CONSENT" }, {}, "CSV", 10, IG_NOW),
        "ig-req-misfit-5": () => listDisclosures(services, IG_LEAD, requestId, { ...REVIEW, justification: "  audit  " }, {}, 10, null, IG_NOW),
      };
      await expect(calls[requestId]()).rejects.toMatchObject({ code: "ACCESS_CONTEXT_INVALID", details: { path: "access", problem, rule } });
      const entries = (await auditEntriesBy(IG_LEAD.sub, operation)).filter((entry) => entry.requestId === requestId);
      expect(entries).toEqual([expect.objectContaining({ outcome: "REFUSED", refusalCode: "ACCESS_CONTEXT_INVALID", refusalProblem: problem, refusalRule: rule, fieldsDisclosed: [] })]);
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

    it("audits the IG lead's own query: their access context verbatim, filter, children returned", async () => {
      await listDisclosures(services, IG_LEAD, "ig-req-audited", REVIEW, { childSui: CHILD_B, ...OCTOBER }, 10, null, IG_NOW);
      const [entry] = (await auditEntriesBy(IG_LEAD.sub, "AUDIT_QUERY")).filter((e) => e.requestId === "ig-req-audited");
      expect(entry).toMatchObject({
        outcome: "DISCLOSED", purpose: "INFORMATION_GOVERNANCE", lawfulBasis: "LEGAL_OBLIGATION", justification: REVIEW.justification, caseReference: "IG-2026-Q4",
        policyVersion: POLICY.version, childSuis: [CHILD_B, CHILD_A],
        details: { filter: { childSui: CHILD_B, from: OCTOBER.from.toISOString(), to: OCTOBER.to.toISOString() }, first: 10, after: null, returned: 2, totalCount: 2 },
      });
    });
  });

  describe("an IG lead answers for their own agency and the children it holds, not the whole hub", () => {
    const SCHOOL_IG = principal("ig-sch-0001", "SCH-199001", "EDUCATION", ["IG_LEAD"]);
    const OTHER_IG = principal("ig-sch-0002", "SCH-199002", "EDUCATION", ["IG_LEAD"]);
    // Another school again, which comes to hold a record: OTHER_IG's agency holds nothing, whichever test runs first.
    const HOLDING_IG = principal("ig-sch-0003", "SCH-199003", "EDUCATION", ["IG_LEAD"]);

    it("a school's IG lead reads its own staff's entries about a child it holds nothing about, and no one else's", async () => {
      const page = await listDisclosures(services, SCHOOL_IG, "ig-req-school", REVIEW, { ...OCTOBER, childSui: CHILD_A }, 50, null, IG_NOW);
      expect(names(page.entries)).toEqual(["dslDisclosure", "dslRefused"]);
      expect(JSON.stringify(page.entries)).not.toContain("MAPPA level 2 meeting.");
    });

    it("an agency with no staff entries and no record about the child finds nothing, in a list or an export", async () => {
      expect((await listDisclosures(services, OTHER_IG, "ig-req-other", REVIEW, { ...OCTOBER, childSui: CHILD_A }, 50, null, IG_NOW)).totalCount).toBe(0);
      const exported = await exportDisclosures(services, OTHER_IG, "ig-req-other-csv", REVIEW, { ...OCTOBER }, "CSV", 100, IG_NOW);
      expect(exported.count).toBe(0);
    });

    it("holding a record about the child brings every agency's entries about that child into reach", async () => {
      await holdRecordsAbout(db.dataSource, { code: HOLDING_IG.agency, type: HOLDING_IG.agencyType }, [CHILD_B]);
      const page = await listDisclosures(services, HOLDING_IG, "ig-req-other-b", REVIEW, { ...OCTOBER, childSui: CHILD_B }, 50, null, IG_NOW);
      expect(names(page.entries)).toEqual(["search", "breakGlass"]);
      // The council's search also showed child A, whom this school holds nothing about: counted, not named.
      expect(page.entries[0]).toMatchObject({ childSuis: [CHILD_B], otherChildren: 1 });
      expect(JSON.stringify(page.entries)).not.toContain(CHILD_A);
    });
  });

  describe("another agency's own words stay with that agency; the IG lead's own agency's rows are whole", () => {
    const OTHERS_WORDS = ["MAPPA level 2 meeting.", "HYPERLINK", "REF-9"];

    it("a list shows who, when, why in the policy's terms, and withholds the other agency's justification and case reference, saying why", async () => {
      const page = await list({ childSui: CHILD_A });
      const entry = (name: string) => page.entries.find((candidate) => candidate.id === seeded[name])!;
      expect(entry("policeDisclosure")).toMatchObject({
        principal: { sub: POLICE_OFFICER.sub, agency: POLICE_OFFICER.agency }, outcome: "DISCLOSED", breakGlass: false,
        access: { purpose: "OFFENDER_RISK_MANAGEMENT", lawfulBasis: "LAW_ENFORCEMENT", specialCategoryCondition: null, justification: null, caseReference: null },
        hash: null,
      });
      expect(entry("policeDisclosure").redactions).toEqual(expect.arrayContaining([
        { path: "access.justification", reason: expect.any(String), rule: "audit-trail:other-agency-account" },
        { path: "access.caseReference", reason: expect.any(String), rule: "audit-trail:other-agency-account" },
      ]));
      for (const words of OTHERS_WORDS) expect(JSON.stringify(page.entries)).not.toContain(words);
      const stored = await db.dataSource.getRepository(DisclosureAuditEntry).findOneByOrFail({ id: seeded.swDisclosure });
      expect(entry("swDisclosure")).toMatchObject({ access: { justification: "Strategy discussion agreed a s.47 enquiry.", caseReference: "CP-2026-001" }, hash: stored.hash, redactions: [] });
      // The IG lead who reviews their own social worker's break-glass read reads its reason on the trail.
      const [breakGlass] = (await list({ breakGlass: true })).entries;
      expect(breakGlass).toMatchObject({ id: seeded.breakGlass, access: { justification: "Out of hours: child found alone.", breakGlass: true }, redactions: [] });
    });

    it("neither export carries it, and both keep the IG lead's own agency's words", async () => {
      for (const format of ["CSV", "FHIR_AUDIT_EVENT"] as const) {
        const exported = await exportDisclosures(services, IG_LEAD, `ig-req-words-${format}`, REVIEW, { childSui: CHILD_A, ...OCTOBER }, format, 100, IG_NOW);
        expect(exported.count).toBe(6);
        for (const words of OTHERS_WORDS) expect(exported.content).not.toContain(words);
        expect(exported.content).toContain("Strategy discussion agreed a s.47 enquiry.");
        expect(exported.content).toContain("CP-2026-001");
        expect(exported.content).toContain("access.justification: audit-trail:other-agency-account");
      }
    });
  });

  describe("an entry naming several children shows each IG lead only the children their agency answers for", () => {
    const SCHOOL_IG = principal("ig-sch-0001", SCHOOL_DSL.agency, "EDUCATION", ["IG_LEAD"]);
    const GP_IG = principal("ig-gp-0001", "GP-Y00001", "HEALTH", ["IG_LEAD"]);
    const POLICE_IG = principal("ig-pol-0001", POLICE_OFFICER.agency, "POLICE", ["IG_LEAD"]);
    const read = async (reader: typeof SCHOOL_IG, requestId: string) => {
      const page = await listDisclosures(services, reader, requestId, REVIEW, { ...SEPTEMBER }, 50, null, IG_NOW);
      expect(names(page.entries)).toEqual(["policeSearch"]);
      return page.entries[0];
    };

    it.each([
      ["school", SCHOOL_IG, PUPIL, PATIENT],
      ["GP practice", GP_IG, PATIENT, PUPIL],
    ])("the %s's IG lead sees its own child and a count of the others, without their details or the hash that covers them", async (_name, reader, own, other) => {
      const entry = await read(reader, `ig-req-several-${reader.agency}`);
      expect(entry).toMatchObject({ childSuis: [own], otherChildren: 1, hash: null, principal: { sub: POLICE_OFFICER.sub }, chain: expect.any(Number), sequence: expect.any(Number) });
      expect(entry.details).toEqual({});
      expect(JSON.stringify(entry)).not.toContain(other);
      // The IG lead's own read names only what it returned.
      const [audited] = (await auditEntriesBy(reader.sub, "AUDIT_QUERY")).filter((e) => e.requestId === `ig-req-several-${reader.agency}`);
      expect(audited.childSuis).toEqual([own]);
    });

    it.each([
      ["school", SCHOOL_IG, PUPIL, PATIENT],
      ["GP practice", GP_IG, PATIENT, PUPIL],
    ])("the %s's exports name only its own child, as CSV and as FHIR", async (_name, reader, own, other) => {
      const csv = await exportDisclosures(services, reader, `ig-req-csv-${reader.agency}`, REVIEW, { ...SEPTEMBER }, "CSV", 100, IG_NOW);
      expect(csv.count).toBe(1);
      expect(csv.content).not.toContain(other);
      const [header, row] = csv.content.trimEnd().split("\r\n").map((line) => line.split(","));
      expect(row[header.indexOf("child_suis")]).toBe(own);
      expect(row[header.indexOf("other_children")]).toBe("1");
      expect(row[header.indexOf("hash")]).toBe("");
      const fhir = await exportDisclosures(services, reader, `ig-req-fhir-${reader.agency}`, REVIEW, { ...SEPTEMBER }, "FHIR_AUDIT_EVENT", 100, IG_NOW);
      expect(fhir.content).not.toContain(other);
      const [{ resource }] = (JSON.parse(fhir.content) as FhirAuditEventBundle).entry;
      expect(resource.entity.map((entity) => entity.what.identifier?.value)).toEqual([own]);
      expect(resource.entity[0].detail).toEqual(expect.arrayContaining([{ type: "otherChildren", valueString: "1" }]));
      const [audited] = (await auditEntriesBy(reader.sub, "AUDIT_EXPORT")).filter((e) => e.requestId === `ig-req-fhir-${reader.agency}`);
      expect(audited.childSuis).toEqual([own]);
    });

    it("the acting agency's IG lead sees every child, the details and the hash: its staff's use is theirs to answer for", async () => {
      const stored = await db.dataSource.getRepository(DisclosureAuditEntry).findOneByOrFail({ id: seeded.policeSearch });
      const entry = await read(POLICE_IG, "ig-req-several-police");
      expect(entry).toMatchObject({ childSuis: [PUPIL, PATIENT], otherChildren: 0, details: stored.details, hash: stored.hash });
      const csv = await exportDisclosures(services, POLICE_IG, "ig-req-csv-police", REVIEW, { ...SEPTEMBER }, "CSV", 100, IG_NOW);
      expect(csv.content).toContain(`${PUPIL}; ${PATIENT}`);
    });
  });

  describe("another agency's sealed and brokered records leave nothing on the lines an IG lead reads", () => {
    /**
     * A child the school holds; the police hold a SEALED record about them, a hospital a BROKERED one. The
     * holders' own staff's reads are their own IG leads' alone (`trailReach`); a social worker's reads,
     * which name those records, reach the school's IG lead without them.
     */
    const WARD = "9990000123";
    const AUGUST = { from: new Date("2026-08-01T00:00:00.000Z"), to: new Date("2026-09-01T00:00:00.000Z") };
    const SCHOOL_IG = principal("ig-sch-0001", SCHOOL_DSL.agency, "EDUCATION", ["IG_LEAD"]);
    const POLICE_IG = principal("ig-pol-0001", POLICE_OFFICER.agency, "POLICE", ["IG_LEAD"]);
    const DOCTOR = principal("dr-0007", "RX1-HOSPITAL", "HEALTH", ["HEALTH_PRACTITIONER"]);
    const JULY = { from: new Date("2026-07-01T00:00:00.000Z"), to: new Date("2026-08-01T00:00:00.000Z") };
    const ids = { sealed: "", brokered: "", address: "", schoolRecord: "", newIdentity: "", brokeredName: "", sharedName: "" };
    const restrictedRecord = async (agency: { code: string; type: string }, type: string, label: string) => {
      await db.dataSource.query(`INSERT INTO agency (code, name, type) VALUES ($1, $1, $2) ON CONFLICT (code) DO NOTHING`, [agency.code, agency.type]);
      const [record] = await db.dataSource.query<{ id: string }[]>(
        `INSERT INTO agency_record (agency_reference, record_type, link_method, link_state, link_origin, link_decided_by, link_decided_at, content_hash, agency_code, child_id, reported_identity, labels)
         SELECT $1, $2, 'SUI', 'LINKED', 'AUTO', 'test', now(), repeat('0', 64), $3, c.id, '{}'::jsonb, ARRAY[$4]::text[] FROM child c WHERE c.sui = $5 RETURNING id`,
        [`REF-${label}`, type, agency.code, label, WARD],
      );
      return record.id;
    };

    beforeAll(async () => {
      await holdRecordsAbout(db.dataSource, { code: SCHOOL_DSL.agency, type: SCHOOL_DSL.agencyType }, [WARD]);
      [{ id: ids.schoolRecord }] = await db.dataSource.query<{ id: string }[]>(`SELECT r.id FROM agency_record r JOIN child c ON c.id = r.child_id WHERE c.sui = $1`, [WARD]);
      // The school's record gave the child's date of birth: a read showing one shows the school's data.
      await db.dataSource.query(`UPDATE agency_record SET reported_identity = $2::jsonb WHERE id = $1`, [ids.schoolRecord, JSON.stringify({ givenNames: "Trail", familyName: "Child", dateOfBirth: "2015-01-01", sex: "NOT_KNOWN" })]);
      ids.sealed = await restrictedRecord({ code: POLICE_OFFICER.agency, type: POLICE_OFFICER.agencyType }, "POLICE", "SEALED");
      ids.brokered = await restrictedRecord({ code: DOCTOR.agency, type: DOCTOR.agencyType }, "HEALTH", "BROKERED");
      [{ id: ids.address }] = await db.dataSource.query<{ id: string }[]>(
        `INSERT INTO child_address (child_id, kind, line1, postcode, source_record_id) SELECT c.id, 'HOME', '1 Sealed Row', 'ZZ9 9ZZ', $2 FROM child c WHERE c.sui = $1 RETURNING id`,
        [WARD, ids.sealed],
      );
      // Names with the records that reported them: a new identity only the sealed record gives, one only
      // the brokered record gives, and one the sealed record and the school's own record both give.
      const name = async (givenNames: string, sources: string[]) => {
        const [row] = await db.dataSource.query<{ id: string }[]>(
          `INSERT INTO child_name (child_id, given_names, family_name, kind, sources) SELECT c.id, $2, 'Trail', 'ALIAS', $3::uuid[] FROM child c WHERE c.sui = $1 RETURNING id`,
          [WARD, givenNames, sources],
        );
        return row.id;
      };
      ids.newIdentity = await name("Sealedname", [ids.sealed]);
      ids.brokeredName = await name("Brokeredname", [ids.brokered]);
      ids.sharedName = await name("Sharedname", [ids.sealed, ids.schoolRecord]);
      const read = (requestId: string, day: number, overrides: Parameters<typeof disclosure>[0], month = 7) =>
        recordAuditEntry(db.dataSource, disclosure({ requestId, childSuis: [WARD], ...overrides }), new Date(Date.UTC(2026, month, day, 9)));
      // In July a social worker read the child's names: the sealed record's new identity among them.
      await read("seed-names-read", 3, {
        principal: SOCIAL_WORKER,
        fieldsDisclosed: [`demographics.names[${ids.newIdentity}]`, `demographics.names[${ids.sharedName}]`, `demographics.names[${ids.brokeredName}]`, "demographics.dateOfBirth"],
        fieldsWithheld: [{ path: `demographics.names[${ids.newIdentity}].kind`, reason: "withheld", rule: "r-sealed" }],
        details: { recordIds: [ids.schoolRecord] },
      }, 6);
      // The officer reads the police's own sealed record, the address it reported, and the school's record.
      await read("seed-sealed-read", 3, {
        principal: POLICE_OFFICER,
        fieldsDisclosed: ["demographics.givenNames", `demographics.addresses[${ids.address}]`, `police[${ids.sealed}].intelligence`, `police[${ids.sealed}].agencyReference`, `education[${ids.schoolRecord}].rollStatus`],
        fieldsWithheld: [
          { path: `police[${ids.sealed}].activeInvestigation`, reason: "withheld", rule: "r-sealed" },
          { path: `education[${ids.schoolRecord}].attendance`, reason: "not needed", rule: "r-school" },
        ],
        details: { recordIds: [ids.sealed, ids.schoolRecord] },
      });
      // The doctor reads the hospital's own brokered record.
      await read("seed-brokered-read", 4, {
        principal: DOCTOR,
        fieldsDisclosed: ["demographics.givenNames", `health[${ids.brokered}].conditions`],
        fieldsWithheld: [],
        details: { recordIds: [ids.brokered], brokered: [] },
      });
      // A social worker's read names both restricted records, the address the sealed one reported, and the school's record.
      await read("seed-restricted-read", 5, {
        principal: SOCIAL_WORKER,
        fieldsDisclosed: ["demographics.givenNames", `demographics.addresses[${ids.address}]`, `police[${ids.sealed}].intelligence`, `health[${ids.brokered}].conditions`, `education[${ids.schoolRecord}].rollStatus`],
        fieldsWithheld: [
          { path: `police[${ids.sealed}].activeInvestigation`, reason: "withheld", rule: "r-sealed" },
          { path: `education[${ids.schoolRecord}].attendance`, reason: "not needed", rule: "r-school" },
        ],
        details: { recordIds: [ids.sealed, ids.brokered, ids.schoolRecord] },
      });
    });

    const secrets = () => [ids.sealed, ids.brokered, ids.address];

    it("the school's IG lead reads neither holder's own reads of its child, and the social worker's without the records' ids or paths, its details or hash", async () => {
      const page = await listDisclosures(services, SCHOOL_IG, "ig-req-sealed", REVIEW, { ...AUGUST }, 50, null, IG_NOW);
      expect(page.entries.map((entry) => entry.principal.sub)).toEqual([SOCIAL_WORKER.sub]);
      expect(page.totalCount).toBe(1);
      expect(page.entries[0]).toMatchObject({
        childSuis: [WARD], otherChildren: 0, details: {}, hash: null,
        fieldsDisclosed: ["demographics.givenNames", `education[${ids.schoolRecord}].rollStatus`],
        fieldsWithheld: [{ path: `education[${ids.schoolRecord}].attendance`, reason: "not needed", rule: "r-school" }],
      });
      for (const secret of [...secrets(), POLICE_OFFICER.agency, DOCTOR.agency]) expect(JSON.stringify(page.entries)).not.toContain(secret);

      const csv = await exportDisclosures(services, SCHOOL_IG, "ig-req-sealed-csv", REVIEW, { ...AUGUST }, "CSV", 100, IG_NOW);
      expect(csv.count).toBe(1);
      for (const secret of [...secrets(), POLICE_OFFICER.agency, DOCTOR.agency]) expect(csv.content).not.toContain(secret);
    });

    it("a name only the sealed or brokered record reported leaves the school's IG lead's line; one its own record reported too stays", async () => {
      const page = await listDisclosures(services, SCHOOL_IG, "ig-req-names", REVIEW, { ...JULY }, 50, null, IG_NOW);
      expect(page.entries).toHaveLength(1);
      expect(page.entries[0]).toMatchObject({ fieldsDisclosed: [`demographics.names[${ids.sharedName}]`, "demographics.dateOfBirth"], fieldsWithheld: [], hash: null });
      expect(page.entries[0].details).toEqual({});
      const hidden = [ids.newIdentity, ids.brokeredName, ids.sealed, ids.brokered];
      for (const secret of hidden) expect(JSON.stringify(page.entries)).not.toContain(secret);
      for (const format of ["CSV", "FHIR_AUDIT_EVENT"] as const) {
        const exported = await exportDisclosures(services, SCHOOL_IG, `ig-req-names-${format}`, REVIEW, { ...JULY }, format, 100, IG_NOW);
        expect(exported.count).toBe(1);
        expect(exported.content).toContain(`demographics.names[${ids.sharedName}]`);
        for (const secret of hidden) expect(exported.content).not.toContain(secret);
      }
      // The police's IG lead reads the name its own sealed record reported; not the one only the hospital's brokered record did.
      const police = await listDisclosures(services, POLICE_IG, "ig-req-names-police", REVIEW, { ...JULY }, 50, null, IG_NOW);
      expect(police.entries[0].fieldsDisclosed).toContain(`demographics.names[${ids.newIdentity}]`);
      expect(JSON.stringify(police.entries)).not.toContain(ids.brokeredName);
    });

    it("the police's IG lead reads its own officer's line whole, and neither the hospital's read nor its brokered record", async () => {
      const stored = await db.dataSource.getRepository(DisclosureAuditEntry).findOneByOrFail({ requestId: "seed-sealed-read" });
      const page = await listDisclosures(services, POLICE_IG, "ig-req-sealed-police", REVIEW, { ...AUGUST }, 50, null, IG_NOW);
      expect(page.entries.map((entry) => entry.principal.sub)).toEqual([SOCIAL_WORKER.sub, POLICE_OFFICER.sub]);
      const officers = page.entries.find((entry) => entry.principal.sub === POLICE_OFFICER.sub);
      expect(officers).toMatchObject({ fieldsDisclosed: stored.fieldsDisclosed, fieldsWithheld: stored.fieldsWithheld, details: stored.details, hash: stored.hash });
      expect(JSON.stringify(page.entries.filter((entry) => entry !== officers))).not.toContain(ids.brokered);
      // The hospital's own IG lead reads its doctor's line.
      const hospital = await listDisclosures(services, principal("ig-rx1-0001", DOCTOR.agency, "HEALTH", ["IG_LEAD"]), "ig-req-sealed-hospital", REVIEW, { ...AUGUST }, 50, null, IG_NOW);
      expect(hospital.entries.map((entry) => entry.principal.sub)).toContain(DOCTOR.sub);
    });
  });

  describe("exporting disclosures", () => {
    it("exports one child's month as CSV, spreadsheet-safe, and audits what left", async () => {
      const exported = await exportDisclosures(services, IG_LEAD, "ig-req-csv", REVIEW, { childSui: CHILD_A, ...OCTOBER }, "CSV", 100, IG_NOW);
      expect(exported).toMatchObject({ contentType: "text/csv; charset=utf-8; header=present", count: 6, complete: true });
      const lines = exported.content.trimEnd().split("\r\n");
      expect(lines).toHaveLength(7);
      const [entry] = (await auditEntriesBy(IG_LEAD.sub, "AUDIT_EXPORT")).filter((e) => e.requestId === "ig-req-csv");
      expect(entry).toMatchObject({ outcome: "DISCLOSED", justification: REVIEW.justification, details: { format: "CSV", limit: 100, count: 6, complete: true } });
      // The school's IG lead reads its own DSL's words, and a spreadsheet shows them as text.
      const schoolIg = principal("ig-sch-0001", SCHOOL_DSL.agency, "EDUCATION", ["IG_LEAD"]);
      const schools = await exportDisclosures(services, schoolIg, "ig-req-csv-school", REVIEW, { childSui: CHILD_A, ...OCTOBER }, "CSV", 100, IG_NOW);
      expect(schools.content).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    });

    it("exports FHIR R4 AuditEvents naming the child by NHS number", async () => {
      const exported = await exportDisclosures(services, IG_LEAD, "ig-req-fhir", REVIEW, { childSui: CHILD_A, ...OCTOBER }, "FHIR_AUDIT_EVENT", 100, IG_NOW);
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
      const exported = await exportDisclosures(services, IG_LEAD, "ig-req-short", REVIEW, { childSui: CHILD_C, ...OCTOBER }, "CSV", 5, IG_NOW);
      expect(exported).toMatchObject({ count: 5, complete: false });
      await expect(exportDisclosures(services, IG_LEAD, "ig-req-bad", REVIEW, {}, "CSV", 0, IG_NOW)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    });
  });

  describe("verifying the trail", () => {
    it("reports the trail intact, and records the check on the trail", async () => {
      const verification = await verifyAuditTrail(services, IG_LEAD, "ig-req-verify", IG_NOW);
      expect(verification).toMatchObject({ intact: true, firstBroken: null, chainsChecked: 16 });
      const [entry] = (await auditEntriesBy(IG_LEAD.sub, "AUDIT_VERIFICATION")).filter((e) => e.requestId === "ig-req-verify");
      expect(entry).toMatchObject({ outcome: "RECORDED", childSuis: [], details: { intact: true, entriesChecked: verification.entriesChecked } });
    });

    it("names the tampered entry once someone edits a justification", async () => {
      const { justification } = await db.dataSource.getRepository(DisclosureAuditEntry).findOneByOrFail({ id: seeded.dslDisclosure });
      await asTamperingSuperuser(db.dataSource, [[`UPDATE disclosure_audit SET justification = 'Routine check' WHERE id = $1`, [seeded.dslDisclosure]]]);
      try {
        const verification = await verifyAuditTrail(services, IG_LEAD, "ig-req-verify-2", IG_NOW);
        expect(verification).toMatchObject({ intact: false, firstBroken: { entryId: seeded.dslDisclosure, problem: "HASH_MISMATCH" } });
      } finally {
        // Put it back, so the other tests here read the trail as it was written, whatever their order.
        await asTamperingSuperuser(db.dataSource, [[`UPDATE disclosure_audit SET justification = $2 WHERE id = $1`, [seeded.dslDisclosure, justification]]]);
      }
    });
  });
});
