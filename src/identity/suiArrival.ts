import { type EntityManager } from "typeorm";
import { type ChildIdentitySubmission } from "../records/AgencyRecordSubmission";
import { isRestrictedRecord } from "../records/restrictedRecord";
import { SensitivityLabel } from "../records/SensitivityLabel";
import { recordChild } from "../people/recordChild";
import { unrestrictedExpectedBirthDate } from "../people/unrestrictedSource";
import { disputedSui } from "./disputedSui";
import { holdForSteward, identityFacts, type LinkContext, type LinkRequest } from "./linkRecords";
import { recordLinkChange, supersedeOpenReviews } from "./linkHistory";
import { LinkMethod, LinkOrigin, LinkState } from "./linkVocabulary";
import { LinkReviewStatus } from "./LinkReview";
import { loadTermFrequencies, PROFILE_COLUMNS, profileOf, rebuildMatchProfiles, type ProfileRow } from "./matchProfiles";
import { queryKeys } from "./matching/blockingKeys";
import { MAX_REVIEW_CANDIDATES, type ScoredCandidate } from "./matching/decideLink";
import { type MatchProfile } from "./matching/MatchProfile";
import { type LinkThresholds, type MatchWeights } from "./matching/matchWeights";
import { scoreCandidate } from "./matching/scoreCandidate";
import { factsTerms } from "./matching/termFrequencies";
import { type ReportedIdentity } from "./ReportedIdentity";

/** A record arriving with an SUI that no child holds: it would found a child by that SUI. */
export interface SuiArrival {
  sui: string;
  identity: ReportedIdentity;
  /** The record is SEALED: a new identity's, never proposed to a child the hub already holds. */
  sealed: boolean;
  /** Children a steward has ruled out for this record (a resubmission): never proposed again. */
  excludedChildIds?: readonly string[];
}

/** Why a record arriving with a new SUI is held for a steward instead of founding a child. */
export interface SuiArrivalHold {
  /** The children awaiting an SUI it may be about, best first, scored against what the record reports. */
  candidates: ScoredCandidate[];
  /** Another record with this SUI is held already: this one joins that hold, against its candidates. */
  joinsHold: boolean;
}

/** The link history's rule for each kind of hold. */
export const SUI_ARRIVAL_RULE = { proposed: "sui-arrival-child-awaiting-sui", joined: "sui-arrival-joins-held-sui" } as const;

/**
 * The candidates a record arriving with a new SUI is proposed to: children awaiting an SUI scoring at or
 * above the review threshold, best first, at most as many as a steward is shown. Never a link without a
 * steward, however strong the score: a link by SUI founds the agency's relationship with the child and
 * gives the child the SUI for every record that follows, so a wrong one would open one child's file to
 * another child's agencies for good.
 */
export function proposeForSuiArrival(scored: readonly ScoredCandidate[], thresholds: LinkThresholds): ScoredCandidate[] {
  return scored
    .filter((candidate) => candidate.score >= thresholds.review)
    .sort((a, b) => b.score - a.score || a.childId.localeCompare(b.childId))
    .slice(0, MAX_REVIEW_CANDIDATES);
}

/**
 * For each record arriving with an SUI: null when it founds (or joins) a child by that SUI as before;
 * otherwise the hold it goes to. A record whose SUI no child holds is first compared, with the
 * matcher's own blocking and scoring, with the children the hub holds without an SUI — an unborn child
 * held against its expected date of birth until the birth brings the baby's NHS number, a record not
 * yet traced — and, when one scores at or above the review threshold, held for a data steward with the
 * SUI and the candidates in the evidence (`proposeForSuiArrival`). While such a hold is open, every
 * other record with the same SUI joins it, against the same candidates, so no second child is founded
 * by the SUI before the steward decides.
 *
 * Never across a seal: a SEALED record (a new identity comes with a new NHS number) founds its child
 * by its SUI and is never proposed to a child the hub holds; and a child only sealed or brokered records
 * tell the hub of is never a candidate (what they report is in no profile, and no key).
 */
