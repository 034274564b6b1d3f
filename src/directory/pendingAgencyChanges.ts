import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { ErrorCode, HubError } from "../errors/HubError";
import { AgencyChangeProposal, AgencyChangeStatus } from "./AgencyChangeProposal";
import { DirectoryAction, entryForCaller, mayUseDirectory } from "./directoryAccess";

/** At most this many pending changes in one answer: a directory with more waiting has a backlog to clear first. */
export const MAX_PENDING_CHANGES = 500;

/**
 * The directory changes waiting for a second administrator, oldest first: for directory administrators
 * (who approve them) and IG leads (who answer for where information goes), as the history is. Another
 * agency's proposed webhook endpoint only for administrators (`mayReadWebhookEndpoint`).
 */
export async function pendingAgencyChanges(dataSource: DataSource, principal: Principal): Promise<AgencyChangeProposal[]> {
  if (!mayUseDirectory(principal, DirectoryAction.READ_HISTORY)) {
    throw new HubError(ErrorCode.FORBIDDEN, "Only directory administrators and IG leads may read the directory's pending changes.");
  }
  const pending = await dataSource.getRepository(AgencyChangeProposal).find({ where: { status: AgencyChangeStatus.PENDING }, order: { proposedAt: "ASC", id: "ASC" }, take: MAX_PENDING_CHANGES });
  return pending.map((proposal) => Object.assign(proposal, { entry: entryForCaller(principal, proposal.entry) }));
}
