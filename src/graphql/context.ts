import { type JSONWebKeySet } from "jose";
import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { type Logger } from "../logging/logger";
import { type PolicySet } from "../policy/PolicySet";
import { type WebhookEndpointRules } from "../directory/webhookEndpoint";
import { type SearchSettings } from "../search/SearchSettings";
import { type SearchRateLimiter } from "../search/searchRateLimiter";

/** What every resolver gets: the verified caller and the request's own logger. Built before any resolver runs. */
export interface HubContext {
  requestId: string;
  principal: Principal;
  logger: Logger;
  dataSource: DataSource;
  /** The disclosure policies loaded and validated at start-up; their version is stamped on every audit entry. */
  policy: PolicySet;
  /** How strictly a directory change's webhook endpoint is checked: from NODE_ENV, never read by a resolver. */
  webhookEndpoints: WebhookEndpointRules;
  /** The hub's own public signing keys (`/.well-known/jwks.json`): what its stored audit checkpoints are checked against. */
  publishedKeys: JSONWebKeySet;
  /** How searching for a child is bounded (config SEARCH_*) and each practitioner's searches counted. */
  search: { settings: SearchSettings; rateLimiter: SearchRateLimiter | null };
}
