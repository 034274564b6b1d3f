import { locationLabels } from "../people/identityFacts";
import { currentResidence } from "../people/residence";
import { SensitivityLabel } from "../records/SensitivityLabel";
import { type ChildFile, type LoadedRecord } from "./ChildFile";

/**
 * Where the child lives, as the given records tell it: the current residence among the addresses those
 * records reported. Callers choose the records — current ones, without sealed or brokered ones unless
 * they are the caller's own — so that a hidden or lapsed record never decides where a child lives.
 */
export function residenceToldBy(file: ChildFile, records: readonly LoadedRecord[]): ChildFile["identity"]["addresses"][number] | null {
  const sources = new Set(records.map(({ record }) => record.id));
  return currentResidence(file.identity.addresses.filter((address) => sources.has(address.sourceRecordId)));
}

/**
 * Where the child lives as far as it decides who answers for them (an IG lead's reach): as
 * `residenceToldBy` tells it from the given records, leaving out every address at a location any of the
 * child's records protects, whether or not the reader may see that record (design principle 8). A refuge
 * or an unaccompanied child's placement, however another agency reported it, does not make the council
 * of its area answerable for the child, and so does not tell it the child is there. The trail's rule in
 * SQL is `audit/trailReach.ts`.
 */
export function unprotectedResidenceToldBy(file: ChildFile, records: readonly LoadedRecord[]): ChildFile["identity"]["addresses"][number] | null {
  const sources = new Set(records.map(({ record }) => record.id));
  const labelsOf = locationLabels(file.identity);
  return currentResidence(file.identity.addresses.filter((address) => sources.has(address.sourceRecordId) && !labelsOf(address).includes(SensitivityLabel.LOCATION_WITHHELD)));
}
