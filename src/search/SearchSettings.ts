/** How searching is bounded (README configuration: SEARCH_*). */
export interface SearchSettings {
  /** The key of the HMAC that stands for each searched value on the audit trail. */
  auditKey: string;
  /** More candidates than this at or above the linker's review threshold is a wide search: refused, with advice; also the most ever shown. */
  maxCandidates: number;
  /** More children than this sharing a blocking key with the search (children the searcher is kept out of not counted) and it is too wide whatever the scores. */
  maxBlocked: number;
  /** Searches per minute per practitioner, on top of the request limits. */
  perMinute: number;
}

/** Outside production, when SEARCH_AUDIT_KEY is not set: never used in production (config refuses to start without one). */
export const DEVELOPMENT_SEARCH_AUDIT_KEY = "development-search-audit-key-not-secret";

export const DEFAULT_SEARCH_SETTINGS: SearchSettings = { auditKey: DEVELOPMENT_SEARCH_AUDIT_KEY, maxCandidates: 20, maxBlocked: 2000, perMinute: 30 };
