import { randomUUID } from "node:crypto";
import { type EntityManager } from "typeorm";
import { type StatementWriter } from "../db/statementBatch";
import { addAddressFacts, addNameFacts, moveAddressFacts, type AddressFactRow, type NameFactRow } from "../people/addIdentityFacts";
import { NameKind } from "../people/NameKind";
import { normalisePostcode } from "../people/postcode";
import { tidyName } from "../people/personName";
import { isLocationWithheld } from "../people/unrestrictedSource";
import { SensitivityLabel } from "../records/SensitivityLabel";
import { LinkMethod, LinkOrigin, LinkState } from "./linkVocabulary";
import { type LinkEvidence } from "./LinkEvidence";
import { LinkAction } from "./RecordLinkEvent";
import { LinkReviewStatus } from "./LinkReview";
import { type ReportedIdentity } from "./ReportedIdentity";
import { queryKeys, profileKeys, sameBirthdayKeys } from "./matching/blockingKeys";
import { type IdentityFacts } from "./matching/comparisonVector";
import { decideLink, LinkBand, twinQuestion, type ScoredCandidate } from "./matching/decideLink";
import { type MatchProfile } from "./matching/MatchProfile";
import { type MatchWeights } from "./matching/matchWeights";
import { scoreCandidate } from "./matching/scoreCandidate";
import { factsTerms, firstGivenNameTerms } from "./matching/termFrequencies";
import { twinEvidence } from "./matching/twinEvidence";
import { sameBirthdaySibling } from "./matching/sameBirthdaySibling";
import { loadTermFrequencies, PROFILE_COLUMNS, profileOf, rebuildMatchProfiles, writeMatchProfiles, type ProfileRow } from "./matchProfiles";
import { takeLinkingLock } from "./linkingLock";

/** A stored record, not linked by SUI, to be linked probabilistically. */
export interface LinkRequest {
  recordId: string;
  agencyCode: string;
  identity: ReportedIdentity;
  /** Children a steward has ruled out for this record: never proposed again. */
  excludedChildIds?: readonly string[];
  /** The child the record was linked to before (a resubmission being matched again). */
  previousChildId?: string | null;
  /**
   * The record is SEALED or BROKERED: it is matched like any other, but what it reports never becomes
   * something other records are matched on (design principle 8: it contributes nothing outside itself).
   */
  restricted?: boolean;
  /** The record withholds its location (LOCATION_WITHHELD): the address it reports is never matched on. */
  locationWithheld?: boolean;
}

export interface LinkResult {
  recordId: string;
  band: LinkBand;
  /** AUTO_LINK: the existing child; NEW_CHILD: the child created; REVIEW: null. */
  childId: string | null;
  /** REVIEW: the open link reviews, best candidate first. */
  reviewIds: string[];
  /** REVIEW: the candidate children of those reviews, in the same order. */
  reviewCandidateIds: string[];
  /** Every child the blocking returned, before scoring. */
  blockedCandidateIds: string[];
  score: number | null;
  rule: string;
}

export interface LinkContext {
  weights: MatchWeights;
  /** Who decided, as the link history records it (the matcher and its parameter version). */
  decidedBy: string;
  now: Date;
}


export function identityFacts(identity: ReportedIdentity): IdentityFacts {
  return { givenNames: identity.givenNames, familyName: identity.familyName, dateOfBirth: identity.dateOfBirth, expectedDateOfBirth: identity.expectedDateOfBirth, sex: identity.sex, postcode: identity.postcode };
}

function evidenceOf(candidate: ScoredCandidate, weights: MatchWeights): LinkEvidence {
  return { score: candidate.score, levels: candidate.levels, fieldWeights: candidate.fieldWeights, weightsVersion: weights.version, weightsHash: weights.hash };
}

/** A protected location (a refuge, a placement) is never something other records are matched on. */
function matchablePostcode(request: LinkRequest): string | null {
  return isLocationWithheld(request.identity.address?.labels, request.locationWithheld === true ? [SensitivityLabel.LOCATION_WITHHELD] : []) ? null : request.identity.postcode;
}

/** The postcode a record reports and withholds (by its address's label or its own), which no child it links to may be matched on any longer. */
function withheldPostcode(request: LinkRequest): string | null {
  return request.identity.postcode !== null && matchablePostcode(request) === null ? request.identity.postcode : null;
}

