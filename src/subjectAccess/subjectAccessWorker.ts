import { AbilityBuilder, createMongoAbility, type MongoAbility } from "@casl/ability";
import { type Principal } from "../auth/Principal";
import { Role } from "../auth/Role";
import { type RoleCheck } from "../audit/governanceAccess";

type SubjectAccessAbility = MongoAbility<["answer", "SubjectAccessRequest"]>;

/** The rule id recorded on a refused attempt at subject access work. */
export const SUBJECT_ACCESS_RULE = "subject-access:ig-lead-only";

/**
 * Only information governance leads (and DPOs, who hold the role) answer subject access requests: the
 * report puts together everything the hub holds about a child and who it went to, and the decisions on
 * it are the controller's (UK GDPR Art 38, 39). Default deny.
 */
export function subjectAccessWorker(principal: Principal): RoleCheck {
  const { can, build } = new AbilityBuilder<SubjectAccessAbility>(createMongoAbility);
  if (principal.roles.includes(Role.IG_LEAD)) can("answer", "SubjectAccessRequest");
  return {
    permitted: build().can("answer", "SubjectAccessRequest"),
    problem: "IG_LEAD_ONLY",
    rule: SUBJECT_ACCESS_RULE,
    message: "Only an information governance lead (role IG_LEAD) may work on subject access requests.",
  };
}
