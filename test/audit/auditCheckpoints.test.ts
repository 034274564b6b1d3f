import crypto from "node:crypto";
import { compactVerify, createLocalJWKSet } from "jose";
import { checkpointDigest, type AuditCheckpoint } from "../../src/audit/AuditCheckpoint";
import { scheduleAuditCheckpoints } from "../../src/audit/auditCheckpointSchedule";
import { readCheckpointFile } from "../../src/audit/readCheckpointFile";
import { recordAuditEntry, type AuditReceipt } from "../../src/audit/recordAuditEntry";
import { CHECKPOINT_LOCK, storedCheckpoints, takeAuditCheckpoint, type TakenCheckpoint } from "../../src/audit/takeAuditCheckpoint";
import { listVerificationRuns, startVerificationRun } from "../../src/audit/verificationRuns";
import { verifyAuditChain, type AuditVerification, type ChainBreak } from "../../src/audit/verifyAuditChain";
import { hubSigningKeysFromJwks, type HubSigningKeys } from "../../src/signing/hubSigningKeys";
import { captureLog } from "../support/capturedLog";
import { asTamperingSuperuser, disclosure, openAuditTestDatabase, requestIdsOnChain, rewriteConsistently, type AuditTestDatabase } from "./auditTestSupport";

function signingKeys(kid = "hub-test-1"): HubSigningKeys {
  const jwk = crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" });
  return hubSigningKeysFromJwks({ keys: [{ ...jwk, kid }] }, undefined, "test keys");
}

async function writeOn(db: AuditTestDatabase, chain: number, count: number, prefix: string): Promise<AuditReceipt[]> {
  const receipts: AuditReceipt[] = [];
  for (const requestId of requestIdsOnChain(chain, count, prefix)) receipts.push(await recordAuditEntry(db.dataSource, disclosure({ requestId })));
  return receipts;
}

/** Removes a chain's entries after `keep` and moves its head back onto entry `keep`, so the chain agrees with itself. */
async function cutBack(db: AuditTestDatabase, chain: number, keep: number): Promise<void> {
  await asTamperingSuperuser(db.dataSource, [
    [`DELETE FROM disclosure_audit WHERE chain_id = $1 AND sequence > $2`, [chain, keep]],
    [`UPDATE audit_chain_head h SET sequence = e.sequence, hash = e.hash FROM disclosure_audit e WHERE h.chain_id = $1 AND e.chain_id = $1 AND e.sequence = $2`, [chain, keep]],
  ]);
}

/**
 * Signed checkpoints against a superuser who rewrites the trail and recomputes every hash. Each chain
 * gets four entries, checkpoint 1, two more, checkpoint 2, and one more nobody has signed yet; then
 * each chain is tampered with in its own way before any test runs.
 */
