import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { archiveAuditSegment, AuditArchiveError, verifyAuditArchive, type ArchivedSegment } from "../../src/audit/auditArchive";
import { currentAuditGenesis } from "../../src/audit/auditGenesis";
import { readCheckpointFile } from "../../src/audit/readCheckpointFile";
import { recordAuditEntry } from "../../src/audit/recordAuditEntry";
import { storedCheckpoints, takeAuditCheckpoint, type TakenCheckpoint } from "../../src/audit/takeAuditCheckpoint";
import { verifyAuditChain, type AuditVerification } from "../../src/audit/verifyAuditChain";
import { hubSigningKeysFromJwks, type HubSigningKeys } from "../../src/signing/hubSigningKeys";
import { disclosure, openAuditTestDatabase, requestIdsOnChain, type AuditTestDatabase } from "./auditTestSupport";

function signingKeys(kid: string): HubSigningKeys {
  const jwk = crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" });
  return hubSigningKeysFromJwks({ keys: [{ ...jwk, kid }] }, undefined, "test keys");
}

async function writeOn(db: AuditTestDatabase, chain: number, count: number, prefix: string): Promise<void> {
  for (const requestId of requestIdsOnChain(chain, count, prefix)) await recordAuditEntry(db.dataSource, disclosure({ requestId }));
}

async function entriesOn(db: AuditTestDatabase, chain: number): Promise<number[]> {
  const rows = await db.dataSource.query<{ sequence: string }[]>(`SELECT sequence FROM disclosure_audit WHERE chain_id = $1 ORDER BY sequence`, [chain]);
  return rows.map((row) => Number(row.sequence));
}

interface ArchivedTrail {
  db: AuditTestDatabase;
  work: string;
  firstFile: string;
  secondFile: string;
  first: TakenCheckpoint;
  second: TakenCheckpoint;
  firstSegment: ArchivedSegment;
  afterFirst: AuditVerification;
  afterFirstAgainstFile: AuditVerification;
  secondSegment: ArchivedSegment;
  afterSecond: AuditVerification;
}

/**
 * The trail archived by segments under signed checkpoints (audit/README.md, retention): chain 3 gets
 * three entries and chain 7 two before checkpoint 1; each gets two more before checkpoint 2, and one
 * more nobody has signed. Segment 1 is archived and detached, then segment 2. The tests that only read
 * share one such trail; a test that writes to the trail archives one of its own, on a database of its own.
 */
