import { createHash } from "node:crypto";
import fs from "node:fs";
import readline from "node:readline";
import { type JSONWebKeySet } from "jose";
import { type DataSource } from "typeorm";
import { type AuditCheckpoint, type CheckpointHead } from "./AuditCheckpoint";
import { currentAuditGenesis } from "./auditGenesis";
import { canonicalEntry, GENESIS_HASH } from "./hashChain";
import { readChainEntries } from "./readChainEntries";
import { CheckpointFileError, readCheckpointFile } from "./readCheckpointFile";

/** The first line of an archive file names its format, so a reader never guesses. */
export const AUDIT_ARCHIVE_FORMAT = "safeguarding-hub/audit-segment/1";

/** An archive that cannot be trusted, or a segment that cannot be archived: nothing is detached. */
export class AuditArchiveError extends Error {
  override name = "AuditArchiveError";
}

/**
 * The archive's first line: the checkpoint the segment is sealed under (its compact JWS, verified
 * against the hub's published keys on reading) and where each chain's segment starts — the genesis
 * before it (its JWS too), or every chain's first entry.
 */
interface ArchiveHeader {
  format: typeof AUDIT_ARCHIVE_FORMAT;
  checkpointJws: string;
  fromJws: string | null;
}

/** Every other line: one entry, its chain, its place, its hash and the exact canonical text that was hashed. */
interface ArchiveLine {
  chain: number;
  sequence: number;
  hash: string;
  canonical: string;
}

export interface VerifiedArchive {
  checkpoint: AuditCheckpoint;
  /** The checkpoint the segment starts after; null: from every chain's first entry. */
  from: number | null;
  entries: number;
  /** SHA-256 (hex) of the whole file, as the genesis records it. */
  sha256: string;
}

export interface ArchivedSegment extends VerifiedArchive {
  /** Whether the segment was removed from the database (false: written and verified only). */
  detached: boolean;
}

const READ_BATCH = 5000;

/**
 * Archives the trail up to signed checkpoint `checkpointNumber` (`README.md`, retention): writes every
 * chain's entries after the current genesis and up to the head the checkpoint signed to `file`, reads
 * the file back and verifies it on its own against the checkpoint's signature (`verifyAuditArchive`),
 * and only then — unless `detach` is false — removes exactly those entries from `disclosure_audit` in
 * the transaction that records the checkpoint as the trail's new genesis. A count that differs from
 * what was archived undoes the transaction. Nothing is ever deleted that the archive does not hold.
 */
