import { randomUUID } from "node:crypto";
import { type Principal } from "../../../auth/Principal";
import { AuditOperation } from "../../../audit/AuditOperation";
import { type GovernanceServices } from "../../../audit/governanceAccess";
import { ErrorCode, HubError } from "../../../errors/HubError";
import { AdultLinkMethod } from "../../../people/AdultLinkMethod";
import { type AccessContext } from "../../../policy/AccessContext";
import { IdentityChangeKind } from "../../ChildIdentityChange";
import { takeAdultLinkingLock, takeLinkingLock } from "../../linkingLock";
import { admitSteward, auditStewardDecision, requireId, requireReason } from "../../stewardship/stewardAction";
import { AdultIdentityChange } from "../AdultIdentityChange";
import { AdultLinkReviewStatus } from "../AdultLinkReview";
import { rekeyAdults } from "../adultProfiles";
import { childrenOfAdults } from "./adultView";

export interface AdultSplit {
  adultId: string;
  /** The agency references (`AdultIdentifier` ids) that are another person's. */
  identifierIds: string[];
  reason: string;
}

const MAX_SPLIT = 200;

/**
 * Some of an adult's agency references are another person's: they move to a new adult, with what came
 * through them — the names their agencies reported (copied when the agency keeps another reference on
 * the adult), the national identifiers only their agencies gave, the relationships with children and
 * the records' subjects that came through them, and the consent decisions those relationships ground.
 * Each moved reference becomes MANUAL, but one the matcher linked stays PROBABILISTIC. Audited before
 * it takes effect.
 */
