import { type DataSource, type EntityManager } from "typeorm";
import { type AuditCheckpoint } from "./AuditCheckpoint";
import { AUDIT_CHAIN_COUNT, entryHash, GENESIS_HASH } from "./hashChain";
import { readChainEntries } from "./readChainEntries";
import { currentAuditGenesis } from "./auditGenesis";

/**
 * What is wrong at the first broken place of a chain:
 * - HASH_MISMATCH: the entry's content is not what was hashed when it was written (it was edited);
 * - CHAIN_BROKEN: the entry does not link to the one before it (an entry was removed, or entries were
 *   reordered or rewritten with fresh hashes);
 * - SEQUENCE_GAP: the links hold but the numbering skips (sequence numbers were edited);
 * - HEAD_MISMATCH: the chain's last entry is not the one its head records (entries at the end were
 *   removed or rewritten, added without advancing the head, or the head row itself was removed).
 */
export const ChainProblem = {
  HASH_MISMATCH: "HASH_MISMATCH",
  CHAIN_BROKEN: "CHAIN_BROKEN",
  SEQUENCE_GAP: "SEQUENCE_GAP",
  HEAD_MISMATCH: "HEAD_MISMATCH",
  CHECKPOINT_MISMATCH: "CHECKPOINT_MISMATCH",
} as const;
export type ChainProblem = (typeof ChainProblem)[keyof typeof ChainProblem];

export interface ChainBreak {
  chain: number;
  /** The position of the broken entry (for a removed tail, the first position missing). */
  sequence: number;
  /** The entry found there; null when it is missing. */
  entryId: string | null;
  problem: ChainProblem;
  /** For the IG lead: what was expected and what was found. No content of the entry. */
  message: string;
}

export interface AuditVerification {
  intact: boolean;
  entriesChecked: number;
  chainsChecked: number;
  /** Signed checkpoints the chains were checked against (0: the chains were checked only against themselves). */
  checkpointsChecked: number;
  /** The checkpoint verification started from; null: from genesis. */
  fromCheckpoint: number | null;
  /** The first break on the lowest-numbered broken chain; null when every chain is intact. */
  firstBroken: ChainBreak | null;
  /** The first break of every broken chain, by chain: one tampered chain does not hide another. */
  breaks: ChainBreak[];
}

export interface VerifyOptions {
  /** Entries read per query; each chain's reader never holds more than this many rows. */
  batchSize?: number;
  /** Chains verified at once, each in its own transaction on its own connection (default 4). */
  concurrency?: number;
  /**
   * Checkpoints held outside the database, their signatures already checked (`readCheckpointFile`):
   * every chain must pass through each one's `(sequence, hash)`, so a trail rewritten with every hash
   * recomputed is still caught.
   */
  checkpoints?: readonly AuditCheckpoint[];
  /**
   * Verify only what follows this checkpoint (one of `checkpoints`): each chain starts after the head it
   * signed, taken as its genesis. The entries up to it were verified by an earlier run, or were
   * detached and archived under it (`README.md`, retention).
   */
  from?: AuditCheckpoint;
}

const DEFAULT_BATCH_SIZE = 1000;
const DEFAULT_CONCURRENCY = 4;

/**
 * Recomputes every chain, entry by entry in sequence order, and names the first entry on each chain
 * that does not hold (HUB.md §7), from its genesis or from a checkpoint. Each chain is read in its own
 * REPEATABLE READ transaction, so its head and its entries come from one snapshot while writers carry
 * on appending, and no transaction spans the whole trail; chains are independent, so `concurrency` of
 * them are read at once.
 */
export async function verifyAuditChain(dataSource: DataSource, options: VerifyOptions = {}): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const checkpoints = options.checkpoints ?? [];
  if (options.from !== undefined && !checkpoints.includes(options.from)) throw new TypeError("verification can start only from one of the checkpoints it checks");
  const from = await startingPoint(dataSource, checkpoints, options.from);
  const heads = await dataSource.query<{ chain_id: number }[]>(`SELECT chain_id FROM audit_chain_head`);
  // A chain with entries but no head (its head row deleted behind the triggers' back) is checked too.
  const headless: { chain_id: number }[] = await dataSource.query(
    `SELECT DISTINCT chain_id FROM disclosure_audit WHERE chain_id <> ALL($1::smallint[])`,
    [heads.map((head) => head.chain_id)],
  );
  // Every chain the migration seeded, and every chain a checkpoint signed, is checked whether or not
  // its head row is still there: a head deleted from an empty chain is damage too, and the next write
  // on that chain would fail.
  const seeded = Array.from({ length: AUDIT_CHAIN_COUNT }, (_, chain) => chain);
  const signed = checkpoints.flatMap((checkpoint) => checkpoint.heads.map((head) => head.chain));
  const chains = [...new Set([...seeded, ...signed, ...heads.map((head) => head.chain_id), ...headless.map((row) => row.chain_id)])].sort((a, b) => a - b);

  const results = new Map<number, { checked: number; broken: ChainBreak | null }>();
  const queue = [...chains];
  const worker = async () => {
    for (let chain = queue.shift(); chain !== undefined; chain = queue.shift()) {
      const plan = chainPlan(chain, checkpoints, from);
      const result = await dataSource.transaction("REPEATABLE READ", async (manager) => {
        await manager.query("SET TRANSACTION READ ONLY");
        return verifyChain(manager, plan, batchSize);
      });
      results.set(chain, result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, chains.length)) }, worker));

  let entriesChecked = 0;
  const breaks: ChainBreak[] = [];
  for (const chain of chains) {
    const result = results.get(chain) as { checked: number; broken: ChainBreak | null };
    entriesChecked += result.checked;
    if (result.broken !== null) breaks.push(result.broken);
  }
  return {
    intact: breaks.length === 0,
    entriesChecked,
    chainsChecked: chains.length,
    checkpointsChecked: checkpoints.length,
    fromCheckpoint: from?.number ?? null,
    firstBroken: breaks[0] ?? null,
    breaks,
  };
}

