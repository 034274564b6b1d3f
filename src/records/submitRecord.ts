import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { type DataSource, type EntityManager } from "typeorm";
import { ErrorCode, HubError } from "../errors/HubError";
import { type Principal } from "../auth/Principal";
import { Agency } from "../directory/Agency";
import { parseSui } from "../identity/nhsNumber";
import { LinkMethod, LinkOrigin, LinkState } from "../identity/linkVocabulary";
import { recordChild } from "../people/recordChild";
import { recordAdults } from "../people/recordAdults";
import { AgencyRecord, type FieldLabels } from "./AgencyRecord";
import { type AgencyRecordSubmission } from "./AgencyRecordSubmission";
import { RECORD_TYPE_OF_AGENCY, type RecordType } from "./RecordType";
import { SubmitOutcome, type SubmitReceipt } from "./SubmitReceipt";
import { maySubmitFor } from "./submissionPolicy";
import { validateSubmission } from "./validateSubmission";
import { saveRecordDetails } from "./saveRecordDetails";

const UNIQUE_VIOLATION = "23505";

/**
 * An agency system pushes one record; the hub validates it, links it to the child by SUI and stores
 * the index entry, its details and the adults it names. Resubmitting the same agency reference updates
 * the record (never duplicates it), and an identical resubmission writes nothing.
 */
export async function submitRecord(dataSource: DataSource, principal: Principal, submission: AgencyRecordSubmission, now = new Date()): Promise<SubmitReceipt> {
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
  if (submission.child.sui === undefined || submission.child.sui === null || submission.child.sui.trim() === "") {
    throw new HubError(ErrorCode.SUI_REQUIRED, "Records must carry the child's SUI (NHS number): the hub does not yet link records without one.", { path: "record.child.sui" });
  }
  const sui = parseSui(submission.child.sui, "record.child.sui");
  validateSubmission(submission, recordType, now.toISOString().slice(0, 10));

  const contentHash = hashSubmission({ ...submission, child: { ...submission.child, sui } });
  const attempt = () => dataSource.transaction((manager) => storeRecord(manager, principal, agency, recordType, sui, submission, contentHash, now));
  try {
    return await attempt();
  } catch (error) {
    // Two submissions racing to create the same child or record: the loser retries and finds the winner's row.
    if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) return attempt();
    throw error;
  }
}

function hashSubmission(submission: AgencyRecordSubmission): string {
  return createHash("sha256").update(canonicalize(submission) ?? "").digest("hex");
}

async function storeRecord(
  manager: EntityManager,
  principal: Principal,
  agency: Agency,
  recordType: RecordType,
  sui: string,
  submission: AgencyRecordSubmission,
  contentHash: string,
  now: Date,
): Promise<SubmitReceipt> {
  const records = manager.getRepository(AgencyRecord);
  const existing = await records
    .createQueryBuilder("record")
    .leftJoinAndSelect("record.child", "child")
    .where("record.agency_code = :agency AND record.agency_reference = :reference", { agency: agency.code, reference: submission.agencyReference })
    .setLock("pessimistic_write", undefined, ["record"])
    .getOne();

  if (existing !== null && existing.contentHash === contentHash) return receipt(existing, SubmitOutcome.UNCHANGED);

  const child = await recordChild(manager, sui, submission.child, agency.code, now);
  const record = existing ?? records.create({ agency, agencyReference: submission.agencyReference, recordType, version: 0 });
  if (existing !== null && existing.recordType !== recordType) {
    throw new HubError(ErrorCode.RECORD_TYPE_MISMATCH, "This agency reference already names a record of another type.", { path: "record.agencyReference" });
  }
  // A steward's manual link is final until a steward changes it (design §8): automation keeps its hands off.
  if (existing === null || existing.linkOrigin !== LinkOrigin.MANUAL) {
    record.child = child;
    record.linkMethod = LinkMethod.SUI;
    record.linkState = LinkState.LINKED;
    record.linkOrigin = LinkOrigin.AUTO;
    record.linkDecidedBy = `${principal.agency}/${principal.sub}`;
    record.linkDecidedAt = now;
  }
  record.labels = [...new Set(submission.labels ?? [])];
  record.fieldLabels = fieldLabelsOf(submission);
  record.recordedAt = submission.recordedAt ?? null;
  record.contentHash = contentHash;
  record.version += 1;
  const saved = await records.save(record);

  const adults = await recordAdults(manager, saved, submission.relatedAdults ?? [], agency.code);
  await saveRecordDetails(manager, saved, submission, adults.subject);
  return receipt(saved, existing === null ? SubmitOutcome.CREATED : SubmitOutcome.UPDATED);
}

function fieldLabelsOf(submission: AgencyRecordSubmission): FieldLabels {
  const labels: FieldLabels = {};
  for (const { field, labels: added } of submission.fieldLabels ?? []) {
    labels[field] = [...new Set([...(labels[field] ?? []), ...added])];
  }
  return labels;
}

function receipt(record: AgencyRecord, outcome: SubmitOutcome): SubmitReceipt {
  return {
    recordId: record.id,
    agencyReference: record.agencyReference,
    recordType: record.recordType,
    outcome,
    version: record.version,
    link: { method: record.linkMethod, state: record.linkState, origin: record.linkOrigin },
    receivedAt: record.receivedAt,
  };
}
