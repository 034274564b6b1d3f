import { Field, ID, Int, ObjectType } from "type-graphql";
import { RestrictionGround, RestrictionKind } from "../../../dataSubjectRights/RightsVocabulary";
import "../dataSubjectRights/DataSubjectRightsTypes";
import { DateTimeResolver, JSONResolver, LocalDateResolver } from "graphql-scalars";
import { Role } from "../../../auth/Role";
import { AuditOperation } from "../../../audit/AuditOperation";
import { ChildCompetence } from "../../../consent/ChildCompetence";
import { AgencyType } from "../../../directory/AgencyType";
import { LawfulBasis } from "../../../policy/LawfulBasis";
import { Purpose } from "../../../policy/Purpose";
import { RecordType } from "../../../records/RecordType";
import { IdentityFactKind } from "../../../subjectAccess/factsHeld";
import { RequesterStanding } from "../../../subjectAccess/RequesterStanding";
import { ItemOutcome, ReviewDecision } from "../../../subjectAccess/SubjectAccessDecision";
import { SubjectAccessClosure, SubjectAccessStatus } from "../../../subjectAccess/SubjectAccessRequest";
import { PageInfo } from "../../pagination";

@ObjectType()
export class SubjectAccessRequester {
  @Field(() => RequesterStanding) standing: RequesterStanding;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true, description: "How a parent's parental responsibility, or a representative's authority, was confirmed." }) basis: string | null;
  @Field(() => ChildCompetence, { nullable: true, description: "The child's capacity to exercise the right: PRESUMED (16 or over) or ASSESSED_COMPETENT; null for a parent's request." }) competence: ChildCompetence | null;
  @Field(() => String, { nullable: true }) competenceAssessment: string | null;
}

@ObjectType()
export class SubjectAccessExtension {
  @Field(() => Int) months: number;
  @Field(() => String) reason: string;
  @Field(() => DateTimeResolver) extendedAt: Date;
  @Field(() => String) extendedBySub: string;
}

@ObjectType("SubjectAccessClosed", { description: "How and when a request was closed." })
export class SubjectAccessClosureNode {
  @Field(() => SubjectAccessClosure) outcome: SubjectAccessClosure;
  @Field(() => String) note: string;
  @Field(() => DateTimeResolver) closedAt: Date;
  @Field(() => String) closedBySub: string;
}

@ObjectType("SubjectAccessRequest", { description: "A subject access request about a child, as a case: who asked, in what right, and its clock (policies/timescales.yaml SUBJECT_ACCESS_REQUEST)." })
export class SubjectAccessRequestNode {
  @Field(() => ID) id: string;
  @Field(() => String) reference: string;
  @Field(() => String) sui: string;
  @Field(() => SubjectAccessRequester) requester: SubjectAccessRequester;
  @Field(() => DateTimeResolver) receivedAt: Date;
  @Field(() => String, { description: "The edition of guidance the clock is counted under." }) timescaleEdition: string;
  @Field(() => DateTimeResolver, { description: "The end of the first month: a calendar month from receipt, moved to a working day." }) originalDueAt: Date;
  @Field(() => DateTimeResolver, { description: "When the answer is due now." }) dueAt: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: "The latest it could be due with the whole extension allowed." }) latestDueAt: Date | null;
  @Field(() => SubjectAccessExtension, { nullable: true }) extension: SubjectAccessExtension | null;
  @Field(() => SubjectAccessStatus) status: SubjectAccessStatus;
  @Field(() => SubjectAccessClosureNode, { nullable: true }) closure: SubjectAccessClosureNode | null;
  @Field(() => String) openedBySub: string;
  @Field(() => String) openedByAgency: string;
  @Field(() => DateTimeResolver) openedAt: Date;
  @Field(() => Boolean, { description: "Open and past its due time, when read." }) overdue: boolean;
}

