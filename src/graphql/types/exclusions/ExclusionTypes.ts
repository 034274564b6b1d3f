import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { MaxLength } from "class-validator";
import { ExclusionKind } from "../../../exclusions/ChildExclusion";
import { type ExclusionSubmission } from "../../../exclusions/manageExclusions";

registerEnumType(ExclusionKind, { name: "ExclusionKind", description: "Who a named-staff exclusion keeps out of a child's file: one person (STAFF, by token subject), a TEAM of an agency, or a whole AGENCY." });

@InputType({ description: "Who must not see a child's file, and why (complex abuse: implicated staff and their line managers)." })
export class ChildExclusionInput implements ExclusionSubmission {
  @Field(() => ExclusionKind) kind: ExclusionKind;
  @Field(() => String, { nullable: true, description: "STAFF: the person's token subject (`sub`)." }) @MaxLength(200) subject?: string | null;
  @Field(() => String, { nullable: true, description: "TEAM and AGENCY: the agency's code. STAFF: the agency the person is kept out as staff of (by default the recorder's); an agency keeps out only its own staff and teams unless it is the child's lead agency (policies/exclusions.yaml)." }) @MaxLength(40) agencyCode?: string | null;
  @Field(() => String, { nullable: true, description: "TEAM: the team, as the token's `team` claim names it." }) @MaxLength(100) team?: string | null;
  @Field(() => String, { description: "Why: recorded on the audit trail." }) @MaxLength(2000) reason: string;
}

@ObjectType("ChildExclusion", { description: "A named-staff exclusion: an excluded caller is answered as a stranger everywhere the hub reads the child, and every attempt raises an IG alert." })
export class ChildExclusionNode {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true, description: "The SUI the child held when the exclusion was recorded; null if it was awaiting one (the exclusion is the child's, and stands once the SUI arrives)." }) sui: string | null;
  @Field(() => ExclusionKind) kind: ExclusionKind;
  @Field(() => String, { nullable: true }) subjectSub: string | null;
  @Field(() => String, { nullable: true }) agencyCode: string | null;
  @Field(() => String, { nullable: true }) team: string | null;
  @Field(() => String) reason: string;
  @Field(() => String) recordedBySub: string;
  @Field(() => String) recordedByAgency: string;
  @Field(() => DateTimeResolver) recordedAt: Date;
  @Field(() => DateTimeResolver, { nullable: true }) liftedAt: Date | null;
  @Field(() => String, { nullable: true }) liftedBySub: string | null;
  @Field(() => String, { nullable: true }) liftReason: string | null;
}
