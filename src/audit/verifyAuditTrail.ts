import { type Principal } from "../auth/Principal";
import { type AccessContext } from "../policy/AccessContext";
import { LawfulBasis } from "../policy/LawfulBasis";
import { Purpose } from "../policy/Purpose";
import { AuditAction } from "./auditAccess";
import { auditedIgRead } from "./auditedIgRead";
import { AuditOperation } from "./AuditOperation";
import { AuditOutcome } from "./AuditOutcome";
import { type GovernanceServices } from "./governanceAccess";
import { verifyAuditChain, type AuditVerification } from "./verifyAuditChain";

/**
 * Verification discloses no personal data (entry ids, chain positions, counts), so it takes no access
 * context from the caller (HUB.md §5: `verifyAuditChain` has none); its entry states this one.
 */
export const VERIFICATION_ACCESS: AccessContext = {
  purpose: Purpose.INFORMATION_GOVERNANCE,
  lawfulBasis: LawfulBasis.LEGAL_OBLIGATION,
  specialCategoryCondition: null,
  justification: "Information governance check that the disclosure audit is intact.",
  caseReference: null,
  breakGlass: false,
};

/**
 * Chains a verification inside the hub reads at once: each holds one of the process's pooled
 * connections for as long as its chain takes, and requests need the rest (`npm run audit:verify` has a
 * pool of its own and reads more at once).
 */
export const IN_HUB_CONCURRENCY = 2;

/**
 * `verifyAuditChain` for an IG lead (HUB.md §5; scenario 10). The result is recorded on the entry,
 * so the trail itself shows when it was last found intact, and by whom.
 */
export async function verifyAuditTrail(services: GovernanceServices, principal: Principal, requestId: string, now = new Date()): Promise<AuditVerification> {
  const { dataSource } = services;
  return auditedIgRead(
    services,
    principal,
    requestId,
    VERIFICATION_ACCESS,
    {
      action: AuditAction.VERIFY,
      operation: AuditOperation.AUDIT_VERIFICATION,
      childSuis: [],
      details: {},
      outcome: AuditOutcome.RECORDED,
    },
    async () => {
      const verification = await verifyAuditChain(dataSource, { concurrency: IN_HUB_CONCURRENCY });
      const { intact, entriesChecked, chainsChecked, firstBroken } = verification;
      return { result: verification, childSuis: [], details: { intact, entriesChecked, chainsChecked, firstBroken } };
    },
    now,
  );
}
