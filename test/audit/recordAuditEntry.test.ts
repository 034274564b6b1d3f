import { AuditChainHead } from "../../src/audit/AuditChainHead";
import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { AUDIT_CHAIN_COUNT, chainForRequest, entryHash, GENESIS_HASH } from "../../src/audit/hashChain";
import { recordAuditEntry } from "../../src/audit/recordAuditEntry";
import { verifyAuditChain } from "../../src/audit/verifyAuditChain";
import { disclosure, openAuditTestDatabase, requestIdsOnChain, type AuditTestDatabase } from "./auditTestSupport";

describe("recording an audit entry", () => {
  let db: AuditTestDatabase;
  let headsWhenOpened: AuditChainHead[];

  beforeAll(async () => {
    db = await openAuditTestDatabase();
    headsWhenOpened = await heads();
  });

  afterAll(async () => {
    await db.close();
  });

  const heads = () => db.dataSource.getRepository(AuditChainHead).find({ order: { chainId: "ASC" } });
  const entry = (id: string) => db.dataSource.getRepository(DisclosureAuditEntry).findOneByOrFail({ id });

  it("starts with one empty head per chain", () => {
    expect(headsWhenOpened).toEqual(Array.from({ length: AUDIT_CHAIN_COUNT }, (_, chainId) => ({ chainId, sequence: 0, hash: GENESIS_HASH })));
  });

  it("commits the entry before returning, first on its chain, linked to the genesis hash", async () => {
    const [requestId] = requestIdsOnChain(5, 1, "first");
    const occurredAt = new Date("2026-10-01T10:00:00.000Z");
    const receipt = await recordAuditEntry(db.dataSource, disclosure({ requestId }), occurredAt);

    expect(receipt).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), occurredAt, chain: 5, sequence: 1 });
    const row = await entry(receipt.id);
    expect(row).toMatchObject({
      requestId,
      occurredAt,
      principalSub: "sw-0101",
      principalAgency: "LA-E06000060",
      principalAgencyType: "CHILDRENS_SOCIAL_CARE",
      principalRoles: ["SOCIAL_WORKER"],
      operation: "CHILD_RECORD",
      purpose: "SECTION_47_ENQUIRY",
      lawfulBasis: "PUBLIC_TASK",
      specialCategoryCondition: "SAFEGUARDING_CHILDREN",
      justification: "Strategy discussion agreed a s.47 enquiry.",
      caseReference: "CP-2026-001",
      childSuis: ["9990000018"],
      outcome: "DISCLOSED",
      refusalCode: null,
      fieldsDisclosed: ["socialCare[0].status"],
      fieldsWithheld: [{ path: "police[0].intelligence", reason: "law-enforcement intelligence", rule: "police-intel-police-only" }],
      policyVersion: "test-policy-v1",
      chainId: 5,
      sequence: 1,
      prevHash: GENESIS_HASH,
    });
    expect(row.hash).toBe(entryHash(row));
    expect((await heads())[5]).toEqual({ chainId: 5, sequence: 1, hash: row.hash });
  });

  it("links the next entry on the chain to the one before", async () => {
    const [first, second] = requestIdsOnChain(6, 2, "link");
    const a = await recordAuditEntry(db.dataSource, disclosure({ requestId: first }));
    const b = await recordAuditEntry(db.dataSource, disclosure({ requestId: second }));
    expect([a.sequence, b.sequence]).toEqual([1, 2]);
    expect((await entry(b.id)).prevHash).toBe((await entry(a.id)).hash);
  });

  it("stores refusals, with the refusal's code, problem and rule and no access context if none was valid", async () => {
    const receipt = await recordAuditEntry(
      db.dataSource,
      disclosure({ access: null, outcome: "REFUSED", refusal: { code: "ACCESS_CONTEXT_INVALID", problem: "PURPOSE_NOT_PERMITTED", rule: "r-17" }, fieldsDisclosed: [], fieldsWithheld: [] }),
    );
    expect(await entry(receipt.id)).toMatchObject({ purpose: null, justification: null, outcome: "REFUSED", refusalCode: "ACCESS_CONTEXT_INVALID", refusalProblem: "PURPOSE_NOT_PERMITTED", refusalRule: "r-17" });
  });

  it("stores details as JSON, exactly as they were hashed", async () => {
    const details = { overrideId: "ov-1", reviewBy: new Date("2026-12-01T00:00:00.000Z"), dropped: undefined, count: 3, nested: { list: [1, "two", null] } };
    const receipt = await recordAuditEntry(db.dataSource, disclosure({ requestId: "req-details", details }));
    const row = await entry(receipt.id);
    expect(row.details).toEqual({ overrideId: "ov-1", reviewBy: "2026-12-01T00:00:00.000Z", count: 3, nested: { list: [1, "two", null] } });
    expect(row.hash).toBe(entryHash(row));
  });

  it("keeps text PostgreSQL would alter (a lone surrogate) verifiable, and array quoting intact", async () => {
    const receipt = await recordAuditEntry(
      db.dataSource,
      disclosure({
        requestId: "req-awkward-text",
        access: { ...disclosure().access!, justification: 'Broken emoji \ud83d, "quotes", {braces}, back\\slash, NULL' },
        fieldsDisclosed: ['a{b}', 'NULL', 'c,"d"'],
      }),
    );
    const row = await entry(receipt.id);
    expect(row.justification).toBe('Broken emoji \ufffd, "quotes", {braces}, back\\slash, NULL');
    expect(row.fieldsDisclosed).toEqual(['a{b}', 'NULL', 'c,"d"']);
    expect(row.hash).toBe(entryHash(row));
  });

  it("keeps a lone surrogate in the details and withheld fields verifiable, and text that only looks like its escape as written", async () => {
    const receipt = await recordAuditEntry(
      db.dataSource,
      disclosure({
        requestId: "req-awkward-details",
        details: { note: "Broken emoji \ud83d", written: "back\\ud83d slash", list: ["\udc00", "fine"] },
        fieldsWithheld: [{ path: "police[r-1].summary", reason: "Broken emoji \ud83d", rule: "rule-\udc00" }],
      }),
    );
    const row = await entry(receipt.id);
    expect(row.details).toEqual({ note: "Broken emoji \ufffd", written: "back\\ud83d slash", list: ["\ufffd", "fine"] });
    expect(row.fieldsWithheld).toEqual([{ path: "police[r-1].summary", reason: "Broken emoji \ufffd", rule: "rule-\ufffd" }]);
    expect(row.hash).toBe(entryHash(row));
  });

  it("flags break-glass when either the entry or its access context says so", async () => {
    const receipt = await recordAuditEntry(db.dataSource, disclosure({ access: { ...disclosure().access!, breakGlass: true }, breakGlass: false }));
    expect((await entry(receipt.id)).breakGlass).toBe(true);
  });

  it("drops blank and repeated SUIs (a child without an SUI has nothing to be found by)", async () => {
    const receipt = await recordAuditEntry(db.dataSource, disclosure({ childSuis: ["9990000018", "", " 9990000018 ", "9990000026"] }));
    expect((await entry(receipt.id)).childSuis).toEqual(["9990000018", "9990000026"]);
  });

  it("fails as AUDIT_UNAVAILABLE, writing nothing and quoting nothing personal, when the entry cannot be stored", async () => {
    const [requestId] = requestIdsOnChain(9, 1, "unstorable");
    const before = (await heads())[9];
    const count = await db.dataSource.getRepository(DisclosureAuditEntry).count();
    // PostgreSQL text cannot hold NUL: the insert fails inside the transaction.
    const failing = recordAuditEntry(db.dataSource, disclosure({ requestId, access: { ...disclosure().access!, justification: "Secret\u0000 detail" } }));
    await expect(failing).rejects.toMatchObject({ code: "AUDIT_UNAVAILABLE", cause: expect.anything() });
    await expect(failing).rejects.not.toHaveProperty("message", expect.stringContaining("Secret"));
    expect((await heads())[9]).toEqual(before);
    expect(await db.dataSource.getRepository(DisclosureAuditEntry).count()).toBe(count);
  });
});

