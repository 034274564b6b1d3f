import { Field, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { ArrayMaxSize, IsOptional, Matches, MaxLength } from "class-validator";
import { AddressKind } from "../../people/AddressKind";
import { SENSITIVITY_LABELS, SensitivityLabel } from "../../records/SensitivityLabel";
import { type AddressSubmission } from "../../records/AgencyRecordSubmission";
import { LOCAL_AUTHORITY_PATTERN, MAX } from "./limits";

@InputType({ description: "An address the agency holds for the child. Label a refuge or an unaccompanied child's placement LOCATION_WITHHELD." })
export class AddressInput implements AddressSubmission {
  @Field(() => AddressKind)
  kind: AddressKind;

  @Field(() => String)
  @MaxLength(MAX.addressLine)
  line1: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX.addressLine)
  line2?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX.town)
  town?: string | null;

  @Field(() => String, { nullable: true, description: "A UK postcode; normalised to upper case with one space." })
  @IsOptional()
  @MaxLength(10)
  postcode?: string | null;

  @Field(() => String, { nullable: true, description: "ONS code of the local authority, e.g. E06000060." })
  @IsOptional()
  @Matches(LOCAL_AUTHORITY_PATTERN, { message: "localAuthority must be an ONS code such as E06000060" })
  localAuthority?: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  validFrom?: string | null;

  @Field(() => [SensitivityLabel], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(SENSITIVITY_LABELS.length)
  labels?: SensitivityLabel[] | null;
}
