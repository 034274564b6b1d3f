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

/** A record's or an address's id as the trail names it: in a path (`police[<id>].intelligence`, `demographics.addresses[<id>]`) or in `details` (`recordIds`, `brokered`). */
const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

function idsIn(text: string): string[] {
  return (text.match(ID) ?? []).map((id) => id.toLowerCase());
}

/** Every id a row names where a record or an address may be named: its fields disclosed and withheld, and anything in its `details`. */
function idsNamedBy(row: DisclosureAuditEntry): string[] {
  return [...row.fieldsDisclosed.flatMap(idsIn), ...row.fieldsWithheld.flatMap((withheld) => idsIn(withheld.path)), ...idsIn(JSON.stringify(row.details ?? {}))];
}

/**
 * Which of these ids are another agency's SEALED or BROKERED records, or addresses only such a record
 * reported (`child_address.source_record_id`), as this reader reads the trail: design principles 5 and 8,
 * a sealed record contributes nothing outside itself and a brokered one only its restricted-involvement
 * signal, so not its id or its fields on the line of someone else's read either. The reader's own
 * agency's records are theirs. One statement, sent whether or not there are any ids.
 */
export async function recordsRestrictedFrom(dataSource: DataSource, reader: TrailReader, ids: readonly string[]): Promise<Set<string>> {
  const restricted = `r.labels && ARRAY['SEALED', 'BROKERED']::text[] AND r.agency_code <> :readerAgency`;
  const [sql, parameters] = dataSource.driver.escapeQueryWithParameters(
    `SELECT r.id::text AS id FROM agency_record r WHERE r.id = ANY(CAST(:ids AS uuid[])) AND ${restricted}
     UNION ALL
     SELECT a.id::text AS id FROM child_address a JOIN agency_record r ON r.id = a.source_record_id WHERE a.id = ANY(CAST(:ids AS uuid[])) AND ${restricted}`,
    { ids: [...new Set(ids)], readerAgency: reader.agency },
  );
  const rows: { id: string }[] = await dataSource.query(sql, parameters);
  return new Set(rows.map((row) => row.id.toLowerCase()));
}

/**
 * One trail row as this reader may read it. A row their agency's staff made is theirs in full: they
 * answer for their staff's use of the hub. Any other row reached them through a child their agency
 * answers for, and may name other children too (a search's candidates, a notification's children, a
 * merge, a breach): it shows only the children the reader reaches and counts the rest (`otherChildren`).
 * It may also name another agency's sealed or brokered record, or an address only such a record reported
 * (`restricted`, from `recordsRestrictedFrom`): every path naming one is left out of `fieldsDisclosed`
 * and `fieldsWithheld`, as if it had never been there.
 * A row so narrowed also withholds its `details` — operation-specific JSON that may describe each child
 * (candidates' child ids, merged children, a breach's) or name the records read (`recordIds`,
 * `brokered`) in shapes only its writer knows, so none of it is shown (default deny) — and its `hash`,
 * which covers what was left out: with every other column shown, it would let the reader test guesses
 * of the children's NHS numbers offline. The stored row is unchanged, so the chain still verifies
 * (`verifyAuditTrail`).
 */
export function asReadBy(row: DisclosureAuditEntry, reader: TrailReader, reached: ReadonlySet<string>, restricted: ReadonlySet<string>): AuditEntry {
  const entry = toAuditEntry(row);
  if (row.principalAgency === reader.agency) return entry;
  const childSuis = row.childSuis.filter((sui) => reached.has(sui));
  const otherChildren = row.childSuis.length - childSuis.length;
  const namesRestricted = idsNamedBy(row).some((id) => restricted.has(id));
  if (otherChildren === 0 && !namesRestricted) return entry;
  const shown = (path: string) => !idsIn(path).some((id) => restricted.has(id));
  return {
    ...entry,
    childSuis,
    otherChildren,
    fieldsDisclosed: entry.fieldsDisclosed.filter(shown),
    fieldsWithheld: entry.fieldsWithheld.filter((withheld) => shown(withheld.path)),
    details: {},
    hash: null,
  };
}

/**
 * The rows as this reader may read them (`asReadBy`): the one place the trail is projected for an IG
 * lead, for lists and exports alike. Two statements (`childrenReached`, `recordsRestrictedFrom`), sent
 * every time, however many rows and whatever they name.
 */
export async function trailAsRead(dataSource: DataSource, reader: TrailReader, rows: readonly DisclosureAuditEntry[]): Promise<AuditEntry[]> {
  const others = rows.filter((row) => row.principalAgency !== reader.agency);
  const reached = await childrenReached(dataSource, reader, others.flatMap((row) => row.childSuis));
  const restricted = await recordsRestrictedFrom(dataSource, reader, others.flatMap(idsNamedBy));
  return rows.map((row) => asReadBy(row, reader, reached, restricted));
}
