import { type ApolloServerPlugin } from "@apollo/server";
import { type HubContext } from "../context";
import { ErrorCode } from "../../errors/HubError";

/** How long a caller should wait before retrying while the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * A response carrying SERVICE_UNAVAILABLE is HTTP 503 with Retry-After (RFC 9110 §15.6.4, §10.2.3),
 * so a gateway, load balancer or agency system's HTTP client backs off and retries without parsing
 * GraphQL errors.
 */
export function serviceUnavailableStatusPlugin(): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const body = response.body;
          const errors = body.kind === "single" ? (body.singleResult.errors ?? []) : [];
          if (!errors.some((error) => error.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) return;
          response.http.status = 503;
          response.http.headers.set("retry-after", String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
