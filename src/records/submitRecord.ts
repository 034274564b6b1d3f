import { setImmediate } from "node:timers/promises";
import { type DataSource } from "typeorm";
import { type Agency } from "../directory/Agency";
import { type Principal } from "../auth/Principal";
import { defaultMatchWeights } from "../identity/matching/defaultMatchWeights";
import { type MatchWeights } from "../identity/matching/matchWeights";
import { type AgencyRecordSubmission } from "./AgencyRecordSubmission";
import { lookUpAgency, prepareSubmission, type AgencyLookup, type PreparedSubmission } from "./prepareSubmission";
import { submissionBatcherFor } from "./submissionBatcher";
import { type StoredLink } from "./StoredSubmission";
import { receiptOf, type SubmitReceipt } from "./SubmitReceipt";

/**
 * An agency system pushes one record; the hub validates it, stores the index entry, its details and the
 * adults it names, and links it to its child: by SUI when it carries one, otherwise probabilistically
 * (`identity/linkRecords.ts`: auto-link, link review or new child). Resubmitting the same agency
 * reference updates the record (never duplicates it), and an identical resubmission writes nothing. A
 * data steward's manual link is final: automation never changes it.
 *
 * Stored with whatever other submissions arrive meanwhile, in one transaction (`SubmissionBatcher`);
 * the receipt comes once the transaction that holds this record has committed. It says the same
 * however the record was linked (`SubmitReceipt`): the submitter chose the details it was linked by.
 */
export async function submitRecord(
  dataSource: DataSource,
  principal: Principal,
  submission: AgencyRecordSubmission,
  now = new Date(),
  weights: MatchWeights = defaultMatchWeights(),
): Promise<SubmitReceipt> {
  const prepared = await prepareSubmission(lookUpAgency(dataSource), principal, submission, now, weights);
  return receiptOf(await submissionBatcherFor(dataSource).submit(prepared), prepared.sui !== null);
}

/** One submission of several, and the caller it is submitted as. */
export interface SubmissionItem {
  principal: Principal;
  submission: AgencyRecordSubmission;
}

/**
 * A submission's receipt, or its refusal. `link` is how the hub linked the record, which its receipt
 * does not say: for the hub's own tools on its own machine (an import's summary for its operator),
 * never to be passed on to the submitting agency.
 */
export type SubmissionResult = { stored: true; receipt: SubmitReceipt; link: StoredLink } | { stored: false; error: unknown };

/** A submission checked as `submitRecord` checks it: ready to store, or refused with why. */
export type CheckedSubmission = { item: PreparedSubmission } | { error: unknown };

/**
 * Many records at once (an import, the demo loader): each checked as `submitRecord` checks it, then all
 * queued together so they are stored in full batches. Answers each one's receipt or error, in order;
 * one record refused never fails another.
 */
export async function submitRecords(dataSource: DataSource, items: readonly SubmissionItem[], now = new Date(), weights: MatchWeights = defaultMatchWeights()): Promise<SubmissionResult[]> {
  return storeCheckedSubmissions(dataSource, await checkSubmissions(dataSource, items, now, weights));
}

/** How many submissions are checked between turns of the event loop (`checkSubmissions`). */
const CHECKS_PER_TURN = 10;

/**
 * The checks of `submitRecords`, before anything is stored: nothing here reads or writes what the hub
 * holds of children, so an import checks its next lines while the batch before them is being stored.
 * Checked together: the directory is read once per agency code. A few at a time, giving the event loop
 * a turn in between, so the answers of a batch being stored meanwhile are not kept waiting.
 */
export async function checkSubmissions(dataSource: DataSource, items: readonly SubmissionItem[], now = new Date(), weights: MatchWeights = defaultMatchWeights()): Promise<CheckedSubmission[]> {
  const lookUp = lookUpAgency(dataSource);
  const reads = new Map<string, Promise<Agency | null>>();
  const agencyOf: AgencyLookup = (code) => {
    const read = reads.get(code) ?? lookUp(code);
    reads.set(code, read);
    return read;
  };
  const checked: CheckedSubmission[] = [];
  for (const [index, { principal, submission }] of items.entries()) {
    if (index > 0 && index % CHECKS_PER_TURN === 0) await setImmediate();
    checked.push(await prepareSubmission(agencyOf, principal, submission, now, weights).then((item) => ({ item }), (error: unknown) => ({ error })));
  }
  return checked;
}

/** Queues the checked submissions together, in order, and answers each one's receipt, or its refusal. */
export async function storeCheckedSubmissions(dataSource: DataSource, checked: readonly CheckedSubmission[]): Promise<SubmissionResult[]> {
  const accepted = checked.flatMap((entry) => ("item" in entry ? [entry.item] : []));
  const stored = submissionBatcherFor(dataSource).submitAll(accepted);
  let next = 0;
  const settled = checked.map(async (entry): Promise<SubmissionResult> => {
    if ("error" in entry) return { stored: false, error: entry.error };
    const submitted = stored[next++];
    try {
      const record = await submitted;
      return { stored: true, receipt: receiptOf(record, entry.item.sui !== null), link: record.link };
    } catch (error) {
      return { stored: false, error };
    }
  });
  return Promise.all(settled);
}
