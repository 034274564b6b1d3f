import autocannon from "autocannon";
import { type GraphQLRequest } from "./workload";
import { ResponseTally } from "./responseTally";

export interface DriveOptions {
  port: number;
  token: string | ((index: number) => string);
  connections: number;
  seconds: number;
  request: (index: number) => GraphQLRequest;
  /** The fault being injected now (5xx then are allowed), or null. */
  currentFault?: () => string | null;
  tally?: ResponseTally;
}

export interface DriveResult {
  rps: number;
  p50: number;
  p99: number;
  tally: ResponseTally;
}

/** `connections` clients posting GraphQL to the hub on `port` for `seconds`, every response tallied. */
export async function drive(options: DriveOptions): Promise<DriveResult> {
  const tally = options.tally ?? new ResponseTally();
  const tokenFor = typeof options.token === "string" ? () => options.token as string : options.token;
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${options.port}`,
    connections: options.connections,
    duration: options.seconds,
    requests: [{
      method: "POST",
      path: "/graphql",
      setupRequest: (request) => {
        const index = next++;
        return { ...request, headers: { "content-type": "application/json", authorization: `Bearer ${tokenFor(index)}` }, body: JSON.stringify(options.request(index)) };
      },
      onResponse: (status, body) => tally.record(status, body, options.currentFault?.() ?? null),
    }],
  });
  tally.connectionError(result.errors);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, tally };
}
