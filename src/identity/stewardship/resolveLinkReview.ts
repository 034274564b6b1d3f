import { type EntityManager } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { Sex } from "../../people/Sex";
import { AuditOperation } from "../../audit/AuditOperation";
import { type GovernanceServices } from "../../audit/governanceAccess";
import { ErrorCode, HubError } from "../../errors/HubError";
import { type AccessContext } from "../../policy/AccessContext";
import { LinkMethod, LinkOrigin } from "../linkVocabulary";
import { linkRecords } from "../linkRecords";
import { takeLinkingLock } from "../linkingLock";
import { rejectedCandidates, supersedeOpenReviews } from "../linkHistory";
import { LinkReviewStatus } from "../LinkReview";
import { LinkAction } from "../RecordLinkEvent";
import { defaultMatchWeights } from "../matching/defaultMatchWeights";
import { type MatchWeights } from "../matching/matchWeights";
import { type ReportedIdentity } from "../ReportedIdentity";
import { isRestrictedRecord } from "../../records/restrictedRecord";
import { SensitivityLabel } from "../../records/SensitivityLabel";
import { LinkDecision } from "./LinkDecision";
import { createChildFromIdentity, moveRecords } from "./moveRecords";
import { linkHeldRecordBySui, recordsHeldOnSui, releaseHeldSui } from "../suiArrival";
import { loadReviewView, type LinkReviewView } from "./linkReviewView";
import { admitSteward, auditStewardDecision, requireId, requireReason } from "./stewardAction";

const STATUS_OF: Record<LinkDecision, LinkReviewStatus> = {
  [LinkDecision.LINK]: LinkReviewStatus.LINKED,
  [LinkDecision.NO_LINK]: LinkReviewStatus.NOT_LINKED,
  [LinkDecision.NEW_CHILD]: LinkReviewStatus.NEW_CHILD,
};

/**
 * A data steward decides a link review (HUB.md §8). The decision is audited first, then applied in one
 * transaction that re-checks the review is still open (two stewards deciding at once: one wins, the
 * other gets CONFLICT). Every change lands in the link history with the steward and the reason; the
 * audit entry carries the steward's access context and, in its details, the reason.
 */
