import { SignJWT } from "jose";
import { type AuthConfig } from "../config/config";
import { DEVELOPMENT_ALGORITHM, type DevelopmentKeys } from "./developmentKeys";
import { type Role } from "./Role";

/** Whom a development token speaks for: the claims HUB.md §4 names. */
export interface DevelopmentTokenClaims {
  sub: string;
  name: string;
  agency: string;
  agencyType: string;
  roles: Role[];
  localAuthority: string;
  team?: string;
}

/**
 * A token signed with the development key, as an identity provider would issue one: `npm run token`
 * prints it and the console's development sign-in keeps it in the user's session. Only a hub whose
 * tokens are verified against its own development keys has the key to sign with.
 */
export async function mintDevelopmentToken(
  keys: DevelopmentKeys,
  auth: Extract<AuthConfig, { mode: "development" }>,
  claims: DevelopmentTokenClaims,
  ttl: string | number,
): Promise<string> {
  return new SignJWT({
    name: claims.name,
    agency: claims.agency,
    agency_type: claims.agencyType,
    roles: claims.roles,
    la: claims.localAuthority,
    ...(claims.team !== undefined ? { team: claims.team } : {}),
  })
    .setProtectedHeader({ alg: DEVELOPMENT_ALGORITHM, kid: keys.kid, typ: "JWT" })
    .setSubject(claims.sub)
    .setIssuer(auth.issuer)
    .setAudience(auth.audience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(keys.privateKey);
}
