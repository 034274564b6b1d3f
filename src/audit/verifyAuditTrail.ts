import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { Purpose } from "../policy/Purpose";
import { AuditAction } from "./auditAccess";
import { auditedIgRead } from "./auditedIgRead";
import { AuditOperation } from "./AuditOperation";
import { AuditOutcome } from "./AuditOutcome";
import { verifyAuditChain, type AuditVerification } from "./verifyAuditChain";

/**
 * `verifyAuditChain` for an IG lead (HUB.md §5; scenario 10). The result is recorded on the entry,
 * so the trail itself shows when it was last found intact, and by whom.
 */
export async function verifyAuditTrail(dataSource: DataSource, principal: Principal, requestId: string, now = new Date()): Promise<AuditVerification> {
  return auditedIgRead(
    dataSource,
    principal,
    requestId,
    {
      action: AuditAction.VERIFY,
      operation: AuditOperation.AUDIT_VERIFICATION,
      purpose: Purpose.INFORMATION_GOVERNANCE,
      justification: "Information governance check that the disclosure audit is intact.",
      childSuis: [],
      details: {},
      outcome: AuditOutcome.RECORDED,
    },
    async () => {
      const verification = await verifyAuditChain(dataSource);
      const { intact, entriesChecked, chainsChecked, firstBroken } = verification;
      return { result: verification, childSuis: [], details: { intact, entriesChecked, chainsChecked, firstBroken } };
    },
    now,
  );
}
