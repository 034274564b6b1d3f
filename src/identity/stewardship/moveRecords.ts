import { randomUUID } from "node:crypto";
import { type EntityManager } from "typeorm";
import { addAddressFacts, addNameFacts, moveAddressFacts } from "../../people/addIdentityFacts";
import { NameKind } from "../../people/NameKind";
import { normalisePostcode } from "../../people/postcode";
import { tidyName } from "../../people/personName";
import { LinkMethod, LinkOrigin, LinkState } from "../linkVocabulary";
import { recordLinkChange } from "../linkHistory";
import { rebuildMatchProfiles } from "../matchProfiles";
import { type ReportedIdentity } from "../ReportedIdentity";

export interface RecordMove {
  recordIds: string[];
  toChildId: string;
  decidedBy: string;
  now: Date;
  reason: string;
  /** The review, merge or split the move belongs to. */
  causeId: string;
  /**
   * Whether the steward decided each record's link (a review, a split: the link becomes MANUAL) or only
   * that two children are one (a merge: each record keeps how it was linked, so a probabilistic link
   * does not become a steward-confirmed one that founds relationships).
   */
  decidesEachLink: boolean;
}

interface MovedRow {
  id: string;
  child_id: string | null;
  link_method: LinkMethod;
  link_origin: LinkOrigin;
  agency_code: string;
  reported_identity: ReportedIdentity;
}

/**
 * A steward's decision moves records to a child: a link the steward decided becomes MANUAL (final until
 * a steward changes it; a merge keeps each record's own), the adults' relationships follow, and the names and addresses the records reported go with them
 * as their sources (design principle 8) — a fact that no record left with the child reports leaves it
 * (a wrongly linked record's name or address must not go on being shown as the child's) — and each
 * move is written to the link history.
 */
