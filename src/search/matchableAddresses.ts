import { type EntityManager } from "typeorm";
import { addressTellsWhereChildLives } from "../people/unrestrictedSource";
import { type MatchableAddress } from "./addressText";

/**
 * The addresses free address text may match each child at (design principle 8): those that may tell
 * where the child lives (`addressTellsWhereChildLives`) — an unrestricted record linked to the child
 * reported them, and no record of the child withholds the place (the withheld address itself, and any
 * other report of the same place: the same postcode, or the same first line where one gives none). A
 * refuge's address, or one only a sealed record gave, matches nobody, exactly as an address the hub has
 * never heard of. One statement.
 */
export async function matchableAddresses(manager: EntityManager, childIds: readonly string[]): Promise<Map<string, MatchableAddress[]>> {
  const rows: { child_id: string; line1: string; postcode: string; local_authority: string | null }[] = await manager.query(
    `SELECT a.child_id, a.line1, a.postcode, a.local_authority
       FROM child_address a JOIN child c ON c.id = a.child_id
      WHERE a.child_id = ANY($1::uuid[]) AND ${addressTellsWhereChildLives("a", "c")}
      ORDER BY a.first_reported_at, a.id`,
    [childIds],
  );
  const byChild = new Map<string, MatchableAddress[]>();
  for (const row of rows) byChild.set(row.child_id, [...(byChild.get(row.child_id) ?? []), { line1: row.line1, postcode: row.postcode, localAuthority: row.local_authority }]);
  return byChild;
}
