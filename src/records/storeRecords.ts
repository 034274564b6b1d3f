import { randomUUID } from "node:crypto";
import canonicalize from "canonicalize";
import { type EntityManager } from "typeorm";
import { ErrorCode, HubError } from "../errors/HubError";
import { LinkMethod, LinkOrigin, LinkState } from "../identity/linkVocabulary";
import { LINK_OUTCOME_OF_BAND, LinkOutcome } from "../identity/LinkOutcome";
import { type ReportedIdentity } from "../identity/ReportedIdentity";
import { holdForSteward, identityFacts, linkRecords, type LinkRequest } from "../identity/linkRecords";
import { disputedSui } from "../identity/disputedSui";
import { holdOnSuiArrival, suiArrivalHolds, type SuiArrivalHold } from "../identity/suiArrival";
import { scoreCandidate } from "../identity/matching/scoreCandidate";
import { shareLinkingLock, takeLinkingLock } from "../identity/linkingLock";
import { type MatchWeights } from "../identity/matching/matchWeights";
import { loadProfiles, rebuildMatchProfiles } from "../identity/matchProfiles";
import { recordLinkChange, supersedeOpenReviews, rejectedCandidates } from "../identity/linkHistory";
import { recordChild } from "../people/recordChild";
import { moveAddressFacts } from "../people/addIdentityFacts";
import { recordAdults } from "../people/recordAdults";
import { AgencyRecord } from "./AgencyRecord";
import { referenceKey, type ReceivedSubmission } from "./prepareSubmission";
import { fieldLabelsOf, storeNewRecords, storeNewRecordsToMatch, type AwaitingMatch } from "./storeNewRecords";
import { SubmitOutcome } from "./SubmitReceipt";
import { linkOutcomeOf, storedSubmissionOf, type StoredSubmission } from "./StoredSubmission";
import { saveRecordDetails } from "./saveRecordDetails";
import { isRestrictedRecord } from "./restrictedRecord";
import { SensitivityLabel } from "./SensitivityLabel";


/**
 * An agency's type is fixed once the hub holds its records (`directory/agencyHoldsRecords`), decided by
 * a retype under a lock on the agency's row. The submissions were checked against the type the
 * directory held when they arrived; their agencies' rows are share-locked here, in the transaction that
 * stores them, and the type read again: a retype that committed meanwhile refuses them (the records
 * would otherwise be read as another type's), and one under way waits for them and then finds them.
 */
async function holdSubmittingAgencies(manager: EntityManager, batch: readonly ReceivedSubmission[]): Promise<void> {
  const rows: { code: string; type: string }[] = await manager.query(
    `SELECT code, type FROM agency WHERE code = ANY($1::varchar[]) ORDER BY code FOR KEY SHARE`,
    [[...new Set(batch.map((item) => item.agency.code))]],
  );
  const typeOf = new Map(rows.map((row) => [row.code, row.type]));
  if (batch.some((item) => typeOf.get(item.agency.code) !== item.agency.type)) {
    throw new HubError(ErrorCode.FORBIDDEN, "The directory's entry for this agency changed its type while the record was being submitted: submit it again.", { path: "record.agencyCode", problem: "AGENCY_TYPE_MISMATCH" });
  }
}

/**
 * Stores a batch of checked submissions in the caller's transaction and links each to its child, and
 * answers what storing each did, in order, as if they had come one by one in that order. Resubmissions
 * of records the hub holds are stored one by one (`storeRecord`); runs of new records between them
 * together (`storeNewRecords`: a few statements for the run, in rounds of one record per SUI), the
 * run's records without an SUI then matched together, in order, in one pass (which lets a later record
 * find a child an earlier one created) and inserted with their links (`storeNewRecordsToMatch`). A
 * batch never holds two submissions of one agency reference (`SubmissionBatcher` keeps the second for
 * the next batch).
 *
 * The hub-wide linking lock is taken first, before any row lock — exclusively when any record may be
 * matched or carries an SUI no child holds yet (it may be held for a steward instead of founding the
 * child: `identity/suiArrival.ts`, which must see every hold and child before deciding), shared when
 * every one carries a known child's SUI — keeping one lock order with stewards' merges, splits
 * and reviews, which take it first too.
 */
