import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { LinkReviewStatus } from "../../../identity/LinkReview";
import { LinkAction } from "../../../identity/RecordLinkEvent";
import { LinkMethod, LinkOrigin } from "../../../identity/linkVocabulary";
import { type LinkHistoryEntry } from "../../../identity/stewardship/readLinkHistory";
import { type LinkEvidence } from "../../../identity/LinkEvidence";
import { MATCH_FIELDS } from "../../../identity/matching/comparisonVector";
import { type LinkReviewView } from "../../../identity/stewardship/linkReviewView";
import { Sex } from "../../../people/Sex";
import { RecordType } from "../../../records/RecordType";
import { PageInfo } from "../../pagination";

@ObjectType({ description: "How one field compared, and what it weighed (bits: log2 of the likelihood ratio)." })
export class FieldComparison {
  @Field(() => String, { description: "givenNames, familyName, dateOfBirth, postcode or sex." }) field: string;
  @Field(() => String, { description: "The comparison level, e.g. EXACT, DAY_MONTH_SWAPPED, SECTOR, MISSING." }) level: string;
  @Field(() => Float) weight: number;
}

@ObjectType({ description: "The evidence behind a probabilistic score: every field's level and weight, and the parameter version." })
export class LinkEvidenceNode {
  @Field(() => Float) score: number;
  @Field(() => [FieldComparison]) fields: FieldComparison[];
  @Field(() => Int) weightsVersion: number;
  @Field(() => String) weightsHash: string;
  @Field(() => Boolean, { description: "The record came with this child's SUI but reports another date of birth and given name: held for a steward rather than linked by the SUI." })
  suiDisputed: boolean;
  @Field(() => String, {
    nullable: true,
    description: "The SUI the record came with, which no child held, while the candidate awaits one (an unborn child, a record not yet traced): held for a steward rather than founding a second child. LINK gives the candidate this SUI; NEW_CHILD, or NO_LINK of every candidate, founds the child by it.",
  })
  arrivingSui: string | null;
}

export function evidenceNode(evidence: LinkEvidence): LinkEvidenceNode {
  return {
    score: evidence.score,
    weightsVersion: evidence.weightsVersion,
    weightsHash: evidence.weightsHash,
    suiDisputed: evidence.suiDisputed === true,
    arrivingSui: evidence.arrivingSui ?? null,
    fields: MATCH_FIELDS.map((field) => ({ field, level: evidence.levels[field], weight: evidence.fieldWeights[field] })),
  };
}

@ObjectType("LinkEvent", { description: "One change to a record's link: who decided, how, on what evidence, and why." })
export class LinkEventNode {
  @Field(() => ID) id: string;
  @Field(() => ID, { nullable: true }) childId: string | null;
  @Field(() => String, { nullable: true, description: "The child's SUI, if it has one." }) childSui: string | null;
  @Field(() => LinkAction) action: LinkAction;
  @Field(() => LinkMethod) method: LinkMethod;
  @Field(() => LinkOrigin) origin: LinkOrigin;
  @Field(() => LinkEvidenceNode, { nullable: true, description: "The score and per-field weights, for a probabilistic decision." }) evidence: LinkEvidenceNode | null;
  @Field(() => String, { description: "The steward, or the agency system whose submission linked it; for a sealed record's automatic links, AGENCY_SYSTEM (the agency is not named)." }) decidedBy: string;
  @Field(() => DateTimeResolver) decidedAt: Date;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => ID, { nullable: true, description: "The link review, merge or split it was part of." }) causeId: string | null;
}

export function linkEventNode(entry: LinkHistoryEntry): LinkEventNode {
  return { ...entry, evidence: entry.evidence === null ? null : evidenceNode(entry.evidence) };
}

@ObjectType({ description: "The child's identity as the record reported it. A sealed or brokered record's names, dates of birth and postcode are null and its sex NOT_KNOWN (masked)." })
export class ReportedIdentityNode {
  @Field(() => String, { nullable: true }) givenNames: string | null;
  @Field(() => String, { nullable: true }) familyName: string | null;
  @Field(() => String, { nullable: true }) dateOfBirth: string | null;
  @Field(() => String, { nullable: true }) expectedDateOfBirth: string | null;
  @Field(() => Sex) sex: Sex;
  @Field(() => String, { nullable: true }) postcode: string | null;
}

@ObjectType({ description: "The record under review: who sent it and whom it says it is about. Never its content; a sealed record shows neither its agency nor its type." })
export class ReviewedRecord {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) agencyCode: string | null;
  @Field(() => String, { nullable: true, description: "The agency's own reference for the child; null for a sealed or brokered record." }) agencyReference: string | null;
  @Field(() => RecordType, { nullable: true }) recordType: RecordType | null;
  @Field(() => ReportedIdentityNode, { description: "The postcode is null when the reported address is location-withheld." }) reported: ReportedIdentityNode;
  @Field(() => Boolean, { description: "The reported address is location-withheld (a refuge, a placement)." }) locationWithheld: boolean;
  @Field(() => Boolean, { description: "The record is sealed or brokered: what it reported is masked; decide on the evidence, field by field." }) masked: boolean;
}

@ObjectType({ description: "The child the record may be about, as the records that are neither sealed nor brokered report them." })
export class CandidateChild {
  @Field(() => ID) childId: string;
  @Field(() => String, { nullable: true, description: "Null for a child awaiting an SUI." }) sui: string | null;
  @Field(() => String, { nullable: true, description: "Null when only sealed or brokered records report the child's names." }) givenNames: string | null;
  @Field(() => String, { nullable: true }) familyName: string | null;
  @Field(() => String, { nullable: true, description: "Null when unknown, or reported only by sealed or brokered records." }) dateOfBirth: string | null;
  @Field(() => String, { nullable: true, description: "For a child not yet born, when it is expected (the latest date reported by a record neither sealed nor brokered)." }) expectedDateOfBirth: string | null;
  @Field(() => String) sex: string;
  @Field(() => [String], { description: "Every given name the child may be matched on (reported by a record neither sealed nor brokered)." }) knownNames: string[];
  @Field(() => [String], { description: "Every postcode the child may be matched on: not location-withheld, not reported only by sealed or brokered records." }) postcodes: string[];
  @Field(() => Boolean, { description: "The child also has a location-withheld address, not shown." }) locationWithheld: boolean;
}

@ObjectType("LinkReview", { description: "A possible link between a record and a child, for a data steward to decide." })
export class LinkReviewNode {
  @Field(() => ID) id: string;
  @Field(() => LinkReviewStatus) status: LinkReviewStatus;
  @Field(() => Float) score: number;
  @Field(() => LinkEvidenceNode) evidence: LinkEvidenceNode;
  @Field(() => ReviewedRecord) record: ReviewedRecord;
  @Field(() => CandidateChild) candidate: CandidateChild;
  @Field(() => Int, { description: "Other candidates still open for the same record." }) otherOpenCandidates: number;
  @Field(() => DateTimeResolver) openedAt: Date;
  @Field(() => String, { nullable: true }) resolvedBy: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) resolvedAt: Date | null;
  @Field(() => String, { nullable: true }) reason: string | null;
}

export function linkReviewNode(view: LinkReviewView): LinkReviewNode {
  return { ...view, evidence: evidenceNode(view.evidence), record: { ...view.record, recordType: view.record.recordType as RecordType | null } };
}

@ObjectType()
export class LinkReviewConnection {
  @Field(() => [LinkReviewNode]) nodes: LinkReviewNode[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}
