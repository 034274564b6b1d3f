import { type PolicySet } from "../policy/PolicySet";
import { RelationshipKind } from "../policy/RelationshipKind";

/** The roles some search grant names (`policies/search.yaml`): who may search for a child at all, for some purpose. */
export function searchRoles(policy: PolicySet): string[] {
  return [...new Set(policy.grants.filter((grant) => grant.relationships?.includes(RelationshipKind.SEARCH_CANDIDATE) === true).flatMap((grant) => grant.roles))];
}
