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

/** A record's or an identity fact's id as a path names it: `police[<id>].intelligence`, `demographics.addresses[<id>]`, `demographics.names[<id>]`. */
const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

function idsIn(text: string): string[] {
  return (text.match(ID) ?? []).map((id) => id.toLowerCase());
}

/** Every id a row's paths name, disclosed or withheld: where a record or an identity fact may be named (its `details` are never shown to another agency's reader). */
function idsInPaths(row: DisclosureAuditEntry): string[] {
  return [...row.fieldsDisclosed.flatMap(idsIn), ...row.fieldsWithheld.flatMap((withheld) => idsIn(withheld.path))];
}

/**
 * Every identity fact the hub keys by an id, with the records that reported it (design principle 8): a
 * name, alias or previous name (`child_name.sources`, one row whatever number of records reported it) and
 * each record's report of an address (`child_address.source_record_id`, one row per record). A fact kept
 * by id elsewhere joins this list, and the trail traces it like the others.
 */
const IDENTITY_FACT_SOURCES: readonly { table: string; sources: string }[] = [
  { table: "child_name", sources: "fact.sources" },
  { table: "child_address", sources: "ARRAY[fact.source_record_id]" },
];

/**
 * Which of these ids are another agency's SEALED or BROKERED records, or identity facts (a name, an
 * address: `IDENTITY_FACT_SOURCES`) no record this reader may see reported, as this reader reads the
 * trail: design principles 5 and 8, a sealed record contributes nothing outside itself and a brokered one
 * only its restricted-involvement signal, so not its id, its fields or the facts it alone gave on the line
 * of someone else's read either — a new identity only a sealed record knows would betray it. A fact also
 * reported by a record the reader may see stays: it is no secret of the restricted one. The reader's own
 * agency's records are theirs. One statement, sent whether or not there are any ids.
 */
export async function recordsRestrictedFrom(dataSource: DataSource, reader: TrailReader, ids: readonly string[]): Promise<Set<string>> {
  const restricted = (r: string) => `${r}.labels && ARRAY['SEALED', 'BROKERED']::text[] AND ${r}.agency_code <> :readerAgency`;
  const facts = IDENTITY_FACT_SOURCES.map(({ table, sources }) => `SELECT fact.id, ${sources} AS sources FROM ${table} fact WHERE fact.id = ANY(CAST(:ids AS uuid[]))`);
  const [sql, parameters] = dataSource.driver.escapeQueryWithParameters(
    `SELECT r.id::text AS id FROM agency_record r WHERE r.id = ANY(CAST(:ids AS uuid[])) AND ${restricted("r")}
     UNION ALL
     SELECT f.id::text AS id FROM (${facts.join(" UNION ALL ")}) f
      WHERE NOT EXISTS (SELECT 1 FROM agency_record r WHERE r.id = ANY(f.sources) AND NOT (${restricted("r")}))`,
    { ids: [...new Set(ids)], readerAgency: reader.agency },
  );
  const rows: { id: string }[] = await dataSource.query(sql, parameters);
  return new Set(rows.map((row) => row.id.toLowerCase()));
}

/** Why a part of another agency's entry is withheld from an IG lead: stable rule ids, so withheld is never mistaken for empty. */
const TRAIL_REDACTIONS = {
  otherAgencysAccount: {
    rule: "audit-trail:other-agency-account",
    reason: "Another agency's own account of its work, for that agency's accountability: it can name other people, other children and case details.",
  },
  hash: {
    rule: "audit-trail:hash-covers-withheld",
    reason: "The hash covers what is withheld here: shown beside the rest, it would let guesses at it be tested offline. verifyAuditChain checks every entry in full.",
  },
} as const;

/**
 * One trail row as this reader may read it. A row their agency's staff made is theirs in full: they
 * answer for their staff's use of the hub, and its justification is their own agency's account.
 *
 * Any other row reached them through a child their agency answers for. It shows who acted (sub, agency,
 * roles), when, the operation, the purpose, lawful basis, condition, break-glass, the outcome and what
 * was disclosed and withheld — what the reader needs to answer for their child — and withholds what is
 * another agency's own account (`redactions`, rule `audit-trail:other-agency-account`): the caller's
 * `justification` and `caseReference`, free text written for the caller's own agency's accountability,
 * routinely naming other people, other children and case details; and `details`, operation-specific JSON
 * in shapes only its writer knows — a steward's or an IG lead's reasons and notes, a search's candidates,
 * merged children, the records read — so none of it is shown rather than guessing which parts are safe
 * (default deny). And it withholds its `hash`, which covers all of that: with every other column shown,
 * it would let the reader test guesses offline (a case reference's pattern, a templated justification,
 * the children's NHS numbers). The stored row is unchanged, so the chain still verifies (`verifyAuditTrail`).
 *
 * Such a row may also name other children (a search's candidates, a notification's children, a merge, a
 * breach): it shows only the children the reader reaches and counts the rest (`otherChildren`). And it
 * may name another agency's sealed or brokered record, or a name or an address only such records
 * reported (`restricted`, from `recordsRestrictedFrom`): every path naming one is left out of
 * `fieldsDisclosed` and `fieldsWithheld`, as if it had never been there — not listed in `redactions`,
 * which would betray it.
 */
export function asReadBy(row: DisclosureAuditEntry, reader: TrailReader, reached: ReadonlySet<string>, restricted: ReadonlySet<string>): AuditEntry {
  const entry = toAuditEntry(row);
  if (row.principalAgency === reader.agency) return entry;
  const childSuis = row.childSuis.filter((sui) => reached.has(sui));
  const shown = (path: string) => !idsIn(path).some((id) => restricted.has(id));
  const account = (path: string) => ({ path, ...TRAIL_REDACTIONS.otherAgencysAccount });
  return {
    ...entry,
    access: entry.access === null ? null : { ...entry.access, justification: null, caseReference: null },
    childSuis,
    otherChildren: row.childSuis.length - childSuis.length,
    fieldsDisclosed: entry.fieldsDisclosed.filter(shown),
    fieldsWithheld: entry.fieldsWithheld.filter((withheld) => shown(withheld.path)),
    details: {},
    hash: null,
    redactions: [
      ...(entry.access === null ? [] : [account("access.justification"), account("access.caseReference")]),
      account("details"),
      { path: "hash", ...TRAIL_REDACTIONS.hash },
    ],
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
  const restricted = await recordsRestrictedFrom(dataSource, reader, others.flatMap(idsInPaths));
  return rows.map((row) => asReadBy(row, reader, reached, restricted));
}
