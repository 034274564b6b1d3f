import request from "supertest";
import { readCheckpointFile } from "../../src/audit/readCheckpointFile";
import { takeAuditCheckpoint } from "../../src/audit/takeAuditCheckpoint";
import { CALLERS } from "../support/claims";
import { startTestHub, type TestHub } from "../support/testHub";
import { type TestClaims } from "../support/testKeys";

const VERIFY = "{ verifyAuditChain { intact entriesChecked checkpointsChecked fromCheckpoint } }";
const CHECKPOINTS = "query ($after: Int) { auditCheckpoints(after: $after) }";
const START = "mutation ($since: Int) { startAuditVerification(since: $since) { id status requestedBy checkpointsChecked fromCheckpoint finishedAt } }";
const RUNS = "{ auditVerificationRuns(first: 50) { id status requestedBy startedAt finishedAt checkpointsChecked fromCheckpoint entriesChecked chainsChecked breaks { chain sequence problem } } }";

let hub: TestHub;

async function as(caller: TestClaims, query: string, variables: Record<string, unknown> = {}) {
  return (await hub.graphql(query, variables, await hub.token(caller))).body;
}

/** The run once it has finished: the IG lead reads the list again until it says so (each read a request, never a timer). */
async function finishedRun(id: string) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const body = await as(CALLERS.igLead, RUNS);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    const run = body.data.auditVerificationRuns.find((r: { id: string }) => r.id === id);
    if (run.status !== "RUNNING") return run;
  }
  throw new Error(`verification run ${id} did not finish`);
}

beforeAll(async () => {
  hub = await startTestHub();
  // The IG lead's own verifications are entries on the trail: enough to sign.
  for (let i = 0; i < 3; i++) await as(CALLERS.igLead, VERIFY);
  await takeAuditCheckpoint(hub.hub.database.dataSource, hub.hub.signingKeys);
  await as(CALLERS.igLead, VERIFY);
  await takeAuditCheckpoint(hub.hub.database.dataSource, hub.hub.signingKeys);
});

afterAll(async () => {
  await hub.stop();
});

describe("signed audit checkpoints over GraphQL", () => {
  it("exports the hub's checkpoints to an IG lead, verifiable against the keys the hub publishes", async () => {
    const body = await as(CALLERS.igLead, CHECKPOINTS);
    expect(body.errors).toBeUndefined();
    expect(body.data.auditCheckpoints).toHaveLength(2);
    const published = (await request(hub.hub.app).get("/.well-known/jwks.json")).body;
    const checkpoints = await readCheckpointFile(body.data.auditCheckpoints.join("\n"), published);
    expect(checkpoints.map((c) => c.number)).toEqual([1, 2]);
    expect(checkpoints[1].entries).toBeGreaterThan(checkpoints[0].entries);
    expect((await as(CALLERS.igLead, CHECKPOINTS, { after: 1 })).data.auditCheckpoints).toEqual([body.data.auditCheckpoints[1]]);
  });

  it("verifies the whole trail against them as a job whose result the IG lead reads", async () => {
    const started = (await as(CALLERS.igLead, START)).data.startAuditVerification;
    expect(started).toMatchObject({ status: "RUNNING", requestedBy: "ig-lead", checkpointsChecked: 2, fromCheckpoint: null, finishedAt: null });
    const run = await finishedRun(started.id);
    expect(run).toMatchObject({ status: "INTACT", checkpointsChecked: 2, chainsChecked: 16, breaks: [] });
    expect(run.entriesChecked).toBeGreaterThanOrEqual(4);
  });

  it("verifies only what follows a checkpoint when asked", async () => {
    const started = (await as(CALLERS.igLead, START, { since: 2 })).data.startAuditVerification;
    expect(started.fromCheckpoint).toBe(2);
    const run = await finishedRun(started.id);
    const full = (await as(CALLERS.igLead, VERIFY)).data.verifyAuditChain;
    expect(run.status).toBe("INTACT");
    expect(run.entriesChecked).toBeLessThan(full.entriesChecked);
  });

  it("records each use on the trail, with the run it started", async () => {
    const started = (await as(CALLERS.igLead, START)).data.startAuditVerification;
    await finishedRun(started.id);
    const [entry] = await hub.hub.database.dataSource.query(`SELECT operation, outcome, principal_sub, details FROM disclosure_audit WHERE details->>'run' = $1`, [started.id]);
    expect(entry).toMatchObject({ operation: "AUDIT_VERIFICATION", outcome: "RECORDED", principal_sub: "ig-lead", details: { run: started.id, checkpointsChecked: 2, fromCheckpoint: null } });
  });

  it.each([
    [START, { since: 0 }, "since"],
    [START, { since: 99 }, "since"],
    [CHECKPOINTS, { after: -1 }, "after"],
    ["query ($first: Int!) { auditVerificationRuns(first: $first) { id } }", { first: 0 }, "first"],
    ["query ($first: Int!) { auditVerificationRuns(first: $first) { id } }", { first: 101 }, "first"],
  ])("refuses an argument out of range (%#)", async (query, variables, path) => {
    const body = await as(CALLERS.igLead, query, variables);
    expect(body.errors[0].extensions).toMatchObject({ code: "INVALID_INPUT", path });
  });

  it("is for IG leads only, and each refusal is on the trail", async () => {
    for (const query of [CHECKPOINTS, START, RUNS]) {
      const body = await as(CALLERS.socialWorker, query);
      expect(body.errors[0].extensions.code).toBe("FORBIDDEN");
      expect(body.data).toBeNull();
    }
    const [{ refusals }] = await hub.hub.database.dataSource.query(
      `SELECT count(*)::int AS refusals FROM disclosure_audit WHERE principal_sub = 'sw-north' AND operation = 'AUDIT_VERIFICATION' AND outcome = 'REFUSED'`,
    );
    expect(refusals).toBeGreaterThanOrEqual(3);
  });
});