describe("signed audit checkpoints", () => {
  let db: AuditTestDatabase;
  const keys = signingKeys();
  const CHAIN = { rewrittenEarly: 0, rewrittenBetween: 1, rewrittenUnsigned: 2, cutBack: 3, cutBelowLast: 4, untouched: 5, rewrittenUpToLast: 6 };
  let emptyTrail: TakenCheckpoint | null;
  let first: TakenCheckpoint;
  let second: TakenCheckpoint;
  let unchanged: TakenCheckpoint | null;
  let tooFew: TakenCheckpoint | null;
  let checkpoints: AuditCheckpoint[];
  let before: AuditVerification;
  let withoutCheckpoints: AuditVerification;
  let withCheckpoints: AuditVerification;
  let sinceLast: AuditVerification;
  const receipts: Record<number, AuditReceipt[]> = {};
  const breakOn = (verification: AuditVerification, chain: number): ChainBreak | undefined => verification.breaks.find((b) => b.chain === chain);

  beforeAll(async () => {
    db = await openAuditTestDatabase();
    emptyTrail = await takeAuditCheckpoint(db.dataSource, keys);
    for (const chain of Object.values(CHAIN)) receipts[chain] = await writeOn(db, chain, 4, `first-${chain}`);
    first = (await takeAuditCheckpoint(db.dataSource, keys, { now: new Date("2026-12-07T01:00:00Z") })) as TakenCheckpoint;
    unchanged = await takeAuditCheckpoint(db.dataSource, keys);
    for (const chain of Object.values(CHAIN)) receipts[chain].push(...(await writeOn(db, chain, 2, `second-${chain}`)));
    tooFew = await takeAuditCheckpoint(db.dataSource, keys, { minEntries: 15 });
    second = (await takeAuditCheckpoint(db.dataSource, keys, { minEntries: 14 })) as TakenCheckpoint;
    // Every chain but one grows past checkpoint 2.
    for (const chain of Object.values(CHAIN).filter((chain) => chain !== CHAIN.rewrittenUpToLast)) receipts[chain].push(...(await writeOn(db, chain, 1, `third-${chain}`)));

    // What the IG lead holds outside the database: the export, checked against the published keys.
    checkpoints = await readCheckpointFile((await storedCheckpoints(db.dataSource)).join("\n"), keys.jwks);
    before = await verifyAuditChain(db.dataSource, { checkpoints, batchSize: 2 });

    await rewriteConsistently(db.dataSource, CHAIN.rewrittenEarly, 2);
    await rewriteConsistently(db.dataSource, CHAIN.rewrittenBetween, 5);
    await rewriteConsistently(db.dataSource, CHAIN.rewrittenUnsigned, 7);
    await cutBack(db, CHAIN.cutBack, 4);
    await cutBack(db, CHAIN.cutBelowLast, 2);
    await rewriteConsistently(db.dataSource, CHAIN.rewrittenUpToLast, 3);
    withoutCheckpoints = await verifyAuditChain(db.dataSource, { batchSize: 2 });
    withCheckpoints = await verifyAuditChain(db.dataSource, { checkpoints, batchSize: 2 });
    sinceLast = await verifyAuditChain(db.dataSource, { checkpoints, from: checkpoints[1], batchSize: 2 });
  });

  afterAll(async () => {
    await db.close();
  });

  it("takes no checkpoint of an empty trail, nor of one that has not grown, nor before it grew by minEntries", () => {
    expect(emptyTrail).toBeNull();
    expect(unchanged).toBeNull();
    expect(tooFew).toBeNull();
  });

  it("signs every chain's head, numbered from 1, with the hub's key and a checkpoint type", async () => {
    expect(first.checkpoint).toEqual({
      number: 1,
      takenAt: "2026-12-07T01:00:00.000Z",
      previous: null,
      entries: 28,
      heads: Array.from({ length: 16 }, (_, chain) => {
        const written = chain <= 6 ? receipts[chain][3] : undefined;
        return { chain, sequence: written?.sequence ?? 0, hash: expect.stringMatching(/^[0-9a-f]{64}$/) };
      }),
    });
    const verified = await compactVerify(first.jws, createLocalJWKSet(keys.jwks));
    expect(verified.protectedHeader).toEqual({ alg: "EdDSA", kid: "hub-test-1", typ: "audit-checkpoint+json" });
    expect(JSON.parse(Buffer.from(verified.payload).toString("utf8"))).toEqual(first.checkpoint);
    expect(first.checkpoint.heads[7].hash).toBe("0".repeat(64));
    expect(checkpoints).toEqual([first.checkpoint, second.checkpoint]);
  });

  it("chains each checkpoint to the one before it and stores both, append-only", async () => {
    expect(second.checkpoint).toMatchObject({ number: 2, previous: checkpointDigest(first.jws), entries: 42 });
    const rows = await db.dataSource.query(`SELECT number::int, entries::int, kid, jws, heads FROM audit_checkpoint ORDER BY number`);
    expect(rows).toEqual([
      { number: 1, entries: 28, kid: "hub-test-1", jws: first.jws, heads: first.checkpoint.heads },
      { number: 2, entries: 42, kid: "hub-test-1", jws: second.jws, heads: second.checkpoint.heads },
    ]);
    await expect(db.dataSource.query(`UPDATE audit_checkpoint SET kid = 'x' WHERE false`)).rejects.toThrow(/append-only/);
    await expect(db.dataSource.query(`DELETE FROM audit_checkpoint WHERE false`)).rejects.toThrow(/append-only/);
    expect(await storedCheckpoints(db.dataSource, 1)).toEqual([second.jws]);
  });

  it("finds the trail intact against its checkpoints before anyone tampers", () => {
    expect(before).toMatchObject({ intact: true, entriesChecked: 48, chainsChecked: 16, checkpointsChecked: 2, fromCheckpoint: null, breaks: [] });
  });

  it("cannot tell a consistently rewritten trail from an intact one without checkpoints", () => {
    expect(withoutCheckpoints).toMatchObject({ intact: true, breaks: [] });
  });

  it("catches an entry rewritten before the first checkpoint, at the first signed position", () => {
    expect(breakOn(withCheckpoints, CHAIN.rewrittenEarly)).toEqual({
      chain: CHAIN.rewrittenEarly,
      sequence: 4,
      entryId: receipts[CHAIN.rewrittenEarly][3].id,
      problem: "CHECKPOINT_MISMATCH",
      message: "Entry 4 on chain 0 is not the entry signed checkpoint 1 holds: the chain was rewritten at or before this entry, its hashes recomputed.",
    });
    expect(withCheckpoints.firstBroken).toEqual(breakOn(withCheckpoints, CHAIN.rewrittenEarly));
  });

  it("narrows a rewrite between two checkpoints to the entries after the earlier one", () => {
    expect(breakOn(withCheckpoints, CHAIN.rewrittenBetween)).toEqual({
      chain: CHAIN.rewrittenBetween,
      sequence: 6,
      entryId: receipts[CHAIN.rewrittenBetween][5].id,
      problem: "CHECKPOINT_MISMATCH",
      message: "Entry 6 on chain 1 is not the entry signed checkpoint 2 holds: the chain was rewritten at or before this entry and after entry 4, which checkpoint 1 signed, its hashes recomputed.",
    });
  });

  it("cannot catch a rewrite of entries no checkpoint has signed yet: the next checkpoint would sign the rewrite", () => {
    expect(breakOn(withCheckpoints, CHAIN.rewrittenUnsigned)).toBeUndefined();
  });

  it("catches signed entries removed with the head moved back, naming the first position removed", () => {
    expect(breakOn(withCheckpoints, CHAIN.cutBack)).toEqual({
      chain: CHAIN.cutBack,
      sequence: 5,
      entryId: null,
      problem: "CHECKPOINT_MISMATCH",
      message: "Chain 3 ends at entry 4, but signed checkpoint 2 holds it up to entry 6: signed entries were removed and the head moved back.",
    });
    expect(breakOn(withCheckpoints, CHAIN.cutBelowLast)).toMatchObject({ sequence: 3, entryId: null, problem: "CHECKPOINT_MISMATCH", message: expect.stringContaining("checkpoint 1 holds it up to entry 4") });
    expect(withCheckpoints.breaks.map((b) => b.chain)).toEqual([CHAIN.rewrittenEarly, CHAIN.rewrittenBetween, CHAIN.cutBack, CHAIN.cutBelowLast, CHAIN.rewrittenUpToLast]);
    expect(breakOn(withCheckpoints, CHAIN.rewrittenUpToLast)).toMatchObject({ sequence: 4, problem: "CHECKPOINT_MISMATCH" });
  });

  it("verifies from the last checkpoint only what follows it, and still catches rewrites before it", () => {
    expect(sinceLast).toMatchObject({ intact: false, fromCheckpoint: 2, checkpointsChecked: 2 });
    // The entries after checkpoint 2: one on each chain still holding it (the cut chains have none).
    expect(sinceLast.entriesChecked).toBe(4);
    // The entry after the checkpoint no longer links to the entry the checkpoint signed.
    expect(breakOn(sinceLast, CHAIN.rewrittenEarly)).toMatchObject({ sequence: 7, entryId: receipts[CHAIN.rewrittenEarly][6].id, problem: "CHAIN_BROKEN" });
    expect(breakOn(sinceLast, CHAIN.rewrittenBetween)).toMatchObject({ sequence: 7, problem: "CHAIN_BROKEN" });
    expect(breakOn(sinceLast, CHAIN.cutBack)).toEqual({
      chain: CHAIN.cutBack,
      sequence: 5,
      entryId: null,
      problem: "CHECKPOINT_MISMATCH",
      message: "Chain 3's head records entry 4, behind entry 6 that signed checkpoint 2 holds: the chain was cut back.",
    });
    expect(breakOn(sinceLast, CHAIN.cutBelowLast)).toMatchObject({ sequence: 3, problem: "CHECKPOINT_MISMATCH" });
    expect(breakOn(sinceLast, CHAIN.untouched)).toBeUndefined();
    // Nothing follows the checkpoint on this chain: its head is what disagrees with the signature.
    expect(breakOn(sinceLast, CHAIN.rewrittenUpToLast)).toEqual({
      chain: CHAIN.rewrittenUpToLast,
      sequence: 6,
      entryId: null,
      problem: "CHECKPOINT_MISMATCH",
      message: "Chain 6's head at entry 6 is not the entry signed checkpoint 2 holds: the chain was rewritten at or before it, its hashes recomputed.",
    });
  });

  it("starts only from a checkpoint it also checks against", async () => {
    await expect(verifyAuditChain(db.dataSource, { checkpoints: [checkpoints[0]], from: checkpoints[1] })).rejects.toThrow(TypeError);
  });

  it("finds the same breaks whatever the batch size and however many chains run at once", async () => {
    for (const options of [{ batchSize: 1, concurrency: 1 }, { batchSize: 7, concurrency: 16 }, {}]) {
      const verification = await verifyAuditChain(db.dataSource, { checkpoints, ...options });
      expect(verification.breaks).toEqual(withCheckpoints.breaks);
    }
  });

  it("keeps a verification run for the IG lead: running, then what it found", async () => {
    const job = await startVerificationRun(db.dataSource, "ig-0001", { checkpoints });
    expect(job.run).toMatchObject({ requestedBy: "ig-0001", status: "RUNNING", finishedAt: null, checkpointsChecked: 2, entriesChecked: 0, breaks: [] });
    const { run, verification } = await job.finished;
    expect(verification?.breaks).toEqual(withCheckpoints.breaks);
    expect(run).toEqual({
      id: job.run.id,
      requestedBy: "ig-0001",
      startedAt: expect.any(Date),
      finishedAt: expect.any(Date),
      status: "BROKEN",
      fromCheckpoint: null,
      checkpointsChecked: 2,
      entriesChecked: verification?.entriesChecked,
      chainsChecked: 16,
      breaks: withCheckpoints.breaks,
    });
    expect((await listVerificationRuns(db.dataSource, 10)).map((r) => r.id)).toContain(run.id);
  });

  it("records a run that could not finish as FAILED, with no result", async () => {
    const job = await startVerificationRun(db.dataSource, "ig-0001", { checkpoints: [checkpoints[0]], from: checkpoints[1] });
    const { run, verification } = await job.finished;
    expect(verification).toBeNull();
    expect(run).toMatchObject({ id: job.run.id, status: "FAILED", finishedAt: expect.any(Date), fromCheckpoint: 2, breaks: [] });
  });
});

