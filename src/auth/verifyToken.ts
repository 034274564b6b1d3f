import { errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { ErrorCode, HubError } from "../errors/HubError";
import { isAgencyType } from "../directory/AgencyType";
import { isRole, type Role } from "./Role";
import { isLocalAuthorityCode } from "./localAuthorityCode";
import { type Principal } from "./Principal";
import { type AsymmetricAlgorithm } from "../config/config";
import { refusedCharacter, refusedInIdentifier } from "../graphql/input/text";

export interface TokenVerifierOptions {
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  algorithms: AsymmetricAlgorithm[];
  clockToleranceSeconds: number;
  /** The longest a token may be valid for: its `exp` no further than this from now, nor from its `iat`. */
  maxTokenLifetimeSeconds: number;
}

export type TokenVerifier = (authorizationHeader: string | undefined) => Promise<Principal>;

/** Why a token was refused, for the log and the caller; never the token or its claims' values. */
export type TokenFailure =
  | "MISSING" | "MALFORMED" | "EXPIRED" | "NOT_YET_VALID" | "BAD_SIGNATURE" | "ALGORITHM_NOT_ALLOWED"
  | "WRONG_ISSUER" | "WRONG_AUDIENCE" | "UNKNOWN_KEY" | "INVALID_CLAIMS" | "LIFETIME_TOO_LONG";

const FAILURE_TEXT: Record<TokenFailure, string> = {
  MISSING: "Send a bearer token: Authorization: Bearer <JWT>.",
  MALFORMED: "The bearer token is not a well-formed signed JWT.",
  EXPIRED: "The token has expired: get a new one from your identity provider.",
  NOT_YET_VALID: "The token is not valid yet (nbf/iat in the future): check the issuer's clock.",
  BAD_SIGNATURE: "The token's signature does not verify.",
  ALGORITHM_NOT_ALLOWED: "The token's signing algorithm is not accepted: only asymmetric algorithms are.",
  WRONG_ISSUER: "The token was issued by an issuer this hub does not trust.",
  WRONG_AUDIENCE: "The token was not issued for this hub (aud).",
  UNKNOWN_KEY: "The token was signed with a key this hub does not know.",
  INVALID_CLAIMS: "The token lacks or misstates a required claim (sub, name, agency, agency_type, roles, la).",
  LIFETIME_TOO_LONG: "The token is valid for longer than this hub accepts (AUTH_MAX_TOKEN_LIFETIME_SECONDS): get a shorter-lived one.",
};

export function tokenError(failure: TokenFailure, detail?: string): HubError {
  return new HubError(ErrorCode.UNAUTHENTICATED, detail ? `${FAILURE_TEXT[failure]} ${detail}` : FAILURE_TEXT[failure], { reason: failure });
}

/**
 * Verifies `Authorization: Bearer <JWT>` with jose against the configured key set, pinning issuer,
 * audience, expiry (exp required), not-before and an asymmetric-only algorithm list — so neither
 * `alg: none` nor an HMAC token signed with a public key as its secret can pass — then bounds its
 * lifetime (`checkLifetime`) and checks the hub's own claims. Any failure is UNAUTHENTICATED.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  return async (authorizationHeader) => {
    const token = bearerToken(authorizationHeader);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, options.keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: options.algorithms,
        clockTolerance: options.clockToleranceSeconds,
        requiredClaims: ["exp", "sub"],
      }));
    } catch (error) {
      throw tokenError(classify(error));
    }
    checkLifetime(payload, options, Math.floor(Date.now() / 1000));
    return principalFromClaims(payload);
  };
}

/**
 * A token that stays valid for a century, once copied out of a log or a browser, is a key to the hub for
 * a century: jose checks only that `exp` has not passed. So `exp` may lie no further ahead than the
 * hub's maximum lifetime (beyond the clock tolerance), and a token that says when it was issued (`iat`)
 * may not say it was issued in the future, nor have been issued for longer than that. `iat` stays
 * optional, as RFC 7519 leaves it; `exp` is required (`jwtVerify`'s `requiredClaims`).
 */
export function checkLifetime(payload: JWTPayload, options: Pick<TokenVerifierOptions, "clockToleranceSeconds" | "maxTokenLifetimeSeconds">, now: number): void {
  const { clockToleranceSeconds: tolerance, maxTokenLifetimeSeconds: longest } = options;
  const expires = payload.exp as number;
  if (expires - now > longest + tolerance) throw tokenError("LIFETIME_TOO_LONG");
  if (payload.iat === undefined) return;
  if (payload.iat > now + tolerance) throw tokenError("NOT_YET_VALID");
  if (expires - payload.iat > longest + tolerance) throw tokenError("LIFETIME_TOO_LONG");
}

function bearerToken(header: string | undefined): string {
  if (header === undefined || header.trim() === "") throw tokenError("MISSING");
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/.exec(header.trim());
  if (!match?.[1]) throw tokenError("MALFORMED");
  return match[1];
}

function classify(error: unknown): TokenFailure {
  if (error instanceof joseErrors.JWTExpired) return "EXPIRED";
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === "iss") return "WRONG_ISSUER";
    if (error.claim === "aud") return "WRONG_AUDIENCE";
    // jose checks iat only for being a time (no maxTokenAge is set): a bad iat is a malformed claim.
    if (error.claim === "nbf") return "NOT_YET_VALID";
    return "INVALID_CLAIMS";
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return "ALGORITHM_NOT_ALLOWED";
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "BAD_SIGNATURE";
  if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWKSMultipleMatchingKeys) return "UNKNOWN_KEY";
  return "MALFORMED";
}

