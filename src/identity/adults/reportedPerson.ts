import { type RelatedAdultSubmission } from "../../records/AgencyRecordSubmission";
import { NationalIdentifierScheme } from "../../people/NationalIdentifierScheme";
import { profileKeys, queryKeys } from "../matching/blockingKeys";
import { type NationalIdentifier, type ReportedPerson } from "./decideAdultLink";

/** The national identifiers a related adult was reported with, as stored (upper case, no spaces). */
export function nationalIdentifiersOf(person: Pick<RelatedAdultSubmission, "nhsNumber" | "prisonNumber" | "pncId" | "probationCrn">): NationalIdentifier[] {
  const given: [NationalIdentifierScheme, string | null | undefined][] = [
    [NationalIdentifierScheme.NHS_NUMBER, person.nhsNumber],
    [NationalIdentifierScheme.PRISON_NUMBER, person.prisonNumber],
    [NationalIdentifierScheme.PNC_ID, person.pncId],
    [NationalIdentifierScheme.PROBATION_CRN, person.probationCrn],
  ];
  return given.flatMap(([scheme, value]) => (value ? [{ scheme, value: value.replace(/\s+/g, "").toUpperCase() }] : []));
}

/** The keys a reported person is looked up under (their own, and their date of birth swapped and a day either side). */
export function lookupKeys(person: ReportedPerson): string[] {
  return queryKeys(person.facts);
}

/** The keys the person's own facts give an adult they are recorded on. */
export function storedKeys(person: ReportedPerson): string[] {
  const { facts } = person;
  return profileKeys({ childId: "", givenNames: [facts.givenNames], familyNames: [facts.familyName], dateOfBirth: facts.dateOfBirth, sex: facts.sex ?? "NOT_KNOWN", postcodes: facts.postcode === null ? [] : [facts.postcode] });
}
