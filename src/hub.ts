import http from "node:http";
import { type AddressInfo } from "node:net";
import { type Express } from "express";
import { type HubConfig } from "./config/config";
import { openDatabase, type Database } from "./db/database";
import { HUB_OPENER } from "./db/embeddedAccess";
import { ensurePrivateDirectory } from "./db/privateDirectory";
import { loadVerificationKeys } from "./auth/keySet";
import { createTokenVerifier } from "./auth/verifyToken";
import { buildHubSchema } from "./graphql/buildHubSchema";
import { createApolloServer } from "./graphql/createApolloServer";
import { createApp } from "./http/createApp";
import { RequestsInFlight } from "./http/requestsInFlight";
import { type Logger } from "./logging/logger";
import { loadDemoDataIfFirstStart } from "./demo/loadDemoData";
import { startMetricsServer } from "./metrics/metricsEndpoint";
import { watchPool } from "./metrics/poolMetrics";
import { agencyStandingsFor } from "./directory/agencyStandings";
import { createRateLimiter } from "./http/rateLimit/rateLimiter";
import { createSearchRateLimiter } from "./search/searchRateLimiter";
import { loadPolicies } from "./policy/loadPolicies";
import { defaultMatchWeights } from "./identity/matching/defaultMatchWeights";
import { profileUnprofiledChildren } from "./identity/matchProfiles";
import { keyUnkeyedAdults } from "./identity/adults/adultProfiles";
import { loadHubSigningKeys } from "./signing/loadHubSigningKeys";
import { type HubSigningKeys } from "./signing/hubSigningKeys";
import { watchWebhooks } from "./metrics/webhookMetrics";
import { deliverWebhook } from "./webhooks/deliverWebhook";
import { WebhookQueue } from "./webhooks/webhookQueue";
import { RetentionQueue } from "./retention/retentionQueue";
import { scheduleAuditCheckpoints } from "./audit/auditCheckpointSchedule";
import { scheduleEscalation } from "./notifications/escalation/escalationSchedule";
import { ConsoleSessions } from "./console/consoleSessions";
import { type ConsoleSignIn } from "./console/ConsoleDependencies";
import { createOpenIdSignIn, readClientKey } from "./console/openIdConnect";
import { loadOrCreateDevelopmentKeys } from "./auth/developmentKeys";
import { mintDevelopmentToken } from "./auth/developmentToken";

export interface Hub {
  app: Express;
  database: Database;
  /** Starts listening; resolves with the bound port. */
  listen(): Promise<number>;
  /**
   * Stops taking requests, lets in-flight ones finish (those whose caller has gone too), then closes
   * the database.
   */
  stop(): Promise<void>;
  /** The GraphQL requests being served, a request whose caller has gone included. */
  requestsInFlight: RequestsInFlight;
  /**
   * Settles once the hub serves GraphQL: the demo data loaded on a first start, match profiles built.
   * Until then `/healthz` answers, `/readyz` and `/graphql` answer 503 (starting).
   */
  ready: Promise<void>;
  /** The hub's own Ed25519 keys: what it signs (webhooks, audit checkpoints) and publishes at `/.well-known/jwks.json`. */
  signingKeys: HubSigningKeys;
}

export interface HubOptions {
  /** Embedded only: keep the database in memory (tests). */
  inMemory?: boolean;
  /**
   * Return before the demo data is loaded, so the hub can listen (and answer `/healthz`) while it
   * loads; `ready` says when it is done. Otherwise `createHub` returns a hub that is ready.
   */
  serveWhileStarting?: boolean;
  /** Embedded only: PostgreSQL's `shared_buffers` (default: PGlite's); tests start smaller databases. */
  embeddedSharedBuffers?: string;
}

