import { createReadStream } from "node:fs";
import path from "node:path";
import { setImmediate } from "node:timers/promises";
import { type DataSource } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { isHubError } from "../../errors/HubError";
import { type AgencyRecordSubmission } from "../AgencyRecordSubmission";
import { checkSubmissions, storeCheckedSubmissions, type SubmissionResult } from "../submitRecord";
import { assertCheckpointFits, fingerprintFile, readCheckpoint, writeCheckpoint, type ImportCheckpoint, type ImportedFile } from "./ImportCheckpoint";
import { count, emptyTallies, type ImportTallies } from "./ImportTallies";
import { parseRecordLines } from "./parseRecordLines";
import { formatOfFile, type RecordFileFormat } from "./RecordFileFormat";
import { type LineError } from "./RecordLine";

export const DEFAULT_CHECKPOINT_EVERY = 100;
/** Lines read between turns of the event loop. */
const LINES_PER_TURN = 10;

export interface ImportOptions {
  dataSource: DataSource;
  /** The agency system the records are submitted as (`importPrincipal`). */
  principal: Principal;
  filePath: string;
  checkpointPath: string;
  /** Otherwise from the file's extension. */
  format?: RecordFileFormat;
  /** Ignore any checkpoint and import from the first line. */
  restart?: boolean;
  /** Submit this many records together, and write the checkpoint after each such batch. */
  batchSize?: number;
  /** When aborted, the import submits nothing more (the batch being stored is finished and tallied), writes its checkpoint and returns. */
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  onRejected?: (rejection: Rejection) => void;
}

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  lastLine: number;
  tallies: ImportTallies;
}

/** A refused record, as it may be shown: its line, its agency reference if it had one, and why. */
export interface Rejection {
  line: number;
  agencyReference?: string;
  error: LineError;
}

export const ImportState = {
  /** Every line has been read. */
  COMPLETE: "COMPLETE",
  /** Stopped on request: the next run resumes after `lastLine`. */
  STOPPED: "STOPPED",
  /** An earlier run had already completed this file: nothing was submitted. */
  ALREADY_COMPLETE: "ALREADY_COMPLETE",
} as const;
export type ImportState = (typeof ImportState)[keyof typeof ImportState];

export interface ImportSummary {
  state: ImportState;
  /** Across every run of this import, from its checkpoint. */
  tallies: ImportTallies;
  /** The line an earlier run had reached, when this run resumed after it. */
  resumedAfterLine: number | null;
  lastLine: number;
  /** Records read by this run alone, for its rate. */
  readThisRun: number;
  elapsedMs: number;
}

/**
 * Submits every record of an agency's file as `submitRecords` does (`checkSubmissions`, then
 * `storeCheckedSubmissions`), `batchSize` lines at a time, as the agency's own system would (the same
 * checks, the same batched write path as the API), counting outcomes and refusals. Resumable: the checkpoint is written after every batch and whenever the import stops,
 * and a later run of the same file resumes after the last line it records. A crash between a submission and the next checkpoint only means those
 * records are submitted again, which the hub answers UNCHANGED without writing anything.
 *
 * A refused record (a malformed line, or a HubError from the hub) is counted and the import goes on;
 * any other error (the database gone) stops it, after writing the checkpoint, and is thrown.
 */
