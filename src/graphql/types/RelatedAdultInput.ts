import { Field, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { IsOptional, Matches, MaxLength } from "class-validator";
import { Relationship } from "../../people/Relationship";
import { Sex } from "../../people/Sex";
import { type RelatedAdultSubmission } from "../../records/AgencyRecordSubmission";
import { LOCAL_AUTHORITY_PATTERN, MAX } from "./limits";

@InputType({ description: "An adult the record names: parent, carer, household member, or the offender or prisoner it is about." })
export class RelatedAdultInput implements RelatedAdultSubmission {
  @Field(() => String, { description: "The agency's own reference for the person (prison number, case reference, nominal id)." })
  @MaxLength(MAX.reference)
  reference: string;

  @Field(() => String)
  @MaxLength(MAX.personName)
  givenNames: string;

  @Field(() => String)
  @MaxLength(MAX.personName)
  familyName: string;

  @Field(() => LocalDateResolver, { nullable: true })
  dateOfBirth?: string | null;

  @Field(() => Sex)
  sex: Sex;

  @Field(() => String, { nullable: true, description: "ONS code of the local authority the adult lives in." })
  @IsOptional()
  @Matches(LOCAL_AUTHORITY_PATTERN, { message: "homeLocalAuthority must be an ONS code such as E10000019" })
  homeLocalAuthority?: string | null;

  @Field(() => Relationship)
  relationship: Relationship;

  @Field(() => Boolean, { nullable: true })
  parentalResponsibility?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "The child is an identified child at risk from this adult." })
  posesRiskToChild?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "The offender a PROBATION record, or the prisoner a PRISON record, is about." })
  subjectOfRecord?: boolean | null;

  @Field(() => String, { nullable: true, description: "The UK postcode where the person lives: used to tell whether agencies' reports are one person, never disclosed through this record." })
  @IsOptional()
  @MaxLength(10)
  postcode?: string | null;

  @Field(() => String, { nullable: true, description: "The person's NHS number (modulus-11 checked): strong evidence that agencies' reports are one person. Never disclosed." })
  @IsOptional()
  @MaxLength(12)
  nhsNumber?: string | null;

  @Field(() => String, { nullable: true, description: "HMPPS prison number, such as A1234BC: strong evidence that agencies' reports are one person. Never disclosed through this field." })
  @IsOptional()
  @Matches(/^[A-Za-z]\d{4}[A-Za-z]{2}$/, { message: "prisonNumber must look like A1234BC" })
  prisonNumber?: string | null;

  @Field(() => String, { nullable: true, description: "Police National Computer id, such as 2012/0443627Z: matching evidence only, never disclosed to anyone." })
  @IsOptional()
  @Matches(/^(\d{2}|\d{4})\/\d{1,7}[A-Za-z]$/, { message: "pncId must look like 2012/0443627Z" })
  pncId?: string | null;

  @Field(() => String, { nullable: true, description: "Probation case reference number (CRN), such as X123456: strong evidence that agencies' reports are one person. Never disclosed." })
  @IsOptional()
  @Matches(/^[A-Za-z]\d{6}$/, { message: "probationCrn must look like X123456" })
  probationCrn?: string | null;
}
