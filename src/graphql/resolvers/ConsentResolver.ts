import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { recordConsent, type ConsentReceipt as Receipt } from "../../consent/recordConsent";
import { recordConsentOverride, type ConsentOverrideReceipt as OverrideReceipt } from "../../consent/recordConsentOverride";
import { recordDecisionNotToShare } from "../../disclosure/recordDecisionNotToShare";
import { type HubContext } from "../context";
import { ConsentInput } from "../types/consent/ConsentInput";
import { DecisionNotToShareInput } from "../types/consent/DecisionNotToShareInput";
import { ConsentOverrideReceipt, ConsentReceipt, DecisionNotToShareReceipt } from "../types/consent/receipts";

@Resolver()
export class ConsentResolver {
  @Mutation(() => ConsentReceipt, {
    description: "Record a consent decision about sharing the child's information: the child's own (competence by age, policies/consent.yaml) or a parent's, named by your agency's reference for them. Audited.",
  })
  async recordConsent(@Ctx() ctx: HubContext, @Arg("sui", () => ID) sui: string, @Arg("consent", () => ConsentInput) consent: ConsentInput): Promise<Receipt> {
    return recordConsent(ctx.dataSource, ctx.policy, ctx.principal, ctx.requestId, sui, consent);
  }

  @Mutation(() => ConsentOverrideReceipt, { description: "CSC managers only: share for safeguarding without consent, with the reason. Audited." })
  async recordConsentOverride(
    @Ctx() ctx: HubContext,
    @Arg("sui", () => ID) sui: string,
    @Arg("reason", () => String) reason: string,
    @Arg("reviewBy", () => DateTimeResolver, { nullable: true }) reviewBy: Date | null,
  ): Promise<OverrideReceipt> {
    return recordConsentOverride(ctx.dataSource, ctx.principal, ctx.requestId, ctx.policy, sui, reason, reviewBy);
  }

  @Mutation(() => DecisionNotToShareReceipt, { description: "Record a decision not to share (s.16LA), with the reasons. Audited." })
  async recordDecisionNotToShare(@Ctx() ctx: HubContext, @Arg("sui", () => ID) sui: string, @Arg("decision", () => DecisionNotToShareInput) decision: DecisionNotToShareInput): Promise<DecisionNotToShareReceipt> {
    const receipt = await recordDecisionNotToShare(ctx.dataSource, ctx.principal, ctx.requestId, ctx.policy, sui, decision);
    return { auditEntryId: receipt.id, recordedAt: receipt.occurredAt };
  }
}
