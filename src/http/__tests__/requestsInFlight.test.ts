import http from "node:http";
import { type AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { type DataSource } from "typeorm";
import { createApp } from "../createApp";
import { RequestsInFlight } from "../requestsInFlight";
import { type HubContext } from "../../graphql/context";
import { type PolicySet } from "../../policy/PolicySet";
import { createLogger } from "../../logging/logger";
import { Role } from "../../auth/Role";
import { AgencyType } from "../../directory/AgencyType";

/** A promise and the function that settles it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Whether `promise` has settled once every callback already queued has run. */
async function hasSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true), () => (settled = true));
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

describe("requests in flight", () => {
  it("settles at once when nothing is being served, and once every request has, answered or failed", async () => {
    const requests = new RequestsInFlight();
    expect(await hasSettled(requests.settled())).toBe(true);
    const first = gate();
    const second = gate();
    void requests.track(first.opened);
    const failing = requests.track(second.opened.then(() => Promise.reject(new Error("refused"))));
    const settled = requests.settled();
    expect(requests.size).toBe(2);
    first.open();
    expect(await hasSettled(settled)).toBe(false);
    second.open();
    await expect(failing).rejects.toThrow("refused");
    await settled;
    expect(requests.size).toBe(0);
  });

  it("counts a GraphQL request until its resolver has finished, though its caller went away before", async () => {
    const entered = gate();
    const release = gate();
    let resolved = false;
    const apollo = new ApolloServer<HubContext>({
      typeDefs: "type Query { slow: String }",
      resolvers: {
        Query: {
          slow: async () => {
            entered.open();
            await release.opened;
            resolved = true;
            return "done";
          },
        },
      },
    });
    await apollo.start();
    const requests = new RequestsInFlight();
    const app = createApp({
      apollo,
      verifyToken: async () => ({ sub: "caller", name: "Caller", agency: "LA-1", agencyType: AgencyType.CHILDRENS_SOCIAL_CARE, roles: [Role.SOCIAL_WORKER], localAuthority: "E06000060", team: null, tokenId: null }),
      publishedKeys: { keys: [] },
      // The directory holds the caller's agency, active and of the token's type: the edge's standing check lets the caller through.
      dataSource: { getRepository: () => ({ findOne: () => Promise.resolve({ code: "LA-1", type: AgencyType.CHILDRENS_SOCIAL_CARE, active: true, localAuthority: "E06000060" }) }) } as unknown as DataSource,
      // The policies hold the caller's role as one its agency's type may hold: the gate lets the token through.
      policy: { roleHolders: { holders: new Map([[Role.SOCIAL_WORKER, [AgencyType.CHILDRENS_SOCIAL_CARE]]]) } } as unknown as PolicySet,
      webhookEndpoints: { production: false },
      isDatabaseReachable: async () => true,
      isDraining: () => false,
      logger: createLogger("error"),
      maxBodyBytes: 10_000,
      requestsInFlight: requests,
    });
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const caller = new AbortController();
      const call = fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer t" },
        body: JSON.stringify({ query: "{ slow }" }),
        signal: caller.signal,
      });
      await entered.opened;
      caller.abort();
      await expect(call).rejects.toThrow();

      const settled = requests.settled();
      expect(requests.size).toBe(1);
      expect(await hasSettled(settled)).toBe(false);
      release.open();
      await settled;
      expect(resolved).toBe(true);
      expect(requests.size).toBe(0);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    }
  });
});
