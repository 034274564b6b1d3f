import { Field, InputType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { IsOptional, Matches, MaxLength, ValidateNested } from "class-validator";
import { ReferrerType, type MashReferralTransferSubmission } from "../../../notifications/mashTransfers/MashReferralTransferSubmission";
import { ConcernCategory } from "../../../records/details/EducationRecord";
import { MultiLineText } from "../../input/MultiLineText";
import { ChildIdentityInput } from "../ChildIdentityInput";
import { MAX } from "../limits";
import { PRINTABLE_REFERENCE } from "./referencePattern";

@InputType({ description: "Your MASH passes a referral about a child living in another authority's area to that authority's MASH: only what it needs to decide it." })
export class MashReferralTransferInput implements MashReferralTransferSubmission {
  @Field(() => String, { description: "Your authority's own code." }) @MaxLength(MAX.code) agencyCode: string;
  @Field(() => String, { description: "Your own reference for the referral: resubmitting it is the same notification." })
  @MaxLength(MAX.reference) @Matches(PRINTABLE_REFERENCE, { message: "reference must be printable ASCII without spaces" })
  reference: string;
  @Field(() => LocalDateResolver, { description: "The day the referral reached your MASH." }) receivedOn: string;
  @Field(() => ReferrerType) referrerType: ReferrerType;
  @Field(() => String, { nullable: true, description: "Organisational: the referring professional's team mailbox or duty line. None for a member of the public." }) @IsOptional() @MaxLength(MAX.contact) referrerContact?: string | null;
  @Field(() => ConcernCategory) concernCategory: ConcernCategory;
  @Field(() => String, { description: "The concern as referred. Free text; may span several lines." }) @MaxLength(MAX.text) @MultiLineText() concern: string;
  @Field(() => String, { nullable: true, description: "Organisational: your MASH's duty line or mailbox." }) @IsOptional() @MaxLength(MAX.contact) sendingMashContact?: string | null;
  @Field(() => ChildIdentityInput, { description: "The child, with a date of birth and the home address and its local authority (required)." }) @ValidateNested() child: ChildIdentityInput;
}
