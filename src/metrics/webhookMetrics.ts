import { Gauge } from "prom-client";
import { type DataSource } from "typeorm";
import { registers } from "./hubMetrics";

const watched = new Set<DataSource>();

/**
 * Read on every scrape: webhook deliveries by status (PENDING is the backlog still being tried, DEAD
 * what waits for an IG lead). Counted in the database, so every hub process reports the same backlog.
 */
new Gauge({
  name: "hub_webhook_deliveries",
  help: "Webhook deliveries by status: PENDING (the backlog), DELIVERED, DEAD (waiting for an IG lead's replay).",
  labelNames: ["status"] as const,
  registers,
  async collect() {
    const counts = new Map<string, number>([["PENDING", 0], ["DELIVERED", 0], ["DEAD", 0]]);
    for (const dataSource of watched) {
      if (!dataSource.isInitialized) continue;
      const rows = (await dataSource.query(`SELECT status, count(*)::int AS count FROM webhook_delivery GROUP BY status`).catch(() => [])) as { status: string; count: number }[];
      for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + row.count);
    }
    for (const [status, count] of counts) this.set({ status }, count);
  },
});

/** Reports the data source's webhook deliveries on every scrape; returns the function that stops it. */
export function watchWebhooks(dataSource: DataSource): () => void {
  watched.add(dataSource);
  return () => watched.delete(dataSource);
}
