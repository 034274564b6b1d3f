import { randomUUID } from "node:crypto";
import { type DataSource } from "typeorm";
import { verifyAuditChain, type AuditVerification, type ChainBreak, type VerifyOptions } from "./verifyAuditChain";

export const VerificationStatus = {
  RUNNING: "RUNNING",
  INTACT: "INTACT",
  BROKEN: "BROKEN",
  FAILED: "FAILED",
} as const;
export type VerificationStatus = (typeof VerificationStatus)[keyof typeof VerificationStatus];

/** One verification of the trail as its IG lead reads it: running, or what it found. */
export interface VerificationRun {
  id: string;
  requestedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  status: VerificationStatus;
  fromCheckpoint: number | null;
  checkpointsChecked: number;
  entriesChecked: number;
  chainsChecked: number;
  breaks: ChainBreak[];
}

/**
 * Starts `verifyAuditChain` as a job whose result is kept: a row says it is RUNNING from the start (a
 * national trail takes minutes), then INTACT or BROKEN with the breaks, or FAILED when the run itself
 * could not finish (the database went away). `requestedBy` names who asked (a principal's sub, or the
 * operator's command); the row carries no content of any entry, only positions and counts. Resolves
 * once the row is written, with `finished` for whoever waits for the result (a command does; an IG
 * lead reads the row later). `finished` never rejects: a failure is the run's FAILED status.
 */
export async function startVerificationRun(
  dataSource: DataSource,
  requestedBy: string,
  options: VerifyOptions = {},
  now = () => new Date(),
): Promise<{ run: VerificationRun; finished: Promise<{ run: VerificationRun; verification: AuditVerification | null }> }> {
  const id = randomUUID();
  await dataSource.query(
    `INSERT INTO audit_verification_run (id, requested_by, started_at, status, from_checkpoint, checkpoints_checked) VALUES ($1, $2, $3, 'RUNNING', $4, $5)`,
    [id, requestedBy, now(), options.from?.number ?? null, options.checkpoints?.length ?? 0],
  );
  const [run] = await listVerificationRuns(dataSource, 1, id);
  const finished = (async () => {
    let verification: AuditVerification | null = null;
    try {
      verification = await verifyAuditChain(dataSource, options);
      await dataSource.query(
        `UPDATE audit_verification_run SET status = $2, finished_at = $3, entries_checked = $4, chains_checked = $5, breaks = $6::jsonb WHERE id = $1`,
        [id, verification.intact ? VerificationStatus.INTACT : VerificationStatus.BROKEN, now(), verification.entriesChecked, verification.chainsChecked, JSON.stringify(verification.breaks)],
      );
    } catch {
      await dataSource.query(`UPDATE audit_verification_run SET status = 'FAILED', finished_at = $2 WHERE id = $1`, [id, now()]).catch(() => undefined);
    }
    const [done] = await listVerificationRuns(dataSource, 1, id).catch(() => [{ ...run, status: VerificationStatus.FAILED }]);
    return { run: done, verification };
  })();
  return { run, finished };
}

/** The newest runs first (or the one `id`), for the IG lead. */
export async function listVerificationRuns(dataSource: DataSource, limit: number, id?: string): Promise<VerificationRun[]> {
  const rows = await dataSource.query<
    {
      id: string;
      requested_by: string;
      started_at: Date;
      finished_at: Date | null;
      status: VerificationStatus;
      from_checkpoint: string | null;
      checkpoints_checked: number;
      entries_checked: string;
      chains_checked: number;
      breaks: ChainBreak[];
    }[]
  >(
    `SELECT id, requested_by, started_at, finished_at, status, from_checkpoint, checkpoints_checked, entries_checked, chains_checked, breaks
     FROM audit_verification_run WHERE ($2::uuid IS NULL OR id = $2) ORDER BY started_at DESC, id LIMIT $1`,
    [limit, id ?? null],
  );
  return rows.map((row) => ({
    id: row.id,
    requestedBy: row.requested_by,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status,
    fromCheckpoint: row.from_checkpoint === null ? null : Number(row.from_checkpoint),
    checkpointsChecked: row.checkpoints_checked,
    entriesChecked: Number(row.entries_checked),
    chainsChecked: row.chains_checked,
    breaks: row.breaks,
  }));
}
