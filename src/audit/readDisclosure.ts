import { type Principal } from "../auth/Principal";
import { type AccessContext } from "../policy/AccessContext";
import { AuditAction } from "./auditAccess";
import { auditedIgRead } from "./auditedIgRead";
import { type AuditEntry } from "./AuditEntry";
import { AuditOperation } from "./AuditOperation";
import { AuditOutcome } from "./AuditOutcome";
import { type GovernanceServices } from "./governanceAccess";
import { validateDisclosureFilter } from "./DisclosureFilter";
import { disclosureQuery } from "./disclosureQuery";
import { childrenKeptOut } from "../exclusions/childrenKeptOut";
import { trailAsRead } from "./trailAsRead";
import { ErrorCode, HubError } from "../errors/HubError";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `disclosure(id, access)` (IG only): one audit entry, as `disclosures` shows it — the same reach, the
 * same exclusions, the same projection of another agency's row (`trailAsRead`) — so an IG lead who
 * opens one entry reads that one, and the trail names only its children. Null for an id the hub does
 * not hold and for an entry the IG lead may not see, alike. Audited as an audit query naming the entry.
 */
export async function readDisclosure(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, id: string, now = new Date()): Promise<AuditEntry | null> {
  if (!UUID.test(id)) throw new HubError(ErrorCode.INVALID_INPUT, "Not a valid id.", { path: "id" });
  const { dataSource } = services;
  return auditedIgRead(
    services,
    principal,
    requestId,
    access,
    { action: AuditAction.QUERY, operation: AuditOperation.AUDIT_QUERY, childSuis: [], details: { entryId: id.toLowerCase() }, outcome: AuditOutcome.DISCLOSED },
    async () => {
      const matching = disclosureQuery(dataSource, validateDisclosureFilter(null), principal, await childrenKeptOut(dataSource, principal));
      const rows = await matching.andWhere("entry.id = CAST(:entryId AS uuid)", { entryId: id.toLowerCase() }).getMany();
      const [entry] = await trailAsRead(dataSource, principal, rows);
      return { result: entry ?? null, childSuis: entry?.childSuis ?? [], details: { returned: entry === undefined ? 0 : 1 } };
    },
    now,
  );
}
