import { LinkOutcome } from "../identity/LinkOutcome";
import { LinkMethod, LinkOrigin, LinkState } from "../identity/linkVocabulary";
import { type RecordType } from "./RecordType";
import { type StoredSubmission } from "./StoredSubmission";

export const SubmitOutcome = {
  /** A new record: the hub had nothing under this agency reference. */
  CREATED: "CREATED",
  /** The agency reference was known and the content changed: the record was updated, not duplicated. */
  UPDATED: "UPDATED",
  /** Identical to what the hub already holds: nothing was written. */
  UNCHANGED: "UNCHANGED",
} as const;
export type SubmitOutcome = (typeof SubmitOutcome)[keyof typeof SubmitOutcome];

/**
 * What a receipt says of a record's link: only what the submission itself said. `method` is SUI when
 * the record carried one and PROBABILISTIC when the hub must match it; the rest is the same for every
 * record.
 */
export interface ReceiptLink {
  method: typeof LinkMethod.SUI | typeof LinkMethod.PROBABILISTIC;
  state: typeof LinkState.POSSIBLE;
  origin: typeof LinkOrigin.AUTO;
  outcome: typeof LinkOutcome.RECEIVED;
}

/**
 * What the submitting system learns: about its own record, never about what others hold. A system
 * chooses the SUI, name, date of birth and postcode it sends, so a receipt that said how its record was
 * linked — matched to a child the hub holds, held for a data steward, a new child, an SUI that names
 * someone else — would answer "does the hub hold this child?" for made-up details (HUB.md §5:
 * existence does not leak). How a record is linked is seen only in data stewards' audited queries.
 */
export interface SubmitReceipt {
  recordId: string;
  agencyReference: string;
  recordType: RecordType;
  outcome: SubmitOutcome;
  version: number;
  link: ReceiptLink;
  receivedAt: Date;
}

/** The receipt for a stored submission; `carriedSui` is whether the submission gave an SUI. */
export function receiptOf(stored: StoredSubmission, carriedSui: boolean): SubmitReceipt {
  const { recordId, agencyReference, recordType, outcome, version, receivedAt } = stored;
  return {
    recordId,
    agencyReference,
    recordType,
    outcome,
    version,
    link: { method: carriedSui ? LinkMethod.SUI : LinkMethod.PROBABILISTIC, state: LinkState.POSSIBLE, origin: LinkOrigin.AUTO, outcome: LinkOutcome.RECEIVED },
    receivedAt,
  };
}