@ObjectType()
export class SubjectAccessRequestConnection {
  @Field(() => [SubjectAccessRequestNode]) nodes: SubjectAccessRequestNode[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

@ObjectType({ description: "An exemption from the right of access (policies/subject-access.yaml), named for the IG lead." })
export class SubjectAccessExemption {
  @Field(() => String) id: string;
  @Field(() => String) title: string;
  @Field(() => String) citation: string;
  @Field(() => ItemOutcome, { description: "What it does here: WITHHELD, or REVIEW_REQUIRED." }) decision: ItemOutcome;
}

@ObjectType()
export class HealthProfessionalOpinion {
  @Field(() => String) professional: string;
  @Field(() => LocalDateResolver) givenOn: string;
  @Field(() => Boolean) seriousHarm: boolean;
}

@ObjectType({ description: "The IG lead's decision that settled an item held for review." })
export class SubjectAccessItemReview {
  @Field(() => ReviewDecision) decision: ReviewDecision;
  @Field(() => [String], { description: "The exemptions it answered." }) exemptions: string[];
  @Field(() => String) reason: string;
  @Field(() => HealthProfessionalOpinion, { nullable: true }) healthOpinion: HealthProfessionalOpinion | null;
  @Field(() => String) decidedBySub: string;
  @Field(() => DateTimeResolver) decidedAt: Date;
}

@ObjectType()
export class SubjectAccessDecision {
  @Field(() => ItemOutcome) outcome: ItemOutcome;
  @Field(() => [SubjectAccessExemption], { description: "Every exemption that applies." }) exemptions: SubjectAccessExemption[];
  @Field(() => [SubjectAccessExemption], { description: "For an item held for review: what your decision must answer." }) awaiting: SubjectAccessExemption[];
  @Field(() => Boolean, { description: "Your decision must record the appropriate health professional's opinion." }) healthOpinionRequired: boolean;
  @Field(() => SubjectAccessItemReview, { nullable: true }) review: SubjectAccessItemReview | null;
  @Field(() => Boolean, { description: "In the release copy. An INCLUDED item is left out when it would point to something withheld (a record with every field withheld, a fact whose every source is, a disclosure of nothing released)." }) released: boolean;
}

@ObjectType({ description: "The agency record a fact came from." })
export class SubjectAccessSource {
  @Field(() => ID) recordId: string;
  @Field(() => RecordType) recordType: RecordType;
  @Field(() => String) agencyCode: string;
  @Field(() => String) agencyName: string;
  @Field(() => AgencyType) agencyType: AgencyType;
  @Field(() => DateTimeResolver, { nullable: true, description: "When the agency says the facts were true." }) recordedAt: Date | null;
  @Field(() => DateTimeResolver, { description: "When the hub received the record." }) receivedAt: Date;
  @Field(() => Boolean, { description: "Named in the release." }) released: boolean;
}

@ObjectType()
export class SubjectAccessIdentityFact {
  @Field(() => String, { description: "The item, for a decision." }) item: string;
  @Field(() => IdentityFactKind) kind: IdentityFactKind;
  @Field(() => JSONResolver, { nullable: true, description: "A name { givenNames, familyName, kind }, an address { kind, line1, line2, town, postcode, localAuthority, validFrom }, or a date or sex; null when the fact is withheld (the value is never there to be masked)." }) value: unknown;
  @Field(() => [SubjectAccessSource]) sources: SubjectAccessSource[];
  @Field(() => SubjectAccessDecision) decision: SubjectAccessDecision;
}

@ObjectType()
export class SubjectAccessField {
  @Field(() => String) item: string;
  @Field(() => String) field: string;
  @Field(() => JSONResolver, { nullable: true, description: "As the agency sent it; null when the field or its record is withheld (the value is never there to be masked)." }) value: unknown;
  @Field(() => SubjectAccessDecision) decision: SubjectAccessDecision;
}

@ObjectType({ description: "A supplementary statement the person had attached (UK GDPR Art 16)." })
export class SubjectAccessStatement {
  @Field(() => String, { nullable: true, description: "The fact it is about; null for the whole record." }) field: string | null;
  @Field(() => String) statement: string;
  @Field(() => DateTimeResolver) attachedAt: Date;
}

@ObjectType({ description: "A restriction of processing or objection in force (UK GDPR Arts 18, 21)." })
export class SubjectAccessRestriction {
  @Field(() => String, { nullable: true, description: "The fact restricted; null for the whole record." }) field: string | null;
  @Field(() => RestrictionKind) kind: RestrictionKind;
  @Field(() => RestrictionGround) ground: RestrictionGround;
  @Field(() => DateTimeResolver) since: Date;
}

@ObjectType({ description: "The person's rights as exercised over one record." })
export class SubjectAccessRights {
  @Field(() => [SubjectAccessStatement]) statements: SubjectAccessStatement[];
  @Field(() => [SubjectAccessRestriction]) restrictions: SubjectAccessRestriction[];
}

@ObjectType()
export class SubjectAccessRecord {
  @Field(() => String) item: string;
  @Field(() => SubjectAccessSource) source: SubjectAccessSource;
  @Field(() => String, { nullable: true, description: "The agency's own reference for its record; null when the record is withheld." }) agencyReference: string | null;
  @Field(() => DateTimeResolver) updatedAt: Date;
  @Field(() => [SubjectAccessField], { description: "The fields that hold something." }) fields: SubjectAccessField[];
  @Field(() => SubjectAccessDecision, { description: "The record as a whole: its existence and source." }) decision: SubjectAccessDecision;
  @Field(() => SubjectAccessRights, { description: "Supplementary statements on the record or its facts, and restrictions in force (UK GDPR Arts 16, 18, 21)." }) rights: SubjectAccessRights;
}

@ObjectType({ description: "The recipient: the agency and the roles of whoever asked — never the person." })
export class SubjectAccessRecipient {
  @Field(() => String) agencyCode: string;
  @Field(() => String, { nullable: true }) agencyName: string | null;
  @Field(() => AgencyType) agencyType: AgencyType;
  @Field(() => [Role]) roles: Role[];
}

@ObjectType({ description: "A fact a disclosure carried that is left out of the release on its own, and why." })
export class SubjectAccessWithheldPart {
  @Field(() => String, { description: "The record, field or identity fact, as in `records` and `identity`: a decision on it is made there." }) item: string;
  @Field(() => ItemOutcome, { description: "WITHHELD, or REVIEW_REQUIRED until a decision on the item." }) outcome: ItemOutcome;
  @Field(() => [SubjectAccessExemption]) exemptions: SubjectAccessExemption[];
}

@ObjectType({ description: "A disclosure of the child's information to an agency (an audit entry)." })
export class SubjectAccessDisclosure {
  @Field(() => String) item: string;
  @Field(() => ID) auditEntryId: string;
  @Field(() => DateTimeResolver) occurredAt: Date;
  @Field(() => AuditOperation) operation: AuditOperation;
  @Field(() => SubjectAccessRecipient) recipient: SubjectAccessRecipient;
  @Field(() => Purpose, { nullable: true }) purpose: Purpose | null;
  @Field(() => LawfulBasis, { nullable: true }) lawfulBasis: LawfulBasis | null;
  @Field(() => String, { nullable: true, description: "The practitioner's own words: for you, never released (they can name other people)." }) justification: string | null;
  @Field(() => Boolean) breakGlass: boolean;
  @Field(() => Int, { description: "How many other children the entry named (a search's other candidates, a notification's other children): for you, counted and never named, and never released." }) otherChildren: number;
  @Field(() => [String], { description: "The categories of data it carried, e.g. `education.rollStatus`." }) categories: string[];
  @Field(() => [String], { description: "The categories the release lists: those of what the release itself contains." }) releasedCategories: string[];
  @Field(() => [SubjectAccessWithheldPart], { description: "What the entry carried that is left out on its own (an active investigation, a restricted record, a protected location …), each with the exemptions behind it: an entry released in part goes without these, and the release does not say so." }) withheldParts: SubjectAccessWithheldPart[];
  @Field(() => SubjectAccessDecision) decision: SubjectAccessDecision;
}

@ObjectType()
export class SubjectAccessPurpose {
  @Field(() => Purpose, { nullable: true, description: "null: why the hub processes the child's data at all." }) purpose: Purpose | null;
  @Field(() => String) statement: string;
}

@ObjectType()
export class SubjectAccessCounts {
  @Field(() => Int) included: number;
  @Field(() => Int) withheld: number;
  @Field(() => Int) reviewRequired: number;
}

@ObjectType("SubjectAccessReview", { description: "The IG lead's review of a request's report: every item with its decision and the exemption behind it. Never to be sent as it is: send `subjectAccessRelease`." })
export class SubjectAccessReviewNode {
  @Field(() => SubjectAccessRequestNode) request: SubjectAccessRequestNode;
  @Field(() => DateTimeResolver) producedAt: Date;
  @Field(() => [SubjectAccessIdentityFact], { description: "Names, dates of birth, sex and addresses your agency's records reported, each with those records." }) identity: SubjectAccessIdentityFact[];
  @Field(() => [SubjectAccessRecord], { description: "Each of your agency's records about the child (lapsed or not), field by field. Another agency's records are not here in any form: the requester asks that agency (UK GDPR Art 15 is per controller)." }) records: SubjectAccessRecord[];
  @Field(() => [SubjectAccessDisclosure], { description: "The disclosures on your agency's trail that are yours to report, oldest first: the hub's to your agency, and other agencies' reads that carried your agency's facts (listed with those facts only)." }) disclosures: SubjectAccessDisclosure[];
  @Field(() => [SubjectAccessPurpose]) purposes: SubjectAccessPurpose[];
  @Field(() => String) retention: string;
  @Field(() => String) rights: string;
  @Field(() => SubjectAccessCounts, { description: "For you only: a count of what was withheld can tell the family something too." }) counts: SubjectAccessCounts;
}

@ObjectType({ description: "Where a released fact came from." })
export class SubjectAccessReleasedSource {
  @Field(() => String) agencyName: string;
  @Field(() => AgencyType) agencyType: AgencyType;
  @Field(() => DateTimeResolver, { nullable: true }) recordedAt: Date | null;
  @Field(() => DateTimeResolver) receivedAt: Date;
}

@ObjectType()
export class SubjectAccessReleasedIdentityFact {
  @Field(() => IdentityFactKind) kind: IdentityFactKind;
  @Field(() => JSONResolver) value: unknown;
  @Field(() => [SubjectAccessReleasedSource]) sources: SubjectAccessReleasedSource[];
}

@ObjectType()
export class SubjectAccessReleasedField {
  @Field(() => String) field: string;
  @Field(() => JSONResolver) value: unknown;
}

@ObjectType()
export class SubjectAccessReleasedRecord {
  @Field(() => RecordType) recordType: RecordType;
  @Field(() => SubjectAccessReleasedSource) source: SubjectAccessReleasedSource;
  @Field(() => String) agencyReference: string;
  @Field(() => [SubjectAccessReleasedField]) fields: SubjectAccessReleasedField[];
  @Field(() => SubjectAccessRights, { description: "Statements and restrictions on the record and on the facts released." }) rights: SubjectAccessRights;
}

@ObjectType()
export class SubjectAccessReleasedRecipient {
  @Field(() => DateTimeResolver) occurredAt: Date;
  @Field(() => String) agencyCode: string;
  @Field(() => String, { nullable: true }) agencyName: string | null;
  @Field(() => AgencyType) agencyType: AgencyType;
  @Field(() => [Role]) roles: Role[];
  @Field(() => Purpose, { nullable: true }) purpose: Purpose | null;
  @Field(() => LawfulBasis, { nullable: true }) lawfulBasis: LawfulBasis | null;
  @Field(() => [String]) categories: string[];
}

@ObjectType("SubjectAccessRelease", { description: "The copy for the requester (UK GDPR Art 15(1), (3)): only what is INCLUDED, and nothing that shows something was withheld." })
export class SubjectAccessReleaseNode {
  @Field(() => String) reference: string;
  @Field(() => String) sui: string;
  @Field(() => DateTimeResolver) producedAt: Date;
  @Field(() => [SubjectAccessReleasedIdentityFact]) identity: SubjectAccessReleasedIdentityFact[];
  @Field(() => [SubjectAccessReleasedRecord]) records: SubjectAccessReleasedRecord[];
  @Field(() => [SubjectAccessReleasedRecipient]) recipients: SubjectAccessReleasedRecipient[];
  @Field(() => [SubjectAccessPurpose]) purposes: SubjectAccessPurpose[];
  @Field(() => String) retention: string;
  @Field(() => String) rights: string;
}

@ObjectType()
export class SubjectAccessItemDecisionReceipt {
  @Field(() => ID) decisionId: string;
  @Field(() => String) item: string;
  @Field(() => ReviewDecision) decision: ReviewDecision;
  @Field(() => [String], { description: "The exemptions it answered." }) exemptions: string[];
  @Field(() => ItemOutcome, { description: "The item's outcome now." }) outcome: ItemOutcome;
  @Field(() => DateTimeResolver) decidedAt: Date;
}
