import { type AgencyType } from "../directory/AgencyType";
import { type LawfulBasis } from "../policy/LawfulBasis";
import { type Purpose } from "../policy/Purpose";
import { type Role } from "../auth/Role";
import { type RecordType } from "../records/RecordType";
import { type DisclosureMade } from "./disclosuresMade";
import { type FactSource, type HeldRights, type IdentityFactKind } from "./factsHeld";
import { type ItemReview } from "./ItemReview";
import { type ExemptionDecision, type ItemOutcome } from "./SubjectAccessDecision";
import { type SubjectAccessCase } from "./subjectAccessCase";

/** An exemption as the IG lead reads it: named, cited, and what it does here. */
export interface ExemptionView {
  id: string;
  title: string;
  citation: string;
  decision: ExemptionDecision;
}

/** The decision on one item of the review. */
export interface DecisionView {
  outcome: ItemOutcome;
  /** Every exemption that applies. */
  exemptions: ExemptionView[];
  /** For an item held for review: what a decision on it must answer. */
  awaiting: ExemptionView[];
  /** A decision on it must record the appropriate health professional's opinion (DPA 2018 Sch.3 paras 5, 6). */
  healthOpinionRequired: boolean;
  /** The IG lead's decision, when one settled the item. */
  review: ItemReview | null;
  /**
   * Whether the item is in the release copy: INCLUDED, and nothing about it would point to what was
   * withheld — a record with every field withheld, a fact whose every source is withheld, a disclosure
   * of nothing released, are left out whole.
   */
  released: boolean;
}

export interface ReviewedSource extends FactSource {
  /** Whether the release names this source (its record is released). */
  released: boolean;
}

export interface ReviewedIdentityFact {
  item: string;
  kind: IdentityFactKind;
  /** Null when withheld. */
  value: unknown;
  sources: ReviewedSource[];
  decision: DecisionView;
}

export interface ReviewedField {
  item: string;
  field: string;
  /** As the agency sent it; null when withheld (the field or its record). */
  value: unknown;
  decision: DecisionView;
}

export interface ReviewedRecord {
  item: string;
  source: FactSource;
  /** The agency's own reference for its record; null when the record is withheld. */
  agencyReference: string | null;
  updatedAt: Date;
  fields: ReviewedField[];
  rights: HeldRights;
  decision: DecisionView;
}

/** A fact a disclosure carried that its own decision leaves out of the release, and the exemptions behind it. */
export interface WithheldPart {
  /** The record, field or identity fact, as in `records` and `identity`. */
  item: string;
  outcome: ItemOutcome;
  exemptions: ExemptionView[];
}

export interface ReviewedDisclosure extends Omit<DisclosureMade, "disclosed" | "carried"> {
  /** The categories of data it carried (UK GDPR Art 15(1)(b)). */
  categories: string[];
  /** Those the release lists: the categories of what the release itself contains. */
  releasedCategories: string[];
  /**
   * What the entry carried that is left out on its own — withheld, or held for a decision on the item —
   * each with the exemptions behind it: an entry released in part names, for the IG lead, why each
   * part is not in it. For the review only: the release lists what it contains and no more.
   */
  withheldParts: WithheldPart[];
  decision: DecisionView;
}

/** Why the child's data is processed (Art 15(1)(a)): in general, or for one purpose a recipient stated. */
export interface PurposeStatement {
  purpose: Purpose | null;
  statement: string;
}

/** The IG lead's full review: every item with its decision and the exemption behind it. Never released as it is. */
export interface SubjectAccessReview {
  request: SubjectAccessCase;
  producedAt: Date;
  identity: ReviewedIdentityFact[];
  records: ReviewedRecord[];
  disclosures: ReviewedDisclosure[];
  purposes: PurposeStatement[];
  retention: string;
  rights: string;
  /** For the IG lead only: how many items of each outcome. */
  counts: { included: number; withheld: number; reviewRequired: number };
}

/** Where a released fact came from: the agency and when, never a record id. */
export interface ReleasedSource {
  agencyName: string;
  agencyType: AgencyType;
  recordedAt: Date | null;
  receivedAt: Date;
}

export interface ReleasedIdentityFact {
  kind: IdentityFactKind;
  value: unknown;
  sources: ReleasedSource[];
}

export interface ReleasedRecord {
  recordType: RecordType;
  source: ReleasedSource;
  agencyReference: string;
  fields: { field: string; value: unknown }[];
  /** The statements and restrictions on the record and on its released facts only. */
  rights: HeldRights;
}

export interface ReleasedRecipient {
  occurredAt: Date;
  agencyCode: string;
  agencyName: string | null;
  agencyType: AgencyType;
  roles: Role[];
  purpose: Purpose | null;
  lawfulBasis: LawfulBasis | null;
  categories: string[];
}

/**
 * The copy for the requester (UK GDPR Art 15(1), (3)): only INCLUDED items, and nothing that says
 * something was withheld — no counts, no exemptions, no gaps, no ids.
 */
export interface SubjectAccessRelease {
  reference: string;
  sui: string;
  producedAt: Date;
  identity: ReleasedIdentityFact[];
  records: ReleasedRecord[];
  recipients: ReleasedRecipient[];
  purposes: PurposeStatement[];
  retention: string;
  rights: string;
}
