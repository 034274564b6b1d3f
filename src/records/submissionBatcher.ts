import { type DataSource } from "typeorm";
import { loggerOf } from "../db/databaseLogger";
import { isHubError } from "../errors/HubError";
import { describeError, type Logger } from "../logging/logger";
import { arrivalStamp } from "./arrivalStamp";
import { referenceKey, type PreparedSubmission, type ReceivedSubmission } from "./prepareSubmission";
import { storeRecords } from "./storeRecords";
import { type StoredSubmission } from "./StoredSubmission";
import { linkingBatchSize, linkingSeconds, recordsStored } from "../metrics/hubMetrics";

interface Pending {
  item: ReceivedSubmission;
  resolve: (stored: StoredSubmission) => void;
  reject: (error: unknown) => void;
}

/**
 * Enough to amortise a commit and one matching pass over many records, small enough that the linking
 * lock a batch holds is short.
 */
export const MAX_SUBMISSION_BATCH = 100;

/** unique_violation, serialization_failure, deadlock_detected: another writer got there first. */
const RETRIED = new Set(["23505", "40001", "40P01"]);

/**
 * Group commit for submitted records, as the audit trail groups its entries (`audit/auditBatcher.ts`).
 * Submissions that arrive while a batch is being stored wait for the next one, and each batch is one
 * transaction (`storeRecords`): the linking lock, each record stored in arrival order, one matching pass,
 * commit. Every caller's promise settles only after the commit that holds its own record. A batch holds
 * at most one submission of an agency reference and one set of match weights; the next waits.
 *
 * When a batch fails, its records are stored again one by one, so only a record the hub refuses (a
 * record type that does not fit its reference) fails, and its caller alone is told; the fallback is
 * logged (`records.batch_fallback`: the error's class, code or SQLSTATE, never its message), since a
 * batch that always fails would otherwise only show as a slow hub. Storing one record
 * is retried once when another writer raced it to the same child or record: the retry finds the
 * winner's row.
 */
export class SubmissionBatcher {
  private readonly queue: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger = loggerOf(dataSource),
  ) {}

  submit(item: PreparedSubmission): Promise<StoredSubmission> {
    return this.submitAll([item])[0];
  }

  /** Queued together, so that a caller with many records (an import, the demo loader) fills batches. */
  submitAll(items: readonly PreparedSubmission[]): Promise<StoredSubmission>[] {
    // Stamped in the order queued: the order the batch stores them in.
    const promises = items.map((item) => new Promise<StoredSubmission>((resolve, reject) => this.queue.push({ item: { ...item, receivedAt: arrivalStamp() }, resolve, reject })));
    if (!this.flushing) void this.flush();
    return promises;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.nextBatch();
        try {
          const stored = await this.store(batch.map((pending) => pending.item));
          batch.forEach((pending, index) => pending.resolve(stored[index]));
        } catch (error) {
          this.logger.warn("a batch of records failed: storing them one by one", { event: "records.batch_fallback", count: batch.length, ...(isHubError(error) ? { code: error.code } : {}), ...describeError(error) });
          for (const pending of batch) await this.storeAlone(pending.item).then(pending.resolve, pending.reject);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** The longest run from the head of the queue with one submission per agency reference and one set of weights. */
  private nextBatch(): Pending[] {
    const references = new Set<string>();
    const weights = this.queue[0]?.item.weights;
    let size = 0;
    for (const { item } of this.queue) {
      const reference = referenceKey(item.agency.code, item.submission.agencyReference);
      if (size === MAX_SUBMISSION_BATCH || references.has(reference) || item.weights !== weights) break;
      references.add(reference);
      size += 1;
    }
    return this.queue.splice(0, size);
  }

  private async store(items: ReceivedSubmission[]): Promise<StoredSubmission[]> {
    const stored = linkingSeconds.startTimer();
    const records = await this.dataSource.transaction((manager) => storeRecords(manager, items));
    stored();
    linkingBatchSize.observe(items.length);
    for (const record of records) recordsStored.inc({ outcome: record.outcome });
    return records;
  }

  private async storeAlone(item: ReceivedSubmission): Promise<StoredSubmission> {
    try {
      const [stored] = await this.store([item]);
      return stored;
    } catch (error) {
      if (!RETRIED.has((error as { driverError?: { code?: string } }).driverError?.code ?? "")) throw error;
      const [stored] = await this.store([item]);
      return stored;
    }
  }
}

const batchers = new WeakMap<DataSource, SubmissionBatcher>();

export function submissionBatcherFor(dataSource: DataSource): SubmissionBatcher {
  let batcher = batchers.get(dataSource);
  if (batcher === undefined) {
    batcher = new SubmissionBatcher(dataSource);
    batchers.set(dataSource, batcher);
  }
  return batcher;
}
