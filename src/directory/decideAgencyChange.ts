import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { recordAuditEntry, type AuditEntryInput } from "../audit/recordAuditEntry";
import { ErrorCode, HubError } from "../errors/HubError";
import { AgencyChangeProposal, AgencyChangeStatus } from "./AgencyChangeProposal";
import { forgetAgencyStandings } from "./agencyStandings";
import { DIRECTORY_ACCESS_RULE, DirectoryAction, FOUR_EYES_RULE, mayUseDirectory } from "./directoryAccess";
import { type AgencyChangeReceipt } from "./upsertAgency";
import { validateDirectoryEntry } from "./validateDirectoryEntry";
import { type WebhookEndpointRules } from "./webhookEndpoint";
import { writeDirectoryEntry } from "./writeDirectoryEntry";

const AgencyChangeDecision = { APPROVE: "APPROVE", REJECT: "REJECT" } as const;
type AgencyChangeDecision = (typeof AgencyChangeDecision)[keyof typeof AgencyChangeDecision];

/** A rejection's reason: said, and short enough for the record. */
export const MAX_REJECTION_REASON = 2000;

/**
 * A second directory administrator approves or rejects a pending change to an agency's routing fields
 * (`proposeDirectoryEntry.ts`). Audited before it takes effect (`DIRECTORY_CHANGE_DECIDED`, naming the
 * proposal, the agency and the decision); a refusal is audited too. The proposer may reject (withdraw)
 * their own proposal, never approve it (`FORBIDDEN`, rule `directory-access:four-eyes`): one person
 * alone must not be able to aim children's information at a receiver of their choosing. An approval
 * writes the proposed entry as the agency's next version, naming the proposer as its changer and the
 * approver beside them, only while the version it was proposed against is still current (otherwise
 * `CONFLICT`: reject it and propose again against the entry as it now is). The entry is checked again
 * against the rules of the hub approving it.
 */
export async function approveAgencyChange(dataSource: DataSource, principal: Principal, requestId: string, proposalId: string, rules: WebhookEndpointRules, now = new Date()): Promise<AgencyChangeReceipt> {
  const { receipt } = await decideAgencyChange(dataSource, principal, requestId, proposalId, AgencyChangeDecision.APPROVE, null, rules, now);
  if (receipt === null) throw new RangeError("An approval wrote no version");
  return receipt;
}

export async function rejectAgencyChange(dataSource: DataSource, principal: Principal, requestId: string, proposalId: string, reason: string, now = new Date()): Promise<AgencyChangeProposal> {
  const { proposal } = await decideAgencyChange(dataSource, principal, requestId, proposalId, AgencyChangeDecision.REJECT, reason, { production: true }, now);
  return proposal;
}

