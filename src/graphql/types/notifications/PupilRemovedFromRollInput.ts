import { Field, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { IsOptional, Matches, MaxLength, ValidateNested } from "class-validator";
import { RemovalGround, type PupilRemovedFromRollSubmission } from "../../../notifications/childrenMissingEducation/PupilRemovedFromRollSubmission";
import { MultiLineText } from "../../input/MultiLineText";
import { AddressInput } from "../AddressInput";
import { ChildIdentityInput } from "../ChildIdentityInput";
import { MAX } from "../limits";
import { PRINTABLE_REFERENCE } from "./referencePattern";

@InputType({ description: "Your school removed a pupil from its roll at a non-standard point: the local authority of the pupil's home is told, for its children missing education enquiries." })
export class PupilRemovedFromRollInput implements PupilRemovedFromRollSubmission {
  @Field(() => String, { description: "Your school's own code." }) @MaxLength(MAX.code) agencyCode: string;
  @Field(() => String, { description: "Your own reference for this notification: resubmitting it is the same notification." })
  @MaxLength(MAX.reference) @Matches(PRINTABLE_REFERENCE, { message: "reference must be printable ASCII without spaces" })
  reference: string;
  @Field(() => String, { description: "Your own reference for your record of the pupil." })
  @MaxLength(MAX.reference) @Matches(PRINTABLE_REFERENCE, { message: "pupilReference must be printable ASCII without spaces" })
  pupilReference: string;
  @Field(() => LocalDateResolver) removedOn: string;
  @Field(() => RemovalGround) removalGround: RemovalGround;
  @Field(() => String, { nullable: true, description: "What the ground needs said (for a pupil medically unfit: health data). Free text; may span several lines." }) @IsOptional() @MaxLength(MAX.text) @MultiLineText() groundDetail?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(MAX.shortText) destinationSchool?: string | null;
  @Field(() => AddressInput, { nullable: true, description: "Where the family moved, if known (with its labels: a refuge)." }) @IsOptional() @ValidateNested() destinationAddress?: AddressInput | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(MAX.personName) dslName?: string | null;
  @Field(() => String, { nullable: true, description: "Organisational: the DSL's school mailbox or phone." }) @IsOptional() @MaxLength(MAX.contact) dslContact?: string | null;
  @Field(() => ChildIdentityInput, { description: "The pupil, with a date of birth and the home address and its local authority (required)." }) @ValidateNested() child: ChildIdentityInput;
}