export async function importRecords(options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const { dataSource, principal, filePath, checkpointPath, signal } = options;
  const format = formatOfFile(filePath, options.format);
  const file = await fingerprintFile(filePath);
  const previous = options.restart === true ? null : await readCheckpoint(checkpointPath);
  if (previous !== null) assertCheckpointFits(previous, checkpointPath, file, principal.agency);
  const elapsed = () => performance.now() - started;
  if (previous?.complete === true) {
    return { state: ImportState.ALREADY_COMPLETE, tallies: previous.tallies, resumedAfterLine: previous.lastLine, lastLine: previous.lastLine, readThisRun: 0, elapsedMs: elapsed() };
  }

  const tallies = previous?.tallies ?? emptyTallies();
  const resumedAfterLine = previous?.lastLine ?? null;
  const checkpointEvery = Math.max(1, options.batchSize ?? DEFAULT_CHECKPOINT_EVERY);
  let lastLine = resumedAfterLine ?? 0;
  let readThisRun = 0;
  let stopped = false;
  const save = (complete: boolean) => writeCheckpoint(checkpointPath, checkpointOf(file, filePath, principal.agency, lastLine, complete, tallies));
  const reject = (rejection: Rejection) => {
    count(tallies.rejected, rejection.error.code);
    options.onRejected?.(rejection);
  };

  // Lines are read a batch at a time and submitted together (`submitRecords`: stored in full batches,
  // each record's receipt or refusal answered in order), then tallied in line order. While one batch is
  // stored, the next is read and checked (`checkSubmissions`: parsing and the checks need nothing the
  // store writes), and the checkpoint of the one before is written: a batch is queued only once the
  // batch before it is tallied and the import was not stopped meanwhile, so the batches, and what each
  // record is matched against, are those of one batch at a time.
  type Line = { line: number; error: LineError } | { line: number; submission: AgencyRecordSubmission };
  const tally = (lines: readonly Line[], results: readonly SubmissionResult[]) => {
    let next = 0;
    for (const entry of lines) {
      if ("error" in entry) {
        reject(entry);
      } else {
        const result = results[next++];
        if (result.stored) {
          count(tallies.outcomes, result.receipt.outcome);
          count(tallies.links, result.link.outcome);
        } else {
          const error = result.error;
          if (!isHubError(error)) throw error;
          const path = typeof error.details.path === "string" ? error.details.path : undefined;
          reject({ line: entry.line, agencyReference: entry.submission.agencyReference, error: { code: error.code, message: error.message, ...(path === undefined ? {} : { path }) } });
        }
      }
      // Counted read only once dealt with, so a record that stopped the import is read again, and once, on resume.
      tallies.read += 1;
      lastLine = entry.line;
      readThisRun += 1;
      options.onProgress?.({ bytesRead: input.bytesRead, totalBytes: file.size, lastLine, tallies });
    }
  };
  // The batch being stored and tallied, and the checkpoint being written after it (one at a time, in order).
  let storing: Promise<void> = Promise.resolve();
  let saving: Promise<void> = Promise.resolve();
  let pending: Line[] = [];
  const submitPending = async () => {
    const lines = pending;
    pending = [];
    const checked = checkSubmissions(dataSource, lines.flatMap((entry) => ("submission" in entry ? [{ principal, submission: entry.submission }] : [])));
    await storing;
    if (signal?.aborted === true) {
      // Stopped while the batch before was stored: these lines are read again on resume.
      stopped = true;
      await checked;
      return;
    }
    const results = storeCheckedSubmissions(dataSource, await checked);
    storing = (async () => {
      tally(lines, await results);
      const written = saving;
      const checkpoint = checkpointOf(file, filePath, principal.agency, lastLine, false, structuredClone(tallies));
      saving = written.then(() => writeCheckpoint(checkpointPath, checkpoint));
      await written;
    })();
    // Handled where it is awaited: the next batch, the end of the file, or the catch below.
    storing.catch(() => undefined);
    saving.catch(() => undefined);
  };

  const input = createReadStream(filePath);
  try {
    for await (const record of parseRecordLines(input, { format, agencyCode: principal.agency, afterLine: lastLine })) {
      if (signal?.aborted === true) {
        stopped = true;
        break;
      }
      pending.push(record);
      // A turn of the event loop now and then: the batch being stored meanwhile waits on its answers.
      if (pending.length % LINES_PER_TURN === 0) await setImmediate();
      if (pending.length === checkpointEvery) await submitPending();
      if (stopped) break;
    }
    // Stopped on request, the lines read but not yet submitted are read again on resume.
    if (!stopped && pending.length > 0) await submitPending();
    await storing;
    await saving;
  } catch (error) {
    // Keep what was done, so the next run resumes; if even that fails, the older checkpoint still holds.
    if (readThisRun > 0) {
      await storing.catch(() => undefined);
      await saving.catch(() => undefined);
      await save(false).catch(() => undefined);
    }
    throw error;
  } finally {
    input.destroy();
  }
  await save(!stopped);
  return { state: stopped ? ImportState.STOPPED : ImportState.COMPLETE, tallies, resumedAfterLine, lastLine, readThisRun, elapsedMs: elapsed() };
}

function checkpointOf(file: ImportedFile, filePath: string, agencyCode: string, lastLine: number, complete: boolean, tallies: ImportTallies): ImportCheckpoint {
  return { version: 1, file: { ...file, name: path.basename(filePath) }, agencyCode, lastLine, complete, tallies, updatedAt: new Date().toISOString() };
}
