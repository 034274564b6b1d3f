import { Field, ID, Int, ObjectType } from "type-graphql";
import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";
import { LawfulBasis } from "../../../policy/LawfulBasis";
import { Purpose } from "../../../policy/Purpose";
import { SpecialCategoryCondition } from "../../../policy/SpecialCategoryCondition";
import { DeliveryAudience } from "../../../notifications/DeliveryAudience";
import { NotificationStatus } from "../../../notifications/inbox/NotificationStatus";
import { NotificationType } from "../../../notifications/NotificationType";
import { PageInfo } from "../../pagination";
import { Redaction } from "../child/common";
import { ProcessingRestrictionNode, SupplementaryStatementNode } from "../dataSubjectRights/DataSubjectRightsTypes";
import { ConsultationAdviceContent, ConsultationContent } from "./ConsultationTypes";

@ObjectType("NotificationPersonName")
export class NotificationPersonName {
  @Field(() => String) givenNames: string;
  @Field(() => String) familyName: string;
}

@ObjectType("NotificationAddress")
export class NotificationAddress {
  @Field(() => String) line1: string;
  @Field(() => String, { nullable: true }) line2: string | null;
  @Field(() => String, { nullable: true }) town: string | null;
  @Field(() => String, { nullable: true }) postcode: string | null;
  @Field(() => String) localAuthority: string;
}

@ObjectType({ description: "A PPRC notification as your agency may see it: a field you may not see is null and listed in `redactions`." })
export class PprcNotificationContent {
  @Field(() => String, { nullable: true, description: "A PprcEvent." }) event: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) eventDate: string | null;
  @Field(() => String, { nullable: true }) establishment: string | null;
  @Field(() => String, { nullable: true }) destinationEstablishment: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) returnDate: string | null;
  @Field(() => String, { nullable: true, description: "A PprcStatus. Criminal-offence data (UK GDPR Art 10)." }) pprcStatus: string | null;
  @Field(() => Int, { nullable: true }) mappaCategory: number | null;
  @Field(() => Int, { nullable: true }) mappaLevel: number | null;
  @Field(() => String, { nullable: true }) prisonerGivenNames: string | null;
  @Field(() => String, { nullable: true }) prisonerFamilyName: string | null;
  @Field(() => [NotificationPersonName], { nullable: true, description: "Other names the prison has reported for the prisoner." }) prisonerAliases: NotificationPersonName[] | null;
  @Field(() => LocalDateResolver, { nullable: true }) prisonerDateOfBirth: string | null;
  @Field(() => String, { nullable: true }) prisonNumber: string | null;
  @Field(() => String, { nullable: true }) prisonerHomeLocalAuthority: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) releaseDate: string | null;
  @Field(() => NotificationAddress, { nullable: true }) releaseAddress: NotificationAddress | null;
  @Field(() => NotificationPersonName, { nullable: true, description: "NAME_CHANGE_REQUEST: the name asked for." }) requestedName: NotificationPersonName | null;
  @Field(() => String, { nullable: true }) offenderManagementUnitContact: string | null;
}

@ObjectType({ description: "An identified child at risk, as your agency may see it." })
export class ChildAtRiskContent {
  @Field(() => String, { nullable: true }) sui: string | null;
  @Field(() => String, { nullable: true }) givenNames: string | null;
  @Field(() => String, { nullable: true }) familyName: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) dateOfBirth: string | null;
  @Field(() => String, { nullable: true }) homeLocalAuthority: string | null;
  @Field(() => String, { nullable: true, description: "A Relationship: how the prisoner stands to the child." }) relationshipToPrisoner: string | null;
}

@ObjectType({ description: "The child a notification is about, as the notifying agency identified them and as your agency may see them." })
export class NotifiedChildContent {
  @Field(() => String, { nullable: true }) sui: string | null;
  @Field(() => String, { nullable: true }) givenNames: string | null;
  @Field(() => String, { nullable: true }) familyName: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) dateOfBirth: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: "An unborn child's expected date of birth." }) expectedDateOfBirth: string | null;
  @Field(() => String, { nullable: true }) homeLocalAuthority: string | null;
  @Field(() => String, {
    nullable: true,
    description: "Your own reference for the child's record, when the hub tells you of the child from your own sealed record (a new identity): the child is then given as that record holds them, never as the notifier named them.",
  }) agencyReference: string | null;
}

@ObjectType({ description: "CP-IS: a child on a plan attended an unscheduled-care setting." })
export class UnscheduledCareAttendanceContent {
  @Field(() => LocalDateResolver, { nullable: true }) attendedOn: string | null;
  @Field(() => String, { nullable: true, description: "An UnscheduledCareSetting." }) setting: string | null;
  @Field(() => String, { nullable: true, description: "The setting's name in the directory." }) site: string | null;
  @Field(() => String, { nullable: true, description: "The setting's directory code." }) siteCode: string | null;
  @Field(() => String, { nullable: true, description: "Why the child came (health data)." }) presentingComplaint: string | null;
}

