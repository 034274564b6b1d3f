import { randomUUID } from "node:crypto";
import { type EntityManager } from "typeorm";
import { type RelatedAdultSubmission } from "../records/AgencyRecordSubmission";
import { type AgencyRecord } from "../records/AgencyRecord";
import { AdultLinkReview, AdultLinkReviewStatus } from "../identity/adults/AdultLinkReview";
import { loadAdultProfiles, rekeyAdults, scoreAdult, type AdultProfile } from "../identity/adults/adultProfiles";
import { type IdentityFacts } from "../identity/matching/comparisonVector";
import { decideAdultLink, type ProposedAdult, type ReportedPerson } from "../identity/adults/decideAdultLink";
import { takeAdultLinkingLock } from "../identity/linkingLock";
import { lookupKeys, nationalIdentifiersOf, storedKeys } from "../identity/adults/reportedPerson";
import { type MatchWeights } from "../identity/matching/matchWeights";
import { Adult } from "./Adult";
import { AdultIdentifier } from "./AdultIdentifier";
import { AdultLinkMethod } from "./AdultLinkMethod";
import { type AdultName } from "./AdultName";
import { AdultNationalIdentifier } from "./AdultNationalIdentifier";
import { ChildAdultRelationship } from "./ChildAdultRelationship";
import { NameKind } from "./NameKind";
import { sameName, tidyName } from "./personName";
import { normalisePostcode } from "./postcode";

export interface RecordedAdults {
  /** The adult the record is about (the offender, the prisoner), if any. */
  subject: Adult | null;
  all: Adult[];
}

/** The adults one stored record names, as its agency reported them. */
export interface AdultsReported {
  record: AgencyRecord;
  reported: readonly RelatedAdultSubmission[];
  agencyCode: string;
  /** Stored for the first time: there are no relationships of its to replace. */
  newRecord: boolean;
  /** The weights the record's own identity was matched with: the same decide who its adults are. */
  weights: MatchWeights;
  /** Sealed or brokered: the people it names stay with it (never matched, never keyed). */
  restricted: boolean;
}

/** Each agency's reference for a person as read for a batch: the identifier and its adult. */
interface Reference {
  identifier: AdultIdentifier;
  adult: Adult;
}

const keyOf = (agencyCode: string, reference: string) => `${agencyCode}\u0000${reference}`;

/**
 * `recordAdults` for one record.
 */
export async function recordAdults(manager: EntityManager, report: AdultsReported): Promise<RecordedAdults> {
  const [recorded] = await recordAdultsOf(manager, [report]);
  return recorded;
}

/**
 * Records the adults a batch of records names, in order, as if one after the other, and replaces each
 * record's relationships with what it now says (a resubmission that drops an adult drops that
 * relationship). Only adults with a safeguarding link to a child are ever held: they come only from
 * records about children.
 *
 * Each person is found by the agency's own reference first (an agency resubmitting a reference means the
 * same person; a newly reported name becomes an ALIAS — a change of name is the same person). A
 * reference the hub has not seen is matched against the adults the hub holds (`decideAdultLink`: a
 * national identifier, or the children's matcher on names, date of birth, sex and postcode) — linked,
 * or made a new adult with link reviews for a steward — and later records of the batch see the adults
 * earlier ones created or joined. A person reported on a sealed or brokered record is never matched:
 * they are an adult of that agency's own. Read and written with one statement per table, under the
 * adult linking lock.
 */
