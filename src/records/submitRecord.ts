import { createHash, randomUUID } from "node:crypto";
import canonicalize from "canonicalize";
import { type DataSource, type EntityManager } from "typeorm";
import { ErrorCode, HubError } from "../errors/HubError";
import { type Principal } from "../auth/Principal";
import { Agency } from "../directory/Agency";
import { parseSui } from "../identity/nhsNumber";
import { LinkMethod, LinkOrigin, LinkState } from "../identity/linkVocabulary";
import { LinkOutcome } from "../identity/LinkOutcome";
import { type ReportedIdentity } from "../identity/ReportedIdentity";
import { holdForSteward, identityFacts, linkRecords } from "../identity/linkRecords";
import { disputedSui } from "../identity/disputedSui";
import { scoreCandidate } from "../identity/matching/scoreCandidate";
import { shareLinkingLock, takeLinkingLock } from "../identity/linkingLock";
import { LinkBand } from "../identity/matching/decideLink";
import { defaultMatchWeights } from "../identity/matching/defaultMatchWeights";
import { type MatchWeights } from "../identity/matching/matchWeights";
import { loadProfiles, rebuildMatchProfiles } from "../identity/matchProfiles";
import { recordLinkChange, supersedeOpenReviews, rejectedCandidates } from "../identity/linkHistory";
import { normalisePostcode } from "../people/postcode";
import { recordChild } from "../people/recordChild";
import { moveAddressFacts } from "../people/addIdentityFacts";
import { recordAdults } from "../people/recordAdults";
import { AgencyRecord, type FieldLabels } from "./AgencyRecord";
import { type AgencyRecordSubmission } from "./AgencyRecordSubmission";
import { RECORD_TYPE_OF_AGENCY, type RecordType } from "./RecordType";
import { SubmitOutcome, type SubmitReceipt } from "./SubmitReceipt";
import { maySubmitFor } from "./submissionPolicy";
import { validateSubmission } from "./validateSubmission";
import { londonDay } from "../policy/involvementLapse";
import { saveRecordDetails } from "./saveRecordDetails";
import { isRestrictedRecord } from "./restrictedRecord";
import { SensitivityLabel } from "./SensitivityLabel";

/** unique_violation, serialization_failure, deadlock_detected. */
const RETRIED = new Set(["23505", "40001", "40P01"]);

/**
 * An agency system pushes one record; the hub validates it, stores the index entry, its details and the
 * adults it names, and links it to its child: by SUI when it carries one, otherwise probabilistically
 * (`identity/linkRecords.ts`: auto-link, link review or new child). Resubmitting the same agency
 * reference updates the record (never duplicates it), and an identical resubmission writes nothing. A
 * data steward's manual link is final: automation never changes it.
 */
export async function submitRecord(
  dataSource: DataSource,
  principal: Principal,
  submission: AgencyRecordSubmission,
  now = new Date(),
  weights: MatchWeights = defaultMatchWeights(),
): Promise<SubmitReceipt> {
  if (!maySubmitFor(principal, submission.agencyCode)) {
    throw new HubError(ErrorCode.FORBIDDEN, "Only an agency system (role AGENCY_SYSTEM) may submit records, and only its own agency's.", { path: "record.agencyCode" });
  }
  const agency = await dataSource.getRepository(Agency).findOneBy({ code: submission.agencyCode, active: true });
  if (agency === null) {
    throw new HubError(ErrorCode.UNKNOWN_AGENCY, "The agency is not in the hub's directory, or is no longer active: ask the hub's administrators to add it.", { path: "record.agencyCode" });
  }
  if (agency.type !== principal.agencyType) {
    throw new HubError(ErrorCode.FORBIDDEN, "The token's agency_type does not match the directory's entry for this agency.", { path: "record.agencyCode" });
  }
  const recordType = RECORD_TYPE_OF_AGENCY[agency.type];
  const given = submission.child.sui?.trim() ?? "";
  const sui = given === "" ? null : parseSui(given, "record.child.sui");
  validateSubmission(submission, recordType, londonDay(now), now);

  const identity = reportedIdentityOf(submission);
  const contentHash = hashSubmission({ ...submission, child: { ...submission.child, sui } });
  const store: StoreContext = { principal, agency, recordType, sui, identity, submission, contentHash, now, weights };
  const attempt = () => dataSource.transaction((manager) => storeRecord(manager, store));
  try {
    return await attempt();
  } catch (error) {
    // Two submissions racing to create the same child or record: the loser retries and finds the winner's
    // row. A deadlock or serialisation failure (another writer got there first) is retried once too.
    if (RETRIED.has((error as { driverError?: { code?: string } }).driverError?.code ?? "")) return attempt();
    throw error;
  }
}

