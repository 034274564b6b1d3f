import { type DataSource } from "typeorm";
import { toAuditEntry, type AuditEntry } from "./AuditEntry";
import { type DisclosureAuditEntry } from "./DisclosureAuditEntry";
import { childReach, type TrailReader } from "./trailReach";

/**
 * Which of these children the reader reaches under the trail's rule (`childReach`: their agency holds a
 * record about the child, or — children's services — the child has an address in their authority). One
 * statement, sent whether or not there are any, so its cost does not tell how many children were asked about.
 */
export async function childrenReached(dataSource: DataSource, reader: TrailReader, suis: readonly string[]): Promise<Set<string>> {
  const reach = childReach(reader, { suis: "ARRAY[s.sui]" });
  const [sql, parameters] = dataSource.driver.escapeQueryWithParameters(
    `SELECT s.sui FROM unnest(CAST(:suis AS text[])) AS s(sui) WHERE ${reach.condition}`,
    { ...reach.parameters, suis: [...new Set(suis)] },
  );
  const rows: { sui: string }[] = await dataSource.query(sql, parameters);
  return new Set(rows.map((row) => row.sui));
}

/**
 * One trail row as this reader may read it. A row their agency's staff made is theirs in full: they
 * answer for their staff's use of the hub. Any other row reached them through a child their agency
 * answers for, and may name other children too (a search's candidates, a notification's children, a
 * merge, a breach): it shows only the children the reader reaches and counts the rest (`otherChildren`).
 * A row so narrowed also withholds its `details` — operation-specific JSON that may describe each child
 * (candidates' child ids, merged children, a breach's) in shapes only its writer knows, so none of it is
 * shown (default deny) — and its `hash`, which covers the children left out: with every other column
 * shown, it would let the reader test guesses of their NHS numbers offline. The stored row is unchanged,
 * so the chain still verifies (`verifyAuditTrail`).
 */
export function asReadBy(row: DisclosureAuditEntry, reader: TrailReader, reached: ReadonlySet<string>): AuditEntry {
  const entry = toAuditEntry(row);
  if (row.principalAgency === reader.agency) return entry;
  const childSuis = row.childSuis.filter((sui) => reached.has(sui));
  const otherChildren = row.childSuis.length - childSuis.length;
  return otherChildren === 0 ? entry : { ...entry, childSuis, otherChildren, details: {}, hash: null };
}

/**
 * The rows as this reader may read them (`asReadBy`): the one place the trail is projected for an IG
 * lead, for lists and exports alike. One statement (`childrenReached`), however many rows.
 */
export async function trailAsRead(dataSource: DataSource, reader: TrailReader, rows: readonly DisclosureAuditEntry[]): Promise<AuditEntry[]> {
  const reached = await childrenReached(dataSource, reader, rows.filter((row) => row.principalAgency !== reader.agency).flatMap((row) => row.childSuis));
  return rows.map((row) => asReadBy(row, reader, reached));
}