function withIdentity(profile: MatchProfile, request: LinkRequest): MatchProfile {
  const identity = request.identity;
  const add = (values: string[], value: string | null) => (value === null || values.includes(value) ? values : [...values, value]);
  return {
    ...profile,
    givenNames: add(profile.givenNames, tidyName(identity.givenNames)),
    familyNames: add(profile.familyNames, tidyName(identity.familyName)),
    postcodes: add(profile.postcodes, matchablePostcode(request)),
  };
}

/**
 * Links a batch of stored records that arrived without an SUI (HUB.md §8): blocking finds the candidates
 * in one query, each is scored with Fellegi–Sunter weights, and the record is linked, sent to a link
 * review, or starts a new child awaiting an SUI. Records are decided in order and see the children
 * created or extended by earlier records of the same batch, exactly as if they had come one by one.
 * Every decision is written to the link history with its evidence. Must run inside a transaction.
 */
export async function linkRecords(manager: EntityManager, requests: LinkRequest[], context: LinkContext): Promise<LinkResult[]> {
  const decided = await decideLinks(manager, requests, context);
  await decided.writeChildren(manager);
  await decided.writeLinks(manager, { recordsStored: true });
  await decided.rebuildProfiles(manager);
  return decided.results;
}

/** The link columns of a record (`agency_record`) as the matcher decided them. */
export interface DecidedLink {
  childId: string | null;
  method: LinkMethod;
  state: LinkState;
  origin: LinkOrigin;
  decidedBy: string;
  decidedAt: Date;
  evidence: LinkEvidence | null;
}

/**
 * A batch's links decided under the linking lock and not yet written. Records the hub already holds are
 * linked by `linkRecords`; new ones are inserted with their links (no row to update, no address to
 * move): the children the matcher creates first (`writeChildren`, which the records name), then the
 * records with `linkOf`, then the rest (`writeLinks`), then, once that is written, `rebuildProfiles`.
 * The writes go to `writer` (a `StatementBatch` sends them together) or else at once.
 */
export interface DecidedLinks {
  results: LinkResult[];
  linkOf(recordId: string): DecidedLink;
  writeChildren(writer: StatementWriter): Promise<void>;
  /** `recordsStored`: false when the records are new and were inserted with `linkOf`. */
  writeLinks(manager: EntityManager, options: { recordsStored: boolean; writer?: StatementWriter }): Promise<void>;
  /** Children whose profiles must lose a postcode a record withholds: derived again from their facts, as written. */
  rebuildProfiles(manager: EntityManager): Promise<void>;
}