export async function storeRecords(manager: EntityManager, batch: readonly ReceivedSubmission[]): Promise<StoredSubmission[]> {
  if (batch.length === 0) return [];
  if (batch.some((item) => item.sui === null) || (await namesNewSui(manager, batch))) await takeLinkingLock(manager);
  else await shareLinkingLock(manager);
  await holdSubmittingAgencies(manager, batch);
  const existing = await lockExistingRecords(manager, batch);
  const stored: (StoredSubmission | AwaitingMatch | null)[] = batch.map(() => null);
  const held = (item: ReceivedSubmission) => existing.get(referenceKey(item.agency.code, item.submission.agencyReference)) ?? null;

  // A resubmission to be matched again, on its own; how it was linked once decided.
  const match = async (index: number) => {
    const entry = stored[index];
    if (!isAwaiting(entry)) return;
    const { weights, now } = batch[index];
    const [result] = await linkRecords(manager, [entry.request], { weights, decidedBy: `linkage/v${weights.version}`, now });
    const record = await manager.getRepository(AgencyRecord).findOneByOrFail({ id: entry.request.recordId });
    stored[index] = storedSubmissionOf(record, entry.outcome, LINK_OUTCOME_OF_BAND[result.band]);
  };

  // A run of new records. Those with an SUI stored together in rounds of one record per SUI — the first
  // record of each SUI, then the second, … — so each sees its child as the records before it left it. A
  // record whose SUI is disputed (`storeNewRecords` leaves it out) is held for a steward before the next
  // round, so no later record of its SUI can change what it is compared with. Then the run's records
  // without one, matched together and stored with their links.
  const storeRun = async (run: readonly number[]) => {
    const rounds: number[][] = [];
    const seen = new Map<string, number>();
    const toMatch: number[] = [];
    for (const index of run) {
      const sui = (batch[index]).sui;
      if (sui === null) {
        toMatch.push(index);
        continue;
      }
      const round = seen.get(sui) ?? 0;
      seen.set(sui, round + 1);
      (rounds[round] ??= []).push(index);
    }
    for (const round of rounds) {
      const together = await storeNewRecords(manager, round.map((index) => batch[index]));
      round.forEach((index, position) => (stored[index] = together[position] ?? null));
      for (const index of round) if (stored[index] === null) stored[index] = await storeRecord(manager, batch[index], null);
    }
    const matched = await storeNewRecordsToMatch(manager, toMatch.map((index) => batch[index]));
    toMatch.forEach((index, position) => (stored[index] = matched[position] ?? null));
  };

  // In arrival order, as if one by one: a resubmission (each its own case: unchanged, kept, relinked,
  // held) ends the run of new records before it, and is stored and matched on its own before anything
  // after it, so no later record sees it half-moved.
  let run: number[] = [];
  for (const [index, item] of batch.entries()) {
    const record = held(item);
    if (record === null) {
      run.push(index);
      continue;
    }
    await storeRun(run);
    run = [];
    stored[index] = await storeRecord(manager, item, record);
    await match(index);
  }
  await storeRun(run);
  return stored.map((entry) => {
    if (entry === null || isAwaiting(entry)) throw new Error("every record of the batch is stored and linked");
    return entry;
  });
}

/** Whether some record of the batch carries an SUI no child holds yet. A child never loses its SUI to nobody, so the answer cannot go stale. */
async function namesNewSui(manager: EntityManager, batch: readonly ReceivedSubmission[]): Promise<boolean> {
  const suis = [...new Set(batch.flatMap((item) => (item.sui === null ? [] : [item.sui])))];
  const [{ known }] = await manager.query<[{ known: number }]>(`SELECT count(*)::int AS known FROM child WHERE sui = ANY($1::text[])`, [suis]);
  return known < suis.length;
}

const isAwaiting = (entry: StoredSubmission | AwaitingMatch | null): entry is AwaitingMatch => entry !== null && "request" in entry;


/** The batch's records the hub already holds, locked for update in one statement (in key order, so two batches lock alike). */
async function lockExistingRecords(manager: EntityManager, batch: readonly ReceivedSubmission[]): Promise<Map<string, AgencyRecord>> {
  const rows = await manager
    .getRepository(AgencyRecord)
    .createQueryBuilder("record")
    .leftJoinAndSelect("record.child", "child")
    .leftJoinAndSelect("record.agency", "agency")
    .where("(record.agency_code, record.agency_reference) IN (SELECT k.code, k.reference FROM unnest(CAST(:codes AS text[]), CAST(:references AS text[])) AS k(code, reference))", {
      codes: batch.map((item) => item.agency.code),
      references: batch.map((item) => item.submission.agencyReference),
    })
    .orderBy("record.agency_code")
    .addOrderBy("record.agency_reference")
    .setLock("pessimistic_write", undefined, ["record"])
    .getMany();
  return new Map(rows.map((record) => [referenceKey(record.agency.code, record.agencyReference), record]));
}

