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

/** The records a row says its content came from (`details.recordIds`: a disclosure's records, a notification's sources), or none. */
function sourceRecordsOf(row: DisclosureAuditEntry): string[] {
  const named = row.details.recordIds;
  return Array.isArray(named) ? named.filter((id): id is string => typeof id === "string").map((id) => id.toLowerCase()) : [];
}

/** Every id a row names where the reader could meet it: in its paths, disclosed or withheld, and the records its content came from. */
function idsNamed(row: DisclosureAuditEntry): string[] {
  return [...row.fieldsDisclosed.flatMap(idsIn), ...row.fieldsWithheld.flatMap((withheld) => idsIn(withheld.path)), ...sourceRecordsOf(row)];
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
 * The child's own details a disclosure names without an id (`demographics.givenNames`,
 * `demographics.localAuthority`), each with whether a record `r` reported that kind of fact about the
 * child: every record names the child and gives a sex (`ReportedIdentity`); a date of birth (or an
 * expected one) only when it gave one — a record from before the hub kept what each reported stands for
 * the child's own; the local authority only from an address it reported. A detail not listed is no
 * child-level fact the trail can trace, and is left out of another agency's row.
 */
const CHILD_FACT_SOURCES: Readonly<Record<string, string>> = {
  givenNames: "true",
  familyName: "true",
  aliases: "true",
  sex: "true",
  dateOfBirth: `(r.reported_identity->>'backfilled' IS NOT NULL OR r.reported_identity->>'dateOfBirth' IS NOT NULL OR r.reported_identity->>'expectedDateOfBirth' IS NOT NULL)`,
  localAuthority: "EXISTS (SELECT 1 FROM child_address reported WHERE reported.source_record_id = r.id AND reported.local_authority IS NOT NULL)",
};

/** A child-level detail named without an id, as a disclosure records it (`disclosure/recordPaths`; that folder writes the trail through this one, so the prefix is spelled out here, not imported). */
const CHILD_FACT_PATH = /^demographics\.([A-Za-z]+)$/;

/**
 * Where what a row names comes from, as one reader stands to it (`provenanceFor`):
 * - `ids`: an id that is the reader's own (`OWN`: a record their agency holds, or an identity fact one
 *   of its records reported) or `RESTRICTED` (another agency's SEALED or BROKERED record, or a fact no
 *   record the reader could be told of reported); an id not here is another agency's, or nothing the hub
 *   still holds.
 * - `childFacts`: per child (SUI) and child-level detail (`CHILD_FACT_SOURCES`), `OWN` when one of the
 *   reader's agency's records about the child reported that kind of fact, `OPEN` when only records the
 *   reader could be told of did; absent when only restricted records did, or none.
 */
export interface Provenance {
  ids: ReadonlyMap<string, "OWN" | "RESTRICTED">;
  childFacts: ReadonlyMap<string, "OWN" | "OPEN">;
}

/**
 * The provenance of these ids and of these children's details, for this reader: one statement, sent
 * whether or not there are any, so its cost does not tell what the rows name. A sealed record
 * contributes nothing outside itself and a brokered one only its restricted-involvement signal (design
 * principles 5 and 8); the reader's own agency's records are theirs.
 */
export async function provenanceFor(dataSource: DataSource, reader: TrailReader, ids: readonly string[], suis: readonly string[]): Promise<Provenance> {
  const restricted = (r: string) => `(${r}.labels && ARRAY['SEALED', 'BROKERED']::text[] AND ${r}.agency_code <> :readerAgency)`;
  const facts = IDENTITY_FACT_SOURCES.map(({ table, sources }) => `SELECT fact.id, ${sources} AS sources FROM ${table} fact WHERE fact.id = ANY(CAST(:ids AS uuid[]))`);
  const kinds = Object.entries(CHILD_FACT_SOURCES).map(([field, reported]) => `('${field}', ${reported})`).join(", ");
  const [sql, parameters] = dataSource.driver.escapeQueryWithParameters(
    `SELECT 'id' AS part, r.id::text AS key, CASE WHEN r.agency_code = :readerAgency THEN 'OWN' ELSE 'RESTRICTED' END AS standing
       FROM agency_record r WHERE r.id = ANY(CAST(:ids AS uuid[])) AND (r.agency_code = :readerAgency OR ${restricted("r")})
     UNION ALL
     SELECT 'id', f.id::text, CASE WHEN f.own THEN 'OWN' ELSE 'RESTRICTED' END
       FROM (SELECT f.id,
                    EXISTS (SELECT 1 FROM agency_record r WHERE r.id = ANY(f.sources) AND r.agency_code = :readerAgency) AS own,
                    EXISTS (SELECT 1 FROM agency_record r WHERE r.id = ANY(f.sources) AND NOT ${restricted("r")}) AS open
               FROM (${facts.join(" UNION ALL ")}) f) f
      WHERE f.own OR NOT f.open
     UNION ALL
     SELECT 'fact', c.sui || ' ' || k.field, CASE WHEN bool_or(r.agency_code = :readerAgency) THEN 'OWN' ELSE 'OPEN' END
       FROM child c JOIN agency_record r ON r.child_id = c.id AND r.link_state = 'LINKED'
       CROSS JOIN LATERAL (VALUES ${kinds}) AS k(field, reported)
      WHERE c.sui = ANY(CAST(:suis AS text[])) AND k.reported AND NOT ${restricted("r")}
      GROUP BY c.sui, k.field`,
    { ids: [...new Set(ids)], suis: [...new Set(suis)], readerAgency: reader.agency },
  );
  const rows: { part: "id" | "fact"; key: string; standing: string }[] = await dataSource.query(sql, parameters);
  const standings = new Map<string, "OWN" | "RESTRICTED">();
  const childFacts = new Map<string, "OWN" | "OPEN">();
  for (const row of rows) {
    if (row.part === "id") standings.set(row.key.toLowerCase(), row.standing as "OWN" | "RESTRICTED");
    else childFacts.set(row.key, row.standing as "OWN" | "OPEN");
  }
  return { ids: standings, childFacts };
}