export async function suiArrivalHolds(manager: EntityManager, arrivals: readonly SuiArrival[], weights: MatchWeights): Promise<(SuiArrivalHold | null)[]> {
  const open = arrivals.filter((arrival) => !arrival.sealed);
  if (open.length === 0) return arrivals.map(() => null);
  const suis = [...new Set(open.map((arrival) => arrival.sui))];
  const held = new Set((await manager.query<{ sui: string }[]>(`SELECT sui FROM child WHERE sui = ANY($1::text[])`, [suis])).map((row) => row.sui));
  const holds = new Map(
    (await manager.query<{ sui: string; candidates: string[] }[]>(
      `SELECT evidence->>'arrivingSui' AS sui, array_agg(DISTINCT candidate_child_id) AS candidates FROM link_review
       WHERE status = '${LinkReviewStatus.OPEN}' AND evidence->>'arrivingSui' = ANY($1::text[]) GROUP BY 1`,
      [suis],
    )).map((row) => [row.sui, row.candidates]),
  );

  const searched = arrivals.map((arrival) => !arrival.sealed && !held.has(arrival.sui) && !holds.has(arrival.sui));
  const keys = arrivals.map((arrival, index) => (searched[index] ? queryKeys(identityFacts(arrival.identity)) : []));
  const found = await childrenAwaitingSuiUnder(manager, [...new Set(keys.flat())]);
  const candidatesOf = arrivals.map((arrival, index) => {
    if (arrival.sealed || held.has(arrival.sui)) return [];
    const ids = holds.get(arrival.sui) ?? keys[index].flatMap((key) => found.get(key) ?? []);
    const excluded = new Set(arrival.excludedChildIds ?? []);
    return [...new Set(ids)].filter((id) => !excluded.has(id));
  });
  const profiles = await loadCandidateProfiles(manager, [...new Set(candidatesOf.flat())]);
  const frequencies = await loadTermFrequencies(manager, [...new Set(open.flatMap((arrival) => factsTerms(identityFacts(arrival.identity))))]);

  return arrivals.map((arrival, index) => {
    const scored = candidatesOf[index].flatMap((childId) => {
      const profile = profiles.get(childId);
      return profile === undefined ? [] : [{ childId, ...scoreCandidate(weights, identityFacts(arrival.identity), profile, frequencies) }];
    });
    if (holds.has(arrival.sui) && !held.has(arrival.sui)) {
      // Joining a hold: the SUI's question is the steward's, whatever this record alone scores.
      const candidates = scored.sort((a, b) => b.score - a.score || a.childId.localeCompare(b.childId));
      return candidates.length === 0 ? null : { candidates, joinsHold: true };
    }
    const candidates = proposeForSuiArrival(scored, weights.thresholds);
    return candidates.length === 0 ? null : { candidates, joinsHold: false };
  });
}

/** The children awaiting an SUI (none, not merged away) stored under each of these blocking keys, in one probe. */
async function childrenAwaitingSuiUnder(manager: EntityManager, keys: string[]): Promise<Map<string, string[]>> {
  const rows: { key: string; child_id: string }[] = keys.length === 0 ? [] : await manager.query(
    `SELECT k.key, k.child_id FROM child_match_key k JOIN child c ON c.id = k.child_id
     WHERE k.key = ANY($1::text[]) AND c.sui IS NULL AND c.merged_into_id IS NULL`,
    [keys],
  );
  const children = new Map<string, string[]>();
  for (const row of rows) children.set(row.key, [...(children.get(row.key) ?? []), row.child_id]);
  return children;
}

/**
 * The candidates' match profiles with the expected date of birth of a child not yet born, as
 * unrestricted records report it; only children an unrestricted record still linked to them tells the
 * hub of, and that still await an SUI.
 */
async function loadCandidateProfiles(manager: EntityManager, childIds: string[]): Promise<Map<string, MatchProfile>> {
  if (childIds.length === 0) return new Map();
  const rows: (ProfileRow & { expected_date_of_birth: string | null })[] = await manager.query(
    `SELECT ${PROFILE_COLUMNS}, expected_date_of_birth FROM child_match_profile
     JOIN LATERAL (SELECT ${unrestrictedExpectedBirthDate("c")} AS expected_date_of_birth FROM child c
       WHERE c.id = child_match_profile.child_id AND c.sui IS NULL AND c.merged_into_id IS NULL
         AND EXISTS (SELECT 1 FROM agency_record src WHERE src.child_id = c.id AND src.link_state = '${LinkState.LINKED}' AND NOT (src.labels && ARRAY['SEALED', 'BROKERED']::text[]))) x ON true
     WHERE child_id = ANY($1::uuid[])`,
    [childIds],
  );
  return new Map(rows.map((row) => [row.child_id, { ...profileOf(row), expectedDateOfBirth: row.expected_date_of_birth }]));
}