/**
 * One record: stored with its details and adults, and linked by SUI, kept as it was linked, or held for
 * a steward (an SUI naming a child it cannot be, or an SUI no child holds that may be a child's awaiting
 * one); otherwise returned for matching with the batch.
 * Resubmitting the same agency reference updates the record (never duplicates it), and an identical
 * resubmission writes nothing. A data steward's manual link is final: automation never changes it.
 */
async function storeRecord(manager: EntityManager, store: ReceivedSubmission, existing: AgencyRecord | null): Promise<StoredSubmission | AwaitingMatch> {
  const { principal, agency, recordType, sui, identity, submission, contentHash, now } = store;
  const records = manager.getRepository(AgencyRecord);
  if (existing !== null && existing.contentHash === contentHash) return storedSubmissionOf(existing, SubmitOutcome.UNCHANGED, linkOutcomeOf(existing));
  if (existing !== null && existing.recordType !== recordType) {
    throw new HubError(ErrorCode.RECORD_TYPE_MISMATCH, "This agency reference already names a record of another type.", { path: "record.agencyReference" });
  }

  // A new record's id is fixed before anything is written: it is the source of the identity facts it reports.
  const record = existing ?? records.create({ id: randomUUID(), agency, agencyReference: submission.agencyReference, recordType, version: 0, child: null, receivedAt: store.receivedAt });
  const previousChildId = existing?.child?.id ?? null;
  const kept = existing !== null && (await keepsLink(manager, existing, sui, identity, store.weights));
  const decidedBy = `${principal.agency}/${principal.sub}`;
  record.reportedIdentity = identity;
  // A record sealed, brokered or location-withheld, or no longer so, changes what others may be matched on.
  const restrictionChanged = existing !== null && matchingRestrictions(existing.labels) !== matchingRestrictions(submission.labels ?? []);
  record.labels = [...new Set(submission.labels ?? [])];
  record.fieldLabels = fieldLabelsOf(submission);
  record.recordedAt = submission.recordedAt ?? null;
  record.contentHash = contentHash;
  record.version += 1;

  let linkedChildId: string | null = null;
  let identityGrew = false;
  const disputed = !kept && sui !== null ? await disputedSui(manager, sui, identity, store.weights) : null;
  let arrival: SuiArrivalHold | null = null;
  if (!kept && sui !== null && disputed === null) {
    // Its earlier reviews are over (a held record decides afresh), so it never joins a hold of its own.
    if (existing !== null) await supersedeOpenReviews(manager, existing.id, decidedBy, now, "the agency resubmitted the record with an SUI");
    const excludedChildIds = existing === null ? [] : await rejectedCandidates(manager, existing.id);
    [arrival = null] = await suiArrivalHolds(manager, [{ sui, identity, sealed: record.labels.includes(SensitivityLabel.SEALED), excludedChildIds }], store.weights);
  }
  if (disputed !== null || arrival !== null) {
    setLink(record, null, LinkMethod.PROBABILISTIC, LinkState.POSSIBLE, decidedBy, now);
  } else if (!kept && sui !== null) {
    const { child, identityGrew: grew } = await recordChild(manager, sui, submission.child, { agencyCode: agency.code, recordId: record.id, labels: record.labels });
    identityGrew = grew;
    setLink(record, child.id, LinkMethod.SUI, LinkState.LINKED, decidedBy, now);
    record.child = child;
    linkedChildId = child.id;
  } else if (!kept && existing === null) {
    // Matched with the batch, once the record exists; until then it is nobody's.
    setLink(record, null, LinkMethod.PROBABILISTIC, LinkState.POSSIBLE, decidedBy, now);
  }
  const saved = await records.save(record);
  const adults = await recordAdults(manager, { record: saved, reported: submission.relatedAdults ?? [], agencyCode: agency.code, newRecord: existing === null, weights: store.weights, restricted: isRestrictedRecord(saved.labels) });
  await saveRecordDetails(manager, saved, submission, adults.subject);
  const outcome = existing === null ? SubmitOutcome.CREATED : SubmitOutcome.UPDATED;
  if (kept) {
    if (restrictionChanged && saved.child !== null) await rebuildMatchProfiles(manager, [saved.child.id]);
    return storedSubmissionOf(saved, outcome, linkOutcomeOf(saved));
  }

  if (linkedChildId !== null) {
    if (existing !== null) await supersedeOpenReviews(manager, saved.id, decidedBy, now, "the agency resubmitted the record with an SUI");
    if (previousChildId !== linkedChildId) {
      if (existing !== null) {
        await manager.query(`UPDATE child_adult_relationship SET child_id = $2 WHERE source_record_id = $1`, [saved.id, linkedChildId]);
        // The addresses it reported to the child it leaves were never that child's: they go, not follow.
        await moveAddressFacts(manager, [{ recordId: saved.id, childId: linkedChildId, fromChildId: linkedChildId }]);
      }
      await recordLinkChange(manager, { recordId: saved.id, fromChildId: previousChildId, toChildId: linkedChildId, method: LinkMethod.SUI, origin: LinkOrigin.AUTO, decidedBy, now, reason: "the record carries the child's SUI" });
    }
    // Most SUI submissions repeat what the hub knows of the child: only new names or postcodes change its
    // profile, or a date of birth or sex that until now only a sealed or brokered record gave.
    if (identityGrew || restrictionChanged || (!isRestrictedRecord(saved.labels) && (await profileLacksBirthDetails(manager, linkedChildId)))) await rebuildMatchProfiles(manager, [linkedChildId]);
    return storedSubmissionOf(saved, outcome, LinkOutcome.SUI);
  }
  const request: LinkRequest = { recordId: saved.id, agencyCode: agency.code, identity, previousChildId, restricted: isRestrictedRecord(saved.labels), locationWithheld: saved.labels.includes(SensitivityLabel.LOCATION_WITHHELD) };
  const matcher = { weights: store.weights, decidedBy: `linkage/v${store.weights.version}`, now };
  if (disputed !== null) {
    if (existing !== null) await supersedeOpenReviews(manager, saved.id, decidedBy, now, "the agency resubmitted the record: its SUI names a child it does not describe");
    await holdForSteward(manager, request, [disputed], "sui-names-another-child", matcher, { suiDisputed: true });
    return storedSubmissionOf(await records.findOneByOrFail({ id: saved.id }), outcome, LinkOutcome.REVIEW_PENDING);
  }
  if (arrival !== null && sui !== null) {
    await holdOnSuiArrival(manager, request, sui, arrival, matcher);
    return storedSubmissionOf(await records.findOneByOrFail({ id: saved.id }), outcome, LinkOutcome.REVIEW_PENDING);
  }
  if (existing === null) return { request, outcome };
  await supersedeOpenReviews(manager, saved.id, decidedBy, now, "the agency resubmitted the record: matched again");
  return { request: { ...request, excludedChildIds: await rejectedCandidates(manager, saved.id) }, outcome };
}

