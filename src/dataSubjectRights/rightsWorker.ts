import { AbilityBuilder, createMongoAbility, type MongoAbility } from "@casl/ability";
import { Role } from "../auth/Role";
import { type Principal } from "../auth/Principal";
import { type RoleCheck } from "../audit/governanceAccess";

type RightsAbility = MongoAbility<["decide", "DataSubjectRight"]>;

/** The rule id recorded on a refused attempt by anyone but an IG lead. */
export const RIGHTS_WORKER_RULE = "data-subject-rights:ig-lead-only";

/**
 * Only an information governance lead acts on a data subject's rights: attaching a supplementary
 * statement for the owning agency, restricting processing, deciding an objection or an erasure. Each is
 * the controller's decision (UK GDPR Arts 12, 16-21), which the agency makes through its IG lead; a
 * practitioner who disagrees with a record asks them.
 */
export function rightsWorker(principal: Principal): RoleCheck {
  const { can, build } = new AbilityBuilder<RightsAbility>(createMongoAbility);
  if (principal.roles.includes(Role.IG_LEAD)) can("decide", "DataSubjectRight");
  return {
    permitted: build().can("decide", "DataSubjectRight"),
    problem: "IG_LEAD_ONLY",
    rule: RIGHTS_WORKER_RULE,
    message: "Only an information governance lead (IG_LEAD) acts on a data subject's rights.",
  };
}
