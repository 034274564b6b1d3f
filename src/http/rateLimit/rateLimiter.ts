import { createHash } from "node:crypto";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { type DataSource } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { type RateLimitConfig } from "./RateLimitConfig";

const WINDOW_SECONDS = 60;

/** Which limit refused: the caller's, the agency's, or the caller's searches (`search/`). */
export type RateLimitKind = "principal" | "agency" | "search";

/** What a limit said: go ahead, or wait this many seconds. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; limit: RateLimitKind };

export interface RequestRateLimiter {
  consume(principal: Principal): Promise<RateDecision>;
}

interface PgPool {
  query(text: string, values: unknown[]): Promise<unknown>;
}

/**
 * Counts each request against its principal (sub within agency) and its agency, in a table every hub
 * process shares (rate-limiter-flexible's PostgreSQL store, `rate_limit`, created by migration 20), so
 * several processes enforce one limit. A key over its limit is then refused from memory until its
 * window ends (`inMemoryBlockOnConsumed`): a system flooding the hub costs the database nothing more,
 * so other agencies keep their latency.
 */
export function createRateLimiter(dataSource: DataSource, config: RateLimitConfig): RequestRateLimiter {
  const limiter = (keyPrefix: string, points: number) => sharedLimiter(dataSource, keyPrefix, points);
  const principals = new Map<number, RateLimiterPostgres>();
  const principalLimiter = (points: number) => {
    let found = principals.get(points);
    if (found === undefined) {
      found = limiter(`principal-${points}`, points);
      principals.set(points, found);
    }
    return found;
  };
  const agencies = limiter("agency", config.perAgency);

  return {
    async consume(principal) {
      const points = Math.max(...principal.roles.map((role) => config.perPrincipal[role] ?? config.perPrincipal.default));
      const refused = await Promise.all([
        spend(principalLimiter(points), principalKey(principal), "principal"),
        spend(agencies, keyOf(principal.agency), "agency"),
      ]);
      return refused.find((decision) => !decision.allowed) ?? { allowed: true };
    },
  };
}

/**
 * A limit of `points` a minute per key, counted in the `rate_limit` table every hub process shares
 * and refused from memory once a key is over it. Queries go unnamed through the pool (named prepared
 * statements would collide on the embedded database's one shared session).
 */
export function sharedLimiter(dataSource: DataSource, keyPrefix: string, points: number): RateLimiterPostgres {
  const master = (dataSource.driver as unknown as { master: PgPool }).master;
  const storeClient = { query: (query: { text: string; values: unknown[] }) => master.query(query.text, query.values) };
  return new RateLimiterPostgres({
    storeClient, storeType: "pool", tableName: "rate_limit", tableCreated: true, clearExpiredByTimeout: true,
    keyPrefix, points, duration: WINDOW_SECONDS, inMemoryBlockOnConsumed: points + 1,
    // The database unreachable: each process counts on its own until it is back, rather than refuse everyone.
    insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration: WINDOW_SECONDS }),
  });
}

/** One person at one agency. */
export function principalKey(principal: Principal): string {
  return keyOf(`${principal.agency}/${principal.sub}`);
}

/** A fixed-length key: a token's subject may be long, and a user id need not sit in a table in clear. */
function keyOf(identity: string): string {
  return createHash("sha256").update(identity).digest("base64url");
}

export async function spend(limiter: RateLimiterPostgres, key: string, limit: RateLimitKind): Promise<RateDecision> {
  try {
    await limiter.consume(key);
    return { allowed: true };
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)), limit };
  }
}
