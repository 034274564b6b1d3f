import { AbilityBuilder, createMongoAbility, type MongoAbility } from "@casl/ability";
import { AgencyType } from "../directory/AgencyType";
import { Role } from "../auth/Role";
import { type Principal } from "../auth/Principal";
import { type RoleCheck } from "../audit/governanceAccess";

type ExclusionAbility = MongoAbility<["manage", "ChildExclusion"]>;

/** The rule id recorded on a refused attempt to record, lift or read exclusions. */
export const EXCLUSION_MANAGER_RULE = "child-exclusion:csc-manager-or-ig-lead";

/**
 * Who keeps staff out of a child's file (issue 13 item 6; complex abuse procedures): a children's
 * social care manager, whose enquiry it protects, or an information governance lead. No one else, so
 * an exclusion is never a way for a practitioner to shut a colleague out of a case.
 */
export function exclusionManager(principal: Principal): RoleCheck {
  const { can, build } = new AbilityBuilder<ExclusionAbility>(createMongoAbility);
  if (principal.roles.includes(Role.IG_LEAD)) can("manage", "ChildExclusion");
  if (principal.roles.includes(Role.CSC_MANAGER) && principal.agencyType === AgencyType.CHILDRENS_SOCIAL_CARE) can("manage", "ChildExclusion");
  return {
    permitted: build().can("manage", "ChildExclusion"),
    problem: "EXCLUSION_MANAGERS_ONLY",
    rule: EXCLUSION_MANAGER_RULE,
    message: "Only a children's social care manager (CSC_MANAGER) or an information governance lead (IG_LEAD) may manage who is kept out of a child's file.",
  };
}