/** The record labels that decide whether what a record reports is matched on (`identity/matchProfiles.ts`). */
function matchingRestrictions(labels: readonly SensitivityLabel[]): string {
  return [SensitivityLabel.SEALED, SensitivityLabel.BROKERED, SensitivityLabel.LOCATION_WITHHELD].filter((label) => labels.includes(label)).join();
}

function hashSubmission(submission: AgencyRecordSubmission): string {
  return createHash("sha256").update(canonicalize(submission) ?? "").digest("hex");
}

function reportedIdentityOf(submission: AgencyRecordSubmission): ReportedIdentity {
  const child = submission.child;
  const postcode = child.address?.postcode ? normalisePostcode(child.address.postcode) : null;
  return {
    givenNames: child.givenNames,
    familyName: child.familyName,
    dateOfBirth: child.dateOfBirth ?? null,
    expectedDateOfBirth: child.expectedDateOfBirth ?? null,
    sex: child.sex,
    postcode,
    address: child.address ?? null,
  };
}

interface StoreContext {
  principal: Principal;
  agency: Agency;
  recordType: RecordType;
  sui: string | null;
  identity: ReportedIdentity;
  submission: AgencyRecordSubmission;
  contentHash: string;
  now: Date;
  weights: MatchWeights;
}

async function storeRecord(manager: EntityManager, store: StoreContext): Promise<SubmitReceipt> {
  const { principal, agency, recordType, sui, identity, submission, contentHash, now } = store;
  // Matching takes the hub-wide linking lock; taking it before any row lock keeps one lock order with
  // stewards' merges, splits and reviews, which take it first too.
  if (sui === null) await takeLinkingLock(manager);
  else await shareLinkingLock(manager);
  const records = manager.getRepository(AgencyRecord);
  const existing = await records
    .createQueryBuilder("record")
    .leftJoinAndSelect("record.child", "child")
    .where("record.agency_code = :agency AND record.agency_reference = :reference", { agency: agency.code, reference: submission.agencyReference })
    .setLock("pessimistic_write", undefined, ["record"])
    .getOne();

  if (existing !== null && existing.contentHash === contentHash) return receipt(existing, SubmitOutcome.UNCHANGED, outcomeOf(existing));
  if (existing !== null && existing.recordType !== recordType) {
    throw new HubError(ErrorCode.RECORD_TYPE_MISMATCH, "This agency reference already names a record of another type.", { path: "record.agencyReference" });
  }

  // A new record's id is fixed before anything is written: it is the source of the identity facts it reports.
  const record = existing ?? records.create({ id: randomUUID(), agency, agencyReference: submission.agencyReference, recordType, version: 0, child: null });
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
  if (disputed !== null) {
    setLink(record, null, LinkMethod.PROBABILISTIC, LinkState.POSSIBLE, decidedBy, now);
  } else if (!kept && sui !== null) {
    const { child, identityGrew: grew } = await recordChild(manager, sui, submission.child, { agencyCode: agency.code, recordId: record.id });
    identityGrew = grew;
    setLink(record, child.id, LinkMethod.SUI, LinkState.LINKED, decidedBy, now);
    record.child = child;
    linkedChildId = child.id;
  } else if (!kept && existing === null) {
    // Matched below, once the record exists; until then it is nobody's.
    setLink(record, null, LinkMethod.PROBABILISTIC, LinkState.POSSIBLE, decidedBy, now);
  }
  const saved = await records.save(record);
  const adults = await recordAdults(manager, saved, submission.relatedAdults ?? [], agency.code);
  await saveRecordDetails(manager, saved, submission, adults.subject);
  const outcome = existing === null ? SubmitOutcome.CREATED : SubmitOutcome.UPDATED;
  if (kept) {
    if (restrictionChanged && saved.child !== null) await rebuildMatchProfiles(manager, [saved.child.id]);
    return receipt(saved, outcome, outcomeOf(saved));
  }

  if (linkedChildId !== null) {
    await supersedeOpenReviews(manager, saved.id, decidedBy, now, "the agency resubmitted the record with an SUI");
    if (previousChildId !== linkedChildId) {
      await manager.query(`UPDATE child_adult_relationship SET child_id = $2 WHERE source_record_id = $1`, [saved.id, linkedChildId]);
      // The addresses it reported to the child it leaves were never that child's: they go, not follow.
      await moveAddressFacts(manager, [{ recordId: saved.id, childId: linkedChildId, fromChildId: linkedChildId }]);
      await recordLinkChange(manager, { recordId: saved.id, fromChildId: previousChildId, toChildId: linkedChildId, method: LinkMethod.SUI, origin: LinkOrigin.AUTO, decidedBy, now, reason: "the record carries the child's SUI" });
    }
    // Most SUI submissions repeat what the hub knows of the child: only new names or postcodes change its
    // profile, or a date of birth or sex that until now only a sealed or brokered record gave.
    if (identityGrew || restrictionChanged || (!isRestrictedRecord(saved.labels) && (await profileLacksBirthDetails(manager, linkedChildId)))) await rebuildMatchProfiles(manager, [linkedChildId]);
    return receipt(saved, outcome, LinkOutcome.SUI);
  }
  const request = { recordId: saved.id, agencyCode: agency.code, identity, previousChildId, restricted: isRestrictedRecord(saved.labels) };
  if (disputed !== null) {
    await supersedeOpenReviews(manager, saved.id, decidedBy, now, "the agency resubmitted the record: its SUI names a child it does not describe");
    await holdForSteward(manager, request, disputed, "sui-names-another-child", { weights: store.weights, decidedBy: `linkage/v${store.weights.version}`, now });
    return receipt(await records.findOneByOrFail({ id: saved.id }), outcome, LinkOutcome.REVIEW_PENDING);
  }
  await supersedeOpenReviews(manager, saved.id, decidedBy, now, "the agency resubmitted the record: matched again");
  const [result] = await linkRecords(
    manager,
    [{ ...request, excludedChildIds: await rejectedCandidates(manager, saved.id) }],
    { weights: store.weights, decidedBy: `linkage/v${store.weights.version}`, now },
  );
  const linked = await records.findOneByOrFail({ id: saved.id });
  const band = result?.band ?? LinkBand.REVIEW;
  return receipt(linked, outcome, band === LinkBand.AUTO_LINK ? LinkOutcome.MATCHED : band === LinkBand.NEW_CHILD ? LinkOutcome.NEW_CHILD : LinkOutcome.REVIEW_PENDING);
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

/**
 * The link outcome a record's stored link stands for, as its first receipt gave it: a record the
 * matcher linked to a child it created for it has no evidence (nobody was compared), one it matched has.
 */
function outcomeOf(record: AgencyRecord): LinkOutcome {
  if (record.linkOrigin === LinkOrigin.MANUAL) return LinkOutcome.MANUAL;
  if (record.linkMethod === LinkMethod.SUI) return LinkOutcome.SUI;
  if (record.linkState !== LinkState.LINKED) return LinkOutcome.REVIEW_PENDING;
  return record.linkEvidence === null ? LinkOutcome.NEW_CHILD : LinkOutcome.MATCHED;
}

function fieldLabelsOf(submission: AgencyRecordSubmission): FieldLabels {
  const labels: FieldLabels = {};
  for (const { field, labels: added } of submission.fieldLabels ?? []) {
    labels[field] = [...new Set([...(labels[field] ?? []), ...added])];
  }
  return labels;
}

function receipt(record: AgencyRecord, outcome: SubmitOutcome, linkOutcome: LinkOutcome): SubmitReceipt {
  return {
    recordId: record.id,
    agencyReference: record.agencyReference,
    recordType: record.recordType,
    outcome,
    version: record.version,
    link: { method: record.linkMethod, state: record.linkState, origin: record.linkOrigin, outcome: linkOutcome },
    receivedAt: record.receivedAt,
  };
}