/**
 * What becomes of one path of another agency's row for this reader: `KEPT` when it is theirs — every id
 * it names their own, or, naming none, a detail of a child shown to them that one of their records
 * reported (`CHILD_FACT_SOURCES`), or any path of a row whose content came from their records alone
 * (`details.recordIds`: a notification they sent); `CONCEALED` when it names a restricted record or a
 * fact only restricted records reported (left out as if never there); otherwise `DROPPED` (left out, and
 * the list it was on named in `redactions`). Deny by default: a path of a shape not named here is dropped.
 */
function standingOf(path: string, shownSuis: readonly string[], ownSources: boolean, provenance: Provenance): "KEPT" | "CONCEALED" | "DROPPED" {
  const ids = idsIn(path);
  if (ids.length > 0) {
    const standings = ids.map((id) => provenance.ids.get(id));
    if (standings.includes("RESTRICTED")) return "CONCEALED";
    return standings.every((standing) => standing === "OWN") ? "KEPT" : "DROPPED";
  }
  if (ownSources) return "KEPT";
  const field = CHILD_FACT_PATH.exec(path)?.[1];
  if (field === undefined || !(field in CHILD_FACT_SOURCES)) return "DROPPED";
  const standings = shownSuis.map((sui) => provenance.childFacts.get(`${sui} ${field}`));
  if (standings.includes("OWN")) return "KEPT";
  return standings.includes("OPEN") ? "DROPPED" : "CONCEALED";
}

/** Why a part of another agency's entry is withheld from an IG lead: stable rule ids, so withheld is never mistaken for empty. */
const TRAIL_REDACTIONS = {
  otherAgencysAccount: {
    rule: "audit-trail:other-agency-account",
    reason: "Another agency's own account of its work, for that agency's accountability: it can name other people, other children and case details.",
  },
  otherAgencysRecords: {
    rule: "audit-trail:other-agency-records",
    reason: "Paths of records other agencies hold, and of details of the child none of your agency's records reported, are left out: which agencies hold what about the child is for the disclosure rules to say, not the trail.",
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
 * breach): it shows only the children the reader reaches and counts the rest (`otherChildren`).
 *
 * Its paths, disclosed and withheld, are kept only where they are the reader's (`standingOf`, deny by
 * default): what the reader's agency answers for is who saw its own data, and a path of another agency's
 * record (`education[<id>].safeguardingConcerns`) would tell it which agencies hold records about the
 * child, their ids and what kinds of facts they hold — none of which the disclosure rules give it. A
 * path left out leaves no gap and no count; the list it was on is named in `redactions` (rule
 * `audit-trail:other-agency-records`). A path naming another agency's sealed or brokered record, or a
 * fact only such records reported, is left out as if it had never been there, and is not the reason for
 * any redaction, which would betray it.
 */
export function asReadBy(row: DisclosureAuditEntry, reader: TrailReader, reached: ReadonlySet<string>, provenance: Provenance): AuditEntry {
  const entry = toAuditEntry(row);
  if (row.principalAgency === reader.agency) return entry;
  const childSuis = row.childSuis.filter((sui) => reached.has(sui));
  const sources = sourceRecordsOf(row);
  const ownSources = sources.length > 0 && sources.every((id) => provenance.ids.get(id) === "OWN");
  const standing = (path: string) => standingOf(path, childSuis, ownSources, provenance);
  const fieldsDisclosed = entry.fieldsDisclosed.filter((path) => standing(path) === "KEPT");
  const fieldsWithheld = entry.fieldsWithheld.filter((withheld) => standing(withheld.path) === "KEPT");
  const account = (path: string) => ({ path, ...TRAIL_REDACTIONS.otherAgencysAccount });
  const records = (path: string) => ({ path, ...TRAIL_REDACTIONS.otherAgencysRecords });
  return {
    ...entry,
    access: entry.access === null ? null : { ...entry.access, justification: null, caseReference: null },
    childSuis,
    otherChildren: row.childSuis.length - childSuis.length,
    fieldsDisclosed,
    fieldsWithheld,
    details: {},
    hash: null,
    redactions: [
      ...(entry.access === null ? [] : [account("access.justification"), account("access.caseReference")]),
      ...(entry.fieldsDisclosed.some((path) => standing(path) === "DROPPED") ? [records("fieldsDisclosed")] : []),
      ...(entry.fieldsWithheld.some((withheld) => standing(withheld.path) === "DROPPED") ? [records("fieldsWithheld")] : []),
      account("details"),
      { path: "hash", ...TRAIL_REDACTIONS.hash },
    ],
  };
}

/**
 * The rows as this reader may read them (`asReadBy`): the one place the trail is projected for an IG
 * lead, for lists and exports alike. Two statements (`childrenReached`, `provenanceFor`), sent
 * every time, however many rows and whatever they name.
 */
export async function trailAsRead(dataSource: DataSource, reader: TrailReader, rows: readonly DisclosureAuditEntry[]): Promise<AuditEntry[]> {
  const others = rows.filter((row) => row.principalAgency !== reader.agency);
  const reached = await childrenReached(dataSource, reader, others.flatMap((row) => row.childSuis));
  const provenance = await provenanceFor(dataSource, reader, others.flatMap(idsNamed), others.flatMap((row) => row.childSuis));
  return rows.map((row) => asReadBy(row, reader, reached, provenance));
}
