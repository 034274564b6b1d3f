import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { AgencyType } from "../../../directory/AgencyType";
import { UnscheduledCareSetting } from "../../../directory/UnscheduledCareSetting";
import { DirectoryChangeSource } from "../../../directory/DirectoryChangeSource";
import { DirectoryWriteOutcome } from "../../../directory/writeDirectoryEntry";

registerEnumType(DirectoryWriteOutcome, { name: "DirectoryWriteOutcome", description: "What a directory change did: CREATED the agency, UPDATED it (a new version), or nothing (UNCHANGED)." });
registerEnumType(DirectoryChangeSource, { name: "DirectoryChangeSource", description: "How a directory version was written: IMPORT, API, DEMO or MIGRATION." });

@ObjectType({ description: "An agency's directory entry as it stood in one version." })
export class DirectoryEntryNode {
  @Field(() => String) code: string;
  @Field(() => String) name: string;
  @Field(() => AgencyType) type: AgencyType;
  @Field(() => String, { nullable: true }) localAuthority: string | null;
  @Field(() => [String]) servedLocalAuthorities: string[];
  @Field(() => String, { nullable: true }) policeForceArea: string | null;
  @Field(() => String, { nullable: true }) contactEmail: string | null;
  @Field(() => String, { nullable: true }) contactPhone: string | null;
  @Field(() => String, { nullable: true }) escalationEmail: string | null;
  @Field(() => String, { nullable: true }) escalationPhone: string | null;
  @Field(() => String, { nullable: true }) webhookUrl: string | null;
  @Field(() => Boolean) active: boolean;
  @Field(() => UnscheduledCareSetting, { nullable: true }) unscheduledCareSetting?: UnscheduledCareSetting;
}

@ObjectType({ description: "What `upsertAgency` did, and the audit entry that records it." })
export class AgencyChangeReceipt {
  @Field(() => DirectoryWriteOutcome) outcome: DirectoryWriteOutcome;
  @Field(() => Int, { description: "The agency's version now: the new one, or the current one when nothing changed." }) version: number;
  @Field(() => [String], { description: "The fields this version changed." }) changedFields: string[];
  @Field(() => DirectoryEntryNode) entry: DirectoryEntryNode;
  @Field(() => ID) auditEntryId: string;
}

@ObjectType({ description: "One version of an agency's directory entry: immutable, never deleted." })
export class AgencyVersionNode {
  @Field(() => Int) version: number;
  @Field(() => DirectoryEntryNode) entry: DirectoryEntryNode;
  @Field(() => DateTimeResolver, { description: "When this version took effect; it held until the next version's `validFrom`." }) validFrom: Date;
  @Field(() => String, { description: "Who changed it: a token subject, the operator of an import, `demo-loader` or `migration`." }) changedBy: string;
  @Field(() => String, { nullable: true }) changedByAgency: string | null;
  @Field(() => DirectoryChangeSource) source: DirectoryChangeSource;
  @Field(() => ID, { nullable: true, description: "The audit entry of an API change." }) auditEntryId: string | null;
}