/**
 * Where verification starts: the checkpoint asked for, or the trail's genesis (the checkpoint the newest
 * archived segment was sealed under, `auditGenesis.ts`) when that is later — the entries before it are
 * no longer in the table. The genesis row is not trusted: its heads are taken from the given checkpoints
 * when they hold it (signatures checked outside the database), otherwise from the payload of the stored
 * checkpoint's JWS, and a genesis whose signature or heads are not that checkpoint's is refused.
 */
async function startingPoint(dataSource: DataSource, checkpoints: readonly AuditCheckpoint[], asked: AuditCheckpoint | undefined): Promise<AuditCheckpoint | undefined> {
  const genesis = await currentAuditGenesis(dataSource);
  if (genesis === null || (asked !== undefined && asked.number >= genesis.checkpoint)) return asked;
  const given = checkpoints.find((checkpoint) => checkpoint.number === genesis.checkpoint);
  const [stored] = await dataSource.query<{ jws: string }[]>(`SELECT jws FROM audit_checkpoint WHERE number = $1`, [genesis.checkpoint]);
  if (stored === undefined || stored.jws !== genesis.jws) {
    throw new AuditGenesisMismatch(`the trail's genesis names checkpoint ${genesis.checkpoint} but does not carry its stored signature`);
  }
  const signed = JSON.parse(Buffer.from(stored.jws.split(".")[1] ?? "", "base64url").toString("utf8")) as AuditCheckpoint;
  const heads = given?.heads ?? signed.heads;
  if (!sameHeads(genesis.heads, heads) || !sameHeads(signed.heads, heads)) {
    throw new AuditGenesisMismatch(`the trail's genesis claims heads that checkpoint ${genesis.checkpoint} did not sign`);
  }
  return given ?? { number: genesis.checkpoint, takenAt: signed.takenAt, previous: signed.previous, entries: signed.entries, heads };
}

/** The stored genesis is not the signed checkpoint it names: nothing after it can be verified from it. */
export class AuditGenesisMismatch extends Error {
  override name = "AuditGenesisMismatch";
}

function sameHeads(a: readonly AuditCheckpoint["heads"][number][], b: readonly AuditCheckpoint["heads"][number][]): boolean {
  const key = (heads: readonly AuditCheckpoint["heads"][number][]) => JSON.stringify([...heads].map((head) => [head.chain, head.sequence, head.hash]).sort((x, y) => Number(x[0]) - Number(y[0])));
  return key(a) === key(b);
}

/** Where one chain's verification starts, and the signed positions it must pass through after that. */
interface ChainPlan {
  chain: number;
  start: { sequence: number; hash: string; checkpoint: number | null };
  signed: { sequence: number; hash: string; checkpoint: number }[];
}

function chainPlan(chain: number, checkpoints: readonly AuditCheckpoint[], from: AuditCheckpoint | undefined): ChainPlan {
  const fromHead = from?.heads.find((head) => head.chain === chain);
  const start = fromHead === undefined || from === undefined ? { sequence: 0, hash: GENESIS_HASH, checkpoint: null } : { ...fromHead, checkpoint: from.number };
  const signed = checkpoints
    .flatMap((checkpoint) => checkpoint.heads.filter((head) => head.chain === chain && head.sequence > start.sequence).map((head) => ({ sequence: head.sequence, hash: head.hash, checkpoint: checkpoint.number })))
    .sort((a, b) => a.sequence - b.sequence || a.checkpoint - b.checkpoint);
  return { chain, start, signed };
}