/** The decisions of `linkRecords`, in order, written by the caller (`DecidedLinks`). Takes the linking lock. */
export async function decideLinks(manager: EntityManager, requests: LinkRequest[], context: LinkContext): Promise<DecidedLinks> {
  const writes = new BatchWrites(context);
  if (requests.length === 0) return { results: [], linkOf: (recordId) => writes.linkOf(recordId), writeChildren: async () => undefined, writeLinks: async () => undefined, rebuildProfiles: async () => undefined };
  await takeLinkingLock(manager);
  const facts = requests.map((request) => identityFacts(request.identity));
  const keysPerRequest = facts.map((fact) => queryKeys(fact));

  // The candidates and their stored profiles, in one round trip.
  const probe = await childrenUnderKeysWithProfiles(manager, [...new Set(keysPerRequest.flat())]);
  const blocked = candidatesOf(keysPerRequest, probe.childrenOfKey);
  const profiles = probe.profiles;
  // The records' own values (an exact agreement is on them) and the candidates' first given names (to tell a slip from a name).
  const frequencies = await loadTermFrequencies(manager, [...new Set([...facts.flatMap(factsTerms), ...[...profiles.values()].flatMap(firstGivenNameTerms)])]);

  // Each record against the stored candidates blocking found, before anything in the batch changes them.
  const stored = blocked.map((childIds, index) => new Map(childIds.flatMap((childId) => {
    const profile = profiles.get(childId);
    return profile === undefined ? [] : [[childId, scoreCandidate(context.weights, facts[index], profile, frequencies)] as const];
  })));
  // Where a record's given name is only alike a candidate's, with a date of birth a twin could give:
  // children born the same day as that candidate, in its family or at its address (its twin, if known).
  const birthdayKeys = new Set(stored.flatMap((scores) => [...scores].filter(([, score]) => twinQuestion(score.levels)).flatMap(([childId]) => sameBirthdayKeys(profiles.get(childId) as MatchProfile))));
  const neighbours = await childrenUnderKeysWithProfiles(manager, [...birthdayKeys]);
  const birthdayNeighbours = neighbours.childrenOfKey;
  for (const [childId, profile] of neighbours.profiles) if (!profiles.has(childId)) profiles.set(childId, profile);
  // The profiles as stored, before this batch extends any: what its profile writes merge into.
  const storedProfiles: ReadonlyMap<string, MatchProfile> = new Map(profiles);

  // Children created or extended earlier in this batch, by key, so later records find them too.
  const batchKeys = new Map<string, Set<string>>();
  const rememberedIds = new Set<string>();
  const remember = (profile: MatchProfile) => {
    rememberedIds.add(profile.childId);
    profiles.set(profile.childId, profile);
    for (const key of profileKeys(profile)) {
      const children = batchKeys.get(key) ?? new Set<string>();
      children.add(profile.childId);
      batchKeys.set(key, children);
    }
  };
  const siblingKnown = (profile: MatchProfile): boolean =>
    sameBirthdayKeys(profile).some((key) =>
      [...(birthdayNeighbours.get(key) ?? []), ...(batchKeys.get(key) ?? [])].some((id) => {
        const other = profiles.get(id);
        return id !== profile.childId && other !== undefined && sameBirthdaySibling(profile, other);
      }),
    );

  const results: LinkResult[] = [];
  requests.forEach((request, index) => {
    const candidateIds = new Set(blocked[index]);
    for (const key of keysPerRequest[index] ?? []) for (const id of batchKeys.get(key) ?? []) candidateIds.add(id);
    const excluded = new Set(request.excludedChildIds ?? []);
    const scored: ScoredCandidate[] = [];
    for (const childId of candidateIds) {
      const profile = profiles.get(childId);
      if (profile === undefined || excluded.has(childId)) continue;
      const score = (rememberedIds.has(childId) ? undefined : stored[index]?.get(childId)) ?? scoreCandidate(context.weights, facts[index], profile, frequencies);
      scored.push({ childId, ...score, ...(twinQuestion(score.levels) ? { twin: twinEvidence(facts[index], profile, frequencies, siblingKnown(profile)) } : {}) });
    }
    const decision = decideLink(scored, context.weights.thresholds);
    const base = { recordId: request.recordId, band: decision.band, blockedCandidateIds: [...candidateIds], rule: decision.rule };

    if (decision.band === LinkBand.AUTO_LINK && decision.chosen !== null) {
      const chosen = decision.chosen;
      writes.link(request, chosen.childId, LinkMethod.PROBABILISTIC, evidenceOf(chosen, context.weights), decision.rule);
      writes.identity(request, chosen.childId, false);
      if (request.restricted !== true) {
        const profile = withIdentity(profiles.get(chosen.childId) as MatchProfile, request);
        remember(profile);
        writes.profile(profile);
      }
      // A location withheld by any record stays withheld however many others report it (`matchablePostcodes`),
      // sealed or not: the child is no longer matched on it, by the rest of this batch or afterwards. The
      // profile merge only adds, so the child's profile is derived again once the batch's facts are written.
      const withheld = withheldPostcode(request);
      const current = profiles.get(chosen.childId) as MatchProfile;
      if (withheld !== null && current.postcodes.includes(withheld)) {
        profiles.set(chosen.childId, { ...current, postcodes: current.postcodes.filter((postcode) => postcode !== withheld) });
        writes.rebuild(chosen.childId);
      }
      results.push({ ...base, childId: chosen.childId, reviewIds: [], reviewCandidateIds: [], score: chosen.score });
    } else if (decision.band === LinkBand.REVIEW) {
      const reviewIds = writes.review(request, decision.reviewCandidates.map((candidate) => ({ childId: candidate.childId, evidence: evidenceOf(candidate, context.weights) })), decision.rule);
      results.push({ ...base, childId: null, reviewIds, reviewCandidateIds: decision.reviewCandidates.map((candidate) => candidate.childId), score: decision.reviewCandidates[0]?.score ?? null });
    } else {
      const childId = randomUUID();
      writes.newChild(request, childId);
      writes.link(request, childId, LinkMethod.PROBABILISTIC, null, decision.rule);
      writes.identity(request, childId, true);
      if (request.restricted !== true) {
        const profile: MatchProfile = {
          childId,
          givenNames: [tidyName(request.identity.givenNames)],
          familyNames: [tidyName(request.identity.familyName)],
          dateOfBirth: request.identity.dateOfBirth,
          sex: request.identity.sex,
          postcodes: [matchablePostcode(request)].filter((postcode) => postcode !== null),
        };
        remember(profile);
        writes.profile(profile);
      }
      results.push({ ...base, childId, reviewIds: [], reviewCandidateIds: [], score: scored.length === 0 ? null : Math.max(...scored.map((s) => s.score)) });
    }
  });
  return {
    results,
    linkOf: (recordId) => writes.linkOf(recordId),
    writeChildren: (writer) => writes.writeChildren(writer),
    writeLinks: (writer, options) => writes.writeLinks(writer, options, storedProfiles),
    rebuildProfiles: (writer) => writes.rebuildProfiles(writer),
  };
}