/** Holds one record for a steward on its SUI's arrival (`suiArrivalHolds`): nobody's, each candidate a review with the SUI in its evidence. */
export async function holdOnSuiArrival(manager: EntityManager, request: LinkRequest, sui: string, hold: SuiArrivalHold, context: LinkContext): Promise<string[]> {
  return holdForSteward(manager, request, hold.candidates, hold.joinsHold ? SUI_ARRIVAL_RULE.joined : SUI_ARRIVAL_RULE.proposed, context, { arrivingSui: sui });
}

/** A steward's decision that closes a held SUI: who, when, why, and the review it belongs to. */
export interface HeldSuiDecision {
  decidedBy: string;
  now: Date;
  reason: string;
  causeId: string;
  weights: MatchWeights;
}

interface HeldRecordRow {
  id: string;
  agency_code: string;
  reported_identity: ReportedIdentity;
  labels: SensitivityLabel[];
}

/** The records held on this SUI's arrival: those with a review open on it. */
export async function recordsHeldOnSui(manager: EntityManager, sui: string): Promise<string[]> {
  const rows: { record_id: string }[] = await manager.query(`SELECT DISTINCT record_id FROM link_review WHERE status = '${LinkReviewStatus.OPEN}' AND evidence->>'arrivingSui' = $1`, [sui]);
  return rows.map((row) => row.record_id);
}

/**
 * Once a steward has decided where an arriving SUI belongs, the other records held on it are linked by
 * it as if they arrived now: their reviews closed, each linked to the child that now holds the SUI (or
 * held as a disputed SUI when it cannot be that child), oldest first. Only records still nobody's:
 * one a steward linked meanwhile stays where it is.
 */
export async function releaseHeldSui(manager: EntityManager, sui: string, recordIds: readonly string[], decision: HeldSuiDecision): Promise<void> {
  if (recordIds.length === 0) return;
  const rows: HeldRecordRow[] = await manager.query(
    `SELECT r.id, r.agency_code, r.reported_identity, r.labels FROM agency_record r WHERE r.id = ANY($1::uuid[]) AND r.child_id IS NULL
     ORDER BY r.received_at, r.id FOR UPDATE`,
    [recordIds],
  );
  for (const row of rows) {
    await supersedeOpenReviews(manager, row.id, decision.decidedBy, decision.now, `the SUI it carries was placed by review ${decision.causeId}`);
    await linkHeldRecordBySui(manager, row, sui, decision);
  }
}

/** The record's SUI link, with the record's own identity as the child's (the child's first record founds it). */
export async function linkHeldRecordBySui(manager: EntityManager, row: HeldRecordRow, sui: string, decision: HeldSuiDecision): Promise<void> {
  const identity = row.reported_identity;
  const disputed = await disputedSui(manager, sui, identity, decision.weights);
  if (disputed !== null) {
    const request: LinkRequest = { recordId: row.id, agencyCode: row.agency_code, identity, restricted: isRestrictedRecord(row.labels), locationWithheld: row.labels.includes(SensitivityLabel.LOCATION_WITHHELD) };
    await holdForSteward(manager, request, [disputed], "sui-names-another-child", { weights: decision.weights, decidedBy: `linkage/v${decision.weights.version}`, now: decision.now }, { suiDisputed: true });
    return;
  }
  const reported: ChildIdentitySubmission = { sui, givenNames: identity.givenNames, familyName: identity.familyName, dateOfBirth: identity.dateOfBirth, expectedDateOfBirth: identity.expectedDateOfBirth, sex: identity.sex, address: identity.address };
  const { child } = await recordChild(manager, sui, reported, { agencyCode: row.agency_code, recordId: row.id, labels: row.labels });
  await manager.query(
    `UPDATE agency_record SET child_id = $2, link_method = '${LinkMethod.SUI}', link_state = '${LinkState.LINKED}', link_origin = '${LinkOrigin.AUTO}',
       link_decided_by = $3, link_decided_at = $4, link_evidence = NULL WHERE id = $1`,
    [row.id, child.id, decision.decidedBy, decision.now],
  );
  await manager.query(`UPDATE child_adult_relationship SET child_id = $2 WHERE source_record_id = $1`, [row.id, child.id]);
  await recordLinkChange(manager, { recordId: row.id, fromChildId: null, toChildId: child.id, method: LinkMethod.SUI, origin: LinkOrigin.AUTO, decidedBy: decision.decidedBy, now: decision.now, reason: "the record carries the child's SUI", causeId: decision.causeId });
  await rebuildMatchProfiles(manager, [child.id]);
}
