import { AbilityBuilder, createMongoAbility, type MongoAbility } from "@casl/ability";
import { Role } from "../auth/Role";
import { type Principal } from "../auth/Principal";
import { type RoleCheck } from "../audit/governanceAccess";

type AlertAbility = MongoAbility<["review", "IgAlert"]>;

/** The rule id recorded on a refused attempt to review an alert. */
export const ALERT_REVIEW_RULE = "ig-alert-review:ig-lead-only";

/** The rule id recorded when an IG lead tries to review their own break-glass access. */
export const OWN_ALERT_RULE = "ig-alert-review:not-own-access";

/**
 * Only information governance leads review break-glass alerts: the review decides whether an
 * emergency access was a personal data breach (UK GDPR Art 33), which is the IG lead's call.
 */
export function alertReviewer(principal: Principal): RoleCheck {
  const { can, build } = new AbilityBuilder<AlertAbility>(createMongoAbility);
  if (principal.roles.includes(Role.IG_LEAD)) can("review", "IgAlert");
  return {
    permitted: build().can("review", "IgAlert"),
    problem: "IG_LEAD_ONLY",
    rule: ALERT_REVIEW_RULE,
    message: "Only an information governance lead (IG_LEAD) may review IG alerts.",
  };
}
