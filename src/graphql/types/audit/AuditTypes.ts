import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeResolver, JSONObjectResolver } from "graphql-scalars";
import { IsOptional, MaxLength } from "class-validator";
import { AgencyType } from "../../../directory/AgencyType";
import { Role } from "../../../auth/Role";
import { Purpose } from "../../../policy/Purpose";
import { LawfulBasis } from "../../../policy/LawfulBasis";
import { SpecialCategoryCondition } from "../../../policy/SpecialCategoryCondition";
import { AuditOperation } from "../../../audit/AuditOperation";
import { AuditOutcome } from "../../../audit/AuditOutcome";
import { ChainProblem } from "../../../audit/verifyAuditChain";
import { ExportFormat } from "../../../audit/exportDisclosures";
import { VerificationStatus } from "../../../audit/verificationRuns";
import { type DisclosureFilter } from "../../../audit/DisclosureFilter";
import { PageInfo } from "../../pagination";
import { Redaction } from "../child/common";

registerEnumType(AuditOperation, { name: "AuditOperation", description: "What an audit entry records." });
registerEnumType(AuditOutcome, { name: "AuditOutcome", description: "Disclosed, refused, not found, not shared, or recorded." });
registerEnumType(ChainProblem, { name: "AuditChainProblem", description: "How an audit chain was found broken." });
registerEnumType(ExportFormat, { name: "ExportFormat", description: "CSV, or FHIR R4 AuditEvent resources in a Bundle." });

@InputType({ description: "The IG lead's questions: by child, user, agency, purpose, outcome, break-glass and time." })
export class DisclosureFilterInput implements DisclosureFilter {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(12) childSui?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) principalSub?: string | null;
  @Field(() => String, { nullable: true, description: "The caller's agency code." }) @IsOptional() @MaxLength(40) agency?: string | null;
  @Field(() => Purpose, { nullable: true }) purpose?: Purpose | null;
  @Field(() => AuditOutcome, { nullable: true }) outcome?: AuditOutcome | null;
  @Field(() => AuditOperation, { nullable: true }) operation?: AuditOperation | null;
  @Field(() => Boolean, { nullable: true, description: "true: only break-glass entries; false: only the others." }) breakGlass?: boolean | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "Inclusive." }) from?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "Exclusive." }) to?: Date | null;
}

@ObjectType()
export class AuditPrincipal {
  @Field(() => String) sub: string;
  @Field(() => String) agency: string;
  @Field(() => AgencyType) agencyType: AgencyType;
  @Field(() => [Role]) roles: Role[];
}

@ObjectType({ description: "The access context as the caller stated it." })
export class AuditAccessContext {
  @Field(() => Purpose) purpose: Purpose;
  @Field(() => LawfulBasis) lawfulBasis: LawfulBasis;
  @Field(() => SpecialCategoryCondition, { nullable: true }) specialCategoryCondition: SpecialCategoryCondition | null;
  @Field(() => String, { nullable: true, description: "The caller's own words; null on another agency's entry, where `redactions` says it is withheld." }) justification: string | null;
  @Field(() => String, { nullable: true, description: "Null when none was stated, or on another agency's entry, where `redactions` says it is withheld." }) caseReference: string | null;
  @Field(() => Boolean) breakGlass: boolean;
}

@ObjectType()
export class AuditRefusalView {
  @Field(() => String) code: string;
  @Field(() => String, { nullable: true }) problem: string | null;
  @Field(() => String, { nullable: true }) rule: string | null;
}

