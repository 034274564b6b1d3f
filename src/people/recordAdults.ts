import { randomUUID } from "node:crypto";
import { type EntityManager } from "typeorm";
import { type RelatedAdultSubmission } from "../records/AgencyRecordSubmission";
import { type AgencyRecord } from "../records/AgencyRecord";
import { Adult } from "./Adult";
import { AdultIdentifier } from "./AdultIdentifier";
import { AdultName } from "./AdultName";
import { ChildAdultRelationship } from "./ChildAdultRelationship";
import { NameKind } from "./NameKind";
import { sameName, tidyName } from "./personName";

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
}

/**
 * Finds each adult by the agency's own reference for them (creating them the first time), adds a newly
 * reported name as an ALIAS, and replaces the record's relationships with what it now says: a
 * resubmission that drops an adult drops that relationship.
 */
export async function recordAdults(manager: EntityManager, record: AgencyRecord, reported: RelatedAdultSubmission[], agencyCode: string, newRecord = false): Promise<RecordedAdults> {
  const [recorded] = await recordAdultsOf(manager, [{ record, reported, agencyCode, newRecord }]);
  return recorded;
}

/**
 * `recordAdults` for many records, in order, as if one after the other — an adult the first record
 * creates is the one a later record names by the same reference — with one statement per table: the
 * adults the agencies' references name are read together, and what is new written together.
 */
export async function recordAdultsOf(manager: EntityManager, reports: readonly AdultsReported[]): Promise<RecordedAdults[]> {
  const replaced = reports.filter((report) => !report.newRecord).map((report) => report.record.id);
  if (replaced.length > 0) await manager.query(`DELETE FROM child_adult_relationship WHERE source_record_id = ANY($1::uuid[])`, [replaced]);
  const keyOf = (agencyCode: string, reference: string) => `${agencyCode}\u0000${reference}`;
  const wanted = new Map(reports.flatMap((report) => report.reported.map((person) => [keyOf(report.agencyCode, person.reference), { agencyCode: report.agencyCode, reference: person.reference }] as const)));
  if (wanted.size === 0) return reports.map(() => ({ subject: null, all: [] }));

  const known = new Map(
    (await manager.getRepository(AdultIdentifier).find({ where: [...wanted.values()], relations: { adult: { names: true } } })).map((identifier) => [keyOf(identifier.agencyCode, identifier.reference), identifier.adult]),
  );
  const adults = manager.getRepository(Adult);
  const created: Adult[] = [];
  const identifiers: Partial<AdultIdentifier>[] = [];
  const names: Partial<AdultName>[] = [];
  const changed = new Map<string, Partial<Adult>>();
  const relationships: Partial<ChildAdultRelationship>[] = [];
  const recorded = reports.map(({ record, reported, agencyCode }) => {
    const all: Adult[] = [];
    let subject: Adult | null = null;
    for (const person of reported) {
      const givenNames = tidyName(person.givenNames);
      const familyName = tidyName(person.familyName);
      const key = keyOf(agencyCode, person.reference);
      let adult = known.get(key);
      if (adult === undefined) {
        adult = adults.create({ id: randomUUID(), givenNames, familyName, dateOfBirth: person.dateOfBirth ?? null, sex: person.sex, homeLocalAuthority: person.homeLocalAuthority ?? null, names: [] });
        known.set(key, adult);
        created.push(adult);
        identifiers.push({ adult, agencyCode, reference: person.reference });
        names.push({ adult, givenNames, familyName, kind: NameKind.USUAL, reportedBy: agencyCode });
        adult.names.push(names.at(-1) as AdultName);
      } else {
        if (!adult.names.some((name) => sameName(name, { givenNames, familyName }))) {
          names.push({ adult, givenNames, familyName, kind: NameKind.ALIAS, reportedBy: agencyCode });
          adult.names.push(names.at(-1) as AdultName);
        }
        const changes: Partial<Adult> = {};
        if (adult.dateOfBirth === null && person.dateOfBirth) changes.dateOfBirth = person.dateOfBirth;
        if (person.homeLocalAuthority && person.homeLocalAuthority !== adult.homeLocalAuthority) changes.homeLocalAuthority = person.homeLocalAuthority;
        Object.assign(adult, changes);
        // An adult this batch creates is written with its latest values; one the hub held is updated.
        if (Object.keys(changes).length > 0 && !created.includes(adult)) changed.set(adult.id, { ...changed.get(adult.id), ...changes });
      }
      all.push(adult);
      if (person.subjectOfRecord === true) subject = adult;
      relationships.push({
        child: record.child,
        adult,
        sourceRecord: record,
        relationship: person.relationship,
        parentalResponsibility: person.parentalResponsibility ?? false,
        posesRiskToChild: person.posesRiskToChild ?? false,
      });
    }
    return { subject, all };
  });

  if (created.length > 0) await adults.insert(created.map(({ names: _names, ...adult }) => adult));
  if (identifiers.length > 0) await manager.getRepository(AdultIdentifier).insert(identifiers);
  if (names.length > 0) await manager.getRepository(AdultName).insert(names);
  for (const [id, changes] of changed) await adults.update({ id }, changes);
  if (relationships.length > 0) await manager.getRepository(ChildAdultRelationship).insert(relationships);
  return recorded;
}
