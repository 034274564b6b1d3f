import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { AdultLinkReviewStatus } from "../../../identity/adults/AdultLinkReview";
import { type AdultIdentityChange } from "../../../identity/adults/AdultIdentityChange";
import { type AdultView } from "../../../identity/adults/stewardship/adultView";
import { type AdultLinkReviewView } from "../../../identity/adults/stewardship/listAdultLinkReviews";
import { IdentityChangeKind } from "../../../identity/ChildIdentityChange";
import { MATCH_FIELDS } from "../../../identity/matching/comparisonVector";
import { AdultLinkMethod } from "../../../people/AdultLinkMethod";
import { PageInfo } from "../../pagination";
import { FieldComparison } from "./LinkReviewNode";

@ObjectType({ description: "One agency's reference for an adult: which agency, and how it came to name this adult. Never the reference itself." })
export class AdultReferenceNode {
  @Field(() => ID, { description: "Name it in splitAdult to move it to another person." }) identifierId: string;
  @Field(() => String) agencyCode: string;
  @Field(() => AdultLinkMethod) linkMethod: AdultLinkMethod;
}

@ObjectType({ description: "An adult as a steward compares them: what agencies reported on unrestricted records. Never a national identifier, an agency's reference or record content." })
export class StewardAdultNode {
  @Field(() => ID) adultId: string;
  @Field(() => [String]) knownNames: string[];
  @Field(() => [String]) datesOfBirth: string[];
  @Field(() => [String]) postcodes: string[];
  @Field(() => [AdultReferenceNode]) references: AdultReferenceNode[];
}

@ObjectType({ description: "Whether the two gave the same value of a national identifier scheme. Never the value." })
export class IdentifierAgreementNode {
  @Field(() => String, { description: "NHS_NUMBER, PRISON_NUMBER, PNC_ID or PROBATION_CRN." }) scheme: string;
  @Field(() => String, { description: "AGREE or DISAGREE." }) agreement: string;
}

@ObjectType({ description: "Why the matcher asked: the score, each field's level and weight, identifiers' agreement, the rule." })
export class AdultLinkEvidenceNode {
  @Field(() => Float) score: number;
  @Field(() => [FieldComparison]) fields: FieldComparison[];
  @Field(() => [IdentifierAgreementNode]) identifiers: IdentifierAgreementNode[];
  @Field(() => Int) weightsVersion: number;
  @Field(() => String) rule: string;
}

@ObjectType("AdultLinkReview", { description: "A reported person who may be an adult the hub already holds, for a data steward to decide." })
export class AdultLinkReviewNode {
  @Field(() => ID) id: string;
  @Field(() => AdultLinkReviewStatus) status: AdultLinkReviewStatus;
  @Field(() => Float) score: number;
  @Field(() => AdultLinkEvidenceNode) evidence: AdultLinkEvidenceNode;
  @Field(() => DateTimeResolver) openedAt: Date;
  @Field(() => String, { nullable: true }) resolvedBy: string | null;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => StewardAdultNode, { description: "The adult made for the reported person until a steward decides." }) adult: StewardAdultNode;
  @Field(() => StewardAdultNode, { description: "The adult the hub already held." }) candidate: StewardAdultNode;
}

const adultNode = (view: AdultView): StewardAdultNode => ({ ...view });

export function adultLinkReviewNode(view: AdultLinkReviewView): AdultLinkReviewNode {
  const { evidence } = view;
  return {
    ...view,
    adult: adultNode(view.adult),
    candidate: adultNode(view.candidate),
    evidence: {
      score: evidence.score,
      weightsVersion: evidence.weightsVersion,
      rule: evidence.rule,
      fields: MATCH_FIELDS.map((field) => ({ field, level: evidence.levels[field], weight: evidence.fieldWeights[field] })),
      identifiers: Object.entries(evidence.identifiers).map(([scheme, agreement]) => ({ scheme, agreement: agreement })),
    },
  };
}

@ObjectType()
export class AdultLinkReviewConnection {
  @Field(() => [AdultLinkReviewNode]) nodes: AdultLinkReviewNode[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

@ObjectType("AdultIdentityChange", { description: "A data steward's merge or split of adults, with the agency references it moved." })
export class AdultIdentityChangeNode {
  @Field(() => ID) id: string;
  @Field(() => IdentityChangeKind) kind: IdentityChangeKind;
  @Field(() => ID, { description: "MERGE: the adult merged away. SPLIT: the adult the references were taken from." }) fromAdultId: string;
  @Field(() => ID, { description: "MERGE: the surviving adult. SPLIT: the new adult the references went to." }) toAdultId: string;
  @Field(() => [ID]) identifierIds: string[];
  @Field(() => String) decidedBy: string;
  @Field(() => DateTimeResolver) decidedAt: Date;
  @Field(() => String) reason: string;
}

export function adultIdentityChangeNode(change: AdultIdentityChange): AdultIdentityChangeNode {
  return { ...change };
}