@ObjectType("Disclosure", { description: "One audit entry: a disclosure, a refusal, or a recorded decision." })
export class DisclosureNode {
  @Field(() => ID) id: string;
  @Field(() => DateTimeResolver) occurredAt: Date;
  @Field(() => String) requestId: string;
  @Field(() => AuditPrincipal) principal: AuditPrincipal;
  @Field(() => AuditOperation) operation: AuditOperation;
  @Field(() => AuditAccessContext, { nullable: true }) access: AuditAccessContext | null;
  @Field(() => Boolean) breakGlass: boolean;
  @Field(() => [String], { description: "The children the entry names that your agency answers for; every child it names when your agency's staff made it." }) childSuis: string[];
  @Field(() => Int, { description: "How many other children the entry names, left out because your agency answers for none of them: counted, never named." }) otherChildren: number;
  @Field(() => AuditOutcome) outcome: AuditOutcome;
  @Field(() => AuditRefusalView, { nullable: true }) refusal: AuditRefusalView | null;
  @Field(() => [String], { description: "On another agency's entry, only paths of your agency's own records and of the child's details they reported (`redactions` names the list when others were left out)." }) fieldsDisclosed: string[];
  @Field(() => [Redaction], { description: "As `fieldsDisclosed`: on another agency's entry, only what concerns your agency's own records." }) fieldsWithheld: Redaction[];
  @Field(() => String, { nullable: true }) policyVersion: string | null;
  @Field(() => Boolean, { description: "Flagged when it was made as possibly prejudicial to an investigation (law-enforcement processing, a police caller, or a child whose file held an active investigation or content for no family). A hint for your review of the trail: subject access reports decide each entry by what it carried, not by this flag." }) prejudicesInvestigation: boolean;
  @Field(() => JSONObjectResolver) details: Record<string, unknown>;
  @Field(() => Int) chain: number;
  @Field(() => Int) sequence: number;
  @Field(() => String, { nullable: true, description: "The entry's hash on its chain; null on another agency's entry, where it covers what is withheld from you (`redactions`). `verifyAuditChain` checks every entry in full." }) hash: string | null;
  @Field(() => [Redaction], { description: "What of the entry is withheld from you, and the rule: on another agency's entry its justification, case reference, details and hash (`audit-trail:other-agency-account`, `audit-trail:hash-covers-withheld`), and `fieldsDisclosed` / `fieldsWithheld` when paths of other agencies' records were left out of them (`audit-trail:other-agency-records`); empty on your own agency's." }) redactions: Redaction[];
}

@ObjectType()
export class DisclosureConnection {
  @Field(() => [DisclosureNode]) nodes: DisclosureNode[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

@ObjectType()
export class AuditChainBreak {
  @Field(() => Int) chain: number;
  @Field(() => Int) sequence: number;
  @Field(() => ID, { nullable: true }) entryId: string | null;
  @Field(() => ChainProblem) problem: ChainProblem;
  @Field(() => String) message: string;
}

@ObjectType()
export class AuditVerification {
  @Field(() => Boolean) intact: boolean;
  @Field(() => Int) entriesChecked: number;
  @Field(() => Int) chainsChecked: number;
  @Field(() => Int, { description: "Signed checkpoints the chains were checked against; 0: only against themselves." }) checkpointsChecked: number;
  @Field(() => Int, { nullable: true, description: "The checkpoint verification started from; null: from each chain's genesis." }) fromCheckpoint: number | null;
  @Field(() => AuditChainBreak, { nullable: true, description: "The first broken entry; null when the trail is intact." }) firstBroken: AuditChainBreak | null;
  @Field(() => [AuditChainBreak]) breaks: AuditChainBreak[];
}

@ObjectType()
export class DisclosureExport {
  @Field(() => String) contentType: string;
  @Field(() => String) content: string;
  @Field(() => Int) count: number;
  @Field(() => Boolean, { description: "False when more entries matched than the limit: narrow the filter." }) complete: boolean;
}

registerEnumType(VerificationStatus, { name: "AuditVerificationStatus", description: "Where a verification run of the audit trail stands." });

@ObjectType({ description: "One verification of the whole audit trail, run as a job: RUNNING, then what it found." })
export class AuditVerificationRun {
  @Field(() => ID) id: string;
  @Field(() => String, { description: "Who asked: an IG lead's sub, or command:<user> for npm run audit:verify." }) requestedBy: string;
  @Field(() => DateTimeResolver) startedAt: Date;
  @Field(() => DateTimeResolver, { nullable: true }) finishedAt: Date | null;
  @Field(() => VerificationStatus) status: VerificationStatus;
  @Field(() => Int, { nullable: true }) fromCheckpoint: number | null;
  @Field(() => Int) checkpointsChecked: number;
  @Field(() => Float, { description: "Entries recomputed (a trail can outgrow a 32-bit Int)." }) entriesChecked: number;
  @Field(() => Int) chainsChecked: number;
  @Field(() => [AuditChainBreak]) breaks: AuditChainBreak[];
}