/** Wires the hub together: policies, keys, database (migrated), demo data on first start, GraphQL and HTTP. */
export async function createHub(config: HubConfig, logger: Logger, options: HubOptions = {}): Promise<Hub> {
  // Policies first: an invalid policy must stop the hub before it touches the database or a request.
  const policy = loadPolicies(config.policyDir);
  logger.info("policies loaded", { event: "policy.loaded", policyVersion: policy.version });
  const weights = defaultMatchWeights();
  logger.info("match parameters loaded", { event: "linkage.weights.loaded", weightsVersion: weights.version });
  // The data directory holds the embedded database and the development signing keys: owner only.
  if ((config.databaseUrl === undefined && options.inMemory !== true) || config.auth.mode === "development" || config.signing.mode === "development") {
    ensurePrivateDirectory(config.dataDir);
  }
  const keys = await loadVerificationKeys(config.auth);
  // A key file that cannot sign stops the hub here, before it serves anything it would have to vouch for.
  const signingKeys = loadHubSigningKeys(config.signing);
  const verifyToken = createTokenVerifier({ keys, ...config.auth });
  const database = await openDatabase(
    {
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.databasePoolSize,
      timeouts: config.databaseTimeouts,
      opener: HUB_OPENER,
      ...options,
    },
    logger,
  );
  let server: http.Server | undefined;
  let metricsServer: http.Server | undefined;
  const unwatchPool = watchPool(database.dataSource);
  const unwatchWebhooks = watchWebhooks(database.dataSource);
  let webhooks: WebhookQueue | undefined;
  let retention: RetentionQueue | undefined;
  const stopCheckpoints = scheduleAuditCheckpoints(database.dataSource, signingKeys, config.auditCheckpoints, logger);
  const stopEscalation = scheduleEscalation(database.dataSource, policy, config.escalationIntervalSeconds, logger);
  const requestsInFlight = new RequestsInFlight();
  let draining = false;
  let starting = true;
  try {
    // Before anything can notify (the demo data included): a delivery to an agency with an endpoint is
    // enqueued in the transaction that writes it.
    webhooks = await WebhookQueue.start(database.dataSource, config.webhooks, logger);
    const sender = {
      dataSource: database.dataSource, policy, signingKeys, maxAttempts: config.webhooks.maxAttempts, logger,
      rules: { production: config.nodeEnv === "production", timeoutMs: config.webhooks.timeoutMs },
    };
    await webhooks.work(config.webhooks.workers, config.webhooks.pollSeconds, (job) => deliverWebhook(sender, job.webhookId));
    retention = await RetentionQueue.start(database.dataSource, policy, config.retention, logger);
    const apollo = createApolloServer(await buildHubSchema(), config);
    await apollo.start();
    const app = createApp({
      apollo,
      verifyToken,
      publishedKeys: signingKeys.jwks,
      dataSource: database.dataSource,
      policy,
      webhookEndpoints: { production: config.nodeEnv === "production" },
      isDatabaseReachable: () => database.isReachable(),
      isDraining: () => draining,
      isStarting: () => starting,
      logger,
      maxBodyBytes: config.graphql.maxBodyBytes,
      metricsOnMainPort: config.metrics.onMainPort,
      ...(config.rateLimits !== null ? { rateLimiter: createRateLimiter(database.dataSource, config.rateLimits) } : {}),
      requestsInFlight,
      agencyStandings: agencyStandingsFor(database.dataSource, config.agencyStandingCacheSeconds),
      search: { settings: config.search, rateLimiter: createSearchRateLimiter(database.dataSource, config.search.perMinute) },
      console: { sessions: new ConsoleSessions(database.dataSource, config.console), signIn: await consoleSignIn(config) },
    });
    const ready = (async () => {
      if (config.loadDemoData) await loadDemoDataIfFirstStart({ dataSource: database.dataSource, policy }, logger);
      // Children known before matching existed (or loaded in bulk) get their match profile once.
      const profiled = await profileUnprofiledChildren(database.dataSource);
      if (profiled > 0) logger.info("match profiles built", { event: "linkage.profiles.built", count: profiled });
      // Adults held before they were matched across agencies get their blocking keys once.
      const keyed = await keyUnkeyedAdults(database.dataSource);
      if (keyed > 0) logger.info("adult match keys built", { event: "linkage.adults.keyed", count: keyed });
      starting = false;
    })();
    const stop = async () => {
      draining = true;
      if (server) {
        const closing = new Promise<void>((resolve) => server?.close(() => resolve()));
        server.closeIdleConnections();
        await closing;
      }
      // A caller that went away closed its connection, not the work it started.
      await requestsInFlight.settled();
      await apollo.stop();
      // A start still loading its demo data is let finish before the database closes (an interrupted
      // load is finished by the next start); SHUTDOWN_GRACE_MS bounds the wait.
      await ready.catch(() => undefined);
      await webhooks?.stop(config.shutdownGraceMs);
      await retention?.stop(config.shutdownGraceMs);
      if (metricsServer) await new Promise<void>((resolve) => metricsServer?.close(() => resolve()));
      unwatchPool();
      unwatchWebhooks();
      // A checkpoint being signed is let finish before the database closes.
      await stopCheckpoints();
      await stopEscalation();
      await database.close();
    };
    if (options.serveWhileStarting !== true) {
      try {
        await ready;
      } catch (error) {
        await apollo.stop();
        throw error;
      }
    }
    return {
      app,
      database,
      ready,
      signingKeys,
      listen: async () => {
        // The metrics port first: a port already taken stops the start before the API is served.
        if (config.metrics.port !== null) {
          metricsServer = await startMetricsServer(config.metrics.host, config.metrics.port);
          logger.info("metrics listening", { event: "metrics.listening", host: config.metrics.host, port: config.metrics.port });
        }
        return new Promise<number>((resolve, reject) => {
          server = http.createServer(app);
          server.once("error", reject);
          server.listen(config.port, config.host, () => resolve((server?.address() as AddressInfo).port));
        });
      },
      stop,
      requestsInFlight,
    };
  } catch (error) {
    await webhooks?.stop(0).catch(() => undefined);
    await retention?.stop(0).catch(() => undefined);
    unwatchPool();
    unwatchWebhooks();
    await stopCheckpoints();
    await stopEscalation();
    await database.close();
    throw error;
  }
}

/**
 * How people sign in to the console: through the OpenID Connect provider when one is configured
 * (`CONSOLE_OIDC_*`; its access tokens verified by the hub like any caller's); otherwise in development
 * (the hub verifying tokens against its own development keys, never in production) a demo-role picker
 * minting tokens as `npm run token` does, for the console's session length; otherwise none.
 */
async function consoleSignIn(config: HubConfig): Promise<ConsoleSignIn> {
  if (config.console.openIdConnect !== null) {
    const openIdConnect = config.console.openIdConnect;
    // A bad client key stops the start with its reason, not the first person's sign-in.
    if (openIdConnect.clientAuthentication.method === "private_key_jwt") await readClientKey(openIdConnect.clientAuthentication.keyFile);
    return { kind: "openid-connect", provider: createOpenIdSignIn(openIdConnect) };
  }
  const auth = config.auth;
  if (auth.mode !== "development" || config.nodeEnv === "production") return { kind: "unavailable" };
  const keys = await loadOrCreateDevelopmentKeys(auth.keyDir);
  // For the session's length, but never longer than the hub accepts a token for (AUTH_MAX_TOKEN_LIFETIME_SECONDS).
  const lifetime = Math.min(config.console.maxHours * 3_600, auth.maxTokenLifetimeSeconds);
  return { kind: "development", mint: (claims) => mintDevelopmentToken(keys, auth, claims, `${lifetime}s`) };
}
