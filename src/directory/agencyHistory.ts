import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { ErrorCode, HubError } from "../errors/HubError";
import { AgencyVersion } from "./AgencyVersion";
import { DirectoryAction, entryForCaller, mayUseDirectory } from "./directoryAccess";

/**
 * Every version of one agency's entry, newest first: what it said, from when, who changed it and how.
 * For directory administrators and IG leads (`directoryAccess.ts`). The directory holds organisations
 * only; the changers are named by their token subject, never by name. Another agency's webhook
 * endpoint is shown only to directory administrators (`mayReadWebhookEndpoint`).
 */
export async function agencyHistory(dataSource: DataSource, principal: Principal, code: string): Promise<AgencyVersion[]> {
  if (!mayUseDirectory(principal, DirectoryAction.READ_HISTORY)) {
    throw new HubError(ErrorCode.FORBIDDEN, "Only directory administrators and IG leads may read the directory's history.");
  }
  const versions = await dataSource.getRepository(AgencyVersion).find({ where: { agencyCode: code }, order: { version: "DESC" } });
  if (versions.length === 0) throw new HubError(ErrorCode.NOT_FOUND, "The directory holds no versions of an agency with this code.", { path: "code" });
  // An IG lead reads where another agency's information went, not where to send it: no other agency's endpoint.
  return versions.map((version) => Object.assign(version, { entry: entryForCaller(principal, version.entry) }));
}
