import { RECORD_TYPES } from "../records/RecordType";
import { type VisibleIdentity } from "../people/identityFacts";
import { type Disclosure } from "../policy/DisclosureDecision";
import { type ChildFile } from "./ChildFile";
import { addressPath, DEMOGRAPHICS, recordOfField, recordPath } from "./recordPaths";

/**
 * The records any part of which went out in a disclosure, by id: a field, a brokered signal, or an
 * identity fact they reported (a name, an address, the date of birth). Kept on the audit entry so
 * that, if a record later proves to have been linked to the wrong child, the wrong-link report can say
 * which disclosures carried it (`identity/wrongLinkReport.ts`).
 */
export function disclosedRecordIds(file: ChildFile, identity: VisibleIdentity, decision: Pick<Disclosure, "disclosed" | "brokered">): string[] {
  const shown = new Set([...decision.disclosed.map(recordOfField), ...decision.brokered.map((brokered) => brokered.path)]);
  const ids = new Set<string>();
  for (const type of RECORD_TYPES) {
    for (const { record } of file.records[type]) if (shown.has(recordPath(type, record.id))) ids.add(record.id);
  }
  const disclosed = new Set(decision.disclosed);
  const through = (field: string, ...facts: ({ sources: readonly string[] } | null)[]) => {
    if (disclosed.has(`${DEMOGRAPHICS}.${field}`)) for (const fact of facts) for (const id of fact?.sources ?? []) ids.add(id);
  };
  through("givenNames", identity.givenNames);
  through("familyName", identity.familyName);
  through("aliases", ...identity.aliases);
  through("dateOfBirth", identity.dateOfBirth);
  through("sex", identity.sex);
  through("localAuthority", identity.residence);
  for (const address of identity.addresses) if (disclosed.has(addressPath(address.id))) for (const id of address.sources) ids.add(id);
  return [...ids];
}
