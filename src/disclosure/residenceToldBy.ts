import { locationLabels } from "../people/identityFacts";
import { currentResidence } from "../people/residence";
import { SensitivityLabel } from "../records/SensitivityLabel";
import { type ChildFile, type LoadedRecord } from "./ChildFile";

/**
 * Where the child lives as far as it decides anything about who answers for them — a relationship
 * (`legitimateRelationships`: the responsible local authority, whether a MASH's referral is its own)
 * or an IG lead's reach (`subjectAccess/`): the current residence among the addresses the given records
 * reported, leaving out every address at a location any of the child's records protects, whether or not
 * the caller may see that record (design principle 8). Callers choose the records — current ones,
 * without sealed or brokered ones unless they are the caller's own — so that a hidden or lapsed record
 * never decides where a child lives. A refuge or an unaccompanied child's placement, however another
 * agency reported it, makes the council of its area answerable for nothing, and so tells it nothing:
 * the child lives where the hub could tell without it (an earlier home), or nowhere it knows. The same
 * rule in SQL is `people/unrestrictedSource.ts` (`addressTellsWhereChildLives`).
 */
export function residenceToldBy(file: ChildFile, records: readonly LoadedRecord[]): ChildFile["identity"]["addresses"][number] | null {
  const sources = new Set(records.map(({ record }) => record.id));
  const labelsOf = locationLabels(file.identity);
  return currentResidence(file.identity.addresses.filter((address) => sources.has(address.sourceRecordId) && !labelsOf(address).includes(SensitivityLabel.LOCATION_WITHHELD)));
}
