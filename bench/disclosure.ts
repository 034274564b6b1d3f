import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import { type AddressInfo } from "node:net";
import autocannon from "autocannon";
import { Command } from "commander";
import { SignJWT } from "jose";
import { buildSchema } from "type-graphql";
import { loadConfig } from "../src/config/config";
import { benchDatabase } from "./benchDatabase";
import { createLogger } from "../src/logging/logger";
import { createHub } from "../src/hub";
import { createApp } from "../src/http/createApp";
import { RequestsInFlight } from "../src/http/requestsInFlight";
import { createApolloServer } from "../src/graphql/createApolloServer";
import { createTokenVerifier } from "../src/auth/verifyToken";
import { loadVerificationKeys } from "../src/auth/keySet";
import { DEVELOPMENT_ALGORITHM, loadOrCreateDevelopmentKeys } from "../src/auth/developmentKeys";
import { loadPolicies } from "../src/policy/loadPolicies";
import { Child } from "../src/people/Child";
import { BaselineChildResolver } from "./baselineChildResolver";
import "../src/graphql/types/enums";
import "../src/graphql/types/child/enums";

/**
 * `npm run bench:disclosure`: `child` throughput and latency with governance (policy, redaction,
 * audit) against a baseline resolver that makes the same reads through the same HTTP, token and
 * GraphQL stack with no policy and no audit. Both run against the same data, alternating in rounds so
 * machine noise falls on both; the ratio is the figure that matters.
 */
const QUERY = `query ($sui: ID!, $access: AccessContext!) { child(sui: $sui, access: $access) {
  sui disclosureId relationships safeguardingStatuses
  demographics { givenNames familyName dateOfBirth sex localAuthority aliases addresses { kind line1 town postcode withheld } }
  socialCare { recordId agency { code name } status planCategory legalStatus allocatedWorkerName allocatedWorkerContact summary }
  police { recordId incidentType reportedOn summary intelligence officerContact activeInvestigation }
  health { recordId gpPracticeName conditions { description } unscheduledCareAttendances { attendedOn setting } }
  education { recordId rollStatus attendancePercent senStatus dslContact safeguardingConcerns { category } }
  probation { recordId offender { givenNames familyName } roshLevel mappaCategory mappaLevel }
  prison { recordId pprcStatus expectedReleaseDate }
  youthJustice { recordId disposal }
  restrictedInvolvement { agencyType contactEmail }
  redactions { path rule }
} }`;

/** MASH triage of each child under its own open referral (opened for every child in setup: a case reference is checked). */
const accessFor = (index: number) => ({
  purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "SAFEGUARDING_CHILDREN",
  justification: `MASH triage of referral ${referenceFor(index)}: checking agency involvement`, caseReference: referenceFor(index), breakGlass: false,
});
const referenceFor = (index: number) => `MASH-BENCH-${index}`;

interface Options { connections: number; seconds: number; rounds: number }