export async function splitAdult(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, split: AdultSplit, now = new Date()): Promise<AdultIdentityChange> {
  const { dataSource } = services;
  const steward = await admitSteward(services, { requestId, principal, operation: AuditOperation.ADULT_SPLIT, access, childSuis: [], details: {} }, now);
  const from = requireId(split.adultId, "adultId");
  const moving = [...new Set(split.identifierIds.map((id, index) => requireId(id, `identifierIds[${index}]`)))].sort();
  const why = requireReason(split.reason);
  if (moving.length === 0) throw new HubError(ErrorCode.INVALID_INPUT, "Name at least one agency reference to move.", { path: "identifierIds" });
  if (moving.length > MAX_SPLIT) throw new HubError(ErrorCode.INVALID_INPUT, `At most ${MAX_SPLIT} references at once.`, { path: "identifierIds" });
  const decidedBy = `${principal.agency}/${principal.sub}`;

  const check = async (manager: typeof dataSource.manager) => {
    const [adult] = await manager.query<{ merged_into_id: string | null }[]>(`SELECT merged_into_id FROM adult WHERE id = $1 FOR UPDATE`, [from]);
    if (adult === undefined) throw new HubError(ErrorCode.NOT_FOUND, "No such adult.", { path: "adultId" });
    if (adult.merged_into_id !== null) throw new HubError(ErrorCode.CONFLICT, "This adult was merged into another.", { path: "adultId" });
    const held = await manager.query<{ id: string }[]>(`SELECT id FROM adult_identifier WHERE adult_id = $1`, [from]);
    const ids = new Set(held.map((row) => row.id));
    if (moving.some((id) => !ids.has(id))) throw new HubError(ErrorCode.INVALID_INPUT, "Every reference moved must be one of this adult's.", { path: "identifierIds" });
    if (moving.length === ids.size) throw new HubError(ErrorCode.INVALID_INPUT, "Leave at least one reference with the adult: moving them all changes nothing.", { path: "identifierIds" });
  };
  const childSuis = await dataSource.transaction(async (manager) => {
    await check(manager);
    return childrenOfAdults(manager, [from]);
  });
  const changeId = randomUUID();
  await auditStewardDecision(services, { ...steward, childSuis, details: { changeId, adultId: from, identifierIds: moving, reason: why } }, now);

  return dataSource.transaction(async (manager) => {
    await takeLinkingLock(manager);
    await takeAdultLinkingLock(manager);
    await check(manager);
    const to = randomUUID();
    const refs = await manager.query<{ agency_code: string; reference: string }[]>(`SELECT agency_code, reference FROM adult_identifier WHERE id = ANY($1::uuid[])`, [moving]);
    const [first] = await manager.query<{ given_names: string; family_name: string; sex: string; date_of_birth: string | null }[]>(
      `SELECT n.given_names, n.family_name, COALESCE(i.sex, a.sex) AS sex, i.date_of_birth::text AS date_of_birth
       FROM adult_identifier i JOIN adult a ON a.id = i.adult_id JOIN adult_name n ON n.adult_id = a.id AND n.reported_by = i.agency_code
       WHERE i.id = ANY($1::uuid[]) ORDER BY i.created_at, n.kind = 'USUAL' DESC, n.first_reported_at LIMIT 1`,
      [moving],
    );
    const [adult] = await manager.query<{ given_names: string; family_name: string; sex: string }[]>(`SELECT given_names, family_name, sex FROM adult WHERE id = $1`, [from]);
    const identity = first ?? { ...adult, date_of_birth: null };
    await manager.query(`INSERT INTO adult (id, given_names, family_name, date_of_birth, sex) VALUES ($1, $2, $3, $4, $5)`, [to, identity.given_names, identity.family_name, identity.date_of_birth, identity.sex]);
    // The steward decided these references are one person; one the matcher linked stays a guess.
    await manager.query(
      `UPDATE adult_identifier SET adult_id = $2, link_method = CASE WHEN link_method = '${AdultLinkMethod.PROBABILISTIC}' THEN link_method ELSE '${AdultLinkMethod.MANUAL}' END WHERE id = ANY($1::uuid[])`,
      [moving, to],
    );
    const agencies = [...new Set(refs.map((ref) => ref.agency_code))];
    // Names go with their agency: copied if the agency still holds the first adult by another reference, moved if not.
    await manager.query(
      `INSERT INTO adult_name (adult_id, given_names, family_name, kind, reported_by, restricted)
       SELECT $2, given_names, family_name, kind, reported_by, restricted FROM adult_name WHERE adult_id = $1 AND reported_by = ANY($3::text[]) ON CONFLICT DO NOTHING`,
      [from, to, agencies],
    );
    await manager.query(
      `DELETE FROM adult_name n WHERE n.adult_id = $1 AND n.reported_by = ANY($2::text[])
         AND NOT EXISTS (SELECT 1 FROM adult_identifier i WHERE i.adult_id = $1 AND i.agency_code = n.reported_by)`,
      [from, agencies],
    );
    await manager.query(
      `UPDATE adult_national_identifier x SET adult_id = $2 WHERE x.adult_id = $1 AND x.reported_by = ANY($3::text[])
         AND NOT EXISTS (SELECT 1 FROM adult_identifier i WHERE i.adult_id = $1 AND i.agency_code = x.reported_by)`,
      [from, to, agencies],
    );
    // What came through the moved references: relationships, the records' subjects, consent grounded on them.
    const moved = await manager.query<[{ source_record_id: string }[], number]>(
      `UPDATE child_adult_relationship rel SET adult_id = $2 FROM agency_record r
       WHERE rel.adult_id = $1 AND r.id = rel.source_record_id AND (r.agency_code, rel.adult_reference) IN (SELECT * FROM unnest($3::text[], $4::text[]))
       RETURNING rel.source_record_id`,
      [from, to, refs.map((ref) => ref.agency_code), refs.map((ref) => ref.reference)],
    );
    const records = [...new Set(moved[0].map((row) => row.source_record_id))];
    if (records.length > 0) {
      await manager.query(`UPDATE probation_record SET offender_id = $2 WHERE offender_id = $1 AND record_id = ANY($3::uuid[])`, [from, to, records]);
      await manager.query(`UPDATE prison_record SET prisoner_id = $2 WHERE prisoner_id = $1 AND record_id = ANY($3::uuid[])`, [from, to, records]);
      await manager.query(`UPDATE consent_record SET adult_id = $2 WHERE adult_id = $1 AND parental_responsibility_source_id = ANY($3::uuid[])`, [from, to, records]);
    }
    await manager.query(
      `UPDATE adult_link_review SET status = $2, resolved_by = $3, resolved_at = $4, reason = $5 WHERE status = 'OPEN' AND (adult_id = $1 OR candidate_adult_id = $1)`,
      [from, AdultLinkReviewStatus.SUPERSEDED, decidedBy, now, `adult split by ${changeId}`],
    );
    await rekeyAdults(manager, [from, to]);
    const change = manager.getRepository(AdultIdentityChange).create({ id: changeId, kind: IdentityChangeKind.SPLIT, fromAdultId: from, toAdultId: to, identifierIds: moving, decidedBy, decidedAt: now, reason: why });
    await manager.getRepository(AdultIdentityChange).insert(change);
    return change;
  });
}
