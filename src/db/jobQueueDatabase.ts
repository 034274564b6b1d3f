import { type Db as IDatabase } from "pg-boss";
import { type DataSource } from "typeorm";
import { type PostgresDriver } from "typeorm/driver/postgres/PostgresDriver.js";

/**
 * Marks the job queue's own statements (pg-boss's, for webhooks and retention alike), so they can be
 * told apart from the hub's wherever statements are seen: pg_stat_activity and pg_stat_statements for
 * an operator, and the tests that count what a request sends (the queue polls and maintains itself on
 * its own clock, whatever request is in flight).
 */
export const JOB_QUEUE_STATEMENT = "/* job queue */";

/**
 * pg-boss's statements on the hub's own pool (so the embedded database serves the queue as it serves
 * the hub, and no second pool is opened), marked, answered as pg-boss's own pool would answer them.
 */
export function jobQueueDatabase(dataSource: DataSource): IDatabase {
  const pool = (dataSource.driver as PostgresDriver).master as { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };
  return { executeSql: (text, values) => pool.query(`${JOB_QUEUE_STATEMENT} ${text}`, values) };
}
