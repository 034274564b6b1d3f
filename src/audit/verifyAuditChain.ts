import { type DataSource, type EntityManager } from "typeorm";
import { AuditChainHead } from "./AuditChainHead";
import { DisclosureAuditEntry } from "./DisclosureAuditEntry";
import { AUDIT_CHAIN_COUNT, entryHash, GENESIS_HASH } from "./hashChain";

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
  /** The first break on the lowest-numbered broken chain; null when every chain is intact. */
  firstBroken: ChainBreak | null;
  /** The first break of every broken chain, by chain: one tampered chain does not hide another. */
  breaks: ChainBreak[];
}

export interface VerifyOptions {
  /** Entries read per query; the verifier never holds more than this many rows. */
  batchSize?: number;
}

const DEFAULT_BATCH_SIZE = 1000;

/**
 * Recomputes every chain from its genesis, entry by entry in sequence order, and names the first entry
 * on each chain that does not hold (HUB.md §7). Each chain is read in its own REPEATABLE READ
 * transaction, so its head and its entries come from one snapshot while writers carry on appending,
 * and no transaction spans the whole trail.
 */
export async function verifyAuditChain(dataSource: DataSource, options: VerifyOptions = {}): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const heads = await dataSource.getRepository(AuditChainHead).find({ select: { chainId: true } });
  // A chain with entries but no head (its head row deleted behind the triggers' back) is checked too.
  const headless: { chain_id: number }[] = await dataSource.query(
    `SELECT DISTINCT chain_id FROM disclosure_audit WHERE chain_id <> ALL($1::smallint[])`,
    [heads.map((head) => head.chainId)],
  );
  // Every chain the migration seeded is checked whether or not its head row is still there: a head
  // deleted from an empty chain is damage too, and the next write on that chain would fail.
  const seeded = Array.from({ length: AUDIT_CHAIN_COUNT }, (_, chain) => chain);
  const chains = [...new Set([...seeded, ...heads.map((head) => head.chainId), ...headless.map((row) => row.chain_id)])].sort((a, b) => a - b);

  let entriesChecked = 0;
  const breaks: ChainBreak[] = [];
  for (const chain of chains) {
    const result = await dataSource.transaction("REPEATABLE READ", async (manager) => {
      await manager.query("SET TRANSACTION READ ONLY");
      return verifyChain(manager, chain, batchSize);
    });
    entriesChecked += result.checked;
    if (result.broken !== null) breaks.push(result.broken);
  }
  return { intact: breaks.length === 0, entriesChecked, chainsChecked: chains.length, firstBroken: breaks[0] ?? null, breaks };
}

async function verifyChain(manager: EntityManager, chain: number, batchSize: number): Promise<{ checked: number; broken: ChainBreak | null }> {
  const head = await manager.findOneBy(AuditChainHead, { chainId: chain });
  let checked = 0;
  let expectedSequence = 1;
  let previous: { sequence: number; hash: string; id: string | null } = { sequence: 0, hash: GENESIS_HASH, id: null };
  // The first batch has no lower bound: an entry slipped in before the first one (sequence 0 or less)
  // is read and reported, not skipped.
  let firstBatch = true;
  const broken = (entry: DisclosureAuditEntry, problem: ChainProblem, message: string) => ({
    checked,
    broken: { chain, sequence: entry.sequence, entryId: entry.id, problem, message },
  });

  for (;;) {
    const batch = await manager
      .getRepository(DisclosureAuditEntry)
      .createQueryBuilder("entry")
      .where(firstBatch ? "entry.chainId = :chain" : "entry.chainId = :chain AND entry.sequence > :after", { chain, after: previous.sequence })
      .orderBy("entry.sequence", "ASC")
      .limit(batchSize)
      .getMany();
    for (const entry of batch) {
      checked += 1;
      if (entryHash(entry) !== entry.hash) {
        return broken(entry, ChainProblem.HASH_MISMATCH, `Entry ${entry.sequence} on chain ${chain} has been changed since it was written: its content no longer matches its hash.`);
      }
      if (entry.prevHash !== previous.hash) {
        return broken(entry, ChainProblem.CHAIN_BROKEN, `Entry ${entry.sequence} on chain ${chain} does not link to entry ${previous.sequence} before it: an entry was removed, or entries were reordered or rewritten.`);
      }
      if (entry.sequence !== expectedSequence) {
        return broken(entry, ChainProblem.SEQUENCE_GAP, `Chain ${chain} expected entry ${expectedSequence} but found ${entry.sequence}: the sequence numbers were changed.`);
      }
      if (head === null || entry.sequence > head.sequence) {
        return broken(entry, ChainProblem.HEAD_MISMATCH, `Entry ${entry.sequence} on chain ${chain} lies beyond the chain's recorded head${head === null ? " (the head is missing)" : ` (entry ${head.sequence})`}.`);
      }
      previous = { sequence: entry.sequence, hash: entry.hash, id: entry.id };
      expectedSequence += 1;
    }
    if (batch.length < batchSize) break;
    firstBatch = false;
  }

  if (head === null) {
    return {
      checked,
      broken: { chain, sequence: 1, entryId: null, problem: ChainProblem.HEAD_MISMATCH, message: `Chain ${chain} has no head row: it was removed.` },
    };
  }

  if (head.sequence !== previous.sequence) {
    return {
      checked,
      broken: {
        chain,
        sequence: previous.sequence + 1,
        entryId: null,
        problem: ChainProblem.HEAD_MISMATCH,
        message: `Chain ${chain} ends at entry ${previous.sequence} but its head records entry ${head.sequence}: entries at the end of the chain were removed.`,
      },
    };
  }
  if (head.hash !== previous.hash) {
    return {
      checked,
      broken: {
        chain,
        sequence: previous.sequence,
        entryId: previous.id,
        problem: ChainProblem.HEAD_MISMATCH,
        message: `The last entry of chain ${chain} is not the entry its head records: the chain's end was rewritten.`,
      },
    };
  }
  return { checked, broken: null };
}
