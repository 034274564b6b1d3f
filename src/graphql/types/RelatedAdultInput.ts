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
}
