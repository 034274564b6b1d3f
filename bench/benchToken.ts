import { SignJWT } from "jose";
import { DEVELOPMENT_ALGORITHM, loadOrCreateDevelopmentKeys } from "../src/auth/developmentKeys";

/** A bench caller's claims, as an identity provider would issue them. */
export interface BenchCaller {
  sub: string;
  name: string;
  agency: string;
  agency_type: string;
  roles: string[];
  la: string;
}

/** A MASH practitioner at the demo authority: the disclosure benchmarks' caller. */
export const MASH_CALLER: BenchCaller = { sub: "bench-mash", name: "Bench MASH practitioner", agency: "LA-E06000060", agency_type: "CHILDRENS_SOCIAL_CARE", roles: ["MASH_PRACTITIONER"], la: "E06000060" };

/** A token for `caller` signed with the development keys in `keyDir`, valid for two hours. */
export async function benchToken(keyDir: string, issuer: string, audience: string, caller: BenchCaller): Promise<string> {
  const keys = await loadOrCreateDevelopmentKeys(keyDir);
  const { sub, ...claims } = caller;
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: DEVELOPMENT_ALGORITHM, kid: keys.kid })
    .setSubject(sub).setIssuer(issuer).setAudience(audience).setIssuedAt().setExpirationTime("2h")
    .sign(keys.privateKey);
}
