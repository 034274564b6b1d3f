import { Field, Float, Int, ObjectType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { LegalStatus, PlanCategory, SocialCareStatus } from "../../../records/details/SocialCareRecord";
import { ChildRoleInIncident, PoliceIncidentType } from "../../../records/details/PoliceRecord";
import { NamedProfessionalRole, UnscheduledCareSetting } from "../../../records/details/HealthRecord";
import { ConcernCategory, ExclusionType, RollStatus, SenStatus } from "../../../records/details/EducationRecord";
import { RoshGroup, RoshLevel } from "../../../records/details/riskVocabulary";
import { PprcStatus } from "../../../records/details/PrisonRecord";
import { ConcernLevel, YouthJusticeDisposal } from "../../../records/details/YouthJusticeRecord";
import { AgencyRecordView, PersonView } from "./common";

// Every fact is nullable: null means withheld (listed in ChildRecord.redactions) or not recorded.

@ObjectType({ implements: AgencyRecordView })
export class SocialCareRecordView extends AgencyRecordView {
  @Field(() => SocialCareStatus, { nullable: true }) status: SocialCareStatus | null;
  @Field(() => PlanCategory, { nullable: true }) planCategory: PlanCategory | null;
  @Field(() => LegalStatus, { nullable: true }) legalStatus: LegalStatus | null;
  @Field(() => LocalDateResolver, { nullable: true }) startDate: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) endDate: string | null;
  @Field(() => String, { nullable: true }) allocatedWorkerName: string | null;
  @Field(() => String, { nullable: true }) allocatedWorkerContact: string | null;
  @Field(() => String, { nullable: true }) allocatedTeam: string | null;
  @Field(() => String, { nullable: true }) responsibleLocalAuthority: string | null;
  @Field(() => String, { nullable: true }) summary: string | null;
}

@ObjectType({ implements: AgencyRecordView })
export class PoliceRecordView extends AgencyRecordView {
  @Field(() => PoliceIncidentType, { nullable: true }) incidentType: PoliceIncidentType | null;
  @Field(() => ChildRoleInIncident, { nullable: true }) childRole: ChildRoleInIncident | null;
  @Field(() => LocalDateResolver, { nullable: true }) occurredOn: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) reportedOn: string | null;
  @Field(() => String, { nullable: true }) crimeReference: string | null;
  @Field(() => String, { nullable: true }) summary: string | null;
  @Field(() => String, { nullable: true }) intelligence: string | null;
  @Field(() => String, { nullable: true }) officerName: string | null;
  @Field(() => String, { nullable: true }) officerContact: string | null;
  @Field(() => Boolean, { nullable: true }) activeInvestigation: boolean | null;
}

@ObjectType()
export class HealthConditionView {
  @Field(() => String) description: string;
  @Field(() => String, { nullable: true }) snomedCode?: string;
  @Field(() => LocalDateResolver, { nullable: true }) recordedOn?: string;
}

@ObjectType()
export class UnscheduledCareAttendanceView {
  @Field(() => LocalDateResolver) attendedOn: string;
  @Field(() => UnscheduledCareSetting) setting: UnscheduledCareSetting;
  @Field(() => String) site: string;
  @Field(() => String, { nullable: true }) presentingComplaint?: string;
}

@ObjectType({ implements: AgencyRecordView })
export class HealthRecordView extends AgencyRecordView {
  @Field(() => String, { nullable: true }) gpPracticeCode: string | null;
  @Field(() => String, { nullable: true }) gpPracticeName: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) registeredOn: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) deregisteredOn: string | null;
  @Field(() => String, { nullable: true }) namedProfessionalName: string | null;
  @Field(() => NamedProfessionalRole, { nullable: true }) namedProfessionalRole: NamedProfessionalRole | null;
  @Field(() => String, { nullable: true }) namedProfessionalContact: string | null;
  @Field(() => [HealthConditionView], { nullable: true }) conditions: HealthConditionView[] | null;
  @Field(() => [UnscheduledCareAttendanceView], { nullable: true }) unscheduledCareAttendances: UnscheduledCareAttendanceView[] | null;
}

@ObjectType()
export class ExclusionView {
  @Field(() => ExclusionType) type: ExclusionType;
  @Field(() => LocalDateResolver) startDate: string;
  @Field(() => Int, { nullable: true }) days?: number;
  @Field(() => String, { nullable: true }) reason?: string;
}

@ObjectType()
export class SafeguardingConcernView {
  @Field(() => LocalDateResolver) recordedOn: string;
  @Field(() => ConcernCategory) category: ConcernCategory;
  @Field(() => String) summary: string;
}

@ObjectType({ implements: AgencyRecordView })
export class EducationRecordView extends AgencyRecordView {
  @Field(() => RollStatus, { nullable: true }) rollStatus: RollStatus | null;
  @Field(() => LocalDateResolver, { nullable: true }) onRollFrom: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) leftOn: string | null;
  @Field(() => Float, { nullable: true }) attendancePercent: number | null;
  @Field(() => [ExclusionView], { nullable: true }) exclusions: ExclusionView[] | null;
  @Field(() => SenStatus, { nullable: true }) senStatus: SenStatus | null;
  @Field(() => String, { nullable: true }) dslName: string | null;
  @Field(() => String, { nullable: true }) dslContact: string | null;
  @Field(() => [SafeguardingConcernView], { nullable: true }) safeguardingConcerns: SafeguardingConcernView[] | null;
}

@ObjectType({ implements: AgencyRecordView })
export class ProbationRecordView extends AgencyRecordView {
  @Field(() => PersonView, { nullable: true }) offender: PersonView | null;
  @Field(() => String, { nullable: true }) offenderManagerName: string | null;
  @Field(() => String, { nullable: true }) offenderManagerContact: string | null;
  @Field(() => RoshLevel, { nullable: true }) roshLevel: RoshLevel | null;
  @Field(() => [RoshGroup], { nullable: true }) roshTo: RoshGroup[] | null;
  @Field(() => Int, { nullable: true }) mappaCategory: number | null;
  @Field(() => Int, { nullable: true }) mappaLevel: number | null;
  @Field(() => String, { nullable: true }) riskManagementSummary: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) supervisionEndDate: string | null;
}

@ObjectType({ implements: AgencyRecordView })
export class PrisonRecordView extends AgencyRecordView {
  @Field(() => PersonView, { nullable: true }) prisoner: PersonView | null;
  @Field(() => String, { nullable: true }) prisonNumber: string | null;
  @Field(() => PprcStatus, { nullable: true }) pprcStatus: PprcStatus | null;
  @Field(() => LocalDateResolver, { nullable: true }) pprcAssessedOn: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) expectedReleaseDate: string | null;
  @Field(() => String, { nullable: true }) offenderManagementUnitContact: string | null;
}

@ObjectType({ implements: AgencyRecordView })
export class YouthJusticeRecordView extends AgencyRecordView {
  @Field(() => YouthJusticeDisposal, { nullable: true }) disposal: YouthJusticeDisposal | null;
  @Field(() => LocalDateResolver, { nullable: true }) startDate: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) endDate: string | null;
  @Field(() => String, { nullable: true }) caseworkerName: string | null;
  @Field(() => String, { nullable: true }) caseworkerContact: string | null;
  @Field(() => RoshLevel, { nullable: true }) riskOfSeriousHarm: RoshLevel | null;
  @Field(() => ConcernLevel, { nullable: true }) safetyAndWellbeing: ConcernLevel | null;
  @Field(() => String, { nullable: true }) summary: string | null;
}
