import { GraphQLError } from "graphql";
import { type DataSource } from "typeorm";
import { type JSONWebKeySet } from "jose";
import { ErrorCode, HubError, isHubError } from "../errors/HubError";
import { rateLimited } from "../metrics/hubMetrics";
import { type RateLimitKind, type RequestRateLimiter } from "./rateLimit/rateLimiter";
import { DEFAULT_SEARCH_SETTINGS } from "../search/SearchSettings";
import { type TokenVerifier } from "../auth/verifyToken";
import { type Logger } from "../logging/logger";
import { type HubContext } from "../graphql/context";
import { type PolicySet } from "../policy/PolicySet";
import { type WebhookEndpointRules } from "../directory/webhookEndpoint";
import { AGENCY_STANDING_TEXT, type AgencyStandingProblem } from "../directory/agencyStanding";
import { agencyStandingsFor, type AgencyStandings } from "../directory/agencyStandings";
import { rolesNotHeld } from "../policy/rolesHeld";
import { isDatabaseUnavailable } from "../db/databaseUnavailable";
import { SERVICE_UNAVAILABLE_MESSAGE } from "../graphql/formatError";
import { RETRY_AFTER_SECONDS } from "../graphql/plugins/serviceUnavailableStatus";

export interface HubContextDependencies {
  verifyToken: TokenVerifier;
  dataSource: DataSource;
  policy: PolicySet;
  webhookEndpoints: WebhookEndpointRules;
  publishedKeys: JSONWebKeySet;
  logger: Logger;
  search?: HubContext["search"];
  rateLimiter?: RequestRateLimiter;
  agencyStandings?: AgencyStandings;
}

/** Builds one GraphQL request's context from its `Authorization` header, or refuses it (HTTP 401, 403, 429 or 503) before any resolver runs. */
export type HubContextBuilder = (authorization: string | undefined, requestId: string) => Promise<HubContext>;

/**
 * The one gate every GraphQL request passes — an agency system's over `/graphql` and the console's on
 * its user's behalf alike: the token verified, the caller's rate limits counted, the directory asked
 * whether the agency may act, and every role the token carries one its agency's type can hold
 * (policies/roles.yaml): the policies decide by role, so a school's token naming MASH_PRACTITIONER
 * would otherwise open a referral and read the child as the MASH does.
 */
export function createHubContext(deps: HubContextDependencies): HubContextBuilder {
  const standings = deps.agencyStandings ?? agencyStandingsFor(deps.dataSource);
  return async (authorization, id) => {
    const logger = deps.logger.child({ requestId: id });
    try {
      const principal = await deps.verifyToken(authorization);
      const rate = await deps.rateLimiter?.consume(principal);
      if (rate !== undefined && !rate.allowed) throw tooManyRequests(rate);
      const standing = await agencyStanding(standings, principal);
      if (standing !== null) {
        logger.warn("agency refused", { event: "auth.agency_refused", code: ErrorCode.FORBIDDEN, outcome: standing });
        throw agencyRefused(standing);
      }
      if (rolesNotHeld(deps.policy, principal).length > 0) {
        logger.warn("role refused", { event: "auth.agency_refused", code: ErrorCode.FORBIDDEN, outcome: ROLE_NOT_HELD_BY_AGENCY });
        throw roleRefused();
      }
      return { requestId: id, principal, logger, dataSource: deps.dataSource, policy: deps.policy, webhookEndpoints: deps.webhookEndpoints, publishedKeys: deps.publishedKeys, search: deps.search ?? { settings: DEFAULT_SEARCH_SETTINGS, rateLimiter: null } };
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      if (!isHubError(error)) throw error;
      logger.warn("token refused", { event: "auth.refused", code: error.code, outcome: String(error.details.reason) });
      throw new GraphQLError(error.message, {
        originalError: error,
        extensions: { code: error.code, http: { status: 401, headers: new Map([["www-authenticate", 'Bearer realm="safeguarding-hub"']]) } },
      });
    }
  };
}

/** The directory's word on the caller's agency, or SERVICE_UNAVAILABLE (503) when the database cannot give it: nothing runs without it. */
async function agencyStanding(standings: AgencyStandings, principal: Parameters<AgencyStandings["problemFor"]>[0]): Promise<AgencyStandingProblem | null> {
  try {
    return await standings.problemFor(principal);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    throw new GraphQLError(SERVICE_UNAVAILABLE_MESSAGE, {
      originalError: new HubError(ErrorCode.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE_MESSAGE),
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, http: { status: 503, headers: new Map([["retry-after", String(RETRY_AFTER_SECONDS)]]) } },
    });
  }
}

/** The directory does not let the caller's agency act: HTTP 403, before any resolver, query of a child or audit write. */
function agencyRefused(problem: AgencyStandingProblem): GraphQLError {
  const refusal = new HubError(ErrorCode.FORBIDDEN, AGENCY_STANDING_TEXT[problem], { problem, path: "agency" });
  return new GraphQLError(refusal.message, { originalError: refusal, extensions: { code: refusal.code, problem, http: { status: 403 } } });
}

/** A token carrying a role its agency's type cannot hold (policies/roles.yaml). */
export const ROLE_NOT_HELD_BY_AGENCY = "ROLE_NOT_HELD_BY_AGENCY";

/** The whole token is refused (default deny), not just the role: HTTP 403, before any resolver, query of a child or audit write. */
function roleRefused(): GraphQLError {
  const refusal = new HubError(ErrorCode.FORBIDDEN, "Your token carries a role your agency's type cannot hold (a MASH or social care role outside children's social care, a police role outside a police force, …): ask your identity provider to correct it.", { problem: ROLE_NOT_HELD_BY_AGENCY, path: "roles" });
  return new GraphQLError(refusal.message, { originalError: refusal, extensions: { code: refusal.code, problem: ROLE_NOT_HELD_BY_AGENCY, http: { status: 403 } } });
}

/** Over a limit: HTTP 429 with Retry-After, before any resolver, query or audit write. */
function tooManyRequests(rate: { retryAfterSeconds: number; limit: RateLimitKind }): GraphQLError {
  rateLimited.inc({ limit: rate.limit });
  const refusal = new HubError(ErrorCode.RATE_LIMITED, `Too many requests from ${rate.limit === "agency" ? "your agency" : "you"}: try again in ${rate.retryAfterSeconds} s.`, { limit: rate.limit, retryAfterSeconds: rate.retryAfterSeconds });
  return new GraphQLError(refusal.message, {
    originalError: refusal,
    extensions: { code: refusal.code, http: { status: 429, headers: new Map([["retry-after", String(rate.retryAfterSeconds)]]) } },
  });
}

