import { Field, ID, ObjectType } from "type-graphql";
import { Purpose } from "../../../policy/Purpose";
import { RelationshipKind } from "../../../policy/RelationshipKind";
import { SocialCareStatus } from "../../../records/details/SocialCareRecord";
import { Demographics, Redaction, RestrictedInvolvement } from "./common";
import { ProcessingRestrictionNode, SupplementaryStatementNode } from "../dataSubjectRights/DataSubjectRightsTypes";
import {
  EducationRecordView, HealthRecordView, PoliceRecordView, PrisonRecordView, ProbationRecordView, SocialCareRecordView, YouthJusticeRecordView,
} from "./recordViews";

@ObjectType({ description: "The linked, redacted view of one child across agencies, for one purpose. Every read is on the audit trail." })
export class ChildRecord {
  @Field(() => ID) sui: string;
  @Field(() => ID, { description: "The audit entry of this very disclosure." }) disclosureId: string;
  @Field(() => Purpose) purpose: Purpose;
  @Field(() => [RelationshipKind], { description: "How the hub found you legitimately connected with the child." }) relationships: RelationshipKind[];
  @Field(() => Demographics) demographics: Demographics;
  @Field(() => [SocialCareStatus], { description: "Current children's social care statuses you may see (child in need, protection plan, looked after…)." }) safeguardingStatuses: SocialCareStatus[];
  @Field(() => [SocialCareRecordView]) socialCare: SocialCareRecordView[];
  @Field(() => [PoliceRecordView]) police: PoliceRecordView[];
  @Field(() => [HealthRecordView]) health: HealthRecordView[];
  @Field(() => [EducationRecordView]) education: EducationRecordView[];
  @Field(() => [ProbationRecordView]) probation: ProbationRecordView[];
  @Field(() => [PrisonRecordView]) prison: PrisonRecordView[];
  @Field(() => [YouthJusticeRecordView]) youthJustice: YouthJusticeRecordView[];
  @Field(() => [RestrictedInvolvement], { description: "Brokered involvement: an agency of this type is involved; contact it." }) restrictedInvolvement: RestrictedInvolvement[];
  @Field(() => [Redaction], { description: "What was withheld from this response, and by which rule." }) redactions: Redaction[];
  @Field(() => [SupplementaryStatementNode], { description: "Statements the holding agency attached to what you were shown, at the person's request (UK GDPR Art 16): read them with the facts they are about." }) supplementaryStatements: SupplementaryStatementNode[];
  @Field(() => [ProcessingRestrictionNode], { description: "Facts you were shown whose processing is restricted (UK GDPR Arts 18, 21): use them only for the purpose you stated. A restricted fact not disclosed for your purpose is in `redactions`." }) restrictions: ProcessingRestrictionNode[];
}
