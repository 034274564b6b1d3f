import { HeaderMap, type ApolloServer } from "@apollo/server";
import { type HubContext } from "../graphql/context";
import { type HubContextBuilder } from "../http/hubContext";
import { type RequestsInFlight } from "../http/requestsInFlight";

/** One GraphQL error as the hub answered it: its message is written for a person; `code` and `problem` are stable. */
export interface HubError {
  message: string;
  code: string;
  problem?: string;
  /** The argument the error is about (e.g. `reason`, `access.justification`), when the hub names one. */
  path?: string;
}

export interface HubAnswer<T> {
  data: T | null;
  errors: HubError[];
}

/** Asks the hub, with the signed-in user's own token, exactly as an agency system would over `/graphql`. */
export type HubClient = <T>(token: string, requestId: string, query: string, variables: Record<string, unknown>) => Promise<HubAnswer<T>>;

/**
 * The console's only way to the hub's data: a GraphQL request handed to the same Apollo server, through
 * the same context gate (token verified, rate limits, the agency's standing) and so the same plugins,
 * limits, policy decisions and audit entries as a request to `/graphql`. No HTTP hop: the request is
 * what Apollo's Express integration would have built from the wire. Counted in flight like any other,
 * so shutdown waits for it.
 */
export function createHubClient(apollo: ApolloServer<HubContext>, hubContext: HubContextBuilder, requestsInFlight: RequestsInFlight): HubClient {
  return async <T>(token: string, requestId: string, query: string, variables: Record<string, unknown>): Promise<HubAnswer<T>> => {
    const headers = new HeaderMap([["content-type", "application/json"], ["authorization", `Bearer ${token}`]]);
    const response = await requestsInFlight.track(
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: "POST", headers, search: "", body: { query, variables } },
        context: () => hubContext(`Bearer ${token}`, requestId),
      }),
    );
    if (response.body.kind !== "complete") throw new Error("The hub answered the console with a stream it does not read.");
    const body = JSON.parse(response.body.string) as { data?: T | null; errors?: { message: string; extensions?: { code?: string; problem?: string; path?: unknown } }[] };
    return {
      data: body.data ?? null,
      errors: (body.errors ?? []).map((error) => ({
        message: error.message,
        code: error.extensions?.code ?? "INTERNAL_SERVER_ERROR",
        ...(error.extensions?.problem !== undefined ? { problem: error.extensions.problem } : {}),
        ...(typeof error.extensions?.path === "string" ? { path: error.extensions.path } : {}),
      })),
    };
  };
}