@ObjectType({ description: "CP-IS access notification: a clinician in an unscheduled-care setting viewed your plan for the child." })
export class PlanAccessContent {
  @Field(() => DateTimeResolver, { nullable: true }) viewedAt: Date | null;
  @Field(() => String, { nullable: true, description: "An UnscheduledCareSetting." }) setting: string | null;
  @Field(() => String, { nullable: true }) site: string | null;
  @Field(() => String, { nullable: true }) siteCode: string | null;
  @Field(() => String, { nullable: true, description: "CHILD_PROTECTION_PLAN, PRE_BIRTH_PLAN or LOOKED_AFTER." }) planKind: string | null;
  @Field(() => String, { nullable: true, description: "Your own reference for the plan's record." }) planReference: string | null;
}

@ObjectType({ description: "A child on another authority's child protection plan moved into your area: convene a transfer-in conference by the notification's `dueBy`." })
export class PlanTransferContent {
  @Field(() => LocalDateResolver, { nullable: true }) movedOn: string | null;
  @Field(() => NotificationAddress, { nullable: true }) newAddress: NotificationAddress | null;
  @Field(() => String, { nullable: true }) previousLocalAuthority: string | null;
  @Field(() => String, { nullable: true, description: "The authority holding the plan (its directory code)." }) sendingAuthority: string | null;
  @Field(() => String, { nullable: true, description: "CHILD_PROTECTION_PLAN or PRE_BIRTH_PLAN." }) planKind: string | null;
  @Field(() => String, { nullable: true }) planCategory: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) planStartDate: string | null;
  @Field(() => String, { nullable: true, description: "The sending authority's reference for its plan." }) planReference: string | null;
  @Field(() => String, { nullable: true }) allocatedWorkerName: string | null;
  @Field(() => String, { nullable: true }) allocatedWorkerContact: string | null;
  @Field(() => String, { nullable: true }) allocatedTeam: string | null;
}

@ObjectType({ description: "Operation Encompass: a domestic abuse incident involving your pupil, as your DSL may see it." })
export class DomesticAbuseIncidentContent {
  @Field(() => String, { nullable: true }) incidentType: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) occurredOn: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) reportedOn: string | null;
  @Field(() => String, { nullable: true, description: "A ChildRoleInIncident." }) childRole: string | null;
  @Field(() => String, { nullable: true }) crimeReference: string | null;
  @Field(() => String, { nullable: true }) summary: string | null;
  @Field(() => String, { nullable: true }) intelligence: string | null;
  @Field(() => String, { nullable: true }) officerName: string | null;
  @Field(() => String, { nullable: true }) officerContact: string | null;
}

@ObjectType({ description: "A police referral of a child victim, as your agency may see it." })
export class ChildVictimContent {
  @Field(() => String, { nullable: true, description: "A PoliceIncidentType." }) incidentType: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) occurredOn: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) reportedOn: string | null;
  @Field(() => String, { nullable: true }) crimeReference: string | null;
  @Field(() => String, { nullable: true }) summary: string | null;
  @Field(() => String, { nullable: true }) intelligence: string | null;
  @Field(() => String, { nullable: true }) officerName: string | null;
  @Field(() => String, { nullable: true }) officerContact: string | null;
}

@ObjectType({ description: "A registered sex offender stayed 12 hours or more in a household where a child lives, as your agency may see it." })
export class SexOffenderHouseholdStayContent {
  @Field(() => String, { nullable: true, description: "REGISTERED_SEX_OFFENDER: criminal-offence data (UK GDPR Art 10)." }) offenderStatus: string | null;
  @Field(() => String, { nullable: true }) offenderGivenNames: string | null;
  @Field(() => String, { nullable: true }) offenderFamilyName: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) offenderDateOfBirth: string | null;
  @Field(() => String, { nullable: true, description: "A Relationship: how the offender stands to the child." }) relationshipToChild: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) stayStartedOn: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) notifiedOn: string | null;
  @Field(() => NotificationAddress, { nullable: true }) householdAddress: NotificationAddress | null;
  @Field(() => String, { nullable: true }) intelligence: string | null;
  @Field(() => String, { nullable: true }) officerName: string | null;
  @Field(() => String, { nullable: true }) officerContact: string | null;
}

