import { Field, InputType, Int } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { ArrayMaxSize, IsOptional, Matches, MaxLength, ValidateNested } from "class-validator";
import { Relationship } from "../../../people/Relationship";
import { Sex } from "../../../people/Sex";
import { PprcStatus } from "../../../records/details/PrisonRecord";
import { PprcEvent } from "../../../notifications/PprcEvent";
import { MAX_CHILDREN_AT_RISK } from "../../../notifications/validatePprcNotification";
import { type ChildAtRiskSubmission, type PprcNotificationSubmission, type PrisonerSubmission } from "../../../notifications/PprcNotificationSubmission";
import { AddressInput } from "../AddressInput";
import { LOCAL_AUTHORITY_PATTERN, MAX } from "../limits";
import { PRINTABLE_REFERENCE } from "./referencePattern";


@InputType({ description: "A name: the one a prisoner asks to be known by." })
export class PersonNameInput {
  @Field(() => String) @MaxLength(MAX.personName) givenNames: string;
  @Field(() => String) @MaxLength(MAX.personName) familyName: string;
}

@InputType({ description: "The MAPPA category (1–4) and level (1–3) of the prisoner's management." })
export class MappaInput {
  @Field(() => Int) category: number;
  @Field(() => Int) level: number;
}

@InputType({ description: "A release: its date and the address the prisoner is released to (its local authority finds the police force told)." })
export class ReleaseInput {
  @Field(() => LocalDateResolver) date: string;
  @Field(() => AddressInput) @ValidateNested() address: AddressInput;
}

@InputType({ description: "The prisoner, identified as any record's adult is: by prison number first, then other national identifiers and demographics." })
export class PrisonerInput implements PrisonerSubmission {
  @Field(() => String, { description: "HMPPS prison number, such as A1234BC." })
  @Matches(/^[A-Za-z]\d{4}[A-Za-z]{2}$/, { message: "prisonNumber must look like A1234BC" })
  prisonNumber: string;

  @Field(() => String) @MaxLength(MAX.personName) givenNames: string;
  @Field(() => String) @MaxLength(MAX.personName) familyName: string;
  @Field(() => LocalDateResolver) dateOfBirth: string;
  @Field(() => Sex) sex: Sex;

  @Field(() => String, { nullable: true, description: "ONS code of the prisoner's home local authority: its children's social care and probation are told." })
  @IsOptional()
  @Matches(LOCAL_AUTHORITY_PATTERN, { message: "homeLocalAuthority must be an ONS code such as E10000019" })
  homeLocalAuthority?: string | null;

  @Field(() => String, { nullable: true, description: "Matching evidence only." }) @IsOptional() @MaxLength(10) postcode?: string | null;
  @Field(() => String, { nullable: true, description: "Matching evidence only; never disclosed." }) @IsOptional() @MaxLength(12) nhsNumber?: string | null;

  @Field(() => String, { nullable: true, description: "Matching evidence only; never disclosed." })
  @IsOptional()
  @Matches(/^(\d{2}|\d{4})\/\d{1,7}[A-Za-z]$/, { message: "pncId must look like 2012/0443627Z" })
  pncId?: string | null;

  @Field(() => String, { nullable: true, description: "Matching evidence only; never disclosed." })
  @IsOptional()
  @Matches(/^[A-Za-z]\d{6}$/, { message: "probationCrn must look like X123456" })
  probationCrn?: string | null;
}

@InputType({ description: "An identified child at risk: by SUI, or by demographics matched as any record's child." })
export class ChildAtRiskInput implements ChildAtRiskSubmission {
  @Field(() => String, { description: "The prison's own reference for its record of the PPRC and this child." }) @MaxLength(MAX.reference) @Matches(PRINTABLE_REFERENCE, { message: "reference must be printable ASCII without spaces" }) reference: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(12) sui?: string | null;
  @Field(() => String) @MaxLength(MAX.personName) givenNames: string;
  @Field(() => String) @MaxLength(MAX.personName) familyName: string;
  @Field(() => LocalDateResolver, { nullable: true }) dateOfBirth?: string | null;
  @Field(() => Sex) sex: Sex;
  @Field(() => AddressInput, { nullable: true, description: "Where the child lives: its local authority's children's social care is told." })
  @IsOptional() @ValidateNested()
  address?: AddressInput | null;
  @Field(() => Relationship, { description: "How the prisoner stands to the child." }) relationshipToPrisoner: Relationship;
}

@InputType({ description: "A prison's notification about a prisoner assessed as a potential or confirmed person posing a risk to children (PPRC)." })
export class PprcNotificationInput implements PprcNotificationSubmission {
  @Field(() => String, { description: "The prison's own code." }) @MaxLength(MAX.code) agencyCode: string;
  @Field(() => String, { description: "The prison's own reference for this event: resubmitting it is the same notification." }) @MaxLength(MAX.reference) @Matches(PRINTABLE_REFERENCE, { message: "reference must be printable ASCII without spaces" }) reference: string;
  @Field(() => PprcEvent) event: PprcEvent;
  @Field(() => LocalDateResolver) eventDate: string;
  @Field(() => String) @MaxLength(MAX.shortText) establishment: string;
  @Field(() => String, { nullable: true, description: "TRANSFER only." }) @IsOptional() @MaxLength(MAX.shortText) destinationEstablishment?: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: "TEMPORARY_RELEASE only: when the prisoner is due back." }) returnDate?: string | null;
  @Field(() => PprcStatus) pprcStatus: PprcStatus;
  @Field(() => LocalDateResolver, { nullable: true }) pprcAssessedOn?: string | null;
  @Field(() => MappaInput, { nullable: true }) @IsOptional() @ValidateNested() mappa?: MappaInput | null;
  @Field(() => PrisonerInput) @ValidateNested() prisoner: PrisonerInput;
  @Field(() => ReleaseInput, { nullable: true, description: "RELEASE only." }) @IsOptional() @ValidateNested() release?: ReleaseInput | null;
  @Field(() => PersonNameInput, { nullable: true, description: "NAME_CHANGE_REQUEST only: the name asked for." }) @IsOptional() @ValidateNested() requestedName?: PersonNameInput | null;
  @Field(() => String, { nullable: true, description: "The OMU's organisational mailbox or switchboard, never a person's." }) @IsOptional() @MaxLength(MAX.contact) offenderManagementUnitContact?: string | null;

  @Field(() => [ChildAtRiskInput], { nullable: true })
  @IsOptional() @ArrayMaxSize(MAX_CHILDREN_AT_RISK) @ValidateNested({ each: true })
  childrenAtRisk?: ChildAtRiskInput[] | null;
}
