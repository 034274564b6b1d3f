import express, { type ErrorRequestHandler, type Express } from "express";
import { type JSONWebKeySet } from "jose";
import { expressMiddleware } from "@as-integrations/express5";
import { type ApolloServer } from "@apollo/server";
import { type DataSource } from "typeorm";
import { ErrorCode } from "../errors/HubError";
import { type RequestRateLimiter } from "./rateLimit/rateLimiter";
import { type TokenVerifier } from "../auth/verifyToken";
import { type Logger } from "../logging/logger";
import { type HubContext } from "../graphql/context";
import { type PolicySet } from "../policy/PolicySet";
import { type WebhookEndpointRules } from "../directory/webhookEndpoint";
import { type AgencyStandings } from "../directory/agencyStandings";
import { serveMetrics } from "../metrics/metricsEndpoint";
import { requestId } from "./requestId";
import { createHubContext } from "./hubContext";
import { createConsole } from "../console/createConsole";
import { createHubClient } from "../console/hubClient";
import { type ConsoleSessions } from "../console/consoleSessions";
import { type ConsoleSignIn } from "../console/ConsoleDependencies";
import { type RequestsInFlight } from "./requestsInFlight";

export interface AppDependencies {
  apollo: ApolloServer<HubContext>;
  verifyToken: TokenVerifier;
  /** The hub's own public signing keys, served at `/.well-known/jwks.json` (never a caller's token keys). */
  publishedKeys: JSONWebKeySet;
  dataSource: DataSource;
  policy: PolicySet;
  /** How strictly a directory change's webhook endpoint is checked (production: HTTPS and public addresses only). */
  webhookEndpoints: WebhookEndpointRules;
  isDatabaseReachable: () => Promise<boolean>;
  /** True once shutdown has begun: readiness fails so the load balancer stops sending traffic. */
  isDraining: () => boolean;
  /** Still starting (demo data on a first start, match profiles): only `/healthz` answers 200. */
  isStarting?: () => boolean;
  logger: Logger;
  maxBodyBytes: number;
  /** Search's bounds and its per-practitioner limit; absent: the defaults, unlimited. */
  search?: HubContext["search"];
  /** Counts each verified caller's requests; absent: no limits. */
  rateLimiter?: RequestRateLimiter;
  /** Serve `/metrics` here (outside production, when no METRICS_PORT gives it a port of its own). */
  metricsOnMainPort?: boolean;
  /** Every GraphQL request is counted here until its handler finishes, so shutdown can wait for it. */
  requestsInFlight: RequestsInFlight;
  /** The directory's word on callers' agencies, kept briefly; absent: kept for the default few seconds. */
  agencyStandings?: AgencyStandings;
  /** The people's console under `/console` (`../console/`); absent: not served. */
  console?: { sessions: ConsoleSessions; signIn: ConsoleSignIn };
}

/**
 * The HTTP surface: `/healthz` (the process is up), `/readyz` (the hub has started, the database
 * answers and the hub is not shutting down) and `/graphql`, which answers 503 while the hub starts. No
 * request reaches a resolver without a verified token.
 */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);
  app.use(requestId);
  app.use((_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "no-referrer");
    next();
  });

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  // Receivers of the hub's webhooks and holders of its audit checkpoints verify against these; a
  // rotated key is published before it signs, so a short cache never misses one.
  app.get("/.well-known/jwks.json", (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=300");
    res.type("application/jwk-set+json").send(JSON.stringify(deps.publishedKeys));
  });
  if (deps.metricsOnMainPort === true) app.get("/metrics", serveMetrics);

  const starting = deps.isStarting ?? (() => false);
  app.get("/readyz", async (_req, res) => {
    if (starting()) {
      res.status(503).setHeader("Retry-After", "2").json({ status: "starting" });
      return;
    }
    if (deps.isDraining()) {
      res.status(503).json({ status: "draining" });
      return;
    }
    const reachable = await deps.isDatabaseReachable();
    res.status(reachable ? 200 : 503).json({ status: reachable ? "ready" : "database unreachable" });
  });

  const hubContext = createHubContext(deps);
  const graphql = expressMiddleware(deps.apollo, {
    context: async ({ req, res }): Promise<HubContext> => hubContext(req.get("authorization"), String(res.locals.requestId)),
  });
  app.use(
    "/graphql",
    (_req, res, next) => {
      // Responses carry personal data: no shared or browser cache may keep them.
      res.setHeader("Cache-Control", "no-store");
      if (starting()) {
        res.status(503).setHeader("Retry-After", "2").json({ errors: [{ message: "The hub is starting (on a first start it loads its demo data): retry shortly.", extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } }] });
        return;
      }
      next();
    },
    express.json({ limit: deps.maxBodyBytes }),
    // Counted until the handler finishes, even when the caller has gone: its resolver's work goes on.
    async (req, res, next) => deps.requestsInFlight.track(Promise.resolve(graphql(req, res, next))),
  );

  if (deps.console !== undefined) {
    app.use("/console", createConsole({ ...deps.console, hub: createHubClient(deps.apollo, hubContext, deps.requestsInFlight), policy: deps.policy, logger: deps.logger, isStarting: starting }));
  }

  app.use((_req, res) => {
    res.status(404).json({ error: "NOT_FOUND", message: "No such endpoint: use /graphql, /console, /healthz or /readyz." });
  });
  app.use(bodyErrors(deps.logger));
  return app;
}

/** A malformed or oversized body is the caller's mistake (400/413), not the hub's. */
function bodyErrors(logger: Logger): ErrorRequestHandler {
  return (error: { status?: number; type?: string }, _req, res, _next) => {
    const status = typeof error.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error("http error", { event: "http.error", requestId: res.locals.requestId as string });
    const code = status === 413 ? "PAYLOAD_TOO_LARGE" : status === 500 ? "INTERNAL_SERVER_ERROR" : "INVALID_INPUT";
    res.status(status).json({ errors: [{ message: status === 413 ? "The request body is too large." : status === 500 ? "Internal error." : "The request body is not valid JSON.", extensions: { code } }] });
  };
}
