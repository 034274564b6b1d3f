import { createRateLimiter } from "../../src/http/rateLimit/rateLimiter";
import { loadConfig } from "../../src/config/config";
import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { AGENCY_SYSTEM_CLAIMS } from "../support/testKeys";
import { startTestHub, type TestHub } from "../support/testHub";

/**
 * Rate limits per caller and per agency, shared by every hub process through PostgreSQL: over a limit
 * is HTTP 429 with Retry-After and nothing runs; one agency flooding the hub leaves the others alone.
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ env: { RATE_LIMITS: "default=5,AGENCY_SYSTEM=20", RATE_LIMIT_AGENCY: "1000" } });
});
afterAll(async () => hub.stop());

const ME = "{ me { sub } }";

it("refuses a caller's request over its limit with 429, Retry-After and RATE_LIMITED, before anything runs or is audited", async () => {
  const token = await hub.token({ ...CALLERS.socialWorker, sub: "worker-rate-limited" });
  for (let i = 0; i < 5; i++) expect((await hub.graphql(ME, {}, token)).status).toBe(200);
  const audited = await hub.hub.database.dataSource.getRepository(DisclosureAuditEntry).count();
  const refused = await hub.graphql(CHILD_QUERY, { sui: "9990000018", access: access("SECTION_47_ENQUIRY") }, token);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
  expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(60);
  expect(refused.body.data).toBeUndefined();
  expect(refused.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: "RATE_LIMITED", limit: "principal" }) })]);
  expect(await hub.hub.database.dataSource.getRepository(DisclosureAuditEntry).count()).toBe(audited);
  // Another person at the same agency is counted on their own.
  expect((await hub.graphql(ME, {}, await hub.token({ ...CALLERS.socialWorker, sub: "worker-colleague" }))).status).toBe(200);
});

it("gives an agency's system its role's limit, and while one floods the hub at ten times it, another agency gets no 429", async () => {
  const flooding = await hub.token(AGENCY_SYSTEM_CLAIMS("POLICE-43", "POLICE"));
  const other = await hub.token(AGENCY_SYSTEM_CLAIMS("GP-K99001", "HEALTH"));
  const flood = Array.from({ length: 200 }, () => hub.graphql(ME, {}, flooding).then((response) => response.status));
  const meanwhile = Array.from({ length: 15 }, () => hub.graphql(ME, {}, other).then((response) => response.status));
  const [flooded, served] = await Promise.all([Promise.all(flood), Promise.all(meanwhile)]);
  expect(flooded.filter((status) => status === 200)).toHaveLength(20);
  expect(flooded.filter((status) => status === 429)).toHaveLength(180);
  expect(served).toEqual(Array.from({ length: 15 }, () => 200));
});

it("counts an agency's callers together against the agency's limit", async () => {
  const agencyHub = await startTestHub({ env: { RATE_LIMITS: "default=100", RATE_LIMIT_AGENCY: "6" } });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await agencyHub.graphql(ME, {}, await agencyHub.token({ ...CALLERS.socialWorker, sub: `worker-${i}` }))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
  } finally {
    await agencyHub.stop();
  }
});

it("shares the counts between hub processes: each counts in the same table", async () => {
  const config = { perPrincipal: { default: 4 }, perAgency: 1000 };
  // Two limiters, each with its own memory, as two processes would have, on one database.
  const [first, second] = [createRateLimiter(hub.hub.database.dataSource, config), createRateLimiter(hub.hub.database.dataSource, config)];
  const principal = { sub: "shared-counter", name: "Shared", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE" as const, roles: ["SOCIAL_WORKER" as const], localAuthority: "E06000060", team: null, tokenId: null };
  const decisions = [];
  for (const limiter of [first, second, first, second, first, second]) decisions.push((await limiter.consume(principal)).allowed);
  expect(decisions).toEqual([true, true, true, true, false, false]);
});

it("is on in production with its defaults, off elsewhere unless set, and refuses a bad setting", () => {
  const production = { NODE_ENV: "production", AUTH_JWKS_URL: "https://idp.example/jwks", AUTH_ISSUER: "https://idp.example/", AUTH_AUDIENCE: "hub", HUB_SIGNING_KEYS_FILE: "/run/secrets/hub-signing-keys.json", SEARCH_AUDIT_KEY: "a-test-search-audit-key-of-32-characters" };
  expect(loadConfig(production).rateLimits).toEqual({ perPrincipal: { default: 600, AGENCY_SYSTEM: 6000 }, perAgency: 12000 });
  expect(loadConfig({ ...production, RATE_LIMITS: "off" }).rateLimits).toBeNull();
  expect(loadConfig({}).rateLimits).toBeNull();
  expect(() => loadConfig({ RATE_LIMITS: "ROOT=5" })).toThrow(/RATE_LIMITS names ROOT/);
  expect(() => loadConfig({ RATE_LIMITS: "default=0" })).toThrow(/RATE_LIMITS: default=0/);
});
