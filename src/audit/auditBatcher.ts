import { type DataSource, type EntityManager } from "typeorm";
import { loggerOf } from "../db/databaseLogger";
import { insertRows } from "../db/insertRows";
import { describeError, type Logger } from "../logging/logger";
import { DisclosureAuditEntry } from "./DisclosureAuditEntry";
import { type EntryCompanion, type EntryCompanionKind } from "./EntryCompanion";
import { entryHash, type HashedEntry } from "./hashChain";
import { auditBatchSize, auditCommitSeconds } from "../metrics/hubMetrics";

export type UnchainedEntry = Omit<HashedEntry, "prevHash">;

/** An entry to chain, with the writes that commit with it (`EntryCompanion.ts`). */
export interface QueuedEntry {
  entry: UnchainedEntry;
  companions: readonly EntryCompanion[];
}

export interface ChainedReceipt {
  id: string;
  occurredAt: Date;
  chain: number;
  sequence: number;
}

interface Pending extends QueuedEntry {
  resolve: (receipt: ChainedReceipt) => void;
  reject: (error: unknown) => void;
}

/** Enough to amortise a commit over many requests, small enough to keep one transaction short. */
const MAX_BATCH = 64;

/**
 * Group commit for the audit trail. A durable commit (WAL flush) costs milliseconds; paying it once per
 * disclosure would make the audit, not the disclosure, the hub's limit. Entries that arrive while a
 * batch is being written wait for the next one, and each batch is one short transaction: lock the
 * heads of the chains it touches (in chain order, so two hub processes cannot deadlock), chain the
 * entries onto them, insert them in one statement, advance the heads, commit. Every caller's promise
 * settles only after the commit that holds its entry — so "no audit, no disclosure" holds entry by
 * entry — and if the batch fails, its entries are written again one by one, so only an entry the
 * database refuses fails. The fallback is logged (`audit.batch_fallback`: the error's class and
 * SQLSTATE, never its message, which can quote an entry).
 */
export class AuditBatcher {
  private readonly queue: Pending[] = [];
  private flushing = false;
  private readonly committedListeners = new Set<(count: number) => void>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger = loggerOf(dataSource),
  ) {}

  append(entry: UnchainedEntry, companions: readonly EntryCompanion[] = []): Promise<ChainedReceipt> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, companions, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /** Calls `listener` with the number of entries after each commit (the checkpoint schedule counts them); returns the unsubscribe. */
  onCommitted(listener: (count: number) => void): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          await this.write(batch);
        } catch (error) {
          // One entry the database refuses must not fail the others': write them one at a time.
          this.logger.warn("a batch of audit entries failed: writing them one by one", { event: "audit.batch_fallback", count: batch.length, ...describeError(error) });
          for (const pending of batch) await this.write([pending]).catch((error: unknown) => pending.reject(error));
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    const committed = auditCommitSeconds.startTimer();
    const receipts = await commitBatch(this.dataSource, batch);
    committed();
    auditBatchSize.observe(batch.length);
    batch.forEach((pending, index) => pending.resolve(receipts[index]));
    for (const listener of this.committedListeners) listener(batch.length);
  }
}

const batchers = new WeakMap<DataSource, AuditBatcher>();

export function auditBatcherFor(dataSource: DataSource): AuditBatcher {
  let batcher = batchers.get(dataSource);
  if (batcher === undefined) {
    batcher = new AuditBatcher(dataSource);
    batchers.set(dataSource, batcher);
  }
  return batcher;
}

/**
 * Chains and inserts entries in the caller's transaction, locking the heads of the chains they extend
 * until it ends (`recordAuditEntriesInTransaction`): what the batcher does for its own batches.
 */
export async function appendBatch(manager: EntityManager, queued: readonly QueuedEntry[]): Promise<ChainedReceipt[]> {
  const entries = queued.map(({ entry }) => entry);
  const chainIds = chainsOf(entries);
  const heads = await manager.query<HeadRow[]>(`${LOCK_HEADS} WHERE h.chain_id = ANY($1::smallint[]) ${LOCK_ORDER}`, [chainIds]);
  const { rows, receipts, tips } = chained(entries, heads, chainIds);
  await insertEntries(manager, rows, queued);
  await manager.query(ADVANCE_HEADS, [chainIds, tips.map((head) => head.sequence), tips.map((head) => head.hash)]);
  return receipts;
}

/**
 * The batcher's own transaction: what `appendBatch` does, in three round trips rather than five. The
 * transaction begins in the statement that locks the heads and commits in the one that advances them,
 * each sent as one simple query; their only values are chain ids, sequence numbers and hashes this
 * process worked out (checked before they are written into the text), so nothing a caller gave is
 * ever part of it. The entries go in their own statement, as one bound value. Anything failing rolls
 * the transaction back, and the batcher writes the entries again one by one.
 */
