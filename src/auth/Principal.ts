import { type AgencyType } from "../directory/AgencyType";
import { type Role } from "./Role";

/** The verified caller, from a token's claims. `name` is a person's name: never log it. */
export interface Principal {
  sub: string;
  name: string;
  agency: string;
  agencyType: AgencyType;
  roles: Role[];
  /** ONS code of the local authority the caller works for. */
  localAuthority: string;
  team: string | null;
  /** The token's `jti`, when the issuer sets one. */
  tokenId: string | null;
}

/** What may be logged about a principal. */
export function principalLogFields(principal: Principal): { sub: string; agency: string; agencyType: string; roles: Role[] } {
  return { sub: principal.sub, agency: principal.agency, agencyType: principal.agencyType, roles: principal.roles };
}