async function main(): Promise<void> {
  const options = new Command()
    .option("--connections <n>", "concurrent connections", (v) => Number(v), 50)
    .option("--seconds <n>", "seconds per measured round", (v) => Number(v), 10)
    .option("--rounds <n>", "measured rounds of each", (v) => Number(v), 5)
    .parse()
    .opts<Options>();

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-"));
  const database = await benchDatabase("hub_bench");
  const config = loadConfig({ NODE_ENV: "development", HUB_DATA_DIR: dataDir, HUB_DEMO_DATA: "true", PORT: "0", LOG_LEVEL: "warn", DATABASE_POOL_SIZE: "20", ...(database.url ? { DATABASE_URL: database.url } : {}) });
  const logger = createLogger(config.logLevel);
  process.stdout.write(`setting up: ${database.url ? "PostgreSQL (fresh database)" : "embedded PostgreSQL (PGlite)"}, demo data…\n`);
  const hub = await createHub(config, logger);
  const governedPort = await hub.listen();

  const policy = loadPolicies(config.policyDir);
  const baselineApollo = createApolloServer(await buildSchema({ resolvers: [BaselineChildResolver], validate: false }), config);
  await baselineApollo.start();
  const baselineRequests = new RequestsInFlight();
  const baselineApp = createApp({
    apollo: baselineApollo,
    verifyToken: createTokenVerifier({ keys: await loadVerificationKeys(config.auth), ...config.auth }),
    publishedKeys: { keys: [] },
    dataSource: hub.database.dataSource,
    policy,
    webhookEndpoints: { production: config.nodeEnv === "production" },
    isDatabaseReachable: () => hub.database.isReachable(),
    isDraining: () => false,
    logger,
    maxBodyBytes: config.graphql.maxBodyBytes,
    requestsInFlight: baselineRequests,
  });
  const baselineServer = http.createServer(baselineApp);
  await new Promise<void>((resolve) => baselineServer.listen(0, "127.0.0.1", resolve));
  const baselinePort = (baselineServer.address() as AddressInfo).port;

  const suis = (await hub.database.dataSource.getRepository(Child).find({ select: { sui: true } })).map((c) => c.sui).filter((s): s is string => s !== null);
  // One open referral per child at the bench caller's authority, as a MASH practitioner would open it.
  await hub.database.dataSource.query(
    `INSERT INTO referral (sui, local_authority, reference, stage, referral_source, received_at, stage_started_at, opened_by_sub, opened_by_agency)
     SELECT sui, 'E06000060', 'MASH-BENCH-' || (ordinality - 1), 'REFERRAL', 'SCHOOL', now(), now(), 'bench-mash', 'LA-E06000060' FROM unnest($1::text[]) WITH ORDINALITY AS s(sui)`,
    [suis],
  );
  const token = await benchToken(config.auth.mode === "development" ? config.auth.keyDir : "", config.auth.issuer, config.auth.audience);
  await check(governedPort, token, suis[0] ?? "", accessFor(0), true);
  await check(baselinePort, token, suis[0] ?? "", accessFor(0), false);

  process.stdout.write(`${suis.length} children; ${options.connections} connections; ${options.rounds} rounds of ${options.seconds} s each, alternating\n`);
  // autocannon stops at the end of its time with requests still in flight: each run waits for its
  // server to finish them, so no run overlaps the next one's and nothing is cut off at shutdown.
  const baseline = { port: baselinePort, idle: () => baselineRequests.settled() };
  const governed = { port: governedPort, idle: () => hub.requestsInFlight.settled() };
  const run = async (server: typeof baseline, seconds: number) => {
    const result = await load(server.port, token, suis, options.connections, seconds);
    await server.idle();
    return result;
  };
  await run(baseline, 2);
  await run(governed, 2);
  const results: Record<"baseline" | "governed", autocannon.Result[]> = { baseline: [], governed: [] };
  for (let round = 1; round <= options.rounds; round++) {
    results.baseline.push(await run(baseline, options.seconds));
    results.governed.push(await run(governed, options.seconds));
    process.stdout.write(`round ${round}: baseline ${rate(results.baseline.at(-1))} req/s, governed ${rate(results.governed.at(-1))} req/s\n`);
  }

  const summary = (runs: autocannon.Result[]) => ({
    rps: median(runs.map((r) => r.requests.average)),
    p50: median(runs.map((r) => r.latency.p50)),
    p99: median(runs.map((r) => r.latency.p99)),
    errors: runs.reduce((n, r) => n + r.errors + r.non2xx + r.timeouts, 0),
  });
  const ratios = results.governed.map((result, index) => result.requests.average / (results.baseline[index]?.requests.average ?? Number.NaN));
  const baselineSummary = summary(results.baseline);
  const governedSummary = summary(results.governed);
  const [{ count }] = await hub.database.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM disclosure_audit`);
  process.stdout.write(
    [
      "",
      `                 req/s    p50 ms   p99 ms   errors`,
      `baseline   ${fmt(baselineSummary.rps, 10)} ${fmt(baselineSummary.p50, 9)} ${fmt(baselineSummary.p99, 8)} ${fmt(baselineSummary.errors, 8)}`,
      `governed   ${fmt(governedSummary.rps, 10)} ${fmt(governedSummary.p50, 9)} ${fmt(governedSummary.p99, 8)} ${fmt(governedSummary.errors, 8)}`,
      `audit entries written: ${count}`,
      `ratio governed/baseline throughput: ${(governedSummary.rps / baselineSummary.rps).toFixed(2)} of the medians; per round ${ratios.map((r) => r.toFixed(2)).join(", ")}, median ${median(ratios).toFixed(2)} (target ≥ 0.85)`,
      "",
    ].join("\n"),
  );

  await new Promise<void>((resolve) => baselineServer.close(() => resolve()));
  await baselineRequests.settled();
  await baselineApollo.stop();
  await hub.stop();
  await database.drop();
}

async function load(port: number, token: string, suis: string[], connections: number, seconds: number): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [{
      method: "POST",
      path: "/graphql",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      setupRequest: (request) => {
        const index = next++ % suis.length;
        return { ...request, body: JSON.stringify({ query: QUERY, variables: { sui: suis[index], access: accessFor(index) } }) };
      },
    }],
  });
}

/** Refuses to measure a server that answers with errors instead of records. */
async function check(port: number, token: string, sui: string, access: ReturnType<typeof accessFor>, governed: boolean): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: QUERY, variables: { sui, access } }),
  });
  const body = (await response.json()) as { data?: { child: { disclosureId: string } | null }; errors?: unknown[] };
  if (body.errors || !body.data?.child) throw new Error(`${governed ? "governed" : "baseline"} server did not answer with a record: ${JSON.stringify(body).slice(0, 300)}`);
}

async function benchToken(keyDir: string, issuer: string, audience: string): Promise<string> {
  const keys = await loadOrCreateDevelopmentKeys(keyDir);
  return new SignJWT({ name: "Bench MASH practitioner", agency: "LA-E06000060", agency_type: "CHILDRENS_SOCIAL_CARE", roles: ["MASH_PRACTITIONER"], la: "E06000060" })
    .setProtectedHeader({ alg: DEVELOPMENT_ALGORITHM, kid: keys.kid })
    .setSubject("bench-mash").setIssuer(issuer).setAudience(audience).setIssuedAt().setExpirationTime("2h")
    .sign(keys.privateKey);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const rate = (result: autocannon.Result | undefined) => Math.round(result?.requests.average ?? 0);
const fmt = (value: number, width: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1)).padStart(width);

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
