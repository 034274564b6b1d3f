import path from "node:path";
import { ConfigError, loadConfig } from "../config";

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration from the environment", () => {
  it("runs embedded, with demo data and development keys, when nothing is set", () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.loadDemoData).toBe(true);
    expect(config.dataDir).toBe(path.resolve(".hub"));
    expect(config.auth.mode).toBe("development");
    expect(config.auth.algorithms).not.toContain("HS256");
    expect(config.port).toBe(4000);
    expect(config.host).toBe("127.0.0.1");
  });

  it("sends webhooks from every process unless told not to, giving up after WEBHOOK_MAX_ATTEMPTS", () => {
    expect(loadConfig({}).webhooks).toEqual({ workers: 2, maxAttempts: 8, retryDelaySeconds: 10, retryDelayMaxSeconds: 3600, timeoutMs: 10_000, pollSeconds: 2 });
    expect(loadConfig({ WEBHOOK_WORKERS: "0", WEBHOOK_MAX_ATTEMPTS: "3" }).webhooks).toMatchObject({ workers: 0, maxAttempts: 3 });
    const problems = problemsOf({ WEBHOOK_WORKERS: "-1", WEBHOOK_MAX_ATTEMPTS: "0", WEBHOOK_TIMEOUT_MS: "10", WEBHOOK_POLL_SECONDS: "0.1" });
    expect(problems.map((problem) => problem.split(" ")[0])).toEqual(["WEBHOOK_WORKERS", "WEBHOOK_MAX_ATTEMPTS", "WEBHOOK_TIMEOUT_MS", "WEBHOOK_POLL_SECONDS"]);
  });

  it("does not load demo data into a real database unless asked", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://hub@db:5432/hub" }).loadDemoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: "postgres://hub@db:5432/hub", HUB_DEMO_DATA: "true" }).loadDemoData).toBe(true);
    expect(loadConfig({ HUB_DEMO_DATA: "false" }).loadDemoData).toBe(false);
  });

  it("reports every bad value at once, each naming its variable", () => {
    const problems = problemsOf({ PORT: "eighty", HUB_DEMO_DATA: "perhaps", LOG_LEVEL: "loud", DATABASE_URL: "mysql://x" });
    expect(problems).toHaveLength(4);
    expect(problems.join("\n")).toMatch(/PORT/);
    expect(problems.join("\n")).toMatch(/HUB_DEMO_DATA/);
    expect(problems.join("\n")).toMatch(/LOG_LEVEL/);
    expect(problems.join("\n")).toMatch(/DATABASE_URL/);
  });

  it("never echoes the database URL, which may hold a password", () => {
    const problems = problemsOf({ DATABASE_URL: "mysql://hub:s3cret-pw@db/hub" });
    expect(problems.join("\n")).not.toContain("s3cret-pw");
  });

  it("refuses to start in production without a JWKS: development keys are never used there", () => {
    expect(problemsOf({ NODE_ENV: "production" }).join("\n")).toMatch(/AUTH_JWKS_URL or AUTH_JWKS_FILE must be set in production/);
  });

  it("requires issuer and audience with a JWKS, and only one JWKS source", () => {
    expect(problemsOf({ AUTH_JWKS_FILE: "/keys.json" }).join("\n")).toMatch(/AUTH_ISSUER.*\n?.*AUTH_AUDIENCE|AUTH_AUDIENCE/s);
    expect(problemsOf({ AUTH_JWKS_FILE: "/k.json", AUTH_JWKS_URL: "https://idp.example/jwks", AUTH_ISSUER: "i", AUTH_AUDIENCE: "a" }).join("\n")).toMatch(/both set/);
  });

  it("refuses to start in production without the hub's own signing keys, and takes them from a file elsewhere too", () => {
    const production = { NODE_ENV: "production", AUTH_JWKS_URL: "https://idp.example/jwks", AUTH_ISSUER: "i", AUTH_AUDIENCE: "a" };
    expect(problemsOf(production).join("\n")).toMatch(/HUB_SIGNING_KEYS_FILE must be set in production/);
    expect(loadConfig({ ...production, HUB_SIGNING_KEYS_FILE: "/keys/hub.json", HUB_SIGNING_KID: "k2", SEARCH_AUDIT_KEY: "a-test-search-audit-key-of-32-characters" }).signing).toEqual({ mode: "file", file: "/keys/hub.json", activeKid: "k2" });
    expect(loadConfig({ HUB_DATA_DIR: "/tmp/hub-x" }).signing).toEqual({ mode: "development", keyDir: "/tmp/hub-x/signing-keys" });
    expect(problemsOf({ HUB_SIGNING_KID: "k2" }).join("\n")).toMatch(/HUB_SIGNING_KID is set without HUB_SIGNING_KEYS_FILE/);
  });

  it("keeps the console's session cookie Secure in production, and its session limits within bounds", () => {
    const production = { NODE_ENV: "production", AUTH_JWKS_URL: "https://idp.example/jwks", AUTH_ISSUER: "i", AUTH_AUDIENCE: "a", HUB_SIGNING_KEYS_FILE: "/keys/hub.json", SEARCH_AUDIT_KEY: "a-test-search-audit-key-of-32-characters" };
    expect(loadConfig(production).console).toEqual({ idleMinutes: 30, maxHours: 10, secureCookie: true, openIdConnect: null });
    expect(problemsOf({ ...production, CONSOLE_SECURE_COOKIE: "false" }).join("\n")).toMatch(/CONSOLE_SECURE_COOKIE may not be false in production/);
    expect(problemsOf({ CONSOLE_SESSION_IDLE_MINUTES: "0", CONSOLE_SESSION_MAX_HOURS: "48" })).toHaveLength(2);
    expect(loadConfig({}).console.secureCookie).toBe(false);
  });

  it("reads the console's OpenID Connect client all or nothing, https only in production, with each problem named", () => {
    const production = { NODE_ENV: "production", AUTH_JWKS_URL: "https://idp.example/jwks", AUTH_ISSUER: "https://idp.example", AUTH_AUDIENCE: "a", HUB_SIGNING_KEYS_FILE: "/keys/hub.json", SEARCH_AUDIT_KEY: "a-test-search-audit-key-of-32-characters" };
    const client = { CONSOLE_OIDC_ISSUER: "https://idp.example", CONSOLE_OIDC_CLIENT_ID: "hub-console", CONSOLE_OIDC_CLIENT_SECRET: "s3cret", CONSOLE_OIDC_REDIRECT_URI: "https://hub.example/console/sign-in/callback" };
    expect(loadConfig({ ...production, ...client }).console.openIdConnect).toEqual({
      issuer: new URL("https://idp.example"), clientId: "hub-console", clientAuthentication: { method: "client_secret_basic", secret: "s3cret" },
      redirectUri: new URL("https://hub.example/console/sign-in/callback"), postLogoutRedirectUri: new URL("https://hub.example/console/signed-out"),
      scopes: ["openid", "profile"], resource: null, allowInsecure: false,
    });
    expect(loadConfig({ ...production, ...client, CONSOLE_OIDC_CLIENT_SECRET: "", CONSOLE_OIDC_CLIENT_KEY_FILE: "/keys/console.jwk.json" }).console.openIdConnect?.clientAuthentication).toEqual({ method: "private_key_jwt", keyFile: "/keys/console.jwk.json" });
    const problems = problemsOf({ ...production, CONSOLE_OIDC_ISSUER: "http://idp.example", CONSOLE_OIDC_CLIENT_SECRET: "s", CONSOLE_OIDC_CLIENT_KEY_FILE: "/k.json", CONSOLE_OIDC_REDIRECT_URI: "https://hub.example/callback", CONSOLE_OIDC_SCOPES: "profile" }).join("\n");
    for (const problem of [/CONSOLE_OIDC_ISSUER must be a https: URL/, /CONSOLE_OIDC_CLIENT_ID is required/, /Set one of CONSOLE_OIDC_CLIENT_SECRET/, /CONSOLE_OIDC_REDIRECT_URI must end in \/console\/sign-in\/callback/, /CONSOLE_OIDC_SCOPES must include openid/]) expect(problems).toMatch(problem);
    expect(problemsOf({ CONSOLE_OIDC_CLIENT_ID: "hub-console" }).join("\n")).toMatch(/CONSOLE_OIDC_CLIENT_ID set without CONSOLE_OIDC_ISSUER/);
    // The console sends the provider's access tokens to the hub: the hub must verify them, not its development keys.
    expect(problemsOf({ ...client }).join("\n")).toMatch(/CONSOLE_OIDC_ISSUER is set but the hub verifies tokens against its own development keys/);
  });

  it("requires an https JWKS URL in production", () => {
    const env = { NODE_ENV: "production", AUTH_JWKS_URL: "http://idp.example/jwks", AUTH_ISSUER: "i", AUTH_AUDIENCE: "a" };
    expect(problemsOf(env).join("\n")).toMatch(/AUTH_JWKS_URL must be a https: URL/);
  });

  it.each(["HS256", "none", "ES256,HS512"])("refuses the symmetric or unsigned algorithm list %s", (algorithms) => {
    expect(problemsOf({ AUTH_ALGORITHMS: algorithms }).join("\n")).toMatch(/AUTH_ALGORITHMS may list only asymmetric algorithms/);
  });

  it("masks errors and turns introspection off in production by default", () => {
    const config = loadConfig({ NODE_ENV: "production", AUTH_JWKS_URL: "https://idp.example/jwks", AUTH_ISSUER: "i", AUTH_AUDIENCE: "a", HUB_SIGNING_KEYS_FILE: "/run/secrets/hub-signing-keys.json", SEARCH_AUDIT_KEY: "a-test-search-audit-key-of-32-characters" });
    expect(config.graphql.introspection).toBe(false);
    expect(config.host).toBe("0.0.0.0");
  });

  it("refuses to start in production without a search audit key, and takes no short key anywhere", () => {
    const production = { NODE_ENV: "production", AUTH_JWKS_URL: "https://idp.example/jwks", AUTH_ISSUER: "i", AUTH_AUDIENCE: "a" };
    expect(problemsOf(production).join("\n")).toMatch(/SEARCH_AUDIT_KEY must be set in production/);
    expect(problemsOf({ SEARCH_AUDIT_KEY: "short" }).join("\n")).toMatch(/SEARCH_AUDIT_KEY must be at least 32 characters/);
    expect(loadConfig({ SEARCH_AUDIT_KEY: "a-test-search-audit-key-of-32-characters", SEARCH_MAX_CANDIDATES: "5" }).search).toEqual({ auditKey: "a-test-search-audit-key-of-32-characters", maxCandidates: 5, maxBlocked: 2000, perMinute: 30 });
  });

  it("bounds every wait on the database by default, and takes each bound from the environment", () => {
    expect(loadConfig({}).databaseTimeouts).toEqual({ statementMs: 30000, lockMs: 10000, idleInTransactionMs: 60000, connectMs: 10000 });
    const config = loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: "5000", DATABASE_LOCK_TIMEOUT_MS: "2000", DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: "15000", DATABASE_CONNECT_TIMEOUT_MS: "3000" });
    expect(config.databaseTimeouts).toEqual({ statementMs: 5000, lockMs: 2000, idleInTransactionMs: 15000, connectMs: 3000 });
  });

  it("refuses a database timeout that is not a whole number of milliseconds in range: 0 would mean wait for ever", () => {
    const problems = problemsOf({ DATABASE_STATEMENT_TIMEOUT_MS: "0", DATABASE_LOCK_TIMEOUT_MS: "soon", DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: "-1", DATABASE_CONNECT_TIMEOUT_MS: "1.5" });
    expect(problems).toHaveLength(4);
    for (const name of ["DATABASE_STATEMENT_TIMEOUT_MS", "DATABASE_LOCK_TIMEOUT_MS", "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS", "DATABASE_CONNECT_TIMEOUT_MS"]) {
      expect(problems.join("\n")).toMatch(new RegExp(`${name} must be a whole number`));
    }
  });
});
