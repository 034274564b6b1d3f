import canonicalize from "canonicalize";
import { AUDIT_CHAIN_COUNT, canonicalEntry, chainForRequest, entryHash, GENESIS_HASH, type HashedEntry } from "../hashChain";
import { sampleHashedEntry } from "./sampleAuditEntry";

describe("the audit hash chain's canonical form", () => {
  it("hashes an entry to a fixed value, so a change to the format cannot pass unnoticed", () => {
    // Pinned: if this changes, every chain already written stops verifying. Change it only with a
    // versioned hash format that the verifier understands alongside this one.
    expect(entryHash(sampleHashedEntry())).toBe(PINNED_HASH);
  });

  it("is RFC 8785 JSON: sorted keys, no whitespace, ISO time", () => {
    const text = canonicalEntry(sampleHashedEntry());
    expect(text.startsWith(`{"breakGlass":false,"caseReference":"MASH-2026-0117","chainId":3,"childSuis":["9990000018"]`)).toBe(true);
    expect(text).toContain(`"occurredAt":"2026-10-05T09:30:00.000Z"`);
    expect(text).not.toMatch(/\s{2}|\n/);
  });

  it("does not depend on the order of keys inside details or withheld fields", () => {
    const reordered = sampleHashedEntry({
      details: { consent: "NOT_REQUIRED", grantingRules: ["dsl-on-roll"] },
      fieldsWithheld: [{ rule: "health-special-category", reason: "special-category health data", path: "health[0].conditions" }],
    });
    expect(entryHash(reordered)).toBe(entryHash(sampleHashedEntry()));
  });

  it.each([
    ["justification", { justification: "Child disclosed bruising in class; checking for an open plan!" }],
    ["time", { occurredAt: new Date("2026-10-05T09:30:00.001Z") }],
    ["principal", { principalSub: "dsl-0043" }],
    ["child", { childSuis: ["9990000026"] }],
    ["withheld fields", { fieldsWithheld: [] }],
    ["outcome", { outcome: "REFUSED" as const }],
    ["previous hash", { prevHash: "1".repeat(64) }],
    ["chain", { chainId: 4 }],
    ["investigation flag", { prejudicesInvestigation: true }],
    ["details", { details: { grantingRules: ["dsl-on-roll"], consent: "GIVEN" } }],
  ])("changes when the %s changes", (_name, change) => {
    expect(entryHash(sampleHashedEntry(change))).not.toBe(entryHash(sampleHashedEntry()));
  });

  /** RFC 8785 of the whole entry, as `canonicalize` gives it with every member sorted: what the faster form must equal. */
  const wholeEntry = (entry: HashedEntry) => canonicalize({ ...entry, occurredAt: entry.occurredAt.toISOString() });

  it.each([
    ["the sample", {}],
    ["nulls everywhere they are allowed", { purpose: null, lawfulBasis: null, specialCategoryCondition: null, justification: null, caseReference: null, refusalCode: null, policyVersion: null }],
    ["quotes, controls, non-ASCII and a lone surrogate", { justification: 'Said "no" \\ \n\t\u0001 — Zoë 😀 \ud800 end', caseReference: "\u2028" }],
    ["nested details with numbers, nulls and unsorted keys", { details: { z: [3, 1.5, -0, 1e21, null], a: { y: true, b: "x" }, m: [] } }],
    ["empty lists", { childSuis: [], principalRoles: [], fieldsDisclosed: [], fieldsWithheld: [] }],
  ])("is member for member what canonicalize gives the whole entry: %s", (_name, change) => {
    const entry = sampleHashedEntry(change);
    expect(canonicalEntry(entry)).toBe(wholeEntry(entry));
  });

  it("leaves out a member that is undefined, as canonicalize does, and refuses a number JSON cannot hold", () => {
    const entry = { ...sampleHashedEntry(), refusalRule: undefined } as unknown as HashedEntry;
    expect(canonicalEntry(entry)).toBe(wholeEntry(entry));
    expect(canonicalEntry(entry)).not.toContain("refusalRule");
    expect(() => canonicalEntry(sampleHashedEntry({ chainId: Number.NaN }))).toThrow();
    expect(() => canonicalEntry({ ...sampleHashedEntry(), details: Symbol("x") } as unknown as HashedEntry)).toThrow(TypeError);
  });

  it("distinguishes a null from an empty string", () => {
    expect(entryHash(sampleHashedEntry({ caseReference: null }))).not.toBe(entryHash(sampleHashedEntry({ caseReference: "" })));
  });

  it("starts every chain from a genesis hash of 64 zeros", () => {
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });
});

describe("choosing a chain by request id", () => {
  it("always puts one request on the same chain", () => {
    expect(chainForRequest("4b1d7a2e-req")).toBe(chainForRequest("4b1d7a2e-req"));
  });

  it("spreads requests over every chain", () => {
    const used = new Set(Array.from({ length: 1000 }, (_, i) => chainForRequest(`request-${i}`)));
    expect([...used].sort((a, b) => a - b)).toEqual(Array.from({ length: AUDIT_CHAIN_COUNT }, (_, i) => i));
  });

  it("stays within the chain count it is given", () => {
    for (let i = 0; i < 200; i++) expect(chainForRequest(`r${i}`, 3)).toBeLessThan(3);
  });
});

// Cross-checked with an independent RFC 8785 serialisation (Python: sorted keys, compact separators).
const PINNED_HASH = "66f817ff1e44f14bd77689e505c8115b3f6b28a194c315b3c6e10947ff96ffb1";
