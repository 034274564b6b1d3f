import { type EntityManager } from "typeorm";
import { type MatchProfile } from "../identity/matching/MatchProfile";
import { profileOf, type ProfileRow } from "../identity/matchProfiles";
import { type AddressKind } from "../people/AddressKind";
import { type HouseholdLinksRule } from "../policy/PolicySet";
import { type Relationship } from "../people/Relationship";
import { currentResidence } from "../people/residence";
import { addressReportedByUnrestrictedRecord, atProtectedLocation } from "../people/unrestrictedSource";

/** Why the hub places a child with the child viewed. */
export type HouseholdLink =
  | { kind: "SAME_ADDRESS" }
  /** An adult linked to both children, with how each record relates them (a shared MOTHER is a sibling). */
  | { kind: "LINKED_ADULT"; adultRelationshipToChild: Relationship; adultRelationshipToMember: Relationship };

/** The children placed with the child, and whether an adult linked more children than the policy lets the view list. */
export interface Household {
  members: HouseholdMember[];
  /** Placed, but kept from the caller (`keptOutOf`): never listed, and never counted against the cap. */
  keptOut: HouseholdMember[];
  /** An adult of the child's is named with more children than `maxChildrenPerAdult`: none of theirs is listed — narrow. */
  tooManyToList: boolean;
}

export interface HouseholdMember {
  profile: MatchProfile;
  /** Null while the child awaits an SUI. */
  sui: string | null;
  placedBy: HouseholdLink[];
}

/**
 * SQL: a record linked to the child `child` that may place them anywhere — linked (a POSSIBLE link is
 * nobody's), neither sealed nor brokered: a restricted record contributes nothing outside itself, not
 * even who the child lives with (design principle 8).
 */
const visibleRecord = (record: string, child: string) =>
  `${record}.child_id = ${child} AND ${record}.link_state = 'LINKED' AND NOT (${record}.labels && ARRAY['SEALED', 'BROKERED']::text[])`;

interface AddressRow {
  child_id: string; kind: AddressKind; line1: string; postcode: string; local_authority: string | null;
  valid_from: string | null; first_reported_at: Date; withheld: boolean;
}

/** A place as the household view compares it: the postcode and the first line, case and spacing aside (`lineKey`). */
interface Place {
  postcode: string;
  line1: string;
}

/**
 * A first line as the household view compares it, worked out only here, never again in SQL: PostgreSQL's
 * `lower` is not JavaScript's (it makes U+0130 "i", JavaScript "i" and a combining dot; its `\s` takes
 * no no-break space), so a second form of the rule in a query dropped children at the very same home.
 */
const lineKey = (line1: string) => line1.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();

/**
 * The current residence of each child as unrestricted records tell it (`people/residence.ts`: the home
 * or placement most recently begun), or nothing: a child whose current residence is at a protected
 * location — withheld by its own label, the record that reported it, or any record of the child
 * protecting the same place (`atProtectedLocation`: the same postcode, or the same first line where one
 * gives none, as everywhere a protected location is kept: `addressTellsWhereChildLives`) — is placed
 * nowhere, never at an older address instead (a household is who lives with the child now); nor is one
 * whose residence has no postcode (a first line alone is no place to compare).
 */
async function currentPlaces(manager: EntityManager, childIds: string[]): Promise<Map<string, Place>> {
  if (childIds.length === 0) return new Map();
  const rows: AddressRow[] = await manager.query(
    `SELECT a.child_id, a.kind, a.line1, a.postcode, a.local_authority, a.valid_from::text AS valid_from, a.first_reported_at,
            ${atProtectedLocation("a")} AS withheld
       FROM child c JOIN child_address a ON a.child_id = c.id
      WHERE c.id = ANY($1::uuid[]) AND c.merged_into_id IS NULL AND ${addressReportedByUnrestrictedRecord("a", "c")}`,
    [childIds],
  );
  const byChild = new Map<string, AddressRow[]>();
  for (const row of rows) byChild.set(row.child_id, [...(byChild.get(row.child_id) ?? []), row]);
  const places = new Map<string, Place>();
  for (const [childId, addresses] of byChild) {
    const current = currentResidence(addresses.map((row) => ({ ...row, localAuthority: row.local_authority, validFrom: row.valid_from, firstReportedAt: new Date(row.first_reported_at) })));
    if (current === null || current.withheld || current.postcode === "") continue;
    places.set(childId, { postcode: current.postcode, line1: lineKey(current.line1) });
  }
  return places;
}