export async function recordAdultsOf(manager: EntityManager, reports: readonly AdultsReported[]): Promise<RecordedAdults[]> {
  const replaced = reports.filter((report) => !report.newRecord).map((report) => report.record.id);
  if (replaced.length > 0) await manager.query(`DELETE FROM child_adult_relationship WHERE source_record_id = ANY($1::uuid[])`, [replaced]);
  const wanted = new Map(reports.flatMap((report) => report.reported.map((person) => [keyOf(report.agencyCode, person.reference), { agencyCode: report.agencyCode, reference: person.reference }] as const)));
  if (wanted.size === 0) return reports.map(() => ({ subject: null, all: [] }));
  await takeAdultLinkingLock(manager);

  const references = new Map<string, Reference>(
    (await manager.getRepository(AdultIdentifier).find({ where: [...wanted.values()], relations: { adult: { names: true } } })).map((identifier) => [keyOf(identifier.agencyCode, identifier.reference), { identifier, adult: identifier.adult }]),
  );
  const batch = new AdultBatch(manager, reports[0].weights, reports[0].record.receivedAt ?? new Date());
  const open = reports.filter((report) => !report.restricted);
  await batch.prefetch(open.flatMap((report) => report.reported.filter((person) => !references.has(keyOf(report.agencyCode, person.reference)))), open.flatMap((report) => report.reported));

  const relationships: Partial<ChildAdultRelationship>[] = [];
  const recorded = reports.map((report) => {
    const all: Adult[] = [];
    let subject: Adult | null = null;
    for (const person of report.reported) {
      const key = keyOf(report.agencyCode, person.reference);
      let reference = references.get(key);
      if (reference === undefined) {
        // Two references of one record are two people, in the agency's own words.
        reference = batch.link(report, person, new Set(all.map((adult) => adult.id)));
        references.set(key, reference);
      } else {
        batch.update(report, person, reference);
      }
      if (person.subjectOfRecord === true) subject = reference.adult;
      // Two of the agency's references a steward has since found to be one person: one relationship.
      if (all.some((adult) => adult.id === reference.adult.id)) continue;
      all.push(reference.adult);
      relationships.push({
        child: report.record.child,
        adult: reference.adult,
        adultReference: person.reference,
        sourceRecord: report.record,
        relationship: person.relationship,
        parentalResponsibility: person.parentalResponsibility ?? false,
        posesRiskToChild: person.posesRiskToChild ?? false,
      });
    }
    return { subject, all };
  });

  await batch.write();
  if (relationships.length > 0) await manager.getRepository(ChildAdultRelationship).insert(relationships);
  return recorded;
}

/**
 * What one batch learns and writes about adults: the candidates read up front, the adults it creates,
 * joins and changes, kept in memory so each person is decided against what the records before it left.
 */
class AdultBatch {
  private readonly profiles = new Map<string, AdultProfile>();
  /** Blocking key → adults: as read for the batch's persons, and as the batch adds facts. */
  private readonly keyed = new Map<string, Set<string>>();
  /** National identifier (scheme:value) → the adult holding it, as read and as the batch adds them. */
  private readonly identified = new Map<string, string>();
  /** Adults the hub held that the batch joins, one object each. */
  private readonly held = new Map<string, Adult>();
  private readonly adults: Adult[] = [];
  private readonly identifiers: AdultIdentifier[] = [];
  private readonly names: Partial<AdultName>[] = [];
  private readonly nationals: Partial<AdultNationalIdentifier>[] = [];
  private readonly reviews: Partial<AdultLinkReview>[] = [];
  private readonly changedAdults = new Map<string, Partial<Adult>>();
  private readonly changedIdentifiers = new Map<string, Partial<AdultIdentifier>>();
  private readonly touched = new Set<string>();

  constructor(private readonly manager: EntityManager, private readonly weights: MatchWeights, private readonly now: Date) {}

