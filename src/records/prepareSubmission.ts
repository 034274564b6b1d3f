import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { Agency } from "../directory/Agency";
import { ErrorCode, HubError } from "../errors/HubError";
import { parseSui } from "../identity/nhsNumber";
import { type ReportedIdentity } from "../identity/ReportedIdentity";
import { type MatchWeights } from "../identity/matching/matchWeights";
import { normalisePostcode } from "../people/postcode";
import { londonDay } from "../policy/involvementLapse";
import { type AgencyRecordSubmission } from "./AgencyRecordSubmission";
import { RECORD_TYPE_OF_AGENCY, type RecordType } from "./RecordType";
import { maySubmitFor } from "./submissionPolicy";
import { validateSubmission } from "./validateSubmission";

/** A submission the hub has checked and will store: everything `storeRecords` needs, decided before any transaction. */
export interface PreparedSubmission {
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

/** A checked submission in the order the hub received it: `receivedAt` from `arrivalStamp`, given as it is queued. */
export interface ReceivedSubmission extends PreparedSubmission {
  receivedAt: Date;
}

/** One agency's reference, as a key: a batch holds one submission of it (`SubmissionBatcher`, `storeRecords`). */
export function referenceKey(agencyCode: string, agencyReference: string): string {
  return `${agencyCode}\u0000${agencyReference}`;
}

/** Finds a directory entry by code. */
export type AgencyLookup = (code: string) => Promise<Agency | null>;

const readsUnderWay = new WeakMap<DataSource, Map<string, Promise<Agency | null>>>();

/**
 * The active directory entry of a code. Submissions checked at the same moment share one read: a caller
 * asking for a code while a read of it is under way gets that read's answer, as if it had asked a moment
 * earlier (concurrent agency systems would otherwise read the same row once per record). No answer is
 * kept once given, so a directory change is seen by every check that starts reading after it commits.
 */
export const lookUpAgency = (dataSource: DataSource): AgencyLookup => (code) => {
  let reads = readsUnderWay.get(dataSource);
  if (reads === undefined) {
    reads = new Map();
    readsUnderWay.set(dataSource, reads);
  }
  const underWay = reads.get(code);
  if (underWay !== undefined) return underWay;
  const read = dataSource.getRepository(Agency).findOneBy({ code, active: true }).finally(() => reads.delete(code));
  reads.set(code, read);
  return read;
};

/**
 * Everything about a submission that can be refused without touching what the hub holds: who may
 * submit for which agency, that the agency is in the directory and active and of the token's type, the
 * SUI's check digit, and the content's shape. Each refusal has its stable code and the input path.
 */
export async function prepareSubmission(agencyOf: AgencyLookup, principal: Principal, submission: AgencyRecordSubmission, now: Date, weights: MatchWeights): Promise<PreparedSubmission> {
  if (!maySubmitFor(principal, submission.agencyCode)) {
    throw new HubError(ErrorCode.FORBIDDEN, "Only an agency system (role AGENCY_SYSTEM) may submit records, and only its own agency's.", { path: "record.agencyCode" });
  }
  const agency = await agencyOf(submission.agencyCode);
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
  const contentHash = hashSubmission({ ...submission, child: { ...submission.child, sui } });
  return { principal, agency, recordType, sui, identity: reportedIdentityOf(submission), submission, contentHash, now, weights };
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
