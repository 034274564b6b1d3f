import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { Agency } from "./Agency";

/** Why the directory does not let a caller's agency act: it is deactivated, or it is not the type the token claims. */
export const AgencyStandingProblem = {
  AGENCY_NOT_ACTIVE: "AGENCY_NOT_ACTIVE",
  AGENCY_TYPE_MISMATCH: "AGENCY_TYPE_MISMATCH",
} as const;
export type AgencyStandingProblem = (typeof AgencyStandingProblem)[keyof typeof AgencyStandingProblem];

/**
 * A token says who the caller is; the directory says whether their agency still shares with the hub
 * and what it is. Checked for every request before any resolver runs (`http/createApp.ts`): an agency
 * the directory holds as inactive — closed, merged, its agreement ended — reads nothing and submits
 * nothing, its staff's unexpired tokens included; one it holds as another type than the token's
 * `agency_type` claim is refused, since the policies decide by agency type. An agency the directory does
 * not hold at all has submitted nothing (submission needs the directory), so no relationship rests on
 * it; its callers are left to what the policies give a stranger.
 *
 * Read for every request; `agencyStandings.ts` keeps the answer for a few seconds.
 */
export async function agencyStandingProblem(dataSource: DataSource, principal: Principal): Promise<AgencyStandingProblem | null> {
  const agency = await dataSource.getRepository(Agency).findOne({ where: { code: principal.agency }, select: { code: true, type: true, active: true } });
  return standingProblemOf(agency, principal);
}

/** What the directory holds of an agency that decides whether its callers may act. */
export type AgencyStanding = Pick<Agency, "type" | "active">;

/** The refusal an agency's standing gives this caller, or null: held by nobody, or active and of the type the token claims. */
export function standingProblemOf(agency: AgencyStanding | null, principal: Principal): AgencyStandingProblem | null {
  if (agency === null) return null;
  if (!agency.active) return AgencyStandingProblem.AGENCY_NOT_ACTIVE;
  return agency.type === principal.agencyType ? null : AgencyStandingProblem.AGENCY_TYPE_MISMATCH;
}

export const AGENCY_STANDING_TEXT: Record<AgencyStandingProblem, string> = {
  AGENCY_NOT_ACTIVE: "Your agency is no longer active in the hub's directory: nothing may be read or submitted on its behalf. Ask the hub's administrators.",
  AGENCY_TYPE_MISMATCH: "Your token states an agency type the hub's directory does not hold for your agency: ask your identity provider to correct it.",
};
