import { ExclusionKind } from "./ChildExclusion";
import { type ExclusionTerms } from "./excludes";

/**
 * Whether a standing exclusion keeps some of an agency's people out of the child's file — one person
 * (STAFF) or a team (TEAM) of it — while the agency as a whole is still told about the child. What the
 * hub pushes to the agency's own system must then be no more than those people may read: the agency's
 * case system is open to anyone at the agency with access to it, so a webhook about the child carries a
 * notice only and the content waits in the hub's inbox, which keeps them out (`webhooks/webhookBody`).
 * A STAFF exclusion naming no agency (an exclusion read as data) names the person at any agency. A
 * lifted exclusion keeps no one out.
 */
export function excludesStaffOf(exclusion: ExclusionTerms, agencyCode: string): boolean {
  if (exclusion.liftedAt !== null) return false;
  if (exclusion.kind === ExclusionKind.STAFF) return exclusion.agencyCode === null || exclusion.agencyCode === agencyCode;
  return exclusion.kind === ExclusionKind.TEAM && exclusion.agencyCode === agencyCode;
}
