import { type LinkOutcome } from "../identity/LinkOutcome";
import { type LinkMethod, type LinkOrigin, type LinkState } from "../identity/linkVocabulary";
import { type RecordType } from "./RecordType";
import { type AgencyRecord } from "./AgencyRecord";

export const SubmitOutcome = {
  /** A new record: the hub had nothing under this agency reference. */
  CREATED: "CREATED",
  /** The agency reference was known and the content changed: the record was updated, not duplicated. */
  UPDATED: "UPDATED",
  /** Identical to what the hub already holds: nothing was written. */
  UNCHANGED: "UNCHANGED",
} as const;
export type SubmitOutcome = (typeof SubmitOutcome)[keyof typeof SubmitOutcome];

/** What the submitting system learns: about its own record, never about what others hold. */
export interface SubmitReceipt {
  recordId: string;
  agencyReference: string;
  recordType: RecordType;
  outcome: SubmitOutcome;
  version: number;
  link: {
    method: LinkMethod;
    state: LinkState;
    origin: LinkOrigin;
    outcome: LinkOutcome;
  };
  receivedAt: Date;
}

/** The receipt for a stored record: its link as stored, and how it came to be linked. */
export function receiptOf(record: AgencyRecord, outcome: SubmitOutcome, linkOutcome: LinkOutcome): SubmitReceipt {
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