/** What a hold for a steward adds to each candidate's evidence: why the record was not linked by its SUI. */
export type HoldReason = Pick<LinkEvidence, "suiDisputed" | "arrivingSui">;

/**
 * Holds one record for a data steward against these candidates, whatever their scores: a record whose
 * SUI names a child its identity cannot be (`disputedSui.ts`), or whose SUI no child holds yet while a
 * child awaiting one may be its (`suiArrival.ts`). Written like any review the matcher opens — the
 * record POSSIBLE and nobody's, each proposal in the link history with its evidence.
 */
export async function holdForSteward(manager: EntityManager, request: LinkRequest, candidates: readonly ScoredCandidate[], rule: string, context: LinkContext, reason: HoldReason): Promise<string[]> {
  const writes = new BatchWrites(context);
  const reviewIds = writes.review(request, candidates.map((candidate) => ({ childId: candidate.childId, evidence: { ...evidenceOf(candidate, context.weights), ...reason } })), rule);
  await writes.flush(manager);
  return reviewIds;
}

/**
 * The children sharing a key with each request. One index probe per distinct key (`= ANY` over the
 * primary key) whatever the table's statistics say: a join against an unnested key list can be
 * planned as a sort of the whole key table (seen after a bulk load), whose cost grows with the registry.
 */
export async function findBlockedCandidates(manager: EntityManager, keysPerRequest: string[][]): Promise<string[][]> {
  return candidatesOf(keysPerRequest, await childrenUnderKeys(manager, [...new Set(keysPerRequest.flat())]));
}

function candidatesOf(keysPerRequest: string[][], childrenOfKey: ReadonlyMap<string, string[]>): string[][] {
  return keysPerRequest.map((requestKeys) => [...new Set(requestKeys.flatMap((key) => childrenOfKey.get(key) ?? []))]);
}

/** The children stored under each of these keys, in one `= ANY` probe of the key table's primary key. */
async function childrenUnderKeys(manager: EntityManager, keys: string[]): Promise<Map<string, string[]>> {
  const rows: { key: string; child_id: string }[] = keys.length === 0 ? [] : await manager.query(`SELECT key, child_id FROM child_match_key WHERE key = ANY($1::text[])`, [keys]);
  return byKey(rows);
}

function byKey(rows: readonly { key: string; child_id: string }[]): Map<string, string[]> {
  const childrenOfKey = new Map<string, string[]>();
  for (const row of rows) {
    const children = childrenOfKey.get(row.key);
    if (children === undefined) childrenOfKey.set(row.key, [row.child_id]);
    else children.push(row.child_id);
  }
  return childrenOfKey;
}

/**
 * `childrenUnderKeys` and those children's stored profiles (`loadProfiles`), in one statement: the
 * probe's rows, then the profiles, each by its primary key (`= ANY` over the children the probe found,
 * so the profile table is never scanned). A batch waits on each round trip under the linking lock.
 */
async function childrenUnderKeysWithProfiles(manager: EntityManager, keys: string[]): Promise<{ childrenOfKey: Map<string, string[]>; profiles: Map<string, MatchProfile> }> {
  if (keys.length === 0) return { childrenOfKey: new Map(), profiles: new Map() };
  const rows: (ProfileRow & { key: string | null })[] = await manager.query(
    `WITH hit AS MATERIALIZED (SELECT key, child_id FROM child_match_key WHERE key = ANY($1::text[]))
     SELECT key, child_id, NULL::text[] AS given_names, NULL::text[] AS family_names, NULL::text AS date_of_birth, NULL::text AS sex, NULL::text[] AS postcodes FROM hit
     UNION ALL
     SELECT NULL, ${PROFILE_COLUMNS} FROM child_match_profile WHERE child_id = ANY(ARRAY(SELECT DISTINCT child_id FROM hit))`,
    [keys],
  );
  const hits: { key: string; child_id: string }[] = [];
  const profiles = new Map<string, MatchProfile>();
  for (const row of rows) {
    if (row.key === null) profiles.set(row.child_id, profileOf(row));
    else hits.push({ key: row.key, child_id: row.child_id });
  }
  return { childrenOfKey: byKey(hits), profiles };
}


