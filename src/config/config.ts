import { DEFAULT_STANDING_CACHE_SECONDS } from "../directory/agencyStandings";
import path from "node:path";
import { DEFAULT_SEARCH_SETTINGS, type SearchSettings } from "../search/SearchSettings";
import { isRole, Role, ROLES } from "../auth/Role";
import { type RateLimitConfig } from "../http/rateLimit/RateLimitConfig";
import { type RetentionSchedule } from "../retention/RetentionSchedule";

/** Algorithms the hub will ever accept on a token: asymmetric only, so a leaked verifier key forges nothing. */
export const ASYMMETRIC_ALGORITHMS = [
  "ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "EdDSA",
] as const;
export type AsymmetricAlgorithm = (typeof ASYMMETRIC_ALGORITHMS)[number];

export type NodeEnvironment = "development" | "test" | "production";

export type AuthConfig =
  | { mode: "jwks-url"; jwksUrl: URL; issuer: string; audience: string; algorithms: AsymmetricAlgorithm[]; clockToleranceSeconds: number; maxTokenLifetimeSeconds: number }
  | { mode: "jwks-file"; jwksFile: string; issuer: string; audience: string; algorithms: AsymmetricAlgorithm[]; clockToleranceSeconds: number; maxTokenLifetimeSeconds: number }
  | { mode: "development"; keyDir: string; issuer: string; audience: string; algorithms: AsymmetricAlgorithm[]; clockToleranceSeconds: number; maxTokenLifetimeSeconds: number };

/**
 * The hub's own Ed25519 signing keys (`signing/`): a JWK set file, or outside production a key the
 * hub creates under its data directory. `activeKid` picks the key that signs; unset, the file must
 * hold exactly one private key.
 */
export type SigningConfig = { mode: "file"; file: string; activeKid: string | undefined } | { mode: "development"; keyDir: string };

/**
 * How long the hub waits on its database before giving up (milliseconds). A request that would wait
 * longer is answered SERVICE_UNAVAILABLE instead of hanging while the database is stuck.
 */
