import { type JSONWebKeySet } from "jose";
import { type Principal } from "../auth/Principal";
import { sharesOneSession } from "../db/database";
import { ErrorCode, HubError } from "../errors/HubError";
import { type AuditCheckpoint } from "./AuditCheckpoint";
import { AuditAction } from "./auditAccess";
import { auditedIgRead } from "./auditedIgRead";
import { AuditOperation } from "./AuditOperation";
import { AuditOutcome } from "./AuditOutcome";
import { type GovernanceServices } from "./governanceAccess";
import { readCheckpointFile } from "./readCheckpointFile";
import { storedCheckpoints } from "./takeAuditCheckpoint";
import { listVerificationRuns, startVerificationRun, type VerificationRun } from "./verificationRuns";
import { IN_HUB_CONCURRENCY, VERIFICATION_ACCESS } from "./verifyAuditTrail";

/** At most this many checkpoints in one export, and runs in one list. */
export const MAX_CHECKPOINTS_EXPORTED = 10_000;
export const MAX_RUNS_LISTED = 100;

const activity = (details: Record<string, unknown>) => ({ action: AuditAction.VERIFY, operation: AuditOperation.AUDIT_VERIFICATION, childSuis: [], details, outcome: AuditOutcome.RECORDED });

/**
 * Starts a verification of the whole trail as a job (`verificationRuns.ts`) and answers at once with
 * its RUNNING row; the IG lead reads the result with `auditVerificationRuns`. It checks against the
 * checkpoints the hub stored, their signatures checked against the hub's published keys — stronger
 * than the chains alone, but someone who can rewrite the trail can also delete stored checkpoints; the
 * check that holds against that is `npm run audit:verify` with the exported file kept elsewhere.
 * `since`: only what follows that stored checkpoint. Audited as AUDIT_VERIFICATION, with the run's id.
 * Answers with the run as it started.
 */
export async function startAuditVerification(services: GovernanceServices, principal: Principal, requestId: string, publishedKeys: JSONWebKeySet, since: number | null, now = new Date()): Promise<VerificationRun> {
  if (since !== null && !(Number.isSafeInteger(since) && since >= 1)) throw new HubError(ErrorCode.INVALID_INPUT, "`since` must be a checkpoint's number, from 1.", { path: "since" });
  return auditedIgRead(
    services,
    principal,
    requestId,
    VERIFICATION_ACCESS,
    activity({ since }),
    async () => {
      const stored = await storedCheckpoints(services.dataSource);
      const checkpoints: AuditCheckpoint[] = stored.length === 0 ? [] : await readCheckpointFile(stored.join("\n"), publishedKeys);
      const from = since === null ? undefined : checkpoints.find((checkpoint) => checkpoint.number === since);
      if (since !== null && from === undefined) throw new HubError(ErrorCode.INVALID_INPUT, `There is no checkpoint ${since} to verify from.`, { path: "since" });
      const job = await startVerificationRun(services.dataSource, principal.sub, { checkpoints, concurrency: IN_HUB_CONCURRENCY, ...(from === undefined ? {} : { from }) });
      // The embedded database serves every connection from one PGlite session, and a job's statements
      // running beside other requests' can interleave with theirs there: it finishes before the answer.
      if (sharesOneSession(services.dataSource)) await job.finished;
      return { result: job.run, childSuis: [], details: { run: job.run.id, checkpointsChecked: checkpoints.length, fromCheckpoint: from?.number ?? null } };
    },
    now,
  );
}

/** The newest verification runs, for the IG lead; audited as AUDIT_VERIFICATION. */
export async function readAuditVerificationRuns(services: GovernanceServices, principal: Principal, requestId: string, first: number, now = new Date()): Promise<VerificationRun[]> {
  if (!Number.isSafeInteger(first) || first < 1 || first > MAX_RUNS_LISTED) throw new HubError(ErrorCode.INVALID_INPUT, `\`first\` must be from 1 to ${MAX_RUNS_LISTED}.`, { path: "first" });
  return auditedIgRead(services, principal, requestId, VERIFICATION_ACCESS, activity({ runsRead: first }), async () => {
    const runs = await listVerificationRuns(services.dataSource, first);
    return { result: runs, childSuis: [], details: { count: runs.length } };
  }, now);
}

/**
 * The hub's signed checkpoints after `after`, oldest first, as compact JWS: what the IG lead keeps
 * outside the database (one a line makes the file `npm run audit:verify` reads). Audited as
 * AUDIT_VERIFICATION with the range exported.
 */
export async function exportAuditCheckpoints(services: GovernanceServices, principal: Principal, requestId: string, after: number, now = new Date()): Promise<string[]> {
  if (!Number.isSafeInteger(after) || after < 0) throw new HubError(ErrorCode.INVALID_INPUT, "`after` must be a checkpoint's number, or 0 for all.", { path: "after" });
  return auditedIgRead(services, principal, requestId, VERIFICATION_ACCESS, activity({ checkpointsAfter: after }), async () => {
    const checkpoints = (await storedCheckpoints(services.dataSource, after)).slice(0, MAX_CHECKPOINTS_EXPORTED);
    return { result: checkpoints, childSuis: [], details: { count: checkpoints.length } };
  }, now);
}
