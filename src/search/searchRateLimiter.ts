import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { principalKey, sharedLimiter, spend, type RateDecision } from "../http/rateLimit/rateLimiter";

export interface SearchRateLimiter {
  consume(principal: Principal): Promise<RateDecision>;
}

/**
 * Searches per minute per practitioner, on top of the request limits (`http/rateLimit/`): a search
 * reaches every child in the registry, so a practitioner scripting searches to browse meets this limit
 * long before the request limit. Counted in the table every hub process shares.
 */
export function createSearchRateLimiter(dataSource: DataSource, perMinute: number): SearchRateLimiter {
  const limiter = sharedLimiter(dataSource, "search", perMinute);
  return { consume: (principal) => spend(limiter, principalKey(principal), "search") };
}
