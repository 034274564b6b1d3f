import { type DataSource } from "typeorm";
import { type PostgresDriver } from "typeorm/driver/postgres/PostgresDriver";
import { type Pool, type QueryResultRow } from "pg";
import { sharesOneSession } from "./database";

/**
 * A named prepared statement on the pg pool under TypeORM, for a statement sent on every request of a
 * kind (the child's file, the exclusion alert): PostgreSQL parses and plans a named statement once per
 * connection, where an unnamed one is planned at every call, and planning a join or a data-modifying
 * CTE each time costs more than running it. `name` must always come with the same `text`. (Not on the
 * embedded database, whose connections share one session.)
 */
export async function preparedStatement<T>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  if (sharesOneSession(dataSource)) return dataSource.query<T[]>(text, values);
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  return (await pool.query<T & QueryResultRow>({ name, text, values })).rows;
}