/** The record labels that decide whether what a record reports is matched on (`identity/matchProfiles.ts`). */
function matchingRestrictions(labels: readonly SensitivityLabel[]): string {
  return [SensitivityLabel.SEALED, SensitivityLabel.BROKERED, SensitivityLabel.LOCATION_WITHHELD].filter((label) => labels.includes(label)).join();
}

/**
 * A resubmission leaves the record's link alone when it is a steward's (final until a steward changes
 * it); when it was made by SUI and the resubmission carries none but still describes that child (the
 * same identity, or one that scores at least the review threshold against the child: an agency that
 * withdraws a wrong NHS number is matched again); or when it was matched and whom the record is about
 * has not changed.
 */
async function keepsLink(manager: EntityManager, existing: AgencyRecord, sui: string | null, identity: ReportedIdentity, weights: MatchWeights): Promise<boolean> {
  if (existing.linkOrigin === LinkOrigin.MANUAL) return true;
  if (sui !== null) return false;
  if (sameIdentity(existing.reportedIdentity, identity)) return existing.linkMethod !== LinkMethod.SUI || existing.child !== null;
  if (existing.linkMethod !== LinkMethod.SUI || existing.child === null) return false;
  const profile = (await loadProfiles(manager, [existing.child.id])).get(existing.child.id);
  return profile !== undefined && scoreCandidate(weights, identityFacts(identity), profile).score >= weights.thresholds.review;
}

async function profileLacksBirthDetails(manager: EntityManager, childId: string): Promise<boolean> {
  const rows = await manager.query<unknown[]>(`SELECT 1 FROM child_match_profile WHERE child_id = $1 AND (date_of_birth IS NULL OR sex = 'NOT_KNOWN')`, [childId]);
  return rows.length > 0;
}

function sameIdentity(a: ReportedIdentity, b: ReportedIdentity): boolean {
  return canonicalize(a) === canonicalize(b);
}

function setLink(record: AgencyRecord, childId: string | null, method: LinkMethod, state: LinkState, decidedBy: string, now: Date): void {
  record.linkMethod = method;
  record.linkState = state;
  record.linkOrigin = LinkOrigin.AUTO;
  record.linkDecidedBy = decidedBy;
  record.linkDecidedAt = now;
  record.linkEvidence = null;
  if (childId === null) record.child = null;
}
