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

/**
 * Finds each adult by the agency's own reference for them (creating them the first time), adds a newly
 * reported name as an ALIAS, and replaces the record's relationships with what it now says: a
 * resubmission that drops an adult drops that relationship.
 */
export async function recordAdults(manager: EntityManager, record: AgencyRecord, reported: RelatedAdultSubmission[], agencyCode: string, newRecord = false): Promise<RecordedAdults> {
  const relationships = manager.getRepository(ChildAdultRelationship);
  // A record stored for the first time has no relationships yet to replace.
  if (!newRecord) await manager.createQueryBuilder().delete().from(ChildAdultRelationship).where("source_record_id = :id", { id: record.id }).execute();
  const all: Adult[] = [];
  let subject: Adult | null = null;
  for (const person of reported) {
    const adult = await findOrCreateAdult(manager, person, agencyCode);
    all.push(adult);
    if (person.subjectOfRecord === true) subject = adult;
    await relationships.insert({
      child: record.child,
      adult,
      sourceRecord: record,
      relationship: person.relationship,
      parentalResponsibility: person.parentalResponsibility ?? false,
      posesRiskToChild: person.posesRiskToChild ?? false,
    });
  }
  return { subject, all };
}

async function findOrCreateAdult(manager: EntityManager, person: RelatedAdultSubmission, agencyCode: string): Promise<Adult> {
  const givenNames = tidyName(person.givenNames);
  const familyName = tidyName(person.familyName);
  const identifier = await manager.getRepository(AdultIdentifier).findOne({
    where: { agencyCode, reference: person.reference },
    relations: { adult: { names: true } },
  });
  const adults = manager.getRepository(Adult);
  const names = manager.getRepository(AdultName);
  if (identifier === null) {
    const adult = await adults.save(adults.create({
      givenNames,
      familyName,
      dateOfBirth: person.dateOfBirth ?? null,
      sex: person.sex,
      homeLocalAuthority: person.homeLocalAuthority ?? null,
    }));
    await manager.getRepository(AdultIdentifier).insert({ adult, agencyCode, reference: person.reference });
    await names.insert({ adult, givenNames, familyName, kind: NameKind.USUAL, reportedBy: agencyCode });
    return adult;
  }
  const adult = identifier.adult;
  if (!adult.names.some((name) => sameName(name, { givenNames, familyName }))) {
    await names.insert({ adult, givenNames, familyName, kind: NameKind.ALIAS, reportedBy: agencyCode });
  }
  const changes: Partial<Adult> = {};
  if (adult.dateOfBirth === null && person.dateOfBirth) changes.dateOfBirth = person.dateOfBirth;
  if (person.homeLocalAuthority && person.homeLocalAuthority !== adult.homeLocalAuthority) changes.homeLocalAuthority = person.homeLocalAuthority;
  if (Object.keys(changes).length > 0) await adults.update({ id: adult.id }, changes);
  return Object.assign(adult, changes);
}
