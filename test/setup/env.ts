// Tests build their own configuration; nothing from the developer's shell (a stray AUTH_JWKS_URL,
// HUB_DATA_DIR or LOG_LEVEL) may leak into them. DATABASE_URL is kept: it selects real PostgreSQL.
for (const name of Object.keys(process.env)) {
  if (/^(AUTH_|HUB_|GRAPHQL_|LOG_LEVEL$|PORT$|HOST$)/.test(name)) delete process.env[name];
}
process.env.NODE_ENV = "test";
