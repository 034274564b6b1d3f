import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { AgencyType } from "../../../directory/AgencyType";
import { UnscheduledCareSetting } from "../../../directory/UnscheduledCareSetting";
import { DirectoryChangeSource } from "../../../directory/DirectoryChangeSource";
import { AgencyChangeStatus } from "../../../directory/AgencyChangeProposal";
import { DirectoryWriteOutcome } from "../../../directory/writeDirectoryEntry";

registerEnumType(DirectoryWriteOutcome, {
  name: "DirectoryWriteOutcome",
  description: "What a directory change did: CREATED the agency, UPDATED it (a new version), nothing (UNCHANGED), or nothing yet: PENDING_APPROVAL by a second directory administrator.",
});
registerEnumType(AgencyChangeStatus, { name: "AgencyChangeStatus", description: "A proposed directory change: PENDING a second administrator, APPROVED (written as a version) or REJECTED." });
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

@ObjectType({
  description:
    "A new agency, or a change to an agency's routing fields (type, areas, mailbox, escalation contact, webhook endpoint, active, unscheduled-care setting), proposed by one directory administrator (or an import's operator) and waiting for a second, different one.",
})
export class AgencyChangeProposalNode {
  @Field(() => ID) id: string;
  @Field(() => String) agencyCode: string;
  @Field(() => Int, { description: "The agency's version the change was proposed against (0: a new agency); an approval writes it only while that version is current." }) baseVersion: number;
  @Field(() => DirectoryEntryNode, { description: "The whole entry as proposed." }) entry: DirectoryEntryNode;
  @Field(() => [String]) changedFields: string[];
  @Field(() => AgencyChangeStatus) status: AgencyChangeStatus;
  @Field(() => DirectoryChangeSource) source: DirectoryChangeSource;
  @Field(() => String, { description: "A token subject, or `command:<operating-system user>` for an import." }) proposedBy: string;
  @Field(() => String, { nullable: true }) proposedByAgency: string | null;
  @Field(() => DateTimeResolver) proposedAt: Date;
  @Field(() => String, { nullable: true }) decidedBy: string | null;
  @Field(() => String, { nullable: true }) decidedByAgency: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) decidedAt: Date | null;
  @Field(() => ID, { nullable: true, description: "The audit entry of the approval or rejection." }) decisionAuditEntryId: string | null;
  @Field(() => String, { nullable: true, description: "Why it was rejected." }) decisionReason: string | null;
  @Field(() => Int, { nullable: true, description: "The version an approval wrote." }) version: number | null;
}

@ObjectType({ description: "What `upsertAgency` or `approveAgencyChange` did, and the audit entry that records it." })
export class AgencyChangeReceipt {
  @Field(() => DirectoryWriteOutcome) outcome: DirectoryWriteOutcome;
  @Field(() => Int, { description: "The agency's version now: the new one, or the current one when nothing changed or the change waits for approval (0: no such agency yet)." }) version: number;
  @Field(() => [String], { description: "The fields this version changes (or, pending, would change)." }) changedFields: string[];
  @Field(() => DirectoryEntryNode) entry: DirectoryEntryNode;
  @Field(() => ID) auditEntryId: string;
  @Field(() => AgencyChangeProposalNode, { nullable: true, description: "The proposal, when the change waits for (or came through) a second administrator's approval." })
  proposal: AgencyChangeProposalNode | null;
}

@ObjectType({ description: "One version of an agency's directory entry: immutable, never deleted." })
export class AgencyVersionNode {
  @Field(() => Int) version: number;
  @Field(() => DirectoryEntryNode) entry: DirectoryEntryNode;
  @Field(() => DateTimeResolver, { description: "When this version took effect; it held until the next version's `validFrom`." }) validFrom: Date;
  @Field(() => String, { description: "Who changed it: a token subject, the operator of an import, `demo-loader` or `migration`." }) changedBy: string;
  @Field(() => String, { nullable: true }) changedByAgency: string | null;
  @Field(() => DirectoryChangeSource) source: DirectoryChangeSource;
  @Field(() => ID, { nullable: true, description: "The audit entry of an API change (of its proposal, when it needed approval)." }) auditEntryId: string | null;
  @Field(() => String, { nullable: true, description: "The second directory administrator who approved a change to routing fields." }) approvedBy: string | null;
  @Field(() => String, { nullable: true }) approvedByAgency: string | null;
  @Field(() => ID, { nullable: true, description: "The approved proposal this version is." }) proposalId: string | null;
}