/** The batch's writes, gathered while deciding and sent as one statement per table. */
class BatchWrites {
  private readonly children: Record<string, unknown>[] = [];
  private readonly names = new Map<string, NameFactRow>();
  private readonly addresses = new Map<string, AddressFactRow>();
  private readonly moves: { recordId: string; childId: string; fromChildId: string | null }[] = [];
  private readonly records = new Map<string, { id: string; child_id: string | null; method: LinkMethod; state: LinkState; evidence: LinkEvidence | null }>();
  private readonly events: Record<string, unknown>[] = [];
  private readonly reviews: Record<string, unknown>[] = [];
  private readonly profiles = new Map<string, MatchProfile>();
  private readonly rebuilds = new Set<string>();

  constructor(private readonly context: LinkContext) {}

  newChild(request: LinkRequest, childId: string): void {
    const identity = request.identity;
    this.children.push({
      id: childId,
      given_names: tidyName(identity.givenNames),
      family_name: tidyName(identity.familyName),
      date_of_birth: identity.dateOfBirth,
      expected_date_of_birth: identity.expectedDateOfBirth,
      sex: identity.sex,
    });
  }

  link(request: LinkRequest, childId: string, method: LinkMethod, evidence: LinkEvidence | null, rule: string): void {
    this.records.set(request.recordId, { id: request.recordId, child_id: childId, method, state: LinkState.LINKED, evidence });
    this.moves.push({ recordId: request.recordId, childId, fromChildId: request.previousChildId ?? null });
    if (request.previousChildId && request.previousChildId !== childId) this.event(request.recordId, request.previousChildId, LinkAction.UNLINKED, method, null, "matched again on resubmission");
    this.event(request.recordId, childId, LinkAction.LINKED, method, evidence, rule);
  }

  /**
   * The name and address the record reported join the child's history with the record as their source,
   * as an SUI-linked record's do. (A record linked only by the matcher never makes a council responsible
   * for the child: see `disclosure/legitimateRelationships.ts`.)
   */
  identity(request: LinkRequest, childId: string, isNew: boolean): void {
    const identity = request.identity;
    const givenNames = tidyName(identity.givenNames);
    const familyName = tidyName(identity.familyName);
    const nameKey = `${childId}|${givenNames}|${familyName}`;
    const name = this.names.get(nameKey);
    if (name) name.sources.push(request.recordId);
    else this.names.set(nameKey, { childId, givenNames, familyName, kind: isNew ? NameKind.USUAL : NameKind.ALIAS, reportedBy: request.agencyCode, sources: [request.recordId] });
    const address = identity.address;
    if (address) {
      const postcode = address.postcode ? (normalisePostcode(address.postcode) ?? "") : "";
      const line1 = tidyName(address.line1);
      const addressKey = `${childId}|${request.recordId}|${address.kind}|${line1}|${postcode}`;
      this.addresses.set(addressKey, {
        childId, kind: address.kind, line1, line2: address.line2 ?? null, town: address.town ?? null, postcode,
        localAuthority: address.localAuthority ?? null, validFrom: address.validFrom ?? null, labels: address.labels ?? [], reportedBy: request.agencyCode, sourceRecordId: request.recordId,
      });
    }
  }

  review(request: LinkRequest, candidates: { childId: string; evidence: LinkEvidence }[], rule: string): string[] {
    this.records.set(request.recordId, { id: request.recordId, child_id: null, method: LinkMethod.PROBABILISTIC, state: LinkState.POSSIBLE, evidence: candidates[0]?.evidence ?? null });
    if (request.previousChildId) this.event(request.recordId, request.previousChildId, LinkAction.UNLINKED, LinkMethod.PROBABILISTIC, null, "matched again on resubmission");
    return candidates.map((candidate) => {
      const id = randomUUID();
      this.reviews.push({ id, record_id: request.recordId, candidate_child_id: candidate.childId, score: candidate.evidence.score, evidence: candidate.evidence });
      this.event(request.recordId, candidate.childId, LinkAction.PROPOSED, LinkMethod.PROBABILISTIC, candidate.evidence, rule, id);
      return id;
    });
  }

  profile(profile: MatchProfile): void {
    this.profiles.set(profile.childId, profile);
  }

