import { Field, ObjectType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { type PlanHeldElsewhere } from "../../../notifications/plans/plansHeldElsewhere";
import { PageInfo } from "../../pagination";
import { Redaction } from "../child/common";
import { ProcessingRestrictionNode, SupplementaryStatementNode } from "../dataSubjectRights/DataSubjectRightsTypes";

@ObjectType("PlanHeldElsewhere", { description: "A child on another authority's plan living in your area, as you may see them: a field you may not see is null and listed in `redactions`." })
export class PlanHeldElsewhereNode {
  @Field(() => String, { nullable: true }) sui: string | null;
  @Field(() => String, { description: "The authority holding the plan (its directory code)." }) holdingAgency: string;
  @Field(() => String, { nullable: true }) givenNames: string | null;
  @Field(() => String, { nullable: true }) familyName: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) dateOfBirth: string | null;
  @Field(() => String, { nullable: true, description: "Where the holding authority says the child lives (an authority you serve)." }) localAuthority: string | null;
  @Field(() => String, { nullable: true, description: "CHILD_PROTECTION_PLAN or LOOKED_AFTER (a plan for a child not yet born is a pre-birth plan)." }) status: string | null;
  @Field(() => String, { nullable: true }) planCategory: string | null;
  @Field(() => String, { nullable: true }) legalStatus: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) startDate: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) endDate: string | null;
  @Field(() => String, { nullable: true }) allocatedWorkerName: string | null;
  @Field(() => String, { nullable: true }) allocatedWorkerContact: string | null;
  @Field(() => String, { nullable: true }) allocatedTeam: string | null;
  @Field(() => String, { nullable: true }) responsibleLocalAuthority: string | null;
  @Field(() => String, { nullable: true }) summary: string | null;
  @Field(() => [Redaction]) redactions: Redaction[];
  @Field(() => [SupplementaryStatementNode], { description: "Statements the holding authority attached to what you were shown, at the person's request (UK GDPR Art 16): read them with the facts they are about." }) supplementaryStatements: SupplementaryStatementNode[];
  @Field(() => [ProcessingRestrictionNode], { description: "Facts you were shown whose processing is restricted (UK GDPR Arts 18, 21): use them only for the purpose you stated." }) restrictions: ProcessingRestrictionNode[];
}

@ObjectType()
export class PlanHeldElsewhereConnection {
  @Field(() => [PlanHeldElsewhereNode]) nodes: PlanHeldElsewhereNode[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}

/** A child on the list as the caller reads them: what the decision let through, null for everything else. */
export function planHeldElsewhereNodeOf({ sui, holdingAgency, child, plan, redactions, supplementaryStatements, restrictions }: PlanHeldElsewhere): PlanHeldElsewhereNode {
  const text = (value: unknown): string | null => (typeof value === "string" ? value : null);
  return {
    sui, holdingAgency, redactions, supplementaryStatements, restrictions,
    givenNames: child.givenNames ?? null, familyName: child.familyName ?? null, dateOfBirth: child.dateOfBirth ?? null, localAuthority: child.localAuthority ?? null,
    status: text(plan.status), planCategory: text(plan.planCategory), legalStatus: text(plan.legalStatus), startDate: text(plan.startDate), endDate: text(plan.endDate),
    allocatedWorkerName: text(plan.allocatedWorkerName), allocatedWorkerContact: text(plan.allocatedWorkerContact), allocatedTeam: text(plan.allocatedTeam),
    responsibleLocalAuthority: text(plan.responsibleLocalAuthority), summary: text(plan.summary),
  };
}
