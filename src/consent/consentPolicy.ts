import { AbilityBuilder, createMongoAbility, type MongoAbility } from "@casl/ability";
import { Role } from "../auth/Role";
import { type Principal } from "../auth/Principal";

type ConsentAbility = MongoAbility<["record", "ConsentRecord" | "ConsentOverride" | "DecisionNotToShare"]>;

/** Practitioners who work with children and families record the consent decisions they obtain. */
const PRACTITIONERS: Role[] = [
  Role.MASH_PRACTITIONER, Role.SOCIAL_WORKER, Role.CSC_MANAGER, Role.POLICE_OFFICER, Role.HEALTH_PRACTITIONER,
  Role.SCHOOL_DSL, Role.PROBATION_PRACTITIONER, Role.PRISON_OMU, Role.YOT_WORKER,
];

/**
 * Who may record what about consent and sharing decisions. A safeguarding override of consent is a
 * manager's decision (Working Together: "a manager authorises it; the reason is recorded"). Any
 * practitioner may record a consent decision or a decision not to share (s.16LA duty to share: the
 * decision not to is recorded). Default deny.
 */
export function consentAbility(principal: Principal): ConsentAbility {
  const { can, build } = new AbilityBuilder<ConsentAbility>(createMongoAbility);
  if (principal.roles.some((role) => PRACTITIONERS.includes(role))) {
    can("record", "ConsentRecord");
    can("record", "DecisionNotToShare");
  }
  if (principal.roles.includes(Role.CSC_MANAGER)) can("record", "ConsentOverride");
  return build();
}
