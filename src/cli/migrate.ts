import "./compileCache";
import "reflect-metadata";
import { loadConfig } from "../config/config";
import { openDatabase } from "../db/database";
import { createLogger } from "../logging/logger";

/**
 * `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database) and exits,
 * for deployments that migrate as a separate step before starting new hub processes. Beside a running
 * embedded hub it migrates through the hub's socket.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2, timeouts: config.databaseTimeouts, opener: { role: "command", name: "npm run migrate" } },
    logger,
  );
  await database.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
