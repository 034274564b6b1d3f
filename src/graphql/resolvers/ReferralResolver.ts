import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { closeReferral, type ClosedReferral } from "../../referrals/closeReferral";
import { openReferral, type ReferralReceipt } from "../../referrals/openReferral";
import { ReferralDecision } from "../../referrals/ReferralStage";
import { type HubContext } from "../context";
import { ArgumentRules } from "../input/ArgumentRules";
import { caseReference } from "../input/caseReference";
import { ClosedReferralNode, ReferralInput, ReferralReceiptNode } from "../types/referrals/ReferralTypes";

/** Referrals as facts (design §6): what a MASH case reference is checked against. Thin over `referrals/`. */
@Resolver()
export class ReferralResolver {
  @Mutation(() => ReferralReceiptNode, {
    description: "MASH practitioners: open a referral at your local authority, naming the child and the referral's source. Your research under its reference (caseReference) is then open until the referral is decided or its window ends. Audited; it never says whether the hub holds the child.",
  })
  async openReferral(@Ctx() { dataSource, policy, principal, requestId }: HubContext, @Arg("referral", () => ReferralInput) referral: ReferralInput): Promise<ReferralReceipt> {
    return openReferral(dataSource, principal, requestId, policy, referral);
  }

  @Mutation(() => ClosedReferralNode, { description: "The MASH or children's social care of the authority that holds a referral: record its decision. Its reference opens nothing from now on. Audited." })
  @ArgumentRules({ reference: caseReference })
  async closeReferral(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("reference", () => String) reference: string,
    @Arg("decision", () => ReferralDecision) decision: ReferralDecision,
    @Arg("reason", () => String) reason: string,
  ): Promise<ClosedReferral> {
    return closeReferral(dataSource, principal, requestId, policy, reference, decision, reason);
  }
}