export interface DatabaseTimeouts {
  /** The longest one statement may run (PostgreSQL `statement_timeout`; enforced by the driver as well). */
  statementMs: number;
  /** The longest a statement waits for a lock another session holds (`lock_timeout`). */
  lockMs: number;
  /** A session left idle inside a transaction is ended after this long, releasing its locks (`idle_in_transaction_session_timeout`). */
  idleInTransactionMs: number;
  /** The longest a request waits for a pooled connection, or for a new connection to be made. */
  connectMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = { statementMs: 30_000, lockMs: 10_000, idleInTransactionMs: 60_000, connectMs: 10_000 };

export interface HubConfig {
  nodeEnv: NodeEnvironment;
  host: string;
  port: number;
  /** Unset means the embedded PostgreSQL (PGlite) under `dataDir`. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  databaseTimeouts: DatabaseTimeouts;
  dataDir: string;
  /** The folder of disclosure policies (YAML), validated at start-up. */
  policyDir: string;
  loadDemoData: boolean;
  auth: AuthConfig;
  logLevel: "error" | "warn" | "info" | "debug";
  graphql: { introspection: boolean; maxDepth: number; maxAliases: number; maxTokens: number; maxBodyBytes: number };
  shutdownGraceMs: number;
  metrics: MetricsConfig;
  /** Requests per minute per principal (by role) and per agency; null: not limited. */
  rateLimits: RateLimitConfig | null;
  /** Seconds a process keeps what it read of an agency's standing (`directory/agencyStandings.ts`); 0: read for every request. */
  agencyStandingCacheSeconds: number;
  /** Callers in `enforcedFor` run only the operations the manifest registers (`graphql/trustedOperations/`). */
  trustedOperations: { manifest: string; enforcedFor: Role[] };
  /** How searching for a child is bounded and audited (`search/`). */
  search: SearchSettings;
  /** Where spans are sent (OTLP/HTTP); null: tracing is off. Read again by `tracing/register.ts`, which starts before the configuration is loaded. */
  tracing: { endpoint: string | null; serviceName: string };
  /** The keys the hub signs what it vouches for with (webhooks, audit checkpoints), published at `/.well-known/jwks.json`. */
  signing: SigningConfig;
  /** When the hub signs a checkpoint over every audit chain's head (`audit/auditCheckpointSchedule.ts`); 0 turns either trigger off. */
  auditCheckpoints: { everyEntries: number; everySeconds: number };
  /** How often each hub process escalates notifications left unacknowledged past their deadline (`notifications/escalation/`); 0: never (another process or job does). */
  escalationIntervalSeconds: number;
  /** Webhook delivery of notifications (`webhooks/`). */
  webhooks: WebhookConfig;
  /** When the retention job runs (`retention/`): a cron expression in Europe/London, or null (no schedule from this process). */
  retention: RetentionSchedule;
  /** The people's web console under `/console` (`console/`). */
  console: ConsoleConfig;
}

/**
 * The console's sessions: ended after `idleMinutes` without a request and `maxHours` after sign-in
 * whatever the activity. `secureCookie` marks the session cookie `Secure` (always in production; off
 * only for plain-http development).
 */
export interface ConsoleConfig {
  idleMinutes: number;
  maxHours: number;
  secureCookie: boolean;
  /** People sign in through this OpenID Connect provider (`console/openIdConnect.ts`); null: the demo picker in development, no sign-in elsewhere. */
  openIdConnect: OpenIdConnectConfig | null;
}

/**
 * The console as an OpenID Connect relying party (a confidential client: authorization code flow with
 * PKCE, state and nonce). It authenticates to the provider's token endpoint with a client secret
 * (`client_secret_basic`) or a private key (`private_key_jwt`, a JWK file), never both.
 */
export interface OpenIdConnectConfig {
  issuer: URL;
  clientId: string;
  clientAuthentication: { method: "client_secret_basic"; secret: string } | { method: "private_key_jwt"; keyFile: string };
  /** Where the provider sends the browser back: this hub's `/console/sign-in/callback`, as registered with the provider. */
  redirectUri: URL;
  /** Where the provider sends the browser after RP-initiated logout (registered with it too): this hub's `/console/signed-out`. */
  postLogoutRedirectUri: URL;
  scopes: string[];
  /** RFC 8707 resource indicator naming the hub's API, for providers that choose the access token's audience by it; null: not sent. */
  resource: string | null;
  /** Plain-http provider allowed (never in production). */
  allowInsecure: boolean;
}

/**
 * How this process sends webhooks. Every hub process enqueues; `workers` of them send (0: this process
 * only enqueues, another sends). An attempt that neither answers nor fails within `timeoutMs` is a
 * failure; after `maxAttempts` the delivery is DEAD, for an IG lead to replay.
 */
export interface WebhookConfig {
  workers: number;
  maxAttempts: number;
  /** The first retry's delay; each later one doubles, with jitter, up to `retryDelayMaxSeconds`. */
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
  timeoutMs: number;
  /** How often an idle worker looks for work (the embedded database has no LISTEN/NOTIFY across processes). */
  pollSeconds: number;
}

/**
 * Where `/metrics` is served: on a port of its own when `port` is set (bound to `host`, e.g. the
 * monitoring network's interface); otherwise on the hub's own port outside production only, so a
 * production hub never exposes it beside the API by default.
 */
export interface MetricsConfig {
  port: number | null;
  host: string;
  onMainPort: boolean;
}

/** Every bad setting at once, each on its own line, so an operator fixes them in one pass. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The hub cannot start: its configuration has ${problems.length} problem(s):\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

export const DEV_ISSUER = "urn:safeguarding-hub:development";
export const DEFAULT_AUDIENCE = "safeguarding-hub";

export function loadConfig(env: Env = process.env): HubConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const nodeEnv = read.oneOf("NODE_ENV", ["development", "test", "production"] as const, "development");
  const production = nodeEnv === "production";
  const databaseUrl = read.databaseUrl("DATABASE_URL");
  const dataDir = path.resolve(read.string("HUB_DATA_DIR", ".hub"));

  const config: HubConfig = {
    nodeEnv,
    host: read.string("HOST", production ? "0.0.0.0" : "127.0.0.1"),
    port: read.integer("PORT", 4000, 0, 65535),
    databaseUrl,
    databasePoolSize: read.integer("DATABASE_POOL_SIZE", 10, 1, 200),
    databaseTimeouts: {
      statementMs: read.integer("DATABASE_STATEMENT_TIMEOUT_MS", DEFAULT_DATABASE_TIMEOUTS.statementMs, 100, 3_600_000),
      lockMs: read.integer("DATABASE_LOCK_TIMEOUT_MS", DEFAULT_DATABASE_TIMEOUTS.lockMs, 10, 3_600_000),
      idleInTransactionMs: read.integer("DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS", DEFAULT_DATABASE_TIMEOUTS.idleInTransactionMs, 100, 86_400_000),
      connectMs: read.integer("DATABASE_CONNECT_TIMEOUT_MS", DEFAULT_DATABASE_TIMEOUTS.connectMs, 100, 600_000),
    },
    dataDir,
    policyDir: path.resolve(read.string("HUB_POLICY_DIR", "policies")),
    // Demo data is for trying the hub on a fresh machine; a real database gets it only when asked.
    loadDemoData: read.boolean("HUB_DEMO_DATA", databaseUrl === undefined),
    auth: readAuth(read, nodeEnv, dataDir),
    logLevel: read.oneOf("LOG_LEVEL", ["error", "warn", "info", "debug"] as const, "info"),
    graphql: {
      introspection: read.boolean("GRAPHQL_INTROSPECTION", !production),
      maxDepth: read.integer("GRAPHQL_MAX_DEPTH", 12, 2, 50),
      maxAliases: read.integer("GRAPHQL_MAX_ALIASES", 15, 1, 200),
      maxTokens: read.integer("GRAPHQL_MAX_TOKENS", 2000, 100, 100000),
      maxBodyBytes: read.integer("GRAPHQL_MAX_BODY_BYTES", 1_000_000, 1000, 50_000_000),
    },
    shutdownGraceMs: read.integer("SHUTDOWN_GRACE_MS", 10000, 0, 600000),
    metrics: readMetrics(read, production),
    tracing: readTracing(read),
    trustedOperations: readTrustedOperations(read, production),
    rateLimits: readRateLimits(read, production),
    agencyStandingCacheSeconds: read.integer("AGENCY_STANDING_CACHE_SECONDS", DEFAULT_STANDING_CACHE_SECONDS, 0, 60),
    search: readSearch(read, production),
    signing: readSigning(read, production, dataDir),
    auditCheckpoints: {
      everyEntries: read.integer("AUDIT_CHECKPOINT_ENTRIES", 10_000, 0, 100_000_000),
      everySeconds: read.integer("AUDIT_CHECKPOINT_SECONDS", 300, 0, 86_400),
    },
    escalationIntervalSeconds: read.integer("ESCALATION_INTERVAL_SECONDS", 60, 0, 86_400),
    webhooks: {
      workers: read.integer("WEBHOOK_WORKERS", 2, 0, 64),
      maxAttempts: read.integer("WEBHOOK_MAX_ATTEMPTS", 8, 1, 50),
      retryDelaySeconds: read.integer("WEBHOOK_RETRY_DELAY_SECONDS", 10, 1, 3600),
      retryDelayMaxSeconds: read.integer("WEBHOOK_RETRY_DELAY_MAX_SECONDS", 3600, 1, 86_400),
      timeoutMs: read.integer("WEBHOOK_TIMEOUT_MS", 10_000, 100, 120_000),
      pollSeconds: read.integer("WEBHOOK_POLL_SECONDS", 2, 1, 60),
    },
    retention: readRetentionSchedule(read, production),
    console: readConsole(read, production),
  };
  if (config.console.openIdConnect !== null && config.auth.mode === "development") {
    read.problem("CONSOLE_OIDC_ISSUER is set but the hub verifies tokens against its own development keys: set AUTH_JWKS_URL (the provider's jwks_uri), AUTH_ISSUER and AUTH_AUDIENCE, so the hub verifies the access tokens the console sends on its users' behalf");
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function readConsole(read: EnvReader, production: boolean): ConsoleConfig {
  const secureCookie = read.boolean("CONSOLE_SECURE_COOKIE", production);
  if (production && !secureCookie) read.problem("CONSOLE_SECURE_COOKIE may not be false in production: the console's session cookie travels over HTTPS only");
  return {
    idleMinutes: read.integer("CONSOLE_SESSION_IDLE_MINUTES", 30, 1, 24 * 60),
    maxHours: read.integer("CONSOLE_SESSION_MAX_HOURS", 10, 1, 24),
    secureCookie,
    openIdConnect: readOpenIdConnect(read, production),
  };
}

/** The callback and signed-out pages' paths: the redirect URIs registered with the provider must name them. */
export const OIDC_CALLBACK_PATH = "/console/sign-in/callback";
export const OIDC_SIGNED_OUT_PATH = "/console/signed-out";

/** CONSOLE_OIDC_*: all or nothing, each problem named; https only in production. */
function readOpenIdConnect(read: EnvReader, production: boolean): OpenIdConnectConfig | null {
  const rawIssuer = read.optionalString("CONSOLE_OIDC_ISSUER");
  const others = ["CONSOLE_OIDC_CLIENT_ID", "CONSOLE_OIDC_CLIENT_SECRET", "CONSOLE_OIDC_CLIENT_KEY_FILE", "CONSOLE_OIDC_REDIRECT_URI", "CONSOLE_OIDC_POST_LOGOUT_REDIRECT_URI", "CONSOLE_OIDC_SCOPES", "CONSOLE_OIDC_RESOURCE"];
  if (rawIssuer === undefined) {
    const stray = others.filter((name) => read.optionalString(name) !== undefined);
    if (stray.length > 0) read.problem(`${stray.join(", ")} set without CONSOLE_OIDC_ISSUER: set the provider's issuer URL too, or none of them`);
    return null;
  }
  const protocols = production ? ["https:"] : ["https:", "http:"];
  const issuer = read.url("CONSOLE_OIDC_ISSUER", rawIssuer, protocols);
  const clientId = read.optionalString("CONSOLE_OIDC_CLIENT_ID");
  if (clientId === undefined) read.problem("CONSOLE_OIDC_CLIENT_ID is required with CONSOLE_OIDC_ISSUER: the console's client id at the provider");
  const secret = read.optionalString("CONSOLE_OIDC_CLIENT_SECRET");
  const keyFile = read.optionalString("CONSOLE_OIDC_CLIENT_KEY_FILE");
  if ((secret === undefined) === (keyFile === undefined)) read.problem("Set one of CONSOLE_OIDC_CLIENT_SECRET (client_secret_basic) and CONSOLE_OIDC_CLIENT_KEY_FILE (private_key_jwt: a private JWK file) for the console's client");
  const rawRedirect = read.optionalString("CONSOLE_OIDC_REDIRECT_URI");
  if (rawRedirect === undefined) read.problem(`CONSOLE_OIDC_REDIRECT_URI is required with CONSOLE_OIDC_ISSUER: this hub's public ${OIDC_CALLBACK_PATH} URL, as registered with the provider`);
  const redirectUri = rawRedirect === undefined ? undefined : read.url("CONSOLE_OIDC_REDIRECT_URI", rawRedirect, protocols);
  if (redirectUri !== undefined && redirectUri.pathname !== OIDC_CALLBACK_PATH) read.problem(`CONSOLE_OIDC_REDIRECT_URI must end in ${OIDC_CALLBACK_PATH}, the console's callback`);
  const rawLogout = read.optionalString("CONSOLE_OIDC_POST_LOGOUT_REDIRECT_URI");
  const postLogoutRedirectUri = rawLogout === undefined ? (redirectUri === undefined ? undefined : new URL(OIDC_SIGNED_OUT_PATH, redirectUri)) : read.url("CONSOLE_OIDC_POST_LOGOUT_REDIRECT_URI", rawLogout, protocols);
  const scopes = read.string("CONSOLE_OIDC_SCOPES", "openid profile").split(/[\s,]+/).filter((scope) => scope !== "");
  if (!scopes.includes("openid")) read.problem("CONSOLE_OIDC_SCOPES must include openid");
  const resource = read.optionalString("CONSOLE_OIDC_RESOURCE") ?? null;
  if (resource !== null && !URL.canParse(resource)) read.problem("CONSOLE_OIDC_RESOURCE must be an absolute URI (RFC 8707), like https://hub.example.gov.uk/graphql");
  if (issuer === undefined || clientId === undefined || redirectUri === undefined || postLogoutRedirectUri === undefined || (secret === undefined) === (keyFile === undefined)) return null;
  return {
    issuer,
    clientId,
    clientAuthentication: secret !== undefined ? { method: "client_secret_basic", secret } : { method: "private_key_jwt", keyFile: path.resolve(keyFile ?? "") },
    redirectUri,
    postLogoutRedirectUri,
    scopes,
    resource,
    allowInsecure: !production,
  };
}

/** RETENTION_SCHEDULE: five cron fields (Europe/London), or "off"; daily at 02:30 in production, off otherwise. */
function readRetentionSchedule(read: EnvReader, production: boolean): RetentionSchedule {
  const raw = read.string("RETENTION_SCHEDULE", production ? "30 2 * * *" : "off").trim();
  const pollSeconds = read.integer("RETENTION_POLL_SECONDS", 60, 1, 3600);
  if (raw === "off") return { cron: null, pollSeconds };
  if (!/^(\S+\s+){4}\S+$/.test(raw)) read.problem(`RETENTION_SCHEDULE must be five cron fields (minute hour day month weekday) or "off"`);
  return { cron: raw, pollSeconds };
}

function readSigning(read: EnvReader, production: boolean, dataDir: string): SigningConfig {
  const file = read.optionalString("HUB_SIGNING_KEYS_FILE");
  const activeKid = read.optionalString("HUB_SIGNING_KID");
  if (file !== undefined) return { mode: "file", file: path.resolve(file), activeKid };
  if (production) read.problem("HUB_SIGNING_KEYS_FILE must be set in production: the hub's own Ed25519 keys (a JWK set) that sign its webhooks and audit checkpoints");
  if (activeKid !== undefined) read.problem("HUB_SIGNING_KID is set without HUB_SIGNING_KEYS_FILE");
  return { mode: "development", keyDir: path.join(dataDir, "signing-keys") };
}

/** Production's limits unless RATE_LIMITS says otherwise: a person 600 requests a minute, an agency's system 6,000, an agency 12,000. */
const DEFAULT_RATE_LIMITS = "default=600,AGENCY_SYSTEM=6000";

function readRateLimits(read: EnvReader, production: boolean): RateLimitConfig | null {
  const raw = read.string("RATE_LIMITS", production ? DEFAULT_RATE_LIMITS : "off");
  if (raw === "off") return null;
  const perPrincipal: RateLimitConfig["perPrincipal"] = { default: 600 };
  for (const part of raw.split(",").map((entry) => entry.trim()).filter((entry) => entry !== "")) {
    const [name, value] = part.split("=").map((side) => side.trim());
    const points = Number(value);
    if (!Number.isInteger(points) || points < 1 || points > 1_000_000) read.problem(`RATE_LIMITS: ${part} must be ROLE=requests per minute (1 to 1,000,000)`);
    else if (name === "default") perPrincipal.default = points;
    else if (isRole(name)) perPrincipal[name] = points;
    else read.problem(`RATE_LIMITS names ${name}, which is not a role or "default"`);
  }
  return { perPrincipal, perAgency: read.integer("RATE_LIMIT_AGENCY", 12_000, 1, 10_000_000) };
}

/**
 * SEARCH_AUDIT_KEY keys the HMAC that stands for each searched value on the audit trail: in production
 * it must be set (at least 32 characters), since a known key would let anyone holding the trail test
 * guesses of a name against it; elsewhere a fixed development key stands in.
 */
function readSearch(read: EnvReader, production: boolean): SearchSettings {
  const key = read.optionalString("SEARCH_AUDIT_KEY");
  if (key !== undefined && key.length < 32) read.problem("SEARCH_AUDIT_KEY must be at least 32 characters");
  if (key === undefined && production) read.problem("SEARCH_AUDIT_KEY must be set in production (the key of the searched values' HMAC on the audit trail)");
  return {
    auditKey: key ?? DEFAULT_SEARCH_SETTINGS.auditKey,
    maxCandidates: read.integer("SEARCH_MAX_CANDIDATES", DEFAULT_SEARCH_SETTINGS.maxCandidates, 1, 100),
    maxBlocked: read.integer("SEARCH_MAX_BLOCKED", DEFAULT_SEARCH_SETTINGS.maxBlocked, 1, 10_000),
    perMinute: read.integer("SEARCH_RATE_LIMIT", DEFAULT_SEARCH_SETTINGS.perMinute, 1, 10_000),
  };
}

function readTrustedOperations(read: EnvReader, production: boolean): HubConfig["trustedOperations"] {
  const raw = read.string("TRUSTED_OPERATIONS_ROLES", production ? Role.AGENCY_SYSTEM : "");
  const roles = raw.split(",").map((role) => role.trim()).filter((role) => role !== "" && role !== "none");
  for (const role of roles) if (!isRole(role)) read.problem(`TRUSTED_OPERATIONS_ROLES names ${role}, which is not a role (${ROLES.join(", ")}; or "none")`);
  return { manifest: path.resolve(read.string("TRUSTED_OPERATIONS_MANIFEST", "operations/manifest.json")), enforcedFor: roles.filter(isRole) };
}

function readTracing(read: EnvReader): HubConfig["tracing"] {
  const endpoint = read.optionalString("OTEL_EXPORTER_OTLP_ENDPOINT") ?? null;
  if (endpoint !== null && !/^https?:\/\/[^\s]+$/.test(endpoint)) read.problem(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL (got "${endpoint}")`);
  return { endpoint, serviceName: read.string("OTEL_SERVICE_NAME", "safeguarding-hub") };
}

function readMetrics(read: EnvReader, production: boolean): MetricsConfig {
  const port = read.optionalString("METRICS_PORT") === undefined ? null : read.integer("METRICS_PORT", 0, 1, 65535);
  return { port, host: read.string("METRICS_HOST", "127.0.0.1"), onMainPort: port === null && !production };
}

function readAuth(read: EnvReader, nodeEnv: NodeEnvironment, dataDir: string): AuthConfig {
  const jwksUrl = read.optionalString("AUTH_JWKS_URL");
  const jwksFile = read.optionalString("AUTH_JWKS_FILE");
  const algorithms = read.algorithms("AUTH_ALGORITHMS", ["ES256", "ES384", "RS256", "PS256", "EdDSA"]);
  const clockToleranceSeconds = read.integer("AUTH_CLOCK_TOLERANCE_SECONDS", 30, 0, 300);
  // A day by default: the longest a console session lasts (CONSOLE_SESSION_MAX_HOURS ≤ 24), and far longer
  // than an identity provider's access tokens. A stolen token is good for no longer than this.
  const maxTokenLifetimeSeconds = read.integer("AUTH_MAX_TOKEN_LIFETIME_SECONDS", 86_400, 300, 604_800);
  const common = { algorithms, clockToleranceSeconds, maxTokenLifetimeSeconds };

  if (jwksUrl !== undefined && jwksFile !== undefined) {
    read.problem("AUTH_JWKS_URL and AUTH_JWKS_FILE are both set: set one of them");
  }
  if (jwksUrl !== undefined || jwksFile !== undefined) {
    const issuer = read.required("AUTH_ISSUER", "the expected `iss` of callers' tokens");
    const audience = read.required("AUTH_AUDIENCE", "the expected `aud` of callers' tokens");
    if (jwksUrl !== undefined) {
      const url = read.url("AUTH_JWKS_URL", jwksUrl, nodeEnv === "production" ? ["https:"] : ["https:", "http:"]);
      return { mode: "jwks-url", jwksUrl: url ?? new URL("https://invalid.invalid"), issuer, audience, ...common };
    }
    return { mode: "jwks-file", jwksFile: path.resolve(jwksFile ?? ""), issuer, audience, ...common };
  }
  if (nodeEnv === "production") {
    read.problem("AUTH_JWKS_URL or AUTH_JWKS_FILE must be set in production (development keys are never used there)");
  }
  return {
    mode: "development",
    keyDir: path.join(dataDir, "dev-keys"),
    issuer: read.string("AUTH_ISSUER", DEV_ISSUER),
    audience: read.string("AUTH_AUDIENCE", DEFAULT_AUDIENCE),
    ...common,
  };
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  problem(text: string): void {
    this.problems.push(text);
  }

  optionalString(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.optionalString(name) ?? fallback;
  }

  required(name: string, meaning: string): string {
    const value = this.optionalString(name);
    if (value === undefined) this.problem(`${name} is required when a JWKS is configured: ${meaning}`);
    return value ?? "";
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optionalString(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || value < min || value > max) {
      this.problem(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.optionalString(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (["true", "1", "yes"].includes(raw)) return true;
    if (["false", "0", "no"].includes(raw)) return false;
    this.problem(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optionalString(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problem(`${name} must be one of ${allowed.join(", ")} (got "${raw}")`);
    return fallback;
  }

  url(name: string, raw: string, protocols: string[]): URL | undefined {
    try {
      const url = new URL(raw);
      if (protocols.includes(url.protocol)) return url;
      this.problem(`${name} must be a ${protocols.join(" or ")} URL`);
    } catch {
      this.problem(`${name} is not a valid URL`);
    }
    return undefined;
  }

  /** The value is never echoed: a connection string may carry a password. */
  databaseUrl(name: string): string | undefined {
    const raw = this.optionalString(name);
    if (raw === undefined) return undefined;
    try {
      const url = new URL(raw);
      if (url.protocol === "postgres:" || url.protocol === "postgresql:") return raw;
      this.problem(`${name} must be a postgres:// or postgresql:// URL`);
    } catch {
      this.problem(`${name} is not a valid URL (postgres://user:password@host:5432/database)`);
    }
    return undefined;
  }

  algorithms(name: string, fallback: AsymmetricAlgorithm[]): AsymmetricAlgorithm[] {
    const raw = this.optionalString(name);
    if (raw === undefined) return fallback;
    const requested = raw.split(",").map((a) => a.trim()).filter((a) => a !== "");
    const refused = requested.filter((a) => !(ASYMMETRIC_ALGORITHMS as readonly string[]).includes(a));
    if (refused.length > 0 || requested.length === 0) {
      this.problem(`${name} may list only asymmetric algorithms (${ASYMMETRIC_ALGORITHMS.join(", ")}); refused: ${refused.join(", ") || "(empty)"}`);
      return fallback;
    }
    return requested as AsymmetricAlgorithm[];
  }
}