describe("archiving the audit trail by segments", () => {
  const keys = signingKeys("hub-archive-1");
  const opened: ArchivedTrail[] = [];
  let db: AuditTestDatabase;
  let work: string;
  let firstFile: string;
  let secondFile: string;
  let first: TakenCheckpoint;
  let second: TakenCheckpoint;
  let firstSegment: ArchivedSegment;
  let afterFirst: AuditVerification;
  let afterFirstAgainstFile: AuditVerification;
  let secondSegment: ArchivedSegment;
  let afterSecond: AuditVerification;

  async function archivedTrail(): Promise<ArchivedTrail> {
    const db = await openAuditTestDatabase();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "hub-audit-archive-"));
    const trail = { db, work, firstFile: path.join(work, "segment-1.jsonl"), secondFile: path.join(work, "segment-2.jsonl") } as ArchivedTrail;
    opened.push(trail);
    await writeOn(db, 3, 3, "seg-a");
    await writeOn(db, 7, 2, "seg-a");
    trail.first = (await takeAuditCheckpoint(db.dataSource, keys)) as TakenCheckpoint;
    await writeOn(db, 3, 2, "seg-b");
    await writeOn(db, 7, 2, "seg-b");
    trail.second = (await takeAuditCheckpoint(db.dataSource, keys)) as TakenCheckpoint;
    await writeOn(db, 3, 1, "seg-c");
    await writeOn(db, 7, 1, "seg-c");

    trail.firstSegment = await archiveAuditSegment(db.dataSource, keys.jwks, trail.first.checkpoint.number, trail.firstFile, { now: new Date("2026-12-07T03:00:00Z") });
    trail.afterFirst = await verifyAuditChain(db.dataSource, { batchSize: 2 });
    const held = await readCheckpointFile((await storedCheckpoints(db.dataSource)).join("\n"), keys.jwks);
    trail.afterFirstAgainstFile = await verifyAuditChain(db.dataSource, { checkpoints: held, batchSize: 2 });
    trail.secondSegment = await archiveAuditSegment(db.dataSource, keys.jwks, trail.second.checkpoint.number, trail.secondFile);
    trail.afterSecond = await verifyAuditChain(db.dataSource, { batchSize: 2 });
    return trail;
  }

  beforeAll(async () => {
    ({ db, work, firstFile, secondFile, first, second, firstSegment, afterFirst, afterFirstAgainstFile, secondSegment, afterSecond } = await archivedTrail());
  });

  afterAll(async () => {
    for (const trail of opened) {
      await trail.db.close();
      fs.rmSync(trail.work, { recursive: true, force: true });
    }
  });

  it("writes the segment up to the checkpoint's heads, verified, then detaches exactly that", async () => {
    expect(firstSegment).toMatchObject({ from: null, entries: 5, detached: true });
    expect(firstSegment.checkpoint).toEqual(first.checkpoint);
    // What stays: chain 3 from entry 4, chain 7 from entry 3 (the second segment has since gone too).
    expect(await entriesOn(db, 3)).toEqual([6]);
    expect(await entriesOn(db, 7)).toEqual([5]);
  });

  it("records the checkpoint as the trail's genesis, with the archive's digest", async () => {
    const [genesis] = await db.dataSource.query<{ checkpoint_number: string; archive_sha256: string; entries_archived: string }[]>(
      `SELECT checkpoint_number, archive_sha256, entries_archived FROM audit_genesis ORDER BY checkpoint_number`,
    );
    expect(genesis).toMatchObject({ checkpoint_number: String(first.checkpoint.number), archive_sha256: firstSegment.sha256, entries_archived: "5" });
    expect(crypto.createHash("sha256").update(fs.readFileSync(firstFile)).digest("hex")).toBe(firstSegment.sha256);
    expect((await currentAuditGenesis(db.dataSource))?.checkpoint).toBe(second.checkpoint.number);
  });

  it("verifies what remains from the archived head, with and without the checkpoints held elsewhere", () => {
    expect(afterFirst).toMatchObject({ intact: true, fromCheckpoint: first.checkpoint.number, entriesChecked: 6 });
    expect(afterFirstAgainstFile).toMatchObject({ intact: true, fromCheckpoint: first.checkpoint.number, checkpointsChecked: 2 });
    expect(afterSecond).toMatchObject({ intact: true, fromCheckpoint: second.checkpoint.number, entriesChecked: 2 });
  });

  it("archives the next segment from the previous genesis, each file verifiable on its own", async () => {
    expect(secondSegment).toMatchObject({ from: first.checkpoint.number, entries: 4, detached: true });
    await expect(verifyAuditArchive(firstFile, keys.jwks)).resolves.toMatchObject({ entries: 5, from: null, sha256: firstSegment.sha256 });
    await expect(verifyAuditArchive(secondFile, keys.jwks)).resolves.toMatchObject({ entries: 4, from: first.checkpoint.number });
  });

  it("refuses an archive whose entry was edited, whose entry is missing, or signed by another key", async () => {
    const lines = fs.readFileSync(firstFile, "utf8").split("\n");
    const edited = path.join(work, "edited.jsonl");
    fs.writeFileSync(edited, [lines[0], lines[1].replace("Strategy discussion", "Routine check"), ...lines.slice(2)].join("\n"));
    await expect(verifyAuditArchive(edited, keys.jwks)).rejects.toThrow(/line 2: entry 1 on chain 3 does not match its hash/);
    const shortened = path.join(work, "shortened.jsonl");
    fs.writeFileSync(shortened, [lines[0], ...lines.slice(1, 3), ...lines.slice(4)].join("\n"));
    await expect(verifyAuditArchive(shortened, keys.jwks)).rejects.toThrow(/chain 3 ends at entry 2, not at the head checkpoint 1 signed \(entry 3\)/);
    await expect(verifyAuditArchive(firstFile, signingKeys("hub-archive-1").jwks)).rejects.toThrow(AuditArchiveError);
  });

  it("never archives behind the genesis, an unsigned position, or over an existing file", async () => {
    const { db, first, second, work, firstFile } = await archivedTrail();
    await expect(archiveAuditSegment(db.dataSource, keys.jwks, first.checkpoint.number, path.join(work, "again.jsonl"))).rejects.toThrow(/already begins at checkpoint 2/);
    await expect(archiveAuditSegment(db.dataSource, keys.jwks, 99, path.join(work, "unsigned.jsonl"))).rejects.toThrow(/checkpoint 99 is not stored/);
    await writeOn(db, 9, 1, "seg-exists");
    const later = (await takeAuditCheckpoint(db.dataSource, keys)) as TakenCheckpoint;
    await expect(archiveAuditSegment(db.dataSource, keys.jwks, later.checkpoint.number, firstFile)).rejects.toThrow(/EEXIST/);
    expect((await currentAuditGenesis(db.dataSource))?.checkpoint).toBe(second.checkpoint.number);
  });

  it("still refuses every delete but a detach under a genesis written in the same transaction, and within its heads", async () => {
    const { db } = await archivedTrail();
    await expect(db.dataSource.query(`DELETE FROM disclosure_audit WHERE chain_id = 3`)).rejects.toThrow(/append-only: DELETE is not allowed/);
    await expect(db.dataSource.query(`DELETE FROM audit_genesis`)).rejects.toThrow(/append-only/);
    await writeOn(db, 11, 1, "seg-delete");
    const third = (await takeAuditCheckpoint(db.dataSource, keys)) as TakenCheckpoint;
    await writeOn(db, 3, 1, "seg-unsigned");
    await expect(
      db.dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO audit_genesis (checkpoint_number, jws, heads, entries_archived, archive_sha256, archived_at) VALUES ($1, $2, $3::jsonb, 0, repeat('0', 64), now())`, [
          third.checkpoint.number, third.jws, JSON.stringify(third.checkpoint.heads),
        ]);
        await manager.query(`DELETE FROM disclosure_audit WHERE chain_id = 3`);
      }),
    ).rejects.toThrow(/only entries the new genesis checkpoint signed may be detached/);
    expect(await entriesOn(db, 3)).toEqual([6, 7]);
  });

  it("admits a genesis only with the stored checkpoint's signature and the heads it signed, and the verifier trusts no other", async () => {
    const { db, second } = await archivedTrail();
    await writeOn(db, 3, 1, "seg-forged");
    const fourth = (await takeAuditCheckpoint(db.dataSource, keys)) as TakenCheckpoint;
    const [{ sequence }] = await db.dataSource.query<{ sequence: string }[]>(`SELECT sequence FROM audit_chain_head WHERE chain_id = 3`);
    const pastSigned = fourth.checkpoint.heads.map((head) => ({ ...head, sequence: head.chain === 3 ? Number(sequence) + 5 : head.sequence }));
    const insert = (jws: string, heads: unknown) =>
      db.dataSource.query(`INSERT INTO audit_genesis (checkpoint_number, jws, heads, entries_archived, archive_sha256, archived_at) VALUES ($1, $2, $3::jsonb, 0, repeat('0', 64), now())`, [
        fourth.checkpoint.number, jws, JSON.stringify(heads),
      ]);
    await expect(insert(fourth.jws, pastSigned)).rejects.toThrow(/heads are not those checkpoint \d+ signed/);
    await expect(insert(second.jws, fourth.checkpoint.heads)).rejects.toThrow(/is not stored with this signature/);
    expect((await currentAuditGenesis(db.dataSource))?.checkpoint).toBe(second.checkpoint.number);

    // A forged row slipped past the trigger (by a superuser) is not taken as where the trail starts.
    await db.dataSource.query(`ALTER TABLE audit_genesis DISABLE TRIGGER audit_genesis_signed`);
    try {
      await insert(fourth.jws, pastSigned);
    } finally {
      await db.dataSource.query(`ALTER TABLE audit_genesis ENABLE TRIGGER audit_genesis_signed`);
    }
    await expect(verifyAuditChain(db.dataSource)).rejects.toThrow(/genesis claims heads that checkpoint \d+ did not sign/);
  });
});