export async function archiveAuditSegment(
  dataSource: DataSource,
  keys: JSONWebKeySet,
  checkpointNumber: number,
  file: string,
  options: { detach?: boolean; now?: Date } = {},
): Promise<ArchivedSegment> {
  const [stored] = await dataSource.query<{ jws: string }[]>(`SELECT jws FROM audit_checkpoint WHERE number = $1`, [checkpointNumber]);
  if (stored === undefined) throw new AuditArchiveError(`checkpoint ${checkpointNumber} is not stored: a segment is archived only under a signed checkpoint`);
  const [checkpoint] = await readSigned(stored.jws, keys, `checkpoint ${checkpointNumber}`);
  const genesis = await currentAuditGenesis(dataSource);
  if (genesis !== null && genesis.checkpoint >= checkpointNumber) {
    throw new AuditArchiveError(`the trail already begins at checkpoint ${genesis.checkpoint}: archive a later checkpoint`);
  }
  const startOf = (chain: number): CheckpointHead => genesis?.heads.find((head) => head.chain === chain) ?? { chain, sequence: 0, hash: GENESIS_HASH };

  const fd = fs.openSync(file, "wx", 0o600);
  try {
    const header: ArchiveHeader = { format: AUDIT_ARCHIVE_FORMAT, checkpointJws: stored.jws, fromJws: genesis?.jws ?? null };
    fs.writeSync(fd, `${JSON.stringify(header)}\n`);
    for (const head of [...checkpoint.heads].sort((a, b) => a.chain - b.chain)) {
      // One snapshot per chain; the segment is below a signed head, so writers appending past it change nothing read here.
      await dataSource.transaction("REPEATABLE READ", async (manager) => {
        await manager.query("SET TRANSACTION READ ONLY");
        let after = startOf(head.chain).sequence;
        while (after < head.sequence) {
          const batch = (await readChainEntries(manager, head.chain, after, READ_BATCH)).filter((row) => row.sequence <= head.sequence);
          if (batch.length === 0) break;
          fs.writeSync(fd, batch.map((row) => `${JSON.stringify({ chain: head.chain, sequence: row.sequence, hash: row.hash, canonical: canonicalEntry(row.entry) } satisfies ArchiveLine)}\n`).join(""));
          after = batch[batch.length - 1].sequence;
        }
      });
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }

  // The file as written, read back and verified on its own: what is detached is only what it holds.
  const verified = await verifyAuditArchive(file, keys);
  if (verified.checkpoint.number !== checkpointNumber || verified.from !== (genesis?.checkpoint ?? null)) {
    throw new AuditArchiveError("the archive written is not the segment asked for");
  }
  if (options.detach === false) return { ...verified, detached: false };

  await dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO audit_genesis (checkpoint_number, jws, heads, entries_archived, archive_sha256, archived_at) VALUES ($1, $2, $3::jsonb, $4, $5, $6)`,
      [checkpointNumber, stored.jws, JSON.stringify(checkpoint.heads), verified.entries, verified.sha256, options.now ?? new Date()],
    );
    const [{ removed }] = await manager.query<{ removed: number }[]>(
      `WITH detached AS (
         DELETE FROM disclosure_audit d USING jsonb_to_recordset($1::jsonb) AS h(chain int, sequence bigint)
         WHERE d.chain_id = h.chain AND d.sequence <= h.sequence RETURNING 1)
       SELECT count(*)::int AS removed FROM detached`,
      [JSON.stringify(checkpoint.heads)],
    );
    if (removed !== verified.entries) {
      throw new AuditArchiveError(`the database holds ${removed} entries in the segment but the archive ${verified.entries}: nothing was detached`);
    }
  });
  return { ...verified, detached: true };
}

/**
 * Verifies an archive file with nothing but the hub's published keys: the checkpoint it is sealed under
 * (and the one it starts after) must carry the hub's signature; every chain's entries must run
 * unbroken from that start — each entry's text hashing to its hash, linking to the one before, on its
 * own chain, numbered one after another — to exactly the head the checkpoint signed. The IG lead's
 * copy of the checkpoint file covers the same signatures, so the archive can be checked years later.
 */
export async function verifyAuditArchive(file: string, keys: JSONWebKeySet): Promise<VerifiedArchive> {
  const digest = createHash("sha256");
  const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let header: ArchiveHeader | null = null;
  let checkpoint: AuditCheckpoint | null = null;
  let from: AuditCheckpoint | null = null;
  const position = new Map<number, { sequence: number; hash: string }>();
  let entries = 0;
  let lineNumber = 0;
  for await (const text of lines) {
    digest.update(`${text}\n`);
    lineNumber += 1;
    const where = `line ${lineNumber}`;
    if (header === null) {
      header = parseHeader(text);
      [checkpoint] = await readSigned(header.checkpointJws, keys, "the checkpoint the archive is sealed under");
      from = header.fromJws === null ? null : (await readSigned(header.fromJws, keys, "the checkpoint the archive starts after"))[0];
      if (from !== null && from.number >= checkpoint.number) throw new AuditArchiveError(`the archive starts at checkpoint ${from.number}, not before checkpoint ${checkpoint.number}`);
      for (const head of checkpoint.heads) position.set(head.chain, from?.heads.find((start) => start.chain === head.chain) ?? { sequence: 0, hash: GENESIS_HASH });
      continue;
    }
    const line = parseLine(text, where);
    const at = position.get(line.chain);
    const signed = checkpoint?.heads.find((head) => head.chain === line.chain);
    if (at === undefined || signed === undefined) throw new AuditArchiveError(`${where}: chain ${line.chain} is not one the checkpoint signed`);
    if (line.sequence !== at.sequence + 1) throw new AuditArchiveError(`${where}: chain ${line.chain} expected entry ${at.sequence + 1} but found ${line.sequence}`);
    if (line.sequence > signed.sequence) throw new AuditArchiveError(`${where}: entry ${line.sequence} on chain ${line.chain} lies beyond the signed head ${signed.sequence}`);
    if (createHash("sha256").update(line.canonical, "utf8").digest("hex") !== line.hash) throw new AuditArchiveError(`${where}: entry ${line.sequence} on chain ${line.chain} does not match its hash`);
    const content = JSON.parse(line.canonical) as { prevHash?: unknown; chainId?: unknown };
    if (content.chainId !== line.chain) throw new AuditArchiveError(`${where}: entry ${line.sequence} was hashed on another chain`);
    if (content.prevHash !== at.hash) throw new AuditArchiveError(`${where}: entry ${line.sequence} on chain ${line.chain} does not link to the entry before it`);
    position.set(line.chain, { sequence: line.sequence, hash: line.hash });
    entries += 1;
  }
  if (header === null || checkpoint === null) throw new AuditArchiveError("the archive is empty");
  for (const head of checkpoint.heads) {
    const reached = position.get(head.chain);
    if (reached?.sequence !== head.sequence || reached.hash !== head.hash) {
      throw new AuditArchiveError(`chain ${head.chain} ends at entry ${String(reached?.sequence)}, not at the head checkpoint ${checkpoint.number} signed (entry ${head.sequence})`);
    }
  }
  return { checkpoint, from: from?.number ?? null, entries, sha256: digest.digest("hex") };
}

async function readSigned(jws: string, keys: JSONWebKeySet, what: string): Promise<AuditCheckpoint[]> {
  try {
    return await readCheckpointFile(jws, keys);
  } catch (error) {
    if (error instanceof CheckpointFileError) throw new AuditArchiveError(`${what} does not verify: ${error.message}`);
    throw error;
  }
}

function parseHeader(text: string): ArchiveHeader {
  let value: Partial<ArchiveHeader> | null;
  try {
    value = JSON.parse(text) as Partial<ArchiveHeader> | null;
  } catch {
    throw new AuditArchiveError("line 1: the archive's header is not JSON");
  }
  if (value === null || typeof value !== "object" || value.format !== AUDIT_ARCHIVE_FORMAT) throw new AuditArchiveError(`line 1: not an audit archive (format ${AUDIT_ARCHIVE_FORMAT})`);
  if (typeof value.checkpointJws !== "string" || (value.fromJws !== null && typeof value.fromJws !== "string")) throw new AuditArchiveError("line 1: the archive's header is not valid");
  return { format: value.format, checkpointJws: value.checkpointJws, fromJws: value.fromJws };
}

function parseLine(text: string, where: string): ArchiveLine {
  let value: Partial<ArchiveLine> | null;
  try {
    value = JSON.parse(text) as Partial<ArchiveLine> | null;
  } catch {
    throw new AuditArchiveError(`${where}: not JSON`);
  }
  if (value === null || typeof value !== "object" || !Number.isSafeInteger(value.chain) || !Number.isSafeInteger(value.sequence) || typeof value.hash !== "string" || typeof value.canonical !== "string") {
    throw new AuditArchiveError(`${where}: not an archived entry`);
  }
  return value as ArchiveLine;
}
