import { type EntityManager } from "typeorm";

/**
 * The hub-wide advisory lock every change to links and match profiles takes first, before any row lock:
 * probabilistic linking (so two records of one new child cannot both create it), steward decisions,
 * merges, splits and profile rebuilds — and, shared, submissions linked by SUI. One lock, taken first,
 * means one lock order and no deadlock between them. Held to the end of the transaction; re-entrant.
 */
export const LINKING_LOCK = 0x5349_4c4b;

export async function takeLinkingLock(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock($1)`, [LINKING_LOCK]);
}

/**
 * The same lock, shared: a submission linked by SUI takes it first, so it cannot interleave with a
 * merge or split (and put a record into a child merged away), while such submissions still run
 * side by side.
 */
export async function shareLinkingLock(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock_shared($1)`, [LINKING_LOCK]);
}

/**
 * Linking adults (`adults/linkAdults.ts`): taken, after the linking lock, by a batch whose records name
 * any adult, so two batches cannot both create one new person. Stewards' adult merges and splits take
 * the linking lock (exclusively) first, then this one: the same order everywhere.
 */
export const ADULT_LINKING_LOCK = 0x5349_4c41;

export async function takeAdultLinkingLock(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock($1)`, [ADULT_LINKING_LOCK]);
}

/**
 * The adult linking lock, shared: recording a parent's consent decision takes it while it keys the
 * decision by the adult, so a steward's merge or split (which re-keys decisions) cannot run between
 * finding the person and storing the decision, leaving it on an adult merged away.
 */
export async function shareAdultLinkingLock(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock_shared($1)`, [ADULT_LINKING_LOCK]);
}