async function verifyChain(manager: EntityManager, plan: ChainPlan, batchSize: number): Promise<{ checked: number; broken: ChainBreak | null }> {
  const { chain, start, signed } = plan;
  const [head] = await manager.query<{ sequence: string; hash: string }[]>(`SELECT sequence, hash FROM audit_chain_head WHERE chain_id = $1`, [chain]);
  const headSequence = head === undefined ? null : Number(head.sequence);
  let checked = 0;
  let expectedSequence = start.sequence + 1;
  let previous: { sequence: number; hash: string; id: string | null } = { sequence: start.sequence, hash: start.hash, id: null };
  let nextSigned = 0;
  const broken = (sequence: number, entryId: string | null, problem: ChainProblem, message: string) => ({ checked, broken: { chain, sequence, entryId, problem, message } });
  // From genesis the first page has no lower bound: an entry slipped in before the first one (sequence
  // 0 or less) is read and reported, not skipped.
  let after: number | null = start.checkpoint === null ? null : start.sequence;

  for (;;) {
    const batch = await readChainEntries(manager, chain, after, batchSize);
    for (const { entry, sequence, hash } of batch) {
      checked += 1;
      if (entryHash(entry) !== hash) {
        return broken(sequence, entry.id, ChainProblem.HASH_MISMATCH, `Entry ${sequence} on chain ${chain} has been changed since it was written: its content no longer matches its hash.`);
      }
      if (entry.prevHash !== previous.hash) {
        return broken(sequence, entry.id, ChainProblem.CHAIN_BROKEN, `Entry ${sequence} on chain ${chain} does not link to entry ${previous.sequence} before it: an entry was removed, or entries were reordered or rewritten.`);
      }
      if (sequence !== expectedSequence) {
        return broken(sequence, entry.id, ChainProblem.SEQUENCE_GAP, `Chain ${chain} expected entry ${expectedSequence} but found ${sequence}: the sequence numbers were changed.`);
      }
      if (headSequence === null || sequence > headSequence) {
        return broken(sequence, entry.id, ChainProblem.HEAD_MISMATCH, `Entry ${sequence} on chain ${chain} lies beyond the chain's recorded head${headSequence === null ? " (the head is missing)" : ` (entry ${headSequence})`}.`);
      }
      // Links and numbering hold up to here, so a signed position is met exactly when the sequence is reached.
      for (; nextSigned < signed.length && signed[nextSigned].sequence === sequence; nextSigned += 1) {
        if (signed[nextSigned].hash !== hash) {
          return broken(
            sequence,
            entry.id,
            ChainProblem.CHECKPOINT_MISMATCH,
            `Entry ${sequence} on chain ${chain} is not the entry signed checkpoint ${signed[nextSigned].checkpoint} holds: the chain was rewritten at or before this entry${describeLastSigned(signed, nextSigned, start)}, its hashes recomputed.`,
          );
        }
      }
      previous = { sequence, hash, id: entry.id };
      expectedSequence += 1;
    }
    if (batch.length < batchSize) break;
    after = previous.sequence;
  }

  if (head === undefined) {
    return broken(start.sequence + 1, null, ChainProblem.HEAD_MISMATCH, `Chain ${chain} has no head row: it was removed.`);
  }
  if (headSequence !== previous.sequence) {
    if (headSequence !== null && headSequence < start.sequence) {
      return broken(
        headSequence + 1,
        null,
        ChainProblem.CHECKPOINT_MISMATCH,
        `Chain ${chain}'s head records entry ${headSequence}, behind entry ${start.sequence} that signed checkpoint ${String(start.checkpoint)} holds: the chain was cut back.`,
      );
    }
    return broken(
      previous.sequence + 1,
      null,
      ChainProblem.HEAD_MISMATCH,
      `Chain ${chain} ends at entry ${previous.sequence} but its head records entry ${String(headSequence)}: entries at the end of the chain were removed.`,
    );
  }
  if (head.hash !== previous.hash) {
    if (previous.id === null && start.checkpoint !== null) {
      // Nothing follows the checkpoint verification started from, and the head is not what it signed.
      return broken(
        start.sequence,
        null,
        ChainProblem.CHECKPOINT_MISMATCH,
        `Chain ${chain}'s head at entry ${start.sequence} is not the entry signed checkpoint ${start.checkpoint} holds: the chain was rewritten at or before it, its hashes recomputed.`,
      );
    }
    return broken(previous.sequence, previous.id, ChainProblem.HEAD_MISMATCH, `The last entry of chain ${chain} is not the entry its head records: the chain's end was rewritten.`);
  }
  if (nextSigned < signed.length) {
    const missing = signed[nextSigned];
    return broken(
      previous.sequence + 1,
      null,
      ChainProblem.CHECKPOINT_MISMATCH,
      `Chain ${chain} ends at entry ${previous.sequence}, but signed checkpoint ${missing.checkpoint} holds it up to entry ${missing.sequence}: signed entries were removed and the head moved back.`,
    );
  }
  return { checked, broken: null };
}

function describeLastSigned(signed: ChainPlan["signed"], next: number, start: ChainPlan["start"]): string {
  const last = next > 0 ? signed[next - 1] : start.checkpoint === null ? null : { ...start, checkpoint: start.checkpoint };
  return last === null || last.sequence === 0 ? "" : ` and after entry ${last.sequence}, which checkpoint ${last.checkpoint} signed`;
}