const MAX_CLAIM_LENGTH = 200;

/**
 * A claim the hub keeps as text — on the trail, in its exports, in logs — is held to the rule every text
 * argument is (`refusedCharacter`: no control, line-break or formatting character), so a token cannot
 * carry a terminal escape into an IG lead's export. Bounded in length.
 */
function shortString(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "" && value.length <= MAX_CLAIM_LENGTH && refusedCharacter(value, false) === undefined;
}

/**
 * A claim the hub compares with a fixed value — the subject with its own namespace, the agency with the
 * directory's codes, the team with the team an exclusion names: `shortString`, and no zero-width joiner
 * or mark either (`refusedInIdentifier`), so that nothing invisible sets apart two values that read
 * alike. Nothing is stripped: such a claim is refused whole.
 */
function identifier(value: unknown): value is string {
  return shortString(value) && refusedInIdentifier(value) === undefined;
}

/**
 * The subjects the hub writes on the trail for its own work (`hub:routing`, `hub:escalation`,
 * `hub:webhooks`): reserved, so no caller's entries can pass for the hub's own decisions. Compared
 * without regard to case or compatibility forms ("HUB:", a full-width "ｈｕｂ:"), on a subject that holds
 * nothing invisible (`identifier`).
 */
const HUB_SUBJECT = /^hub:/i;
const inHubNamespace = (sub: string) => HUB_SUBJECT.test(sub.normalize("NFKC"));

export function principalFromClaims(claims: JWTPayload): Principal {
  const { sub, name, agency, agency_type: agencyType, roles, la, team, jti } = claims as Record<string, unknown>;
  const problems: string[] = [];
  if (!identifier(sub) || inHubNamespace(sub)) problems.push("sub");
  if (!shortString(name)) problems.push("name");
  if (!identifier(agency)) problems.push("agency");
  if (!isAgencyType(agencyType)) problems.push("agency_type");
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) problems.push("roles");
  if (!isLocalAuthorityCode(la)) problems.push("la");
  if (team !== undefined && !identifier(team)) problems.push("team");
  if (problems.length > 0) throw tokenError("INVALID_CLAIMS", `Check: ${problems.join(", ")}.`);
  return {
    sub: sub as string,
    name: name as string,
    agency: agency as string,
    agencyType: agencyType as Principal["agencyType"],
    roles: [...new Set(roles as Role[])],
    localAuthority: la as string,
    team: typeof team === "string" ? team : null,
    tokenId: typeof jti === "string" ? jti : null,
  };
}
