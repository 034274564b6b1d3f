import { randomUUID } from "node:crypto";
import { type EntityManager } from "typeorm";
import { AddressKind } from "../../people/AddressKind";
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
}

interface MovedRow {
  id: string;
  child_id: string | null;
  agency_code: string;
  reported_identity: ReportedIdentity;
}

/**
 * A steward's decision moves records to a child: the link becomes MANUAL (final until a steward changes
 * it), the adults' relationships follow, the names and addresses the records reported go with them (and
 * leave a child no remaining record reports them for), and each move is written to the link history.
 */
export async function moveRecords(manager: EntityManager, move: RecordMove): Promise<void> {
  const rows: MovedRow[] = await manager.query(`SELECT id, child_id, agency_code, reported_identity FROM agency_record WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [move.recordIds]);
  await manager.query(
    `UPDATE agency_record SET child_id = $2, link_method = $3, link_state = $4, link_origin = $5, link_decided_by = $6, link_decided_at = $7, link_evidence = NULL WHERE id = ANY($1::uuid[])`,
    [move.recordIds, move.toChildId, LinkMethod.MANUAL, LinkState.LINKED, LinkOrigin.MANUAL, move.decidedBy, move.now],
  );
  await manager.query(`UPDATE child_adult_relationship SET child_id = $2 WHERE source_record_id = ANY($1::uuid[])`, [move.recordIds, move.toChildId]);
  for (const row of rows) {
    await recordLinkChange(manager, { recordId: row.id, fromChildId: row.child_id, toChildId: move.toChildId, method: LinkMethod.MANUAL, origin: LinkOrigin.MANUAL, decidedBy: move.decidedBy, now: move.now, reason: move.reason, causeId: move.causeId });
    await addReportedIdentity(manager, move.toChildId, row.reported_identity, row.agency_code, NameKind.ALIAS);
  }
  const sources = [...new Set(rows.map((row) => row.child_id).filter((id): id is string => id !== null && id !== move.toChildId))];
  for (const source of sources) await pruneUnreported(manager, source, rows.filter((row) => row.child_id === source).map((row) => row.reported_identity));
  await refreshLocalAuthority(manager, sources);
  await rebuildMatchProfiles(manager, [...sources, move.toChildId]);
}

/**
 * A child that lost, with the moved records, the address its local authority (which decides who is
 * responsible for the child) came from takes it from the latest residence it still has; a child whose
 * local authority any remaining address still supports keeps it. Records moving in never change it:
 * only an SUI submission does (`people/recordChild.ts`).
 */
async function refreshLocalAuthority(manager: EntityManager, childIds: string[]): Promise<void> {
  if (childIds.length === 0) return;
  await manager.query(
    `UPDATE child c SET local_authority = (
       SELECT a.local_authority FROM child_address a WHERE a.child_id = c.id AND a.kind IN ('${AddressKind.HOME}', '${AddressKind.PLACEMENT}') AND a.local_authority IS NOT NULL
       ORDER BY a.last_reported_at DESC, a.id LIMIT 1)
     WHERE c.id = ANY($1::uuid[]) AND c.local_authority IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM child_address a WHERE a.child_id = c.id AND a.local_authority = c.local_authority)`,
    [childIds],
  );
}

/** A child the hub did not know, from what one record reported: no SUI yet. */
export async function createChildFromIdentity(manager: EntityManager, identity: ReportedIdentity, agencyCode: string): Promise<string> {
  const id = randomUUID();
  await manager.query(
    `INSERT INTO child (id, sui, given_names, family_name, date_of_birth, expected_date_of_birth, sex, local_authority) VALUES ($1, NULL, $2, $3, $4, $5, $6, $7)`,
    [id, tidyName(identity.givenNames), tidyName(identity.familyName), identity.dateOfBirth, identity.expectedDateOfBirth, identity.sex, identity.address?.localAuthority ?? null],
  );
  await addReportedIdentity(manager, id, identity, agencyCode, NameKind.USUAL);
  return id;
}

async function addReportedIdentity(manager: EntityManager, childId: string, identity: ReportedIdentity, agencyCode: string, kind: NameKind): Promise<void> {
  await manager.query(
    `INSERT INTO child_name (child_id, given_names, family_name, kind, reported_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (child_id, given_names, family_name) DO NOTHING`,
    [childId, tidyName(identity.givenNames), tidyName(identity.familyName), kind, agencyCode],
  );
  const address = identity.address;
  if (!address) return;
  await manager.query(
    `INSERT INTO child_address (child_id, kind, line1, line2, town, postcode, local_authority, valid_from, labels, reported_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (child_id, kind, line1, postcode) DO NOTHING`,
    [childId, address.kind, tidyName(address.line1), address.line2 ?? null, address.town ?? null, address.postcode ? (normalisePostcode(address.postcode) ?? "") : "", address.localAuthority ?? null, address.validFrom ?? null, address.labels ?? [], agencyCode],
  );
}

/**
 * Removes from a child the names and addresses that only the departed records reported: a wrongly
 * linked record's name or address must not go on being shown as the child's. The child's usual name stays.
 */
async function pruneUnreported(manager: EntityManager, childId: string, departed: ReportedIdentity[]): Promise<void> {
  // Records from before the hub kept what each reported stand in with the child's own identity: what
  // they reported is unknown, so nothing is taken away from a child that still has one.
  const [{ unknown }] = await manager.query<[{ unknown: boolean }]>(
    `SELECT EXISTS (SELECT 1 FROM agency_record r WHERE r.child_id = $1 AND (r.reported_identity->>'backfilled')::boolean) AS unknown`,
    [childId],
  );
  if (unknown) return;
  for (const identity of departed) {
    const givenNames = tidyName(identity.givenNames);
    const familyName = tidyName(identity.familyName);
    await manager.query(
      `DELETE FROM child_name n WHERE n.child_id = $1 AND n.given_names = $2 AND n.family_name = $3 AND n.kind <> $4
         AND NOT EXISTS (SELECT 1 FROM agency_record r WHERE r.child_id = $1 AND r.reported_identity->>'givenNames' = $5 AND r.reported_identity->>'familyName' = $6)`,
      [childId, givenNames, familyName, NameKind.USUAL, identity.givenNames, identity.familyName],
    );
    const address = identity.address;
    if (!address) continue;
    const postcode = address.postcode ? (normalisePostcode(address.postcode) ?? "") : "";
    await manager.query(
      `DELETE FROM child_address a WHERE a.child_id = $1 AND a.kind = $2 AND a.line1 = $3 AND a.postcode = $4
         AND NOT EXISTS (SELECT 1 FROM agency_record r WHERE r.child_id = $1 AND r.reported_identity->'address'->>'line1' = $5 AND r.reported_identity->'address'->>'kind' = $2)`,
      [childId, address.kind, tidyName(address.line1), postcode, address.line1],
    );
  }
}
