import { AbilityBuilder, createMongoAbility, type MongoAbility } from "@casl/ability";
import { Role } from "../auth/Role";
import { type Principal } from "../auth/Principal";
import { type RoleCheck } from "../audit/governanceAccess";

type BreachAbility = MongoAbility<["manage", "PersonalDataBreach"]>;

export const BREACH_LOG_RULE = "breach-log:ig-lead-only";

/** Only information governance leads (the DPO's office) keep the breach log and decide what is reported (UK GDPR Art 33(5), Art 39). */
export function breachManager(principal: Principal): RoleCheck {
  const { can, build } = new AbilityBuilder<BreachAbility>(createMongoAbility);
  if (principal.roles.includes(Role.IG_LEAD)) can("manage", "PersonalDataBreach");
  return {
    permitted: build().can("manage", "PersonalDataBreach"),
    problem: "IG_LEAD_ONLY",
    rule: BREACH_LOG_RULE,
    message: "Only an information governance lead (IG_LEAD) may keep the breach log.",
  };
}
