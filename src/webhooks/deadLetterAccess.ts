import { AbilityBuilder, createMongoAbility, type MongoAbility } from "@casl/ability";
import { type Principal } from "../auth/Principal";
import { Role } from "../auth/Role";
import { type RoleCheck } from "../audit/governanceAccess";

type DeadLetterAbility = MongoAbility<["list" | "replay", "DeadWebhook"]>;

/** The rule id recorded on a refused attempt to list or replay dead webhook deliveries. */
export const DEAD_LETTER_RULE = "webhook-dead-letters:ig-lead-only";

/**
 * A dead delivery is a notification an agency's system never received: whether to send it again is a
 * governance decision (the agency may since have left the directory, or moved its endpoint), so IG
 * leads, and only they, list dead deliveries and replay one. Default deny.
 */
export function deadLetterReviewer(principal: Principal, action: "list" | "replay"): RoleCheck {
  const { can, build } = new AbilityBuilder<DeadLetterAbility>(createMongoAbility);
  if (principal.roles.includes(Role.IG_LEAD)) can(["list", "replay"], "DeadWebhook");
  return {
    permitted: build().can(action, "DeadWebhook"),
    problem: "IG_LEAD_ONLY",
    rule: DEAD_LETTER_RULE,
    message: "Only an information governance lead (role IG_LEAD) may see or replay dead webhook deliveries.",
  };
}
