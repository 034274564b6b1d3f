import { Field, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { IsOptional, MaxLength, ValidateNested } from "class-validator";
import { Sex } from "../../people/Sex";
import { type ChildIdentitySubmission } from "../../records/AgencyRecordSubmission";
import { AddressInput } from "./AddressInput";
import { MAX } from "./limits";

@InputType({ description: "Who the record is about, as the submitting agency holds it." })
export class ChildIdentityInput implements ChildIdentitySubmission {
  @Field(() => String, { nullable: true, description: "The SUI: the child's NHS number (10 digits, modulus-11 check digit). Without it the hub matches the record probabilistically on the names, date of birth, sex and postcode." })
  @IsOptional()
  @MaxLength(12)
  sui?: string | null;

  @Field(() => String)
  @MaxLength(MAX.personName)
  givenNames: string;

  @Field(() => String)
  @MaxLength(MAX.personName)
  familyName: string;

  @Field(() => LocalDateResolver, { nullable: true })
  dateOfBirth?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "For an unborn child, instead of dateOfBirth." })
  expectedDateOfBirth?: string | null;

  @Field(() => Sex)
  sex: Sex;

  @Field(() => AddressInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  address?: AddressInput | null;
}