export async function moveRecords(manager: EntityManager, move: RecordMove): Promise<void> {
  const rows: MovedRow[] = await manager.query(
    `SELECT id, child_id, agency_code, reported_identity, link_method, link_origin FROM agency_record WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [move.recordIds]);
  if (move.decidesEachLink) {
    await manager.query(
      `UPDATE agency_record SET child_id = $2, link_method = $3, link_state = $4, link_origin = $5, link_decided_by = $6, link_decided_at = $7, link_evidence = NULL WHERE id = ANY($1::uuid[])`,
      [move.recordIds, move.toChildId, LinkMethod.MANUAL, LinkState.LINKED, LinkOrigin.MANUAL, move.decidedBy, move.now],
    );
  } else {
    await manager.query(`UPDATE agency_record SET child_id = $2, link_state = $3, link_decided_by = $4, link_decided_at = $5 WHERE id = ANY($1::uuid[])`, [move.recordIds, move.toChildId, LinkState.LINKED, move.decidedBy, move.now]);
  }
  await manager.query(`UPDATE child_adult_relationship SET child_id = $2 WHERE source_record_id = ANY($1::uuid[])`, [move.recordIds, move.toChildId]);
  for (const row of rows) {
    const [method, origin] = move.decidesEachLink ? [LinkMethod.MANUAL, LinkOrigin.MANUAL] : [row.link_method, row.link_origin];
    await recordLinkChange(manager, { recordId: row.id, fromChildId: row.child_id, toChildId: move.toChildId, method, origin, decidedBy: move.decidedBy, now: move.now, reason: move.reason, causeId: move.causeId });
  }
  // What each record reports now, and what it reported before to the child it leaves, go with it.
  await moveAddressFacts(manager, rows.map((row) => ({ recordId: row.id, childId: move.toChildId, fromChildId: row.child_id })));
  await addReportedIdentities(manager, move.toChildId, rows.map((row) => ({ recordId: row.id, agencyCode: row.agency_code, identity: row.reported_identity })), NameKind.ALIAS);
  const left = [...new Set(rows.map((row) => row.child_id).filter((id): id is string => id !== null && id !== move.toChildId))];
  if (left.length > 0) await moveNames(manager, left, move.toChildId, move.recordIds);
  await rebuildMatchProfiles(manager, [...left, move.toChildId]);
}

/**
 * The names the moved records reported to the children they leave follow them to the new child; the
 * children left keep a name only while another of their records reports it. A usual name stays (it
 * anchors the child's identity) but, with no record reporting it, is shown to nobody. (Addresses are
 * each one record's, and moved with it: `moveAddressFacts`.)
 */
async function moveNames(manager: EntityManager, fromChildIds: string[], toChildId: string, recordIds: string[]): Promise<void> {
  const params = [fromChildIds, toChildId, recordIds];
  await manager.query(
    `INSERT INTO child_name (child_id, given_names, family_name, kind, reported_by, sources)
     SELECT $2, n.given_names, n.family_name, '${NameKind.ALIAS}', n.reported_by, ARRAY(SELECT unnest(n.sources) INTERSECT SELECT unnest($3::uuid[]))
     FROM child_name n WHERE n.child_id = ANY($1::uuid[]) AND n.sources && $3::uuid[]
     ON CONFLICT (child_id, given_names, family_name) DO UPDATE SET sources = ARRAY(SELECT DISTINCT unnest(child_name.sources || EXCLUDED.sources))`,
    params,
  );
  await manager.query(
    `UPDATE child_name SET sources = ARRAY(SELECT unnest(sources) EXCEPT SELECT unnest($2::uuid[])) WHERE child_id = ANY($1::uuid[]) AND sources && $2::uuid[]`,
    [fromChildIds, recordIds],
  );
  await manager.query(`DELETE FROM child_name WHERE child_id = ANY($1::uuid[]) AND sources = '{}' AND kind <> '${NameKind.USUAL}'`, [fromChildIds]);
}

/** A child the hub did not know, from what one record reported: awaiting an SUI, or with the one the record carried. */
export async function createChildFromIdentity(manager: EntityManager, identity: ReportedIdentity, source: { recordId: string; agencyCode: string }, sui: string | null = null): Promise<string> {
  const id = randomUUID();
  await manager.query(
    `INSERT INTO child (id, sui, given_names, family_name, date_of_birth, expected_date_of_birth, sex) VALUES ($1, $7, $2, $3, $4, $5, $6)`,
    [id, tidyName(identity.givenNames), tidyName(identity.familyName), identity.dateOfBirth, identity.expectedDateOfBirth, identity.sex, sui],
  );
  await addReportedIdentities(manager, id, [{ ...source, identity }], NameKind.USUAL);
  return id;
}

/** What records report of the child joins its history, with each record as the fact's source. */
async function addReportedIdentities(manager: EntityManager, childId: string, reports: { recordId: string; agencyCode: string; identity: ReportedIdentity }[], kind: NameKind): Promise<void> {
  // A record from before the hub kept what each reported stands for its child's own identity: it reports nothing of its own.
  const known = reports.filter((report) => report.identity.backfilled !== true);
  await addNameFacts(manager, known.map(({ recordId, agencyCode, identity }) => ({
    childId, givenNames: tidyName(identity.givenNames), familyName: tidyName(identity.familyName), kind, reportedBy: agencyCode, sources: [recordId],
  })));
  await addAddressFacts(manager, known.flatMap(({ recordId, agencyCode, identity }) => {
    const address = identity.address;
    if (!address) return [];
    return [{
      childId, kind: address.kind, line1: tidyName(address.line1), line2: address.line2 ?? null, town: address.town ?? null,
      postcode: address.postcode ? (normalisePostcode(address.postcode) ?? "") : "", localAuthority: address.localAuthority ?? null,
      validFrom: address.validFrom ?? null, labels: address.labels ?? [], reportedBy: agencyCode, sourceRecordId: recordId,
    }];
  }));
}
