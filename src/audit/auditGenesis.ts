import { type DataSource, type EntityManager } from "typeorm";
import { type CheckpointHead } from "./AuditCheckpoint";

/**
 * Where the trail in the database now begins: the signed checkpoint the newest archived segment was
 * sealed under (`audit_genesis`, written by `archiveAuditSegment`). Every chain's entries up to the head
 * that checkpoint signed are in the archive, not the table; the verifier starts each chain after it.
 */
export interface AuditGenesis {
  checkpoint: number;
  jws: string;
  heads: CheckpointHead[];
  entriesArchived: number;
  archiveSha256: string;
  archivedAt: Date;
}

interface GenesisRow {
  checkpoint_number: string;
  jws: string;
  heads: CheckpointHead[];
  entries_archived: string;
  archive_sha256: string;
  archived_at: Date;
}

/** The newest genesis, or null while nothing has been archived (every chain starts from its first entry). */
export async function currentAuditGenesis(db: DataSource | EntityManager): Promise<AuditGenesis | null> {
  const [row] = await db.query<GenesisRow[]>(
    `SELECT checkpoint_number, jws, heads, entries_archived, archive_sha256, archived_at FROM audit_genesis ORDER BY checkpoint_number DESC LIMIT 1`,
  );
  if (row === undefined) return null;
  return {
    checkpoint: Number(row.checkpoint_number),
    jws: row.jws,
    heads: row.heads,
    entriesArchived: Number(row.entries_archived),
    archiveSha256: row.archive_sha256,
    archivedAt: new Date(row.archived_at),
  };
}
