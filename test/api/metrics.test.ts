import http from "node:http";
import { type AddressInfo } from "node:net";
import request from "supertest";
import { loadConfig } from "../../src/config/config";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SCENARIO, seedScenarios } from "../support/scenarioFixtures";
import { startTestHub, type TestHub } from "../support/testHub";

/** The value of one series in Prometheus' text format (0 when the series is not there yet). */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const [series, value] = line.split(" ");
    const present = series === name ? [] : series.slice(name.length + 1, -1).split(",");
    if (wanted.every((label) => present.includes(label))) return Number(value);
  }
  return 0;
}

describe("/metrics outside production, on the hub's own port", () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
    await seedScenarios(hub);
  });
  afterAll(async () => hub.stop());

  const scrape = async () => {
    const response = await request(hub.hub.app).get("/metrics");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toContain("text/plain");
    return response.text;
  };

  it("counts requests by the schema's root field and outcome, never by the operation name the caller chose", async () => {
    const before = await scrape();
    const token = await hub.token(CALLERS.schoolDsl);
    await hub.graphql("query IslaPennywhistleReferral { me { sub } }", {}, token).expect(200);
    await hub.graphql(CHILD_QUERY, { sui: SCENARIO.schoolDsl, access: { ...access("STRATEGY_DISCUSSION"), justification: " " } }, token);
    const after = await scrape();
    expect(sample(after, "hub_graphql_requests_total", { operation: "me", outcome: "ok" }) - sample(before, "hub_graphql_requests_total", { operation: "me", outcome: "ok" })).toBe(1);
    expect(sample(after, "hub_graphql_requests_total", { operation: "child", outcome: "ACCESS_CONTEXT_INVALID" }) - sample(before, "hub_graphql_requests_total", { operation: "child", outcome: "ACCESS_CONTEXT_INVALID" })).toBe(1);
    expect(sample(after, "hub_graphql_request_duration_seconds_count", { operation: "me" })).toBeGreaterThan(0);
    expect(after).not.toContain("IslaPennywhistleReferral");
  });

  it("counts disclosures and refusals by purpose and rule, and each withheld field by its rule — with nothing about the child", async () => {
    const before = await scrape();
    const token = await hub.token(CALLERS.schoolDsl);
    const disclosed = await hub.graphql(CHILD_QUERY, { sui: SCENARIO.schoolDsl, access: access("STRATEGY_DISCUSSION") }, token);
    await hub.graphql(CHILD_QUERY, { sui: SCENARIO.schoolDsl, access: { ...access("STRATEGY_DISCUSSION"), justification: " " } }, token);
    const redactions = disclosed.body.data.child.redactions as { rule: string }[];
    expect(redactions.length).toBeGreaterThan(0);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);
    expect(delta("hub_audit_entries_total", { operation: "CHILD_RECORD", outcome: "DISCLOSED", purpose: "STRATEGY_DISCUSSION" })).toBe(1);
    const byRule = new Map<string, number>();
    for (const { rule } of redactions) byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
    for (const [rule, count] of byRule) expect(delta("hub_redactions_total", { rule })).toBe(count);
    expect(delta("hub_refusals_total", { purpose: "STRATEGY_DISCUSSION", code: "ACCESS_CONTEXT_INVALID" })).toBe(1);
    for (const personal of [SCENARIO.schoolDsl, "Isla", "dsl-sampleton"]) expect(after).not.toContain(personal);
  });

  it("reports audit group commits, linking batches and the database pool", async () => {
    await hub.graphql(CHILD_QUERY, { sui: SCENARIO.schoolDsl, access: access("STRATEGY_DISCUSSION") }, await hub.token(CALLERS.schoolDsl));
    const text = await scrape();
    expect(sample(text, "hub_audit_batch_entries_count", {})).toBeGreaterThan(0);
    expect(sample(text, "hub_audit_commit_seconds_count", {})).toBeGreaterThan(0);
    expect(sample(text, "hub_linking_batch_records_count", {})).toBeGreaterThan(0);
    expect(sample(text, "hub_records_stored_total", { outcome: "CREATED" })).toBeGreaterThan(0);
    expect(sample(text, "hub_db_pool_connections", { state: "total" })).toBeGreaterThan(0);
  });
});

describe("where /metrics is served", () => {
  const free = async () => {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return port;
  };

  it("never beside the API in production unless given a port of its own", () => {
    const production = { NODE_ENV: "production", AUTH_JWKS_URL: "https://idp.example/jwks", AUTH_ISSUER: "https://idp.example/", AUTH_AUDIENCE: "hub", HUB_SIGNING_KEYS_FILE: "/run/secrets/hub-signing-keys.json", SEARCH_AUDIT_KEY: "a-test-search-audit-key-of-32-characters" };
    expect(loadConfig(production).metrics).toEqual({ port: null, host: "127.0.0.1", onMainPort: false });
    expect(loadConfig({ ...production, METRICS_PORT: "9464", METRICS_HOST: "10.0.0.5" }).metrics).toEqual({ port: 9464, host: "10.0.0.5", onMainPort: false });
    expect(() => loadConfig({ ...production, METRICS_PORT: "http" })).toThrow(/METRICS_PORT/);
  });

  it("on METRICS_PORT, and not on the API's port", async () => {
    const [port, metricsPort] = [await free(), await free()];
    const hub = await startTestHub({ env: { PORT: String(port), METRICS_PORT: String(metricsPort) } });
    try {
      await hub.hub.listen();
      const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain("hub_graphql_requests_total");
      expect((await fetch(`http://127.0.0.1:${metricsPort}/graphql`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
    } finally {
      await hub.stop();
    }
  });
});
