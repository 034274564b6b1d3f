import http from "node:http";
import express, { type RequestHandler } from "express";
import { metricsRegistry } from "./hubMetrics";
import "./poolMetrics";

/** `GET /metrics` in Prometheus' text format. */
export const serveMetrics: RequestHandler = (_req, res, next) => {
  metricsRegistry.metrics().then((text) => {
    res.setHeader("content-type", metricsRegistry.contentType);
    res.setHeader("cache-control", "no-store");
    res.end(text);
  }, next);
};

/**
 * `/metrics` on a port of its own (METRICS_PORT, bound to METRICS_HOST), so an operator can expose it
 * to the monitoring network only. Resolves with the listening server.
 */
export async function startMetricsServer(host: string, port: number): Promise<http.Server> {
  const app = express();
  app.disable("x-powered-by");
  app.get("/metrics", serveMetrics);
  app.use((_req, res) => {
    res.status(404).json({ error: "NOT_FOUND", message: "This port serves /metrics only." });
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