export async function resolveLinkReview(
  services: GovernanceServices,
  principal: Principal,
  requestId: string,
  access: AccessContext,
  reviewId: string,
  decision: LinkDecision,
  reason: string,
  now = new Date(),
  weights: MatchWeights = defaultMatchWeights(),
): Promise<LinkReviewView> {
  const { dataSource } = services;
  const steward = await admitSteward(services, { requestId, principal, operation: AuditOperation.LINK_REVIEW_RESOLVED, access, childSuis: [], details: {} }, now);
  const id = requireId(reviewId, "id");
  const why = requireReason(reason);
  const review = await loadReviewView(dataSource.manager, id);
  if (review === null) throw new HubError(ErrorCode.NOT_FOUND, "No such link review.", { path: "id" });
  if (review.status !== LinkReviewStatus.OPEN) throw new HubError(ErrorCode.CONFLICT, `This link review was already closed (${review.status}).`, { path: "id" });
  const decidedBy = `${principal.agency}/${principal.sub}`;
  await auditStewardDecision(
    services,
    { ...steward, childSuis: review.candidate.sui ? [review.candidate.sui] : [], details: { reviewId: id, decision, reason: why, recordId: review.record.id, candidateChildId: review.candidate.childId } },
    now,
  );

  await dataSource.transaction(async (manager) => {
    // One lock order for everything that changes links: the linking lock, the record, then its reviews.
    await takeLinkingLock(manager);
    // The record as stored (the review's view masks withheld locations): what a new child or the matcher needs.
    const [stored] = await manager.query<{ agency_code: string; reported_identity: ReportedIdentity; labels: SensitivityLabel[] }[]>(`SELECT agency_code, reported_identity, labels FROM agency_record WHERE id = $1 FOR UPDATE`, [review.record.id]);
    if (stored === undefined) throw new HubError(ErrorCode.NOT_FOUND, "The record under review no longer exists.", { path: "id" });
    // The candidate as it stands now: a merge meanwhile may have moved the review to the surviving child.
    const closed = await manager.query<[{ candidate_child_id: string }[], number]>(
      `UPDATE link_review SET status = $2, resolved_by = $3, resolved_at = $4, reason = $5 WHERE id = $1 AND status = 'OPEN' RETURNING candidate_child_id`,
      [id, STATUS_OF[decision], decidedBy, now, why],
    );
    const candidateId = closed[0][0]?.candidate_child_id;
    if (candidateId === undefined) throw new HubError(ErrorCode.CONFLICT, "This link review was closed by someone else meanwhile.", { path: "id" });
    const recordId = review.record.id;
    // A record held on its SUI's arrival (`suiArrival.ts`): the decision places the SUI too, and with it every record held on it.
    const arrivingSui = review.evidence.arrivingSui ?? null;
    const held = { decidedBy, now, reason: why, causeId: id, weights };
    const heldWith = arrivingSui === null ? [] : (await recordsHeldOnSui(manager, arrivingSui)).filter((other) => other !== recordId);
    if (decision === LinkDecision.LINK) {
      if (arrivingSui !== null) await giveTheSui(manager, candidateId, arrivingSui, stored);
      await supersedeOpenReviews(manager, recordId, decidedBy, now, `linked to another candidate by review ${id}`, id);
      await moveRecords(manager, { recordIds: [recordId], toChildId: candidateId, decidedBy, now, reason: why, causeId: id, decidesEachLink: true });
      if (arrivingSui !== null) await releaseHeldSui(manager, arrivingSui, heldWith, held);
      return;
    }
    await manager.query(
      `INSERT INTO record_link_event (record_id, child_id, action, method, origin, decided_by, decided_at, reason, cause_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [recordId, candidateId, LinkAction.REJECTED, LinkMethod.MANUAL, LinkOrigin.MANUAL, decidedBy, now, why, id],
    );
    if (decision === LinkDecision.NEW_CHILD) {
      await manager.query(
        `UPDATE link_review SET status = $2, resolved_by = $3, resolved_at = $4, reason = $5 WHERE record_id = $1 AND status = 'OPEN'`,
        [recordId, LinkReviewStatus.NEW_CHILD, decidedBy, now, `${why} (with review ${id})`],
      );
      // A child of its own: for a held SUI, the child that SUI names (founded now, unless a sealed record founded it meanwhile).
      const [named] = arrivingSui === null ? [] : await manager.query<{ id: string }[]>(`SELECT id FROM child WHERE sui = $1`, [arrivingSui]);
      const childId = named?.id ?? (await createChildFromIdentity(manager, stored.reported_identity, { recordId, agencyCode: stored.agency_code }, arrivingSui));
      await moveRecords(manager, { recordIds: [recordId], toChildId: childId, decidedBy, now, reason: why, causeId: id, decidesEachLink: true });
      if (arrivingSui !== null) await releaseHeldSui(manager, arrivingSui, heldWith, held);
      return;
    }
    if (arrivingSui !== null) {
      // The SUI is not this candidate's: no record held on it is, so none is proposed it any longer.
      const others = await manager.query<[{ record_id: string }[], number]>(
        `UPDATE link_review SET status = $3, resolved_by = $4, resolved_at = $5, reason = $6
         WHERE evidence->>'arrivingSui' = $1 AND candidate_child_id = $2 AND status = 'OPEN' RETURNING record_id`,
        [arrivingSui, candidateId, LinkReviewStatus.NOT_LINKED, decidedBy, now, `${why} (with review ${id})`],
      );
      for (const other of others[0]) {
        await manager.query(
          `INSERT INTO record_link_event (record_id, child_id, action, method, origin, decided_by, decided_at, reason, cause_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [other.record_id, candidateId, LinkAction.REJECTED, LinkMethod.MANUAL, LinkOrigin.MANUAL, decidedBy, now, why, id],
        );
      }
      // With no candidate left for the SUI, its records are linked by it, as they would have been: the first founds the child.
      const [{ open }] = await manager.query<[{ open: number }]>(`SELECT count(*)::int AS open FROM link_review WHERE evidence->>'arrivingSui' = $1 AND status = 'OPEN'`, [arrivingSui]);
      if (open === 0) {
        await linkHeldRecordBySui(manager, { id: recordId, agency_code: stored.agency_code, reported_identity: stored.reported_identity, labels: stored.labels }, arrivingSui, held);
        await releaseHeldSui(manager, arrivingSui, heldWith, held);
      }
      return;
    }
    // NO_LINK: other candidates stay open for the steward; with none left, the matcher decides again without the rejected ones.
    const [{ open }] = await manager.query<[{ open: number }]>(`SELECT count(*)::int AS open FROM link_review WHERE record_id = $1 AND status = 'OPEN'`, [recordId]);
    if (open === 0) {
      await linkRecords(
        manager,
        [{ recordId, agencyCode: stored.agency_code, identity: stored.reported_identity, excludedChildIds: await rejectedCandidates(manager, recordId), restricted: isRestrictedRecord(stored.labels), locationWithheld: stored.labels.includes(SensitivityLabel.LOCATION_WITHHELD) }],
        { weights, decidedBy: `linkage/v${weights.version}`, now },
      );
    }
  });
  return (await loadReviewView(dataSource.manager, id)) as LinkReviewView;
}

/**
 * A steward linked a record held on its SUI's arrival to a child awaiting an SUI: the child takes the
 * SUI, and — a child not yet born being born — the date of birth and sex the record gives, where the
 * hub had none and the record is neither sealed nor brokered (what those report stays with them). A
 * child that meanwhile took another SUI, or an SUI another child took meanwhile, is CONFLICT: two
 * children with one NHS number are for a merge (`mergeChildren`) first, two NHS numbers for the NHS.
 */
async function giveTheSui(manager: EntityManager, childId: string, sui: string, record: { reported_identity: ReportedIdentity; labels: SensitivityLabel[] }): Promise<void> {
  const [child] = await manager.query<{ sui: string | null }[]>(`SELECT sui FROM child WHERE id = $1 FOR UPDATE`, [childId]);
  if (child?.sui != null && child.sui !== sui) throw new HubError(ErrorCode.CONFLICT, "The candidate now has another SUI (NHS number): it cannot take this one.", { path: "id" });
  const [holder] = await manager.query<{ id: string }[]>(`SELECT id FROM child WHERE sui = $1 AND id <> $2`, [sui, childId]);
  if (holder !== undefined) throw new HubError(ErrorCode.CONFLICT, "Another child now holds this SUI: merge the two children first, then decide this review.", { path: "id" });
  const reported = isRestrictedRecord(record.labels) ? null : record.reported_identity;
  await manager.query(
    `UPDATE child SET sui = $2, date_of_birth = COALESCE(date_of_birth, $3::date), sex = CASE WHEN sex = '${Sex.NOT_KNOWN}' AND $4::text IS NOT NULL THEN $4 ELSE sex END WHERE id = $1`,
    [childId, sui, reported?.dateOfBirth ?? null, reported?.sex === undefined || reported.sex === Sex.NOT_KNOWN ? null : reported.sex],
  );
}