describe("one checkpoint per number, whoever takes it", () => {
  let db: AuditTestDatabase;
  const keys = signingKeys();

  beforeAll(async () => {
    db = await openAuditTestDatabase();
  });

  afterAll(async () => {
    await db.close();
  });

  it("lets exactly one of several processes racing write the checkpoint", async () => {
    // Counted from what the section's other tests have written, whichever of them ran first.
    const checkpoints = async () => (await db.dataSource.query(`SELECT count(*)::int AS count FROM audit_checkpoint`))[0].count as number;
    const before = await checkpoints();
    await writeOn(db, 2, 3, "race");
    const taken = await Promise.all(Array.from({ length: 4 }, () => takeAuditCheckpoint(db.dataSource, keys)));
    expect(taken.filter((t) => t !== null)).toHaveLength(1);
    expect(await checkpoints()).toBe(before + 1);
  });

  it("gives way to a checkpoint another process wrote on a newer snapshot than its own", async () => {
    await writeOn(db, 3, 1, "overtaken");
    const [{ n }] = await db.dataSource.query(`SELECT coalesce(max(number), 0)::int + 1 AS n FROM audit_checkpoint`);
    const [{ entries }] = await db.dataSource.query(`SELECT sum(sequence)::int AS entries FROM audit_chain_head`);
    const other = db.dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    await other.query(`INSERT INTO audit_checkpoint (number, taken_at, entries, heads, kid, jws) VALUES ($1, now(), $2, '[]', 'other', 'other-process')`, [n, entries]);
    const taking = takeAuditCheckpoint(db.dataSource, keys);
    await other.commitTransaction();
    await other.release();
    expect(await taking).toBeNull();
    expect(await db.dataSource.query(`SELECT jws FROM audit_checkpoint WHERE number = $1`, [n])).toEqual([{ jws: "other-process" }]);
  });

  // The embedded database is one session for the one process that opens it: another session cannot
  // hold the lock there, so this is PostgreSQL's case only.
  if (process.env.DATABASE_URL) {
    it("skips while another process holds the checkpoint lock", async () => {
      await writeOn(db, 4, 1, "locked");
      const other = db.dataSource.createQueryRunner();
      await other.connect();
      await other.query(`SELECT pg_advisory_lock($1)`, [CHECKPOINT_LOCK.toString()]);
      try {
        expect(await takeAuditCheckpoint(db.dataSource, keys)).toBeNull();
      } finally {
        await other.query(`SELECT pg_advisory_unlock($1)`, [CHECKPOINT_LOCK.toString()]);
        await other.release();
      }
      expect(await takeAuditCheckpoint(db.dataSource, keys)).not.toBeNull();
    });
  }

  it("takes a checkpoint every set number of seconds if the trail grew, and none when both triggers are off", async () => {
    const latest = async () => (await db.dataSource.query(`SELECT coalesce(max(number), 0)::int AS n FROM audit_checkpoint`))[0].n as number;
    const log = captureLog();
    const off = scheduleAuditCheckpoints(db.dataSource, keys, { everyEntries: 0, everySeconds: 0 }, log.logger);
    await writeOn(db, 7, 2, "timer-off");
    const before = await latest();
    await off();
    expect(await latest()).toBe(before);

    // Only the schedule's interval is simulated; the database's own timers run as they do.
    jest.useFakeTimers({ doNotFake: ["Date", "hrtime", "nextTick", "performance", "queueMicrotask", "requestAnimationFrame", "cancelAnimationFrame", "requestIdleCallback", "cancelIdleCallback", "setImmediate", "clearImmediate", "setTimeout", "clearTimeout"] });
    try {
      const timed = scheduleAuditCheckpoints(db.dataSource, keys, { everyEntries: 0, everySeconds: 60 }, log.logger);
      jest.advanceTimersByTime(59_000);
      await timed();
      expect(await latest()).toBe(before);
      const again = scheduleAuditCheckpoints(db.dataSource, keys, { everyEntries: 0, everySeconds: 60 }, log.logger);
      jest.advanceTimersByTime(60_000);
      await again();
      expect(await latest()).toBe(before + 1);
    } finally {
      jest.useRealTimers();
    }
  });

  it("takes a checkpoint once this process has written the set number of entries, and never fails a write", async () => {
    const log = captureLog();
    const stop = scheduleAuditCheckpoints(db.dataSource, keys, { everyEntries: 3, everySeconds: 0 }, log.logger);
    const [{ n: before }] = await db.dataSource.query(`SELECT coalesce(max(number), 0)::int AS n FROM audit_checkpoint`);
    await writeOn(db, 5, 2, "scheduled-a");
    await stop();
    expect((await db.dataSource.query(`SELECT coalesce(max(number), 0)::int AS n FROM audit_checkpoint`))[0].n).toBe(before);

    const restarted = scheduleAuditCheckpoints(db.dataSource, keys, { everyEntries: 3, everySeconds: 0 }, log.logger);
    await writeOn(db, 5, 3, "scheduled-b");
    await restarted();
    expect((await db.dataSource.query(`SELECT coalesce(max(number), 0)::int AS n FROM audit_checkpoint`))[0].n).toBe(before + 1);
    expect(log.entries()).toContainEqual(expect.objectContaining({ event: "audit.checkpoint", checkpoint: before + 1 }));

    // A key that cannot sign: the checkpoint fails and is logged, the entries are written all the same.
    const broken: HubSigningKeys = { ...keys, signJws: () => Promise.reject(new Error("HSM unreachable")) };
    const failing = scheduleAuditCheckpoints(db.dataSource, broken, { everyEntries: 1, everySeconds: 0 }, log.logger);
    const [receipt] = await writeOn(db, 6, 1, "scheduled-c");
    await failing();
    expect(receipt.sequence).toBeGreaterThan(0);
    expect(log.entries()).toContainEqual(expect.objectContaining({ event: "audit.checkpoint_failed", level: "warn" }));
    expect(log.raw.join("")).not.toContain("HSM unreachable");
  });
});