@ObjectType({ description: "A school removed a pupil living in your area from its roll at a non-standard point (children missing education)." })
export class PupilRemovedFromRollContent {
  @Field(() => String, { nullable: true, description: "The school's directory code." }) school: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) removedOn: string | null;
  @Field(() => String, { nullable: true, description: "A RemovalGround." }) removalGround: string | null;
  @Field(() => String, { nullable: true, description: "What the ground needs said (health data for a pupil medically unfit)." }) groundDetail: string | null;
  @Field(() => String, { nullable: true }) destinationSchool: string | null;
  @Field(() => NotificationAddress, { nullable: true }) destinationAddress: NotificationAddress | null;
  @Field(() => String, { nullable: true }) dslName: string | null;
  @Field(() => String, { nullable: true }) dslContact: string | null;
}

@ObjectType({ description: "An offender posing a risk to an identified child moved into your area, as your agency may see it." })
export class OffenderMoveContent {
  @Field(() => LocalDateResolver, { nullable: true }) movedOn: string | null;
  @Field(() => String, { nullable: true }) offenderGivenNames: string | null;
  @Field(() => String, { nullable: true }) offenderFamilyName: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) offenderDateOfBirth: string | null;
  @Field(() => NotificationAddress, { nullable: true }) newAddress: NotificationAddress | null;
  @Field(() => String, { nullable: true }) previousLocalAuthority: string | null;
  @Field(() => String, { nullable: true, description: "A RoshLevel (criminal-offence data)." }) roshLevel: string | null;
  @Field(() => [String], { nullable: true, description: "RoshGroups (criminal-offence data)." }) roshTo: string[] | null;
  @Field(() => Int, { nullable: true }) mappaCategory: number | null;
  @Field(() => Int, { nullable: true }) mappaLevel: number | null;
  @Field(() => String, { nullable: true }) offenderManagerName: string | null;
  @Field(() => String, { nullable: true }) offenderManagerContact: string | null;
}

@ObjectType({ description: "A child a probation notification (or the answer to probation's enquiry) is about." })
export class ChildOfOffenderContent {
  @Field(() => String, { nullable: true }) sui: string | null;
  @Field(() => String, { nullable: true }) givenNames: string | null;
  @Field(() => String, { nullable: true }) familyName: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) dateOfBirth: string | null;
  @Field(() => String, { nullable: true }) homeLocalAuthority: string | null;
  @Field(() => String, { nullable: true, description: "A Relationship: how the offender stands to the child." }) relationshipToOffender: string | null;
}

@ObjectType({ description: "Probation's child safeguarding enquiry at sentencing: answer it the same day, as you acknowledge (`responseRequested`)." })
export class SafeguardingEnquiryContent {
  @Field(() => String, { nullable: true }) court: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) hearingOn: string | null;
  @Field(() => String, { nullable: true }) offenderGivenNames: string | null;
  @Field(() => String, { nullable: true }) offenderFamilyName: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) offenderDateOfBirth: string | null;
  @Field(() => String, { nullable: true }) offenderHomeLocalAuthority: string | null;
  @Field(() => String, { nullable: true, description: "The offence before the court (criminal-offence data)." }) offence: string | null;
  @Field(() => String, { nullable: true }) question: string | null;
  @Field(() => String, { nullable: true }) enquirerName: string | null;
  @Field(() => String, { nullable: true }) enquirerContact: string | null;
}

@ObjectType({ description: "Children's social care's answer to your agency's child safeguarding enquiry." })
export class SafeguardingEnquiryResponseContent {
  @Field(() => String, { nullable: true, description: "Your own reference for the enquiry." }) enquiryReference: string | null;
  @Field(() => String, { nullable: true, description: "The answering authority's directory code." }) respondingAgency: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) respondedAt: Date | null;
  @Field(() => String, { nullable: true }) response: string | null;
}

@ObjectType({ description: "Another authority's MASH passes you a referral about a child living in your area: decide it by the notification's `dueBy`." })
export class MashReferralTransferContent {
  @Field(() => LocalDateResolver, { nullable: true }) receivedOn: string | null;
  @Field(() => String, { nullable: true, description: "The sending authority's directory code." }) sendingAuthority: string | null;
  @Field(() => String, { nullable: true, description: "A ReferrerType." }) referrerAgencyType: string | null;
  @Field(() => String, { nullable: true }) referrerContact: string | null;
  @Field(() => String, { nullable: true, description: "A ConcernCategory." }) concernCategory: string | null;
  @Field(() => String, { nullable: true }) concern: string | null;
  @Field(() => String, { nullable: true }) sendingMashContact: string | null;
}

@ObjectType({ description: "An escalation: which notification your agency left unacknowledged past its deadline." })
export class NotificationEscalation {
  @Field(() => ID, { description: "The unacknowledged notification (its `id` in your agency's inbox)." }) deliveryId: string;
  @Field(() => NotificationType) notificationType: NotificationType;
  @Field(() => String, { nullable: true }) event: string | null;
  @Field(() => DateTimeResolver) deliveredAt: Date;
  @Field(() => DateTimeResolver) acknowledgeBy: Date;
  @Field(() => [String]) routingRules: string[];
}

