import { AbilityBuilder, createMongoAbility, subject, type MongoAbility } from "@casl/ability";
import { Role } from "../auth/Role";
import { type Principal } from "../auth/Principal";

type SubmissionAbility = MongoAbility<["submit", "AgencyRecord" | { agencyCode: string; __caslSubjectType__?: string }]>;

/**
 * Who may put records into the hub: only an agency's own system (AGENCY_SYSTEM), and only records of
 * its own agency. A person's token never submits, whatever else it may do, so what reaches the hub is
 * what the agency's system of record holds. Default deny: nothing else is granted.
 */
export function submissionAbility(principal: Principal): SubmissionAbility {
  const { can, build } = new AbilityBuilder<SubmissionAbility>(createMongoAbility);
  if (principal.roles.includes(Role.AGENCY_SYSTEM)) {
    can("submit", "AgencyRecord", { agencyCode: principal.agency });
  }
  return build();
}

export function maySubmitFor(principal: Principal, agencyCode: string): boolean {
  return submissionAbility(principal).can("submit", subject("AgencyRecord", { agencyCode }));
}