export async function commitBatch(dataSource: DataSource, queued: readonly QueuedEntry[]): Promise<ChainedReceipt[]> {
  const entries = queued.map(({ entry }) => entry);
  const chainIds = chainsOf(entries);
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as SimpleQueryClient;
  try {
    const [, locked] = (await client.query(`BEGIN; ${LOCK_HEADS} WHERE h.chain_id IN (${chainIds.map(smallint).join(", ")}) ${LOCK_ORDER}`)) as [unknown, { rows: HeadRow[] }];
    const { rows, receipts, tips } = chained(entries, locked.rows, chainIds);
    await insertEntries(runner.manager, rows, queued);
    const moves = chainIds.map((chainId, index) => `(${smallint(chainId)}, ${sequenceNumber(tips[index].sequence)}, '${sha256Hex(tips[index].hash)}')`);
    await client.query(`UPDATE audit_chain_head h SET sequence = x.sequence, hash = x.hash FROM (VALUES ${moves.join(", ")}) AS x(chain_id, sequence, hash) WHERE h.chain_id = x.chain_id; COMMIT`);
    return receipts;
  } catch (error) {
    // After a failed statement the transaction is aborted (or, had COMMIT itself failed, already over).
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

/**
 * The entries in one statement, with what commits with them: each kind of companion the batch's entries
 * name adds its CTEs in front of the insert, reading all its rows (each with its entry's id) as one more
 * bound value. An entry's companions are written only where the entry is, so nothing is left behind by
 * a batch that fails, and the batcher writing it again entry by entry writes each with its own.
 */
async function insertEntries(manager: EntityManager, rows: readonly DisclosureAuditEntry[], queued: readonly QueuedEntry[]): Promise<void> {
  const kinds = new Map<string, { kind: EntryCompanionKind; rows: Record<string, unknown>[] }>();
  for (const { entry, companions } of queued) {
    for (const { kind, rows: companionRows } of companions) {
      const written = kinds.get(kind.name) ?? { kind, rows: [] };
      kinds.set(kind.name, written);
      for (const row of companionRows) written.rows.push({ ...row, disclosure_id: entry.id });
    }
  }
  if (kinds.size === 0) return insertRows(manager, DisclosureAuditEntry, rows);
  // insertRows binds the entries as $1; the companions' rows follow, a bound value for each kind.
  const written = [...kinds.values()];
  const ctes = written.map(({ kind }, index) => kind.sql(`$${index + 2}::jsonb`)).join(",\n");
  const values = written.map(({ rows: companionRows }) => JSON.stringify(companionRows));
  return insertRows(manager, DisclosureAuditEntry, rows, { query: (sql, parameters = []) => manager.query(`WITH ${ctes}\n${sql}`, [...parameters, ...values]) });
}

/** The driver's connection: a text of several statements is sent as one simple query, answered with a result per statement. */
interface SimpleQueryClient {
  query(text: string): Promise<unknown>;
}

interface HeadRow { chain_id: number; sequence: string; hash: string }

// A caller is told "disclosed" once the batch commits, so the commit must be on disk, whatever the
// server, database or role says: with synchronous_commit = off a crash loses entries whose
// disclosures were delivered, and the chains that remain still verify. Set in the transaction
// (set_config's `true` is SET LOCAL), so it holds behind a connection pooler that drops start-up
// settings too; in the statement that locks the heads, to spare the batch a round trip. The heads are
// locked in chain order, so two hub processes cannot deadlock.
const LOCK_HEADS = `SELECT h.chain_id, h.sequence, h.hash FROM audit_chain_head h, set_config('synchronous_commit', 'on', true)`;
const LOCK_ORDER = `ORDER BY h.chain_id FOR UPDATE OF h`;
/** Every chain the batch extended moves to its new tip, in one statement. */
const ADVANCE_HEADS = `UPDATE audit_chain_head h SET sequence = x.sequence, hash = x.hash FROM unnest($1::smallint[], $2::bigint[], $3::text[]) AS x(chain_id, sequence, hash) WHERE h.chain_id = x.chain_id`;

function chainsOf(entries: readonly UnchainedEntry[]): number[] {
  return [...new Set(entries.map((entry) => entry.chainId))].sort((a, b) => a - b);
}

function smallint(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value > 32_767) throw new RangeError("an audit chain id must be a small whole number");
  return String(value);
}

function sequenceNumber(value: number): string {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError("an audit sequence number must be a positive whole number");
  return String(value);
}

function sha256Hex(value: string): string {
  if (!/^[0-9a-f]{64}$/.test(value)) throw new RangeError("an audit entry hash must be 64 hexadecimal digits");
  return value;
}

/** The entries chained onto the heads as locked: their rows, receipts, and each chain's new tip (in `chainIds` order). */
function chained(entries: readonly UnchainedEntry[], heads: readonly HeadRow[], chainIds: readonly number[]): { rows: DisclosureAuditEntry[]; receipts: ChainedReceipt[]; tips: { sequence: number; hash: string }[] } {
  const tip = new Map(heads.map((head) => [Number(head.chain_id), { sequence: Number(head.sequence), hash: head.hash }]));
  const rows: DisclosureAuditEntry[] = [];
  const receipts = entries.map((entry) => {
    const head = tip.get(entry.chainId);
    if (head === undefined) throw new Error(`audit chain ${entry.chainId} has no head row`);
    const chained: HashedEntry = { ...entry, prevHash: head.hash };
    const sequence = head.sequence + 1;
    const hash = entryHash(chained);
    tip.set(entry.chainId, { sequence, hash });
    rows.push({ ...chained, sequence, hash });
    return { id: entry.id, occurredAt: entry.occurredAt, chain: entry.chainId, sequence };
  });
  return { rows, receipts, tips: chainIds.map((chainId) => tip.get(chainId) as { sequence: number; hash: string }) };
}