  /** A child whose profile must lose something (a postcode now withheld): derived again from its facts once they are written. */
  rebuild(childId: string): void {
    this.rebuilds.add(childId);
  }

  private event(recordId: string, childId: string | null, action: LinkAction, method: LinkMethod, evidence: LinkEvidence | null, reason: string, causeId: string | null = null): void {
    this.events.push({ record_id: recordId, child_id: childId, action, method, origin: LinkOrigin.AUTO, evidence, reason, cause_id: causeId });
  }

  /** The link decided for a record of the batch. */
  linkOf(recordId: string): DecidedLink {
    const row = this.records.get(recordId);
    if (row === undefined) throw new RangeError("no link was decided for this record");
    return { childId: row.child_id, method: row.method, state: row.state, origin: LinkOrigin.AUTO, decidedBy: this.context.decidedBy, decidedAt: this.context.now, evidence: row.evidence };
  }

  async flush(manager: EntityManager): Promise<void> {
    await this.writeChildren(manager);
    await this.writeLinks(manager, { recordsStored: true });
    await this.rebuildProfiles(manager);
  }

  /** The children the matcher created: first, since the records name them. */
  async writeChildren(writer: StatementWriter): Promise<void> {
    if (this.children.length === 0) return;
    await writer.query(
      `INSERT INTO child (id, sui, given_names, family_name, date_of_birth, expected_date_of_birth, sex)
       SELECT x.id, NULL, x.given_names, x.family_name, x.date_of_birth, x.expected_date_of_birth, x.sex
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, given_names text, family_name text, date_of_birth date, expected_date_of_birth date, sex text)`,
      [JSON.stringify(this.children)],
    );
  }

  /**
   * Everything else but the profiles rebuilt. `recordsStored`: the records existed before the batch was
   * decided — their rows are updated and the addresses they reported move with them; a new record was
   * inserted with its link and has reported no address yet. `storedProfiles`: the children's profiles
   * as stored, read under the linking lock (each written profile is merged into its own).
   */
  async writeLinks(manager: EntityManager, { recordsStored, writer = manager }: { recordsStored: boolean; writer?: StatementWriter }, storedProfiles?: ReadonlyMap<string, MatchProfile>): Promise<void> {
    const { decidedBy, now } = this.context;
    const json = (rows: unknown[]) => JSON.stringify(rows);
    await addNameFacts(writer, [...this.names.values()]);
    if (recordsStored) await moveAddressFacts(writer, this.moves);
    await addAddressFacts(writer, [...this.addresses.values()]);
    if (recordsStored && this.records.size > 0) {
      const rows = json([...this.records.values()]);
      await writer.query(
        `UPDATE agency_record r SET child_id = x.child_id, link_method = x.method, link_state = x.state, link_origin = '${LinkOrigin.AUTO}',
           link_decided_by = $2, link_decided_at = $3, link_evidence = x.evidence
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, child_id uuid, method text, state text, evidence jsonb) WHERE r.id = x.id`,
        [rows, decidedBy, now],
      );
      await writer.query(
        `UPDATE child_adult_relationship rel SET child_id = x.child_id FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, child_id uuid) WHERE rel.source_record_id = x.id`,
        [rows],
      );
    }
    if (this.reviews.length > 0) {
      await writer.query(
        `INSERT INTO link_review (id, record_id, candidate_child_id, score, evidence, status, opened_at)
         SELECT x.id, x.record_id, x.candidate_child_id, x.score, x.evidence, '${LinkReviewStatus.OPEN}', $2
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, record_id uuid, candidate_child_id uuid, score double precision, evidence jsonb)`,
        [json(this.reviews), now],
      );
    }
    if (this.events.length > 0) {
      await writer.query(
        `INSERT INTO record_link_event (record_id, child_id, action, method, origin, evidence, decided_by, decided_at, reason, cause_id)
         SELECT x.record_id, x.child_id, x.action, x.method, x.origin, x.evidence, $2, $3, x.reason, x.cause_id
         FROM jsonb_to_recordset($1::jsonb) AS x(record_id uuid, child_id uuid, action text, method text, origin text, evidence jsonb, reason text, cause_id uuid)`,
        [json(this.events), decidedBy, now],
      );
    }
    await writeMatchProfiles(manager, [...this.profiles.values()], false, storedProfiles, writer);
  }

  async rebuildProfiles(manager: EntityManager): Promise<void> {
    await rebuildMatchProfiles(manager, [...this.rebuilds]);
  }
}
