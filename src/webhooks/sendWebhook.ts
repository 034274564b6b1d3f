import dns, { type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { isNonPublicAddress } from "../directory/nonPublicAddress";
import { type WebhookHeaders } from "./webhookSignature";

/** How strict sending is: production sends over TLS only, and only to public addresses. */
export interface WebhookSendRules {
  production: boolean;
  timeoutMs: number;
  /** Resolves a host name to every address it has (tests stand in for DNS); `dns.lookup` by default. */
  resolve?: (hostname: string) => Promise<LookupAddress[]>;
}

/** An attempt's outcome: delivered (the receiver answered 2xx), or the failure as a code — never the receiver's answer. */
export type WebhookAttempt = { delivered: true } | { delivered: false; failure: string };

const resolveAll = (hostname: string): Promise<LookupAddress[]> => dns.promises.lookup(hostname, { all: true, verbatim: true });

class RefusedAddress extends Error {
  readonly code = "ENDPOINT_NOT_PUBLIC";
}

/**
 * One POST of a signed body to an agency's endpoint. The endpoint was checked when it was registered,
 * but DNS answers can change after that (and can change between a check and a connection: DNS
 * rebinding), so in production the host is resolved here, every address it resolves to must be
 * public, and the connection is made to the address that was checked — the lookup the socket uses is
 * this one. A redirect is a failure, never followed: the directory says where a child's information
 * goes, not the receiver. The response body is never read, kept or logged.
 */
export function sendWebhook(url: string, body: string, headers: WebhookHeaders, rules: WebhookSendRules): Promise<WebhookAttempt> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ delivered: false, failure: "ENDPOINT_INVALID" });
  }
  if (target.protocol !== "https:" && (rules.production || target.protocol !== "http:")) return Promise.resolve({ delivered: false, failure: "ENDPOINT_NOT_HTTPS" });
  const host = target.hostname.startsWith("[") ? target.hostname.slice(1, -1) : target.hostname;
  // A literal address never reaches the lookup: judge it here.
  if (rules.production && (isIP(host) !== 0 ? isNonPublicAddress(host) : host === "localhost" || host.endsWith(".localhost"))) {
    return Promise.resolve({ delivered: false, failure: "ENDPOINT_NOT_PUBLIC" });
  }
  const resolve = rules.resolve ?? resolveAll;
  const lookup: LookupFunction = (hostname, options, callback) => {
    resolve(hostname).then(
      (found) => {
        const addresses = found.filter((address) => options.family === undefined || options.family === 0 || options.family === address.family);
        if (addresses.length === 0) return callback(Object.assign(new Error("no address"), { code: "ENOTFOUND" }), "", 0);
        if (rules.production && addresses.some((address) => isNonPublicAddress(address.address))) return callback(new RefusedAddress("non-public address"), "", 0);
        if (options.all === true) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
        return callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
  const transport = target.protocol === "https:" ? https : http;
  return new Promise((settle) => {
    let settled = false;
    const finish = (attempt: WebhookAttempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      settle(attempt);
    };
    const request = transport.request(target, {
      method: "POST",
      agent: false,
      lookup,
      headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body), "user-agent": "safeguarding-hub-webhooks" },
    });
    const timer = setTimeout(() => {
      finish({ delivered: false, failure: "TIMEOUT" });
      request.destroy();
    }, rules.timeoutMs);
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      // The answer's status is all that matters; its body is the receiver's and is not read.
      response.destroy();
      if (status >= 200 && status < 300) finish({ delivered: true });
      else if (status >= 300 && status < 400) finish({ delivered: false, failure: "REDIRECT_NOT_FOLLOWED" });
      else finish({ delivered: false, failure: `HTTP_${status}` });
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      const code = error instanceof RefusedAddress ? error.code : typeof error.code === "string" && /^[A-Z0-9_]{1,32}$/.test(error.code) ? `CONNECTION_${error.code}` : "CONNECTION_FAILED";
      finish({ delivered: false, failure: code.slice(0, 40) });
    });
    request.end(body);
  });
}
