import { createHash } from "node:crypto";

/** The JWS `typ` of a checkpoint, so a signature the hub made for something else is never taken for one. */
export const AUDIT_CHECKPOINT_TYPE = "audit-checkpoint+json";

/** One chain's head as a checkpoint signed it. */
export interface CheckpointHead {
  chain: number;
  /** The newest entry's sequence number; 0 for a chain still empty. */
  sequence: number;
  /** That entry's hash; the genesis hash for an empty chain. */
  hash: string;
}

/**
 * What a checkpoint signs (HUB.md §10): every chain's head, read in one snapshot, so the checkpoint is
 * a state the trail was really in. `previous` is the SHA-256 of the checkpoint before it (its compact
 * JWS), so the checkpoints form a chain of their own and one cannot be dropped from an exported file
 * unnoticed. `entries` is the sum of the heads' sequence numbers: how many entries the trail had.
 */
export interface AuditCheckpoint {
  number: number;
  takenAt: string;
  previous: string | null;
  entries: number;
  heads: CheckpointHead[];
}

/** The digest a checkpoint's successor quotes as `previous`. */
export function checkpointDigest(jws: string): string {
  return createHash("sha256").update(jws, "utf8").digest("hex");
}
