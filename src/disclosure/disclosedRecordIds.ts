import { RECORD_TYPES } from "../records/RecordType";
import { type Disclosure } from "../policy/DisclosureDecision";
import { type ChildFile } from "./ChildFile";
import { recordPath } from "./recordPaths";

/**
 * The records any part of which went out in a disclosure (a field, or a brokered signal), by id. Kept
 * on the audit entry so that, if a record later proves to have been linked to the wrong child, the
 * wrong-link report can say which disclosures carried it (`identity/wrongLinkReport.ts`).
 */
export function disclosedRecordIds(file: ChildFile, decision: Pick<Disclosure, "disclosed" | "brokered">): string[] {
  const shown = new Set([...decision.disclosed.map((path) => path.slice(0, path.lastIndexOf("."))), ...decision.brokered.map((brokered) => brokered.path)]);
  const ids: string[] = [];
  for (const type of RECORD_TYPES) {
    file.records[type].forEach(({ record }, index) => {
      if (shown.has(recordPath(type, index))) ids.push(record.id);
    });
  }
  return ids;
}
