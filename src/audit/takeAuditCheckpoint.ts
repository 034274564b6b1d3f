import { type DataSource } from "typeorm";
import { type HubSigningKeys } from "../signing/hubSigningKeys";
import { AUDIT_CHECKPOINT_TYPE, checkpointDigest, type AuditCheckpoint, type CheckpointHead } from "./AuditCheckpoint";

/**
 * The advisory lock every hub process tries before taking a checkpoint: one process takes it, the
 * others skip rather than queue (the checkpoint they would have written is the one being written).
 * Any fixed 64-bit number no other part of the hub uses; this one spells "auditckp".
 */
export const CHECKPOINT_LOCK = 0x6175646974636b70n;

const UNIQUE_VIOLATION = "23505";

export interface CheckpointOptions {
  /** Take one only if the trail grew by at least this many entries since the last (default 1: any growth). */
  minEntries?: number;
  now?: Date;
}

export interface TakenCheckpoint {
  checkpoint: AuditCheckpoint;
  jws: string;
}

/**
 * Signs the heads of every audit chain with the hub's key and stores the checkpoint. The heads and the
 * last checkpoint are read in one REPEATABLE READ snapshot, and every head row commits with the
 * entries it points to, so a checkpoint always names a state the chains were really in, however many
 * writers are appending. Returns null when there is nothing new to sign or another process is taking
 * this checkpoint: a process that lost the race to the advisory lock skips, and one that won it on a
 * snapshot already overtaken meets the primary key (`number`) and skips too, so a number is signed once.
 */
export async function takeAuditCheckpoint(dataSource: DataSource, keys: HubSigningKeys, options: CheckpointOptions = {}): Promise<TakenCheckpoint | null> {
  const minEntries = Math.max(1, options.minEntries ?? 1);
  try {
    return await dataSource.transaction("REPEATABLE READ", async (manager) => {
      const [{ locked }] = await manager.query<{ locked: boolean }[]>(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [CHECKPOINT_LOCK.toString()]);
      if (!locked) return null;
      const rows = await manager.query<{ chain_id: number; sequence: string; hash: string }[]>(
        `SELECT chain_id, sequence, hash FROM audit_chain_head ORDER BY chain_id`,
      );
      const heads: CheckpointHead[] = rows.map((row) => ({ chain: row.chain_id, sequence: Number(row.sequence), hash: row.hash }));
      const entries = heads.reduce((sum, head) => sum + head.sequence, 0);
      const [last] = await manager.query<{ number: string; entries: string; jws: string }[]>(
        `SELECT number, entries, jws FROM audit_checkpoint ORDER BY number DESC LIMIT 1`,
      );
      if (entries - Number(last?.entries ?? 0) < minEntries) return null;
      const checkpoint: AuditCheckpoint = {
        number: last === undefined ? 1 : Number(last.number) + 1,
        takenAt: (options.now ?? new Date()).toISOString(),
        previous: last === undefined ? null : checkpointDigest(last.jws),
        entries,
        heads,
      };
      const jws = await keys.signJws(Buffer.from(JSON.stringify(checkpoint), "utf8"), { typ: AUDIT_CHECKPOINT_TYPE });
      await manager.query(`INSERT INTO audit_checkpoint (number, taken_at, entries, heads, kid, jws) VALUES ($1, $2, $3, $4::jsonb, $5, $6)`, [
        checkpoint.number,
        checkpoint.takenAt,
        entries,
        JSON.stringify(heads),
        keys.activeKid,
        jws,
      ]);
      return { checkpoint, jws };
    });
  } catch (error) {
    if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) return null;
    throw error;
  }
}

/** The stored checkpoints from `after` on, oldest first, as compact JWS: what an export file holds, one a line. */
export async function storedCheckpoints(dataSource: DataSource, after = 0): Promise<string[]> {
  const rows = await dataSource.query<{ jws: string }[]>(`SELECT jws FROM audit_checkpoint WHERE number > $1 ORDER BY number`, [after]);
  return rows.map((row) => row.jws);
}
