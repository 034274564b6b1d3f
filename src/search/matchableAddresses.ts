import { type EntityManager } from "typeorm";
import { sameLocation } from "../people/identityFacts";
import { addressReportedByUnrestrictedRecord, locationWithheld } from "../people/unrestrictedSource";
import { type MatchableAddress } from "./addressText";

/**
 * The addresses free address text may match each child at (design principle 8): those an unrestricted
 * record linked to the child reported, less every place any record of the child withholds — the
 * withheld address itself, and any other report of the same place (`sameLocation`: the same postcode,
 * or the same first line where one gives none). A refuge's address, or one only a sealed record gave,
 * matches nobody, exactly as an address the hub has never heard of. One statement.
 */
export async function matchableAddresses(manager: EntityManager, childIds: readonly string[]): Promise<Map<string, MatchableAddress[]>> {
  const rows: { child_id: string; line1: string; postcode: string; local_authority: string | null; unrestricted: boolean; withheld: boolean }[] = await manager.query(
    `SELECT a.child_id, a.line1, a.postcode, a.local_authority, ${addressReportedByUnrestrictedRecord("a", "c")} AS unrestricted, ${locationWithheld("a")} AS withheld
       FROM child_address a JOIN child c ON c.id = a.child_id
      WHERE a.child_id = ANY($1::uuid[])`,
    [childIds],
  );
  const byChild = new Map<string, MatchableAddress[]>();
  for (const childId of new Set(rows.map((row) => row.child_id))) {
    const own = rows.filter((row) => row.child_id === childId).map((row) => ({ line1: row.line1, postcode: row.postcode, localAuthority: row.local_authority, unrestricted: row.unrestricted, withheld: row.withheld }));
    const withheld = own.filter((address) => address.withheld);
    byChild.set(childId, own.filter((address) => address.unrestricted && !withheld.some((place) => sameLocation(place, address))).map(({ line1, postcode, localAuthority }) => ({ line1, postcode, localAuthority })));
  }
  return byChild;
}