  /**
   * Reads, in three statements, every adult sharing a blocking key with a person to be matched, and the
   * holders of every national identifier the batch's unrestricted persons give.
   */
  async prefetch(toMatch: readonly RelatedAdultSubmission[], open: readonly RelatedAdultSubmission[]): Promise<void> {
    const keys = [...new Set(toMatch.flatMap((person) => lookupKeys(reportedPerson(person))))];
    const identifiers = open.flatMap((person) => nationalIdentifiersOf(person));
    const [byKey, byIdentifier] = await Promise.all([
      keys.length === 0 ? [] : this.manager.query<{ key: string; adult_id: string }[]>(`SELECT key, adult_id FROM adult_match_key WHERE key = ANY($1::text[])`, [keys]),
      identifiers.length === 0 ? [] : this.manager.query<{ scheme: string; value: string; adult_id: string }[]>(
        `SELECT scheme, value, adult_id FROM adult_national_identifier WHERE (scheme, value) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
        [identifiers.map((identifier) => identifier.scheme), identifiers.map((identifier) => identifier.value)],
      ),
    ]);
    for (const row of byKey) this.keyed.set(row.key, (this.keyed.get(row.key) ?? new Set()).add(row.adult_id));
    for (const row of byIdentifier) this.identified.set(`${row.scheme}:${row.value}`, row.adult_id);
    const ids = [...new Set([...byKey.map((row) => row.adult_id), ...byIdentifier.map((row) => row.adult_id)])];
    for (const [id, profile] of await loadAdultProfiles(this.manager, ids)) this.profiles.set(id, profile);
  }

  /** A reference the hub has not seen: linked to the adult it is, or a new adult (with reviews). */
  link(report: AdultsReported, person: RelatedAdultSubmission, sameRecord: ReadonlySet<string>): Reference {
    if (report.restricted) return this.found(report, person, []);
    const reported = reportedPerson(person);
    const decision = decideAdultLink(this.weights, reported, this.candidatesOf(reported).filter((candidate) => !sameRecord.has(candidate.adultId)));
    if (decision.kind === "NEW") return this.found(report, person, decision.reviews);
    const adult = this.adultOf(decision.adult.adultId);
    const identifier = this.addIdentifier(adult, report, person, decision.method === "IDENTIFIER" ? AdultLinkMethod.IDENTIFIER : AdultLinkMethod.PROBABILISTIC);
    this.addName(adult, report, person);
    if (person.homeLocalAuthority) this.change(adult, { homeLocalAuthority: person.homeLocalAuthority });
    this.learn(adult.id, person, report.agencyCode, decision.method === "IDENTIFIER");
    return { identifier, adult };
  }

  /**
   * A reference the hub holds: the same person, perhaps under a new name (an ALIAS: a change of name is
   * the same person), with what the agency now says. A sealed or brokered record changes nothing of a
   * person other agencies share.
   */
  update(report: AdultsReported, person: RelatedAdultSubmission, { identifier, adult }: Reference): void {
    if (report.restricted && !identifier.restricted) return;
    this.addName(adult, report, person);
    const changes: Partial<Adult> = {};
    if (adult.dateOfBirth === null && person.dateOfBirth) changes.dateOfBirth = person.dateOfBirth;
    if (person.homeLocalAuthority && person.homeLocalAuthority !== adult.homeLocalAuthority) changes.homeLocalAuthority = person.homeLocalAuthority;
    this.change(adult, changes);
    const own: Partial<AdultIdentifier> = {};
    const postcode = postcodeOf(person);
    if (person.dateOfBirth && person.dateOfBirth !== identifier.dateOfBirth) own.dateOfBirth = person.dateOfBirth;
    if (person.sex !== identifier.sex) own.sex = person.sex;
    if (postcode !== null && postcode !== identifier.postcode) own.postcode = postcode;
    Object.assign(identifier, own);
    // A reference this batch created is inserted with its latest values; one the hub held is updated.
    if (Object.keys(own).length > 0 && !this.identifiers.includes(identifier)) this.changedIdentifiers.set(identifier.id, { ...this.changedIdentifiers.get(identifier.id), ...own });
    if (!identifier.restricted) this.learn(adult.id, person, report.agencyCode, identifier.linkMethod !== AdultLinkMethod.PROBABILISTIC);
  }

  /** A new adult for the person, with a review per candidate a steward should see. */
  private found(report: AdultsReported, person: RelatedAdultSubmission, reviews: readonly ProposedAdult[]): Reference {
    const adult = this.manager.getRepository(Adult).create({
      id: randomUUID(), givenNames: tidyName(person.givenNames), familyName: tidyName(person.familyName), dateOfBirth: person.dateOfBirth ?? null,
      sex: person.sex, homeLocalAuthority: person.homeLocalAuthority ?? null, mergedIntoId: null, names: [],
    });
    this.adults.push(adult);
    const identifier = this.addIdentifier(adult, report, person, AdultLinkMethod.FOUNDED);
    this.addName(adult, report, person);
    for (const review of reviews) this.reviews.push({ adultId: adult.id, candidateAdultId: review.adultId, score: review.evidence.score, evidence: review.evidence, status: AdultLinkReviewStatus.OPEN, openedAt: this.now });
    if (!report.restricted) this.learn(adult.id, person, report.agencyCode, true);
    return { identifier, adult };
  }

  private addIdentifier(adult: Adult, report: AdultsReported, person: RelatedAdultSubmission, linkMethod: AdultLinkMethod): AdultIdentifier {
    const identifier = this.manager.getRepository(AdultIdentifier).create({
      id: randomUUID(), agencyCode: report.agencyCode, reference: person.reference, linkMethod,
      dateOfBirth: person.dateOfBirth ?? null, sex: person.sex, postcode: postcodeOf(person), restricted: report.restricted,
    });
    // Set, not passed to `create`: the ORM copies what it is given deeply, and an adult this batch holds
    // reaches itself again through its names and references.
    identifier.adult = adult;
    this.identifiers.push(identifier);
    return identifier;
  }

  /**
   * Names are kept per agency (a person's names reach a reader only through the agency that gave them):
   * the first an agency reports is its USUAL name for the person, a later one an ALIAS. A name only
   * restricted records report is restricted (`AdultName.restricted`); an unrestricted record reporting
   * it too makes it the agency's ordinary name for the person.
   */
  private addName(adult: Adult, { agencyCode, restricted }: AdultsReported, person: RelatedAdultSubmission): void {
    const name = { givenNames: tidyName(person.givenNames), familyName: tidyName(person.familyName) };
    const ours = adult.names.filter((held) => held.reportedBy === agencyCode);
    const held = ours.find((candidate) => sameName(candidate, name));
    if (held !== undefined) {
      if (restricted || !held.restricted) return;
      held.restricted = false;
      // A name this batch holds is written as it now is; one the hub held is written again, unrestricted.
      if (!this.names.includes(held)) this.names.push(held);
      return;
    }
    const added = { adult, ...name, kind: ours.length === 0 ? NameKind.USUAL : NameKind.ALIAS, reportedBy: agencyCode, restricted } as AdultName;
    adult.names.push(added);
    this.names.push(added);
  }

  private change(adult: Adult, changes: Partial<Adult>): void {
    if (Object.keys(changes).length === 0) return;
    Object.assign(adult, changes);
    // An adult this batch creates is written with its latest values; one the hub held is updated.
    if (!this.adults.includes(adult)) this.changedAdults.set(adult.id, { ...this.changedAdults.get(adult.id), ...changes });
  }

  /**
   * What later persons of the batch are matched against: this person's facts join the adult's profile,
   * keys and national identifiers. An identifier another adult already holds is not taken from them: a
   * steward is asked whether the two are one person. A reference the matcher linked on a guess lends the
   * adult none of its identifiers (`withIdentifiers` false): an identifier names the adult only through a
   * reference known to be theirs, so a later report giving it is not linked as strongly as an SUI
   * through a chain that starts with a guess.
   */
  private learn(adultId: string, person: RelatedAdultSubmission, agencyCode: string, withIdentifiers: boolean): void {
    const reported = reportedPerson(person);
    this.touched.add(adultId);
    const profile = this.profiles.get(adultId) ?? { adultId, givenNames: [], familyNames: [], datesOfBirth: [], sex: person.sex, postcodes: [], identifiers: new Map<string, Set<string>>() };
    const add = (list: string[], value: string | null) => {
      if (value !== null && !list.includes(value)) list.push(value);
    };
    add(profile.givenNames, tidyName(person.givenNames));
    add(profile.familyNames, tidyName(person.familyName));
    add(profile.datesOfBirth, reported.facts.dateOfBirth);
    add(profile.postcodes, reported.facts.postcode);
    this.profiles.set(adultId, profile);
    for (const { scheme, value } of withIdentifiers ? reported.identifiers : []) {
      const holder = this.identified.get(`${scheme}:${value}`);
      if (holder === adultId) continue;
      if (holder !== undefined) {
        this.proposeSamePerson(adultId, holder, reported.facts);
        continue;
      }
      this.identified.set(`${scheme}:${value}`, adultId);
      profile.identifiers.set(scheme, (profile.identifiers.get(scheme) ?? new Set()).add(value));
      this.nationals.push({ adult: { id: adultId } as Adult, scheme, value, reportedBy: agencyCode });
    }
    for (const key of storedKeys(reported)) this.keyed.set(key, (this.keyed.get(key) ?? new Set()).add(adultId));
  }

  /** A steward is asked whether two adults are one person (once: an open review of the pair stands, in this batch or already held). */
  private proposeSamePerson(adultId: string, candidateAdultId: string, facts: IdentityFacts): void {
    const candidate = this.profiles.get(candidateAdultId);
    if (candidate === undefined || this.reviews.some((review) => review.adultId === adultId && review.candidateAdultId === candidateAdultId)) return;
    const score = scoreAdult(this.weights, facts, candidate);
    const evidence = { score: score.score, levels: score.levels, fieldWeights: score.fieldWeights, identifiers: {}, weightsVersion: this.weights.version, rule: "identifier-held-by-another-adult" };
    this.reviews.push({ adultId, candidateAdultId, score: score.score, evidence, status: AdultLinkReviewStatus.OPEN, openedAt: this.now });
  }

  private candidatesOf(reported: ReportedPerson): AdultProfile[] {
    const ids = new Set<string>();
    for (const key of lookupKeys(reported)) for (const id of this.keyed.get(key) ?? []) ids.add(id);
    for (const { scheme, value } of reported.identifiers) {
      const holder = this.identified.get(`${scheme}:${value}`);
      if (holder !== undefined) ids.add(holder);
    }
    return [...ids].flatMap((id) => this.profiles.get(id) ?? []);
  }

  private adultOf(id: string): Adult {
    const adult = this.adults.find((created) => created.id === id) ?? this.held.get(id) ?? this.manager.getRepository(Adult).create({ id, names: [] });
    this.held.set(id, adult);
    return adult;
  }

  async write(): Promise<void> {
    const { manager } = this;
    if (this.adults.length > 0) await manager.getRepository(Adult).insert(this.adults.map(({ names: _names, identifiers: _identifiers, ...adult }) => adult));
    if (this.identifiers.length > 0) await manager.getRepository(AdultIdentifier).insert(this.identifiers);
    if (this.names.length > 0) {
      await manager.query(
        `INSERT INTO adult_name (adult_id, given_names, family_name, kind, reported_by, restricted)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[])
         ON CONFLICT (adult_id, given_names, family_name, reported_by) DO UPDATE SET restricted = adult_name.restricted AND EXCLUDED.restricted`,
        [
          this.names.map((name) => name.adult?.id), this.names.map((name) => name.givenNames), this.names.map((name) => name.familyName), this.names.map((name) => name.kind),
          this.names.map((name) => name.reportedBy), this.names.map((name) => name.restricted === true),
        ],
      );
    }
    if (this.nationals.length > 0) await manager.getRepository(AdultNationalIdentifier).insert(this.nationals);
    for (const [id, changes] of this.changedAdults) await manager.getRepository(Adult).update({ id }, changes);
    for (const [id, changes] of this.changedIdentifiers) await manager.getRepository(AdultIdentifier).update({ id }, changes);
    // A pair already waiting for a steward keeps its one open review (the index allows one a pair): an
    // agency reporting again the identifier that makes the pair asks the steward nothing new.
    if (this.reviews.length > 0) await manager.createQueryBuilder().insert().into(AdultLinkReview).values(this.reviews).orIgnore().execute();
    await rekeyAdults(manager, [...this.touched]);
  }
}

function postcodeOf(person: RelatedAdultSubmission): string | null {
  return person.postcode ? normalisePostcode(person.postcode) : null;
}

function reportedPerson(person: RelatedAdultSubmission): ReportedPerson {
  return {
    facts: { givenNames: person.givenNames, familyName: person.familyName, dateOfBirth: person.dateOfBirth ?? null, sex: person.sex, postcode: postcodeOf(person) },
    identifiers: nationalIdentifiersOf(person),
  };
}

