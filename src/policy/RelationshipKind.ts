/**
 * A legitimate relationship between the caller and the child, derived from the data (design §6):
 * - AGENCY_INVOLVED: the caller's own agency holds a record linked to the child (the school the child
 *   is on roll at, the GP practice, the CSC or police force with a record, the YOT);
 * - RESPONSIBLE_LOCAL_AUTHORITY: the caller works for children's social care of the local authority the
 *   child lives in, or that is responsible for the child;
 * - HOLDS_LINKED_ADULT: the caller's agency (prison, probation) holds a record of an adult linked to the
 *   child;
 * - WORKS_WITH_MOTHER: while the child is not yet born, the caller's agency holds a current record
 *   about the child's mother (a pre-birth assessment or conference): it holds the adult a current record
 *   names as the child's MOTHER;
 * - MASH_CASE: a MASH practitioner with a case reference;
 * - NOTIFICATION_RECIPIENT: a notification duty (policies/notification-routing.yaml) names the caller's
 *   agency as a recipient of this notification. Set only by notification routing, never derived for a
 *   read of a child's file;
 * - BREAK_GLASS: emergency access, reviewed afterwards;
 * - SEARCH_CANDIDATE: the child is a candidate in the caller's search (`search/`), made under an open
 *   referral at the caller's authority or break-glass: only what tells candidates apart. Set only by
 *   search, never derived for a read of a child's file;
 * - HOUSEHOLD_MEMBER: the child is placed with the child of the caller's open referral (the same current
 *   address, or an adult linked to both) in the caller's household view (`search/viewHousehold.ts`):
 *   only what tells the children apart. Set only by the household view, never derived for a read.
 */
export const RelationshipKind = {
  AGENCY_INVOLVED: "AGENCY_INVOLVED",
  RESPONSIBLE_LOCAL_AUTHORITY: "RESPONSIBLE_LOCAL_AUTHORITY",
  HOLDS_LINKED_ADULT: "HOLDS_LINKED_ADULT",
  WORKS_WITH_MOTHER: "WORKS_WITH_MOTHER",
  MASH_CASE: "MASH_CASE",
  NOTIFICATION_RECIPIENT: "NOTIFICATION_RECIPIENT",
  BREAK_GLASS: "BREAK_GLASS",
  SEARCH_CANDIDATE: "SEARCH_CANDIDATE",
  HOUSEHOLD_MEMBER: "HOUSEHOLD_MEMBER",
} as const;
export type RelationshipKind = (typeof RelationshipKind)[keyof typeof RelationshipKind];
export const RELATIONSHIP_KINDS = Object.values(RelationshipKind);