async function decideAgencyChange(
  dataSource: DataSource,
  principal: Principal,
  requestId: string,
  proposalId: string,
  decision: AgencyChangeDecision,
  reason: string | null,
  rules: WebhookEndpointRules,
  now = new Date(),
): Promise<{ proposal: AgencyChangeProposal; receipt: AgencyChangeReceipt | null }> {
  const audit = (entry: Pick<AuditEntryInput, "outcome" | "refusal" | "details">) =>
    recordAuditEntry(dataSource, {
      requestId, principal, operation: AuditOperation.DIRECTORY_CHANGE_DECIDED, access: null, childSuis: [], fieldsDisclosed: [], fieldsWithheld: [],
      policyVersion: null, breakGlass: false, prejudicesInvestigation: false, ...entry,
    }, now);
  if (!mayUseDirectory(principal, DirectoryAction.CHANGE)) {
    await audit({ outcome: AuditOutcome.REFUSED, refusal: { code: ErrorCode.FORBIDDEN, problem: null, rule: DIRECTORY_ACCESS_RULE }, details: { proposalId, decision } });
    throw new HubError(ErrorCode.FORBIDDEN, "Only directory administrators may approve or reject changes to the agency directory.", { rule: DIRECTORY_ACCESS_RULE });
  }
  const trimmed = reason?.trim() ?? "";
  if (decision === AgencyChangeDecision.REJECT && (trimmed.length === 0 || trimmed.length > MAX_REJECTION_REASON)) {
    throw new HubError(ErrorCode.INVALID_INPUT, `Say why the change is rejected, in at most ${MAX_REJECTION_REASON} characters.`, { path: "reason" });
  }
  const found = await dataSource.getRepository(AgencyChangeProposal).findOneBy({ id: proposalId });
  if (found === null) throw new HubError(ErrorCode.NOT_FOUND, "No proposed directory change has this id.", { path: "id" });
  if (found.status !== AgencyChangeStatus.PENDING) throw decided(found);
  if (decision === AgencyChangeDecision.APPROVE && found.proposedBy === principal.sub) {
    await audit({ outcome: AuditOutcome.REFUSED, refusal: { code: ErrorCode.FORBIDDEN, problem: null, rule: FOUR_EYES_RULE }, details: { proposalId, agencyCode: found.agencyCode, decision } });
    throw new HubError(ErrorCode.FORBIDDEN, "A change you proposed needs another directory administrator's approval.", { rule: FOUR_EYES_RULE });
  }
  if (decision === AgencyChangeDecision.APPROVE) {
    const check = validateDirectoryEntry(found.entry, rules);
    if ("fault" in check) throw new HubError(ErrorCode.INVALID_INPUT, `${check.fault.message} Reject the change and propose it again.`, { path: `agency.${check.fault.field}`, problem: check.fault.problem });
  }
  // On the trail before the directory routes anything by it.
  const entry = await audit({
    outcome: AuditOutcome.RECORDED,
    details: { proposalId, agencyCode: found.agencyCode, decision, proposedBy: found.proposedBy, baseVersion: found.baseVersion, changedFields: found.changedFields },
  });
  const result = await dataSource.transaction(async (manager) => {
    const proposal = await manager.getRepository(AgencyChangeProposal).createQueryBuilder("proposal").setLock("pessimistic_write").where("proposal.id = :id", { id: proposalId }).getOneOrFail();
    if (proposal.status !== AgencyChangeStatus.PENDING) throw decided(proposal);
    const decidedBy = { decidedBy: principal.sub, decidedByAgency: principal.agency, decidedAt: now, decisionAuditEntryId: entry.id };
    if (decision === AgencyChangeDecision.REJECT) {
      await manager.getRepository(AgencyChangeProposal).update({ id: proposal.id }, { ...decidedBy, status: AgencyChangeStatus.REJECTED, decisionReason: trimmed });
      return { proposal: { ...proposal, ...decidedBy, status: AgencyChangeStatus.REJECTED, decisionReason: trimmed }, receipt: null };
    }
    const written = await writeDirectoryEntry(manager, proposal.entry, {
      changedBy: proposal.proposedBy, changedByAgency: proposal.proposedByAgency, source: proposal.source, auditEntryId: proposal.proposalAuditEntryId, at: now,
      expectedVersion: proposal.baseVersion, approval: { approvedBy: principal.sub, approvedByAgency: principal.agency, proposalId: proposal.id },
    });
    await manager.getRepository(AgencyChangeProposal).update({ id: proposal.id }, { ...decidedBy, status: AgencyChangeStatus.APPROVED, version: written.version });
    const approved = { ...proposal, ...decidedBy, status: AgencyChangeStatus.APPROVED, version: written.version };
    return { proposal: approved, receipt: { entry: proposal.entry, outcome: written.outcome, version: written.version, changedFields: written.changedFields, auditEntryId: entry.id, proposal: approved } };
  });
  // Committed: every request from now on reads the agency's standing as it now is (`agencyStandings.ts`).
  if (result.receipt !== null) forgetAgencyStandings(dataSource, [found.agencyCode]);
  return result;
}

function decided(proposal: AgencyChangeProposal): HubError {
  return new HubError(ErrorCode.CONFLICT, `This change was already ${proposal.status === AgencyChangeStatus.APPROVED ? "approved" : "rejected"}.`, { path: "id" });
}
