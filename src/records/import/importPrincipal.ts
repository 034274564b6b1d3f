import { type DataSource } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { Role } from "../../auth/Role";
import { Agency } from "../../directory/Agency";
import { ErrorCode, HubError } from "../../errors/HubError";

/**
 * An import submits as the agency's own system would (AGENCY_SYSTEM of that agency), so its records
 * meet the same submission policy as the API's; the directory, not the operator, says what type of
 * agency it is. The sub names the import, so a record's link decision shows how it arrived.
 */
export async function importPrincipal(dataSource: DataSource, agencyCode: string): Promise<Principal> {
  const agency = await dataSource.getRepository(Agency).findOneBy({ code: agencyCode, active: true });
  if (agency === null) {
    throw new HubError(ErrorCode.UNKNOWN_AGENCY, `Agency ${agencyCode} is not in the hub's directory, or is no longer active: ask the hub's administrators to add it.`, { path: "agency" });
  }
  return {
    sub: `import:${agency.code}`,
    name: "Bulk record import",
    agency: agency.code,
    agencyType: agency.type,
    roles: [Role.AGENCY_SYSTEM],
    // Submission does not depend on it; an agency without one in the directory (a national body) has none.
    localAuthority: agency.localAuthority ?? "",
    team: null,
    tokenId: null,
  };
}
