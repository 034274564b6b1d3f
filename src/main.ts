import "./cli/compileCache";
// Before anything it instruments (http, express, graphql, pg) is loaded.
import "./tracing/register";
import "reflect-metadata";
import { ConfigError, loadConfig } from "./config/config";
import { createLogger, describeError } from "./logging/logger";
import { createHub } from "./hub";
import { stopTracing } from "./tracing/startTracing";

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
  // Listening before the demo data is loaded: /healthz answers at once, /readyz once the hub is ready.
  const hub = await createHub(config, logger, { serveWhileStarting: true });
  const port = await hub.listen();
  logger.info("hub listening", { event: "hub.started", host: config.host, port, mode: hub.database.mode, ms: Date.now() - started });
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
    // The spans of the last requests are sent before the process ends.
    hub.stop().then(() => stopTracing()).then(
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

  try {
    await hub.ready;
  } catch (error) {
    if (stopping) return;
    throw error;
  }
  if (stopping) return;
  logger.info("hub ready", { event: "hub.ready", ms: Date.now() - started });
  // One line for the person who typed `npm start`, whatever the log format: the API's address and the
  // console's. Scripts wait for it: its first part, up to `/graphql`, stays as it has always been.
  const origin = `http://${displayHost(config.host)}:${port}`;
  process.stdout.write(`Hub ready at ${origin}/graphql and its console at ${origin}/console\n`);
}

/** Where a person on this machine reaches the hub: a wildcard address is reached as the loopback one. */
function displayHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

main().catch((error: unknown) => {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`The hub failed to start: ${detail}\n`);
  process.exit(1);
});
