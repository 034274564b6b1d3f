import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { AuditOperation } from "../../audit/AuditOperation";
import { attachSupplementaryStatement, type SupplementaryStatementReceipt } from "../../dataSubjectRights/attachSupplementaryStatement";
import { decideErasure, type ErasureReceipt } from "../../dataSubjectRights/decideErasure";
import { decideRestriction } from "../../dataSubjectRights/decideRestriction";
import { restrictProcessing, type RestrictionReceipt } from "../../dataSubjectRights/restrictProcessing";
import { RestrictionDecision, RestrictionGround, RestrictionKind } from "../../dataSubjectRights/RightsVocabulary";
import { type HubContext } from "../context";
import { ArgumentRules } from "../input/ArgumentRules";
import { uuid } from "../input/uuid";
import { AccessContextInput } from "../types/child/AccessContextInput";
import { ErasureReceiptNode, RestrictionReceiptNode, SupplementaryStatementReceiptNode } from "../types/dataSubjectRights/DataSubjectRightsTypes";
import { governanceAccessDescription } from "../types/governanceAccessDescription";

const FIELD = "One fact of the record (a field name of its type, e.g. `summary`); omit for the whole record.";

@Resolver()
export class DataSubjectRightsResolver {
  @Mutation(() => SupplementaryStatementReceiptNode, { description: "IG leads, for their own agency's record: attach the person's supplementary statement to the record or one fact of it (UK GDPR Art 16). The fact is never edited; every later disclosure of it carries the statement. Evidential records are refused (EVIDENTIAL_RECORD): restrict them instead. Audited with the recipients to tell (Art 19)." })
  @ArgumentRules({ recordId: uuid })
  async attachSupplementaryStatement(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("recordId", () => ID) recordId: string,
    @Arg("field", () => String, { nullable: true, description: FIELD }) field: string | null,
    @Arg("statement", () => String, { description: "The person's statement, in their words." }) statement: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.SUPPLEMENTARY_STATEMENT_ATTACHED) }) access: AccessContextInput,
  ): Promise<SupplementaryStatementReceipt> {
    return attachSupplementaryStatement({ dataSource, policy }, principal, requestId, access, { recordId, field: field ?? null, statement });
  }

  @Mutation(() => RestrictionReceiptNode, { description: "IG leads, for their own agency's record: restrict processing of the record or one fact of it (UK GDPR Art 18), or record an objection (Art 21; ground OBJECTION_PENDING). While in force it is disclosed only for the purposes its ground allows (policies/data-subject-rights.yaml) or under break-glass, and recipients see that it is restricted. Audited with the recipients to tell (Art 19)." })
  @ArgumentRules({ recordId: uuid })
  async restrictProcessing(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("recordId", () => ID) recordId: string,
    @Arg("field", () => String, { nullable: true, description: FIELD }) field: string | null,
    @Arg("kind", () => RestrictionKind) kind: RestrictionKind,
    @Arg("ground", () => RestrictionGround) ground: RestrictionGround,
    @Arg("reason", () => String) reason: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.PROCESSING_RESTRICTED) }) access: AccessContextInput,
  ): Promise<RestrictionReceipt> {
    return restrictProcessing({ dataSource, policy }, principal, requestId, access, { recordId, field: field ?? null, kind, ground, reason });
  }

  @Mutation(() => RestrictionReceiptNode, { description: "IG leads: KEEP or LIFT a restriction or objection on your agency's record, with reasons. Audited." })
  @ArgumentRules({ id: uuid })
  async decideRestriction(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("id", () => ID) id: string,
    @Arg("decision", () => RestrictionDecision) decision: RestrictionDecision,
    @Arg("reason", () => String) reason: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.RESTRICTION_DECIDED) }) access: AccessContextInput,
  ): Promise<RestrictionReceipt> {
    return decideRestriction({ dataSource, policy }, principal, requestId, access, id, decision, reason);
  }

  @Mutation(() => ErasureReceiptNode, { description: "IG leads, for their own agency's record: decide an erasure request over one fact — the Art 17(1) grounds met, then the Art 17(3) exemptions that apply (DPA 2018 s.47 for Part 3 data), with reasons. Erased only when a ground is met and no exemption applies: the fact leaves the hub, and the trail keeps the decision without the content. Audited with the recipients to tell (Art 19)." })
  @ArgumentRules({ recordId: uuid })
  async decideErasure(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("recordId", () => ID) recordId: string,
    @Arg("field", () => String, { description: "The fact (a field name of the record's type)." }) field: string,
    @Arg("groundsMet", () => [String], { description: "Ids of the grounds found met (policies/data-subject-rights.yaml `erasureGrounds`)." }) groundsMet: string[],
    @Arg("exemptionsApplying", () => [String], { description: "Ids of the exemptions found to apply (`erasureExemptions`)." }) exemptionsApplying: string[],
    @Arg("reason", () => String) reason: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.ERASURE_DECIDED) }) access: AccessContextInput,
  ): Promise<ErasureReceipt> {
    return decideErasure({ dataSource, policy }, principal, requestId, access, { recordId, field, groundsMet, exemptionsApplying, reason });
  }
}
