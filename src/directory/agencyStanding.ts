import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { Role } from "../auth/Role";
import { Agency } from "./Agency";
import { AgencyType } from "./AgencyType";

/** Why the directory does not let a caller's agency act: it holds no such agency, holds it as deactivated, as another type than the token claims, or serving no area the token's `la` names. */
export const AgencyStandingProblem = {
  AGENCY_NOT_IN_DIRECTORY: "AGENCY_NOT_IN_DIRECTORY",
  AGENCY_NOT_ACTIVE: "AGENCY_NOT_ACTIVE",
  AGENCY_TYPE_MISMATCH: "AGENCY_TYPE_MISMATCH",
  AGENCY_AREA_MISMATCH: "AGENCY_AREA_MISMATCH",
} as const;
export type AgencyStandingProblem = (typeof AgencyStandingProblem)[keyof typeof AgencyStandingProblem];

/**
 * A token says who the caller is; the directory says whether their agency still shares with the hub
 * and what it is. Checked for every request before any resolver runs (`http/createApp.ts`): an agency
 * the directory holds as inactive — closed, merged, its agreement ended — reads nothing and submits
 * nothing, its staff's unexpired tokens included; one it holds as another type than the token's
 * `agency_type` claim is refused, since the policies decide by agency type. An agency the directory does
 * not hold at all has no agreement with the hub and is refused alike: the policies would otherwise take
 * its token's claims on trust (a children's services token of an unregistered council, naming an
 * area, was taken for that area's council and read its children). Staff act for an area their agency
 * serves: the relationships that rest on an area (the responsible authority, a MASH referral, a
 * partner's area in the disclosure rules) read the token's `la`, so a token naming an area the
 * directory does not hold the agency as serving is refused too — a council's staff for the council's
 * own area, a police force's, a health trust's or a school's for one of the areas it serves. The
 * agency's own system is not held to it: it reads no child, and nothing it does reads its `la`.
 *
 * Read for every request; `agencyStandings.ts` keeps the answer for a few seconds.
 */
export async function agencyStandingProblem(dataSource: DataSource, principal: Principal): Promise<AgencyStandingProblem | null> {
  const agency = await dataSource.getRepository(Agency).findOne({ where: { code: principal.agency }, select: { code: true, type: true, active: true, localAuthority: true, servedLocalAuthorities: true } });
  return standingProblemOf(agency, principal);
}

/** What the directory holds of an agency that decides whether its callers may act. */
export type AgencyStanding = Pick<Agency, "type" | "active" | "localAuthority" | "servedLocalAuthorities">;

/** The refusal an agency's standing gives this caller, or null: active, of the type the token claims and acting for an area it serves. */
export function standingProblemOf(agency: AgencyStanding | null, principal: Principal): AgencyStandingProblem | null {
  if (agency === null) return AgencyStandingProblem.AGENCY_NOT_IN_DIRECTORY;
  if (!agency.active) return AgencyStandingProblem.AGENCY_NOT_ACTIVE;
  if (agency.type !== principal.agencyType) return AgencyStandingProblem.AGENCY_TYPE_MISMATCH;
  return actsForAnotherArea(agency, principal) ? AgencyStandingProblem.AGENCY_AREA_MISMATCH : null;
}

/**
 * Staff (any role but the agency's system's) whose token names an area the agency does not serve: a
 * council's other than its own, any other agency's outside the areas the directory holds it as serving.
 * An agency the directory names no area for serves none its staff may name: every agency type acts for
 * the children of some area (a police force's, a prison's resettlement area), none is national by
 * nature, and the directory refuses an entry serving none (`NO_AREA_SERVED`), so such a row (one held
 * from before the directory named areas) waits for its areas rather than taking any token's on trust.
 */
function actsForAnotherArea(agency: Pick<Agency, "type" | "localAuthority" | "servedLocalAuthorities">, principal: Principal): boolean {
  if (!principal.roles.some((role) => role !== Role.AGENCY_SYSTEM)) return false;
  if (agency.type === AgencyType.CHILDRENS_SOCIAL_CARE && agency.localAuthority !== null) return principal.localAuthority !== agency.localAuthority;
  const served = agency.servedLocalAuthorities ?? [];
  return !served.includes(principal.localAuthority);
}

export const AGENCY_STANDING_TEXT: Record<AgencyStandingProblem, string> = {
  AGENCY_NOT_IN_DIRECTORY: "Your agency is not in the hub's directory: nothing may be read or submitted on its behalf. Ask the hub's administrators to add it.",
  AGENCY_NOT_ACTIVE: "Your agency is no longer active in the hub's directory: nothing may be read or submitted on its behalf. Ask the hub's administrators.",
  AGENCY_AREA_MISMATCH: "Your token names a local authority the hub's directory does not hold your agency as serving: ask your identity provider to correct it (or the hub's administrators, if your agency now serves it).",
  AGENCY_TYPE_MISMATCH: "Your token states an agency type the hub's directory does not hold for your agency: ask your identity provider to correct it.",
};
