import http from "node:http";
import { type AddressInfo } from "node:net";
import { buildSchema } from "type-graphql";
import { type DataSource } from "typeorm";
import { type loadConfig } from "../src/config/config";
import { createApp } from "../src/http/createApp";
import { RequestsInFlight } from "../src/http/requestsInFlight";
import { createApolloServer } from "../src/graphql/createApolloServer";
import { createTokenVerifier } from "../src/auth/verifyToken";
import { loadVerificationKeys } from "../src/auth/keySet";
import { type Logger } from "../src/logging/logger";
import { loadPolicies } from "../src/policy/loadPolicies";

export interface BaselineServer {
  port: number;
  /** Settles once every request the server has accepted is answered. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A server on the hub's own HTTP, token and GraphQL stack and its database, answering only the
 * benchmark's baseline resolvers (never part of the hub's schema): what the hub's figures are held
 * against.
 */
export async function startBaselineServer(resolvers: Parameters<typeof buildSchema>[0]["resolvers"], dataSource: DataSource, config: ReturnType<typeof loadConfig>, logger: Logger, isDatabaseReachable: () => Promise<boolean>): Promise<BaselineServer> {
  const apollo = createApolloServer(await buildSchema({ resolvers, validate: false }), config);
  await apollo.start();
  const requestsInFlight = new RequestsInFlight();
  const server = http.createServer(createApp({
    apollo,
    verifyToken: createTokenVerifier({ keys: await loadVerificationKeys(config.auth), ...config.auth }),
    publishedKeys: { keys: [] },
    dataSource,
    policy: loadPolicies(config.policyDir),
    webhookEndpoints: { production: config.nodeEnv === "production" },
    isDatabaseReachable,
    isDraining: () => false,
    logger,
    maxBodyBytes: config.graphql.maxBodyBytes,
    requestsInFlight,
  }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    settled: () => requestsInFlight.settled(),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await requestsInFlight.settled();
      await apollo.stop();
    },
  };
}
