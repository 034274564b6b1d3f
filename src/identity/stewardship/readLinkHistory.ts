import { type Principal } from "../../auth/Principal";
import { Role } from "../../auth/Role";
import { AuditOperation } from "../../audit/AuditOperation";
import { type GovernanceServices } from "../../audit/governanceAccess";
import { ErrorCode, HubError } from "../../errors/HubError";
import { type AccessContext } from "../../policy/AccessContext";
import { type LinkEvidence } from "../LinkEvidence";
import { type LinkMethod, LinkOrigin } from "../linkVocabulary";
import { type LinkAction } from "../RecordLinkEvent";
import { childrenKeptOut } from "../../exclusions/childrenKeptOut";
import { admitSteward, auditStewardRead, requireId } from "./stewardAction";
import { childReach, trailReach } from "../../audit/trailReach";

/** One change to a record's link, as stewards and IG leads read it. */
export interface LinkHistoryEntry {
  id: string;
  childId: string | null;
  childSui: string | null;
  action: LinkAction;
  method: LinkMethod;
  origin: LinkOrigin;
  evidence: LinkEvidence | null;
  decidedBy: string;
  decidedAt: Date;
  reason: string | null;
  causeId: string | null;
}

/** Who linked a sealed record automatically, as stewards and IG leads are told: never its agency. */
export const SEALED_AGENCY_SYSTEM = "AGENCY_SYSTEM";

/** Most a record's history is read at once; a record relinked more often than this is itself a finding. */
export const MAX_HISTORY = 500;

/**
 * A record's link history, oldest first (HUB.md §8: who linked it to which child, how, on what evidence
 * and why, and every change since). For data stewards (DATA_QUALITY) and IG leads (INFORMATION_GOVERNANCE);
 * the read is audited with the caller's access context and the SUIs of every child the record has been
 * linked to or proposed for. A record that has been in the file of a child the caller's exclusions keep
 * them out of is answered as a record the hub does not hold (NOT_FOUND, the same statements).
 *
 * A data steward reads any record's history (their work is the hub's links, `identity/README.md`). An IG
 * lead reads what the trail lets them answer for (`audit/trailReach`, the one rule): their own agency's
 * records in full; another agency's record only when they reach a child it has been linked to and its
 * agency is not one the trail keeps to itself (it holds one of those children under a SEALED or BROKERED
 * record) — otherwise it is, to them, a record the hub does not hold — and of its history only the
 * entries about children they reach. The same statements either way.
 */
export async function readLinkHistory(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, recordId: string, now = new Date()): Promise<LinkHistoryEntry[]> {
  const { dataSource } = services;
  const steward = await admitSteward(services, { requestId, principal, operation: AuditOperation.LINK_HISTORY_READ, access, childSuis: [], details: { recordId }, alsoAllowed: [Role.IG_LEAD] }, now);
  const id = requireId(recordId, "recordId");
  const keptOut = await childrenKeptOut(dataSource, principal);
  // A record in, or ever linked to or proposed for, the file of a child the caller is kept out of is to them no record.
  const hubWide = principal.roles.includes(Role.DATA_STEWARD);
  const recordReach = trailReach(principal, { agency: "history_record.agency_code", childIds: "(SELECT array_agg(e.child_id) FROM record_link_event e WHERE e.record_id = history_record.id) || history_record.child_id" });
  const [recordSql, recordParameters] = dataSource.driver.escapeQueryWithParameters(
    `SELECT history_record.id, 'SEALED' = ANY(history_record.labels) AS sealed FROM agency_record history_record WHERE history_record.id = :id
       AND NOT COALESCE(history_record.child_id = ANY(CAST(:keptOut AS uuid[])), false)
       AND NOT EXISTS (SELECT 1 FROM record_link_event e WHERE e.record_id = history_record.id AND e.child_id = ANY(CAST(:keptOut AS uuid[])))
       AND NOT EXISTS (SELECT 1 FROM link_review v WHERE v.record_id = history_record.id AND v.candidate_child_id = ANY(CAST(:keptOut AS uuid[])))
       AND (CAST(:hubWide AS boolean) OR ${recordReach.condition})`,
    { ...recordReach.parameters, id, keptOut: keptOut.childIds, hubWide },
  );
  const [record] = await dataSource.query<{ id: string; sealed: boolean }[]>(recordSql, recordParameters);
  if (record === undefined) throw new HubError(ErrorCode.NOT_FOUND, "No such record.", { path: "recordId" });
  // Of another agency's record, an IG lead reads only the entries about children they reach (or about none).
  const entryReach = childReach(principal, { childIds: "ARRAY[e.child_id]" });
  const [historySql, historyParameters] = dataSource.driver.escapeQueryWithParameters(
    `SELECT e.id, e.child_id, c.sui, e.action, e.method, e.origin, e.evidence, e.decided_by, e.decided_at, e.reason, e.cause_id
     FROM record_link_event e JOIN agency_record rec ON rec.id = e.record_id LEFT JOIN child c ON c.id = e.child_id
     WHERE e.record_id = :id AND (CAST(:hubWide AS boolean) OR rec.agency_code = :readerAgency OR e.child_id IS NULL OR ${entryReach.condition})
     ORDER BY e.decided_at, e.id LIMIT CAST(:max AS integer)`,
    { ...entryReach.parameters, id, hubWide, max: MAX_HISTORY },
  );
  const rows = await dataSource.query<{ id: string; child_id: string | null; sui: string | null; action: LinkAction; method: LinkMethod; origin: LinkOrigin; evidence: LinkEvidence | null; decided_by: string; decided_at: Date; reason: string | null; cause_id: string | null }[]>(historySql, historyParameters);
  const childSuis = [...new Set(rows.map((row) => row.sui).filter((sui): sui is string => sui !== null))];
  await auditStewardRead(services, { ...steward, childSuis, details: { recordId: id, entries: rows.length } }, now);
  return rows.map((row) => ({
    id: row.id, childId: row.child_id, childSui: row.sui, action: row.action, method: row.method, origin: row.origin, evidence: row.evidence,
    // A sealed record's agency is not named to stewards or IG leads (as in link reviews): its automatic links say only that an agency system made them.
    decidedBy: record.sealed && row.origin === LinkOrigin.AUTO ? SEALED_AGENCY_SYSTEM : row.decided_by, decidedAt: row.decided_at, reason: row.reason, causeId: row.cause_id,
  }));
}
