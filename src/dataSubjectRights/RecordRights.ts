import { type Purpose } from "../policy/Purpose";
import { type RestrictionGround, type RestrictionKind } from "./RightsVocabulary";

/** A supplementary statement on a record, or on one fact (field) of it (UK GDPR Art 16). */
export interface SupplementaryStatement {
  id: string;
  recordId: string;
  /** Null: the statement is about the whole record. */
  field: string | null;
  statement: string;
  /** The agency holding the record, on whose behalf the statement was attached. */
  agencyCode: string;
  attachedAt: Date;
}

/** A restriction of processing (Art 18) or an objection (Art 21) in force on a record or one fact of it. */
export interface ProcessingRestriction {
  id: string;
  recordId: string;
  field: string | null;
  kind: RestrictionKind;
  ground: RestrictionGround;
  /** The purposes the restricted fact is still disclosed for (break-glass always). */
  allowedPurposes: Purpose[];
  restrictedAt: Date;
}

/** What data subjects' rights have attached to a child's records: loaded with the child's file. */
export interface RecordRights {
  statements: SupplementaryStatement[];
  restrictions: ProcessingRestriction[];
}

export const NO_RIGHTS: RecordRights = { statements: [], restrictions: [] };