@ObjectType("Notification", { description: "A notification delivered to your agency: your agency's own view of it, decided and audited at delivery." })
export class NotificationNode {
  @Field(() => ID) id: string;
  @Field(() => NotificationType) type: NotificationType;
  @Field(() => DeliveryAudience) audience: DeliveryAudience;
  @Field(() => DateTimeResolver) deliveredAt: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: "Acknowledge by then, or it is escalated to your agency's escalation contact and IG leads." }) acknowledgeBy: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "What your agency must have done by then, where its duty sets a time (a transfer-in conference): `dueFor` names the timescale (policies/timescales.yaml)." }) dueBy: Date | null;
  @Field(() => String, { nullable: true, description: "The timescale `dueBy` comes from." }) dueFor: string | null;
  @Field(() => NotificationStatus) status: NotificationStatus;
  @Field(() => Boolean, { description: "The notifying agency asks for your reply (a request to change name consults CSC): give it as you acknowledge." }) responseRequested: boolean;
  @Field(() => DateTimeResolver, { nullable: true }) acknowledgedAt: Date | null;
  @Field(() => String, { nullable: true }) acknowledgedBy: string | null;
  @Field(() => String, { nullable: true }) response: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) escalatedAt: Date | null;
  @Field(() => [String], { description: "The routing rules that chose your agency." }) routingRules: string[];
  @Field(() => Purpose) purpose: Purpose;
  @Field(() => LawfulBasis) lawfulBasis: LawfulBasis;
  @Field(() => SpecialCategoryCondition, { nullable: true }) specialCategoryCondition: SpecialCategoryCondition | null;
  @Field(() => ID, { description: "The audit entry of this delivery." }) disclosureId: string;
  @Field(() => PprcNotificationContent, { nullable: true }) pprc: PprcNotificationContent | null;
  @Field(() => [ChildAtRiskContent]) childrenAtRisk: ChildAtRiskContent[];
  @Field(() => NotifiedChildContent, { nullable: true, description: "The child a notification other than a PPRC notification is about." }) child: NotifiedChildContent | null;
  @Field(() => UnscheduledCareAttendanceContent, { nullable: true }) unscheduledCareAttendance: UnscheduledCareAttendanceContent | null;
  @Field(() => PlanAccessContent, { nullable: true }) planAccess: PlanAccessContent | null;
  @Field(() => PlanTransferContent, { nullable: true }) planTransfer: PlanTransferContent | null;
  @Field(() => DomesticAbuseIncidentContent, { nullable: true }) domesticAbuseIncident: DomesticAbuseIncidentContent | null;
  @Field(() => ChildVictimContent, { nullable: true }) childVictim: ChildVictimContent | null;
  @Field(() => SexOffenderHouseholdStayContent, { nullable: true }) householdStay: SexOffenderHouseholdStayContent | null;
  @Field(() => PupilRemovedFromRollContent, { nullable: true }) rollRemoval: PupilRemovedFromRollContent | null;
  @Field(() => OffenderMoveContent, { nullable: true }) offenderMove: OffenderMoveContent | null;
  @Field(() => SafeguardingEnquiryContent, { nullable: true }) safeguardingEnquiry: SafeguardingEnquiryContent | null;
  @Field(() => SafeguardingEnquiryResponseContent, { nullable: true }) enquiryResponse: SafeguardingEnquiryResponseContent | null;
  @Field(() => [ChildOfOffenderContent], { description: "The children a probation notification, or the answer to probation's enquiry, is about." }) children: ChildOfOffenderContent[];
  @Field(() => MashReferralTransferContent, { nullable: true }) mashReferral: MashReferralTransferContent | null;
  @Field(() => ConsultationContent, { nullable: true }) consultation: ConsultationContent | null;
  @Field(() => ConsultationAdviceContent, { nullable: true }) consultationAdvice: ConsultationAdviceContent | null;
  @Field(() => NotificationEscalation, { nullable: true }) escalation: NotificationEscalation | null;
  @Field(() => [Redaction]) redactions: Redaction[];
  @Field(() => [SupplementaryStatementNode], { description: "Statements the notifying agency attached to the records this was told from, at the person's request (UK GDPR Art 16): read them with the facts they are about." }) supplementaryStatements: SupplementaryStatementNode[];
  @Field(() => [ProcessingRestrictionNode], { description: "Facts of the records this was told from whose processing is restricted (UK GDPR Arts 18, 21), shown for the purpose it was delivered for: use them only for that purpose. A fact restricted or erased since it was delivered is in `redactions`." }) restrictions: ProcessingRestrictionNode[];
}

@ObjectType()
export class NotificationConnection {
  @Field(() => [NotificationNode]) nodes: NotificationNode[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}