/**
 * The other children the hub places with this child (issue 11 item 3), from unrestricted records only:
 * - SAME_ADDRESS: their current residence is the child's current residence (the same postcode and first
 *   line — never a postcode alone, which is a street), neither withheld;
 * - LINKED_ADULT: an adult a record of the child names (a parent, a household member, an alleged
 *   perpetrator, a PPRC) is named by a record of theirs too — siblings share a parent this way —
 *   bounded by the policy (`policies/household.yaml` `householdLinks`): only the relationships it
 *   names count on either side (a professional contact places no one), each record naming the adult
 *   was recorded within `recordWithinDays` (an adult on a years-old record links no one now), and an
 *   adult named with more than `maxChildrenPerAdult` other children places none of them: the view
 *   says there are too many to list. A child the caller is kept out of (`keptOutOf`, asked once for
 *   every child placed, always sent) is not counted: to the caller it is a child the hub does not hold.

 * Each link rests on a record linked to each child that is neither sealed nor brokered. A child is
 * listed only while such a record reports them, so a child the hub knows only under a sealed identity
 * is never listed. One hop only: the members of a member's household are not the viewed child's.
 */
export async function householdMembers(
  manager: EntityManager, childId: string, bounds: HouseholdLinksRule, now: Date, keptOutOf: (childIds: string[]) => Promise<ReadonlySet<string>>,
): Promise<Household> {
  const links = new Map<string, HouseholdLink[]>();
  const add = (memberId: string, link: HouseholdLink) => links.set(memberId, [...(links.get(memberId) ?? []), link]);

  const place = (await currentPlaces(manager, [childId])).get(childId);
  if (place !== undefined) {
    // Those with an address at the postcode (a street at most); whose first line is the child's is decided
    // by `lineKey` alone, below.
    const rows: { child_id: string }[] = await manager.query(
      `SELECT DISTINCT c.id AS child_id FROM child_address a JOIN child c ON c.id = a.child_id
        WHERE a.postcode = $1 AND c.id <> $2 AND c.merged_into_id IS NULL
          AND ${addressReportedByUnrestrictedRecord("a", "c")}`,
      [place.postcode, childId],
    );
    const theirs = await currentPlaces(manager, rows.map((row) => row.child_id));
    for (const [memberId, memberPlace] of theirs) if (memberPlace.postcode === place.postcode && memberPlace.line1 === place.line1) add(memberId, { kind: "SAME_ADDRESS" });
  }

  const since = new Date(now.getTime() - bounds.recordWithinDays * 24 * 60 * 60 * 1000);
  const adultRows: { adult_id: string; child_id: string; to_child: Relationship; to_member: Relationship }[] = await manager.query(
    `SELECT DISTINCT mine.adult_id, m.child_id, mine.relationship AS to_child, m.relationship AS to_member
       FROM child_adult_relationship mine
       JOIN agency_record r ON r.id = mine.source_record_id
       JOIN child_adult_relationship m ON m.adult_id = mine.adult_id AND m.child_id <> mine.child_id
       JOIN agency_record mr ON mr.id = m.source_record_id
       JOIN child c ON c.id = m.child_id AND c.merged_into_id IS NULL
      WHERE mine.child_id = $1 AND ${visibleRecord("r", "mine.child_id")} AND ${visibleRecord("mr", "m.child_id")}
        AND mine.relationship = ANY($2::varchar[]) AND m.relationship = ANY($2::varchar[])
        AND COALESCE(r.recorded_at, r.received_at) >= $3 AND COALESCE(mr.recorded_at, mr.received_at) >= $3
      ORDER BY m.child_id, to_child, to_member`,
    [childId, bounds.adultRelationships, since],
  );
  const hidden = await keptOutOf([...new Set([...links.keys(), ...adultRows.map((row) => row.child_id)])]);
  const childrenOf = new Map<string, Set<string>>();
  for (const row of adultRows) if (!hidden.has(row.child_id)) childrenOf.set(row.adult_id, (childrenOf.get(row.adult_id) ?? new Set()).add(row.child_id));
  const tooMany = new Set([...childrenOf].filter(([, children]) => children.size > bounds.maxChildrenPerAdult).map(([adultId]) => adultId));
  for (const row of adultRows) {
    if (!tooMany.has(row.adult_id)) add(row.child_id, { kind: "LINKED_ADULT", adultRelationshipToChild: row.to_child, adultRelationshipToMember: row.to_member });
  }

  const memberIds = [...links.keys()];
  // Shown from the match profile (only what unrestricted records reported), and only while a record that is not sealed reports the child.
  // Sent even for no one: a household whose only member is kept from the caller costs what an empty one does.
  const profiles: (ProfileRow & { sui: string | null })[] = await manager.query(
    `SELECT p.child_id, p.given_names, p.family_names, p.date_of_birth::text AS date_of_birth, p.sex, p.postcodes, c.sui
       FROM child_match_profile p JOIN child c ON c.id = p.child_id
      WHERE p.child_id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM agency_record s WHERE ${visibleRecord("s", "p.child_id")})
      ORDER BY p.date_of_birth NULLS LAST, p.child_id`,
    [memberIds],
  );
  const placed = profiles.map((row) => ({ profile: profileOf(row), sui: row.sui, placedBy: links.get(row.child_id) ?? [] }));
  return { members: placed.filter((member) => !hidden.has(member.profile.childId)), keptOut: placed.filter((member) => hidden.has(member.profile.childId)), tooManyToList: tooMany.size > 0 };
}
