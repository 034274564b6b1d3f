import { ArrayMaxSize, IsOptional, MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";
import { AgencyType } from "../../../directory/AgencyType";
import { UnscheduledCareSetting } from "../../../directory/UnscheduledCareSetting";
import { type DirectoryEntryInput } from "../../../directory/validateDirectoryEntry";
import { MAX_WEBHOOK_URL_LENGTH } from "../../../directory/webhookEndpoint";
import { MAX } from "../limits";

@InputType({
  description:
    "One agency's full directory entry, as it should stand: every field, not a difference (an omitted optional field is cleared). Checked by the directory's rules: a fault is INVALID_INPUT with `extensions.problem` and `path`.",
})
export class AgencyInput implements DirectoryEntryInput {
  @Field(() => String, { description: "The directory code (2–40 capitals, digits, hyphens), also the `agency` claim of the agency's tokens. Creates the agency when new." })
  @MaxLength(MAX.code)
  code: string;

  @Field(() => String)
  @MaxLength(200)
  name: string;

  @Field(() => AgencyType)
  type: AgencyType;

  @Field(() => String, { nullable: true, description: "ONS code of the local authority the agency sits in, if any." })
  @IsOptional()
  @MaxLength(9)
  localAuthority?: string | null;

  @Field(() => [String], { nullable: true, description: "ONS codes of the local authorities the agency serves (several for a police force or a prison's resettlement area); omitted: the one it sits in." })
  @IsOptional()
  @ArrayMaxSize(MAX.listItems)
  @MaxLength(9, { each: true })
  servedLocalAuthorities?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(80)
  policeForceArea?: string | null;

  @Field(() => String, { nullable: true, description: "The agency's secure mailbox: organisational, never a person's." })
  @IsOptional()
  @MaxLength(MAX.contact)
  contactEmail?: string | null;

  @Field(() => String, { nullable: true, description: "The agency's switchboard or duty line, never a person's." })
  @IsOptional()
  @MaxLength(40)
  contactPhone?: string | null;

  @Field(() => String, { nullable: true, description: "Where unacknowledged notifications are escalated: an organisational mailbox." })
  @IsOptional()
  @MaxLength(MAX.contact)
  escalationEmail?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(40)
  escalationPhone?: string | null;

  @Field(() => String, { nullable: true, description: "The agency's webhook endpoint. In production: HTTPS, and never a loopback, private or link-local address." })
  @IsOptional()
  @MaxLength(MAX_WEBHOOK_URL_LENGTH)
  webhookUrl?: string | null;

  @Field(() => UnscheduledCareSetting, { nullable: true, description: "A HEALTH agency that is an unscheduled-care setting (CP-IS): an attendance by a child on a plan, or a clinician viewing the plan, there tells the authority holding it." })
  @IsOptional()
  unscheduledCareSetting?: UnscheduledCareSetting | null;

  @Field(() => Boolean, { nullable: true, description: "False deactivates the agency (a new version; nothing is deleted). Omitted: true." })
  @IsOptional()
  active?: boolean | null;
}
