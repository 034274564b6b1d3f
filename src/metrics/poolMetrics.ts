import { Gauge } from "prom-client";
import { type DataSource } from "typeorm";
import { registers } from "./hubMetrics";

interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

const watched = new Set<DataSource>();

/** The pg pool behind a TypeORM data source (its driver's `master`), if it has one. */
function poolOf(dataSource: DataSource): PoolCounts | undefined {
  const master = (dataSource.driver as unknown as { master?: Partial<PoolCounts> }).master;
  return master !== undefined && typeof master.totalCount === "number" ? (master as PoolCounts) : undefined;
}

/** Read on every scrape: the connections of each watched pool, summed. */
new Gauge({
  name: "hub_db_pool_connections",
  help: "The database pool's connections (total, idle) and the queries waiting for one.",
  labelNames: ["state"] as const,
  registers,
  collect() {
    const pools = [...watched].map(poolOf).filter((pool) => pool !== undefined);
    this.set({ state: "total" }, pools.reduce((sum, pool) => sum + pool.totalCount, 0));
    this.set({ state: "idle" }, pools.reduce((sum, pool) => sum + pool.idleCount, 0));
    this.set({ state: "waiting" }, pools.reduce((sum, pool) => sum + pool.waitingCount, 0));
  },
});

/** Reports the data source's pool on every scrape; returns the function that stops reporting it. */
export function watchPool(dataSource: DataSource): () => void {
  watched.add(dataSource);
  return () => watched.delete(dataSource);
}