/** 100 writers at once on a database of their own: every chain they touch must stay contiguous. */
describe("recording audit entries concurrently", () => {
  let db: AuditTestDatabase;

  beforeAll(async () => {
    db = await openAuditTestDatabase();
  });

  afterAll(async () => {
    await db.close();
  });

  const heads = () => db.dataSource.getRepository(AuditChainHead).find({ order: { chainId: "ASC" } });

  it("keeps every chain intact and contiguous under 100 concurrent writes", async () => {
    const receipts = await Promise.all(
      Array.from({ length: 100 }, (_, i) => recordAuditEntry(db.dataSource, disclosure({ requestId: `concurrent-${i}`, childSuis: [i % 2 === 0 ? "9990000018" : "9990000026"] }))),
    );
    receipts.forEach((receipt, i) => expect(receipt.chain).toBe(chainForRequest(`concurrent-${i}`)));
    expect(new Set(receipts.map((r) => `${r.chain}:${r.sequence}`)).size).toBe(100);

    const perChain: { chain_id: number; entries: number; first: string; last: string }[] = await db.dataSource.query(
      `SELECT chain_id, count(*)::int AS entries, min(sequence)::text AS first, max(sequence)::text AS last FROM disclosure_audit GROUP BY chain_id`,
    );
    for (const chain of perChain) expect([Number(chain.first), Number(chain.last)]).toEqual([1, chain.entries]);
    const headSequences = Object.fromEntries((await heads()).map((head) => [head.chainId, head.sequence]));
    for (const chain of perChain) expect(headSequences[chain.chain_id]).toBe(chain.entries);

    const verification = await verifyAuditChain(db.dataSource);
    expect(verification).toMatchObject({ intact: true, firstBroken: null, chainsChecked: AUDIT_CHAIN_COUNT });
    expect(verification.entriesChecked).toBe(perChain.reduce((sum, chain) => sum + chain.entries, 0));
  });
});
