import "reflect-metadata";
import { ConfigError, loadConfig } from "./config/config";
import { createLogger, describeError } from "./logging/logger";
import { createHub } from "./hub";

/**
 * `npm start`: the hub on embedded PostgreSQL unless DATABASE_URL is set. SIGTERM/SIGINT stop it
 * gracefully: readiness fails at once, in-flight requests finish, then the database closes; if that
 * takes longer than SHUTDOWN_GRACE_MS the process exits anyway.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const started = Date.now();
  const hub = await createHub(config, logger);
  const port = await hub.listen();
  logger.info("hub listening", {
    event: "hub.started",
    host: config.host,
    port,
    mode: hub.database.mode,
    ms: Date.now() - started,
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info("hub stopping", { event: "hub.stopping", signal });
    const force = setTimeout(() => {
      logger.error("shutdown grace period exceeded", { event: "hub.forced_exit" });
      process.exit(1);
    }, config.shutdownGraceMs);
    force.unref();
    hub.stop().then(
      () => {
        logger.info("hub stopped", { event: "hub.stopped" });
        process.exit(0);
      },
      (error: unknown) => {
        logger.error("shutdown failed", { event: "hub.stop_failed", ...describeError(error) });
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`The hub failed to start: ${detail}\n`);
  process.exit(1);
});
