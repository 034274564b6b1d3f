import { LinkOutcome } from "../identity/LinkOutcome";
import { LinkMethod, LinkOrigin, LinkState } from "../identity/linkVocabulary";
import { type RecordType } from "./RecordType";
import { type AgencyRecord } from "./AgencyRecord";
import { type SubmitOutcome } from "./SubmitReceipt";

/** How the hub linked a stored record: its link as stored, and how it came to be so. */
export interface StoredLink {
  method: LinkMethod;
  state: LinkState;
  origin: LinkOrigin;
  outcome: LinkOutcome;
}

/**
 * What storing one submission did, as the hub knows it: the record, and how it was linked to its child
 * (matched, held for a data steward, a new child, …). The hub's own business: the submitting agency is
 * told its `SubmitReceipt`, which says none of it (`SubmitReceipt.ts`).
 */
export interface StoredSubmission {
  recordId: string;
  agencyReference: string;
  recordType: RecordType;
  outcome: SubmitOutcome;
  version: number;
  link: StoredLink;
  receivedAt: Date;
}

/** A stored record, and how it came to be linked. */
export function storedSubmissionOf(record: AgencyRecord, outcome: SubmitOutcome, linkOutcome: LinkOutcome): StoredSubmission {
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

/**
 * The link outcome a record's stored link stands for, as storing it first decided: a record the
 * matcher linked to a child it created for it has no evidence (nobody was compared), one it matched has.
 */
export function linkOutcomeOf(record: AgencyRecord): LinkOutcome {
  if (record.linkOrigin === LinkOrigin.MANUAL) return LinkOutcome.MANUAL;
  if (record.linkMethod === LinkMethod.SUI) return LinkOutcome.SUI;
  if (record.linkState !== LinkState.LINKED) return LinkOutcome.REVIEW_PENDING;
  return record.linkEvidence === null ? LinkOutcome.NEW_CHILD : LinkOutcome.MATCHED;
}
