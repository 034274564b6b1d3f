import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { AuditOperation } from "../../audit/AuditOperation";
import { BreachStatus } from "../../breaches/PersonalDataBreach";
import { decideBreach, listBreaches, openBreach } from "../../breaches/breachLog";
import { liftExclusion, listExclusions, recordExclusion } from "../../exclusions/manageExclusions";
import { overdueWork } from "../../overdue/overdueWork";
import { type HubContext } from "../context";
import { ArgumentRules } from "../input/ArgumentRules";
import { uuid } from "../input/uuid";
import { AccessContextInput } from "../types/child/AccessContextInput";
import { governanceAccessDescription } from "../types/governanceAccessDescription";
import { BreachDecisionInput, BreachInput, BreachOnClockNode, OverdueItemNode, PersonalDataBreachNode } from "../types/breaches/BreachTypes";
import { ChildExclusionInput, ChildExclusionNode } from "../types/exclusions/ExclusionTypes";

const HOUR_MS = 60 * 60 * 1000;

/** Named-staff exclusions, the breach log and the overdue view (issue 13 items 4, 6, 7). Thin over `exclusions/`, `breaches/`, `overdue/`. */
@Resolver()
export class InformationGovernanceResolver {
  @Mutation(() => ChildExclusionNode, { description: "CSC managers and IG leads: keep staff, a team or an agency out of a child's file. They are answered as strangers from then on, and every attempt raises an IG alert. Audited." })
  async recordChildExclusion(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("sui", () => ID, { nullable: true, description: "The child's SUI; or, for a child awaiting one, give agencyReference instead." }) sui: string | null,
    @Arg("exclusion", () => ChildExclusionInput) exclusion: ChildExclusionInput,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.CHILD_EXCLUSION_RECORDED) }) access: AccessContextInput,
    @Arg("agencyReference", () => String, { nullable: true, description: "For a child awaiting an SUI: your agency's own reference for your record of the child. The exclusion stays with the child when its SUI arrives." }) agencyReference: string | null,
  ): Promise<ChildExclusionNode> {
    return recordExclusion({ dataSource, policy }, principal, requestId, access, { sui, agencyReference }, exclusion);
  }

  @Mutation(() => ChildExclusionNode, { description: "IG leads, or the agency that recorded it: lift an exclusion, with the reason. Audited." })
  @ArgumentRules({ id: uuid })
  async liftChildExclusion(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("id", () => ID) id: string,
    @Arg("reason", () => String) reason: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.CHILD_EXCLUSION_LIFTED) }) access: AccessContextInput,
  ): Promise<ChildExclusionNode> {
    return liftExclusion({ dataSource, policy }, principal, requestId, access, id, reason);
  }

  @Query(() => [ChildExclusionNode], { description: "CSC managers and IG leads: a child's exclusions, standing and lifted, newest first. Audited." })
  async childExclusions(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("sui", () => ID) sui: string,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.CHILD_EXCLUSIONS_READ) }) access: AccessContextInput,
  ): Promise<ChildExclusionNode[]> {
    return listExclusions({ dataSource, policy }, principal, requestId, access, sui);
  }

  @Mutation(() => PersonalDataBreachNode, { description: "IG leads: open a suspected personal data breach; the 72 hours to report run from awareAt. Audited." })
  async openBreach(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("breach", () => BreachInput) breach: BreachInput,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.BREACH_OPENED) }) access: AccessContextInput,
  ): Promise<PersonalDataBreachNode> {
    return openBreach({ dataSource, policy }, principal, requestId, access, { ...breach, awareAt: breach.awareAt ?? null });
  }

  @Query(() => [BreachOnClockNode], { description: "IG leads: the breach log you answer for — those whose part is still your agency's to decide, by time left to report, most urgent first (or those it has decided, newest first). Audited." })
  async breaches(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.BREACHES_READ) }) access: AccessContextInput,
    @Arg("status", () => BreachStatus, { defaultValue: BreachStatus.OPEN }) status: BreachStatus,
  ): Promise<BreachOnClockNode[]> {
    const log = await listBreaches({ dataSource, policy }, principal, requestId, access, status);
    return log.map(({ breach, msLeft }) => ({ breach, hoursLeft: Math.round((msLeft / HOUR_MS) * 100) / 100 }));
  }

  @Mutation(() => PersonalDataBreachNode, { description: "IG leads: decide your agency's part of a breach — reported to the ICO (with its reference and when) or not, whether the people affected are told — with reasons. Once per controlling agency; the breach is decided when every part is. Audited." })
  @ArgumentRules({ id: uuid })
  async decideBreach(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("id", () => ID) id: string,
    @Arg("decision", () => BreachDecisionInput) decision: BreachDecisionInput,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.BREACH_DECIDED) }) access: AccessContextInput,
  ): Promise<PersonalDataBreachNode> {
    return decideBreach({ dataSource, policy }, principal, requestId, access, id, { ...decision, icoReference: decision.icoReference ?? null, reportedAt: decision.reportedAt ?? null });
  }

  @Query(() => [OverdueItemNode], { description: "IG leads: what is past its timescale — referrals past their decision, strategy discussions past 24 hours, conferences past 15 working days, subject access requests past their month, breaches past 72 hours. Most overdue first. Audited." })
  async overdue(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("access", () => AccessContextInput, { description: governanceAccessDescription(AuditOperation.OVERDUE_READ) }) access: AccessContextInput,
  ): Promise<OverdueItemNode[]> {
    return overdueWork({ dataSource, policy }, principal, requestId, access);
  }
}
