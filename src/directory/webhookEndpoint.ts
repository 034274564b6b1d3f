import { DirectoryProblem } from "./DirectoryProblem";
import { isNonPublicAddress } from "./nonPublicAddress";

/** How strict the directory is about endpoints: production refuses what a developer's receiver needs. */
export interface WebhookEndpointRules {
  /** `NODE_ENV=production`: HTTPS only, and no loopback, private or link-local literal addresses. */
  production: boolean;
}

export const MAX_WEBHOOK_URL_LENGTH = 2048;

/**
 * Checks a webhook endpoint when it is registered. A notification carries a child's information, so
 * in production it travels only over TLS, and never to an address inside the hub's own network (an
 * endpoint is the directory's to set, and a hostile or mistaken one must not turn the hub into a
 * proxy to its metadata service or database). Host names are judged here only when they are
 * `localhost` or literal addresses; the delivery side resolves the name and checks every address
 * (`isNonPublicAddress`) at send time. Credentials in the URL are refused everywhere: the directory is
 * versioned and readable by IG leads, so it must not hold secrets. Returns the problem, or null.
 */
export function webhookUrlProblem(value: string, rules: WebhookEndpointRules): DirectoryProblem | null {
  if (value.length > MAX_WEBHOOK_URL_LENGTH) return DirectoryProblem.INVALID_WEBHOOK_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return DirectoryProblem.INVALID_WEBHOOK_URL;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return DirectoryProblem.INVALID_WEBHOOK_URL;
  if (url.username !== "" || url.password !== "" || url.hash !== "" || url.hostname === "") return DirectoryProblem.INVALID_WEBHOOK_URL;
  if (!rules.production) return null;
  if (url.protocol !== "https:") return DirectoryProblem.WEBHOOK_NOT_HTTPS;
  return namesNonPublicHost(url.hostname) ? DirectoryProblem.WEBHOOK_NOT_PUBLIC : null;
}

/** `URL` has already normalised the host: `0x7f.1` and `2130706433` are `127.0.0.1`, an IPv6 literal is bracketed. */
function namesNonPublicHost(hostname: string): boolean {
  const host = hostname.replace(/\.$/, "").toLowerCase();
  // RFC 6761: localhost and every name under it resolve to loopback.
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const literal = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  return isNonPublicAddress(literal);
}
