import { currentResidence } from "../people/residence";
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
