import "reflect-metadata";
import { DataSource, type DataSourceOptions } from "typeorm";
import { ENTITIES } from "./src/db/entities";
import { MIGRATIONS } from "./src/db/migrations";
import { SnakeNamingStrategy } from "./src/db/SnakeNamingStrategy";

/**
 * The one definition of how the hub talks to PostgreSQL. The hub builds its DataSource from this with
 * either `DATABASE_URL` or the embedded server's address; the TypeORM CLI uses the default export.
 * The schema comes only from migrations: `synchronize` is never on.
 */
export function hubDataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: "postgres",
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: "schema_migration",
    migrationsTransactionMode: "each",
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: "pgcrypto",
    installExtensions: false,
    poolSize,
    applicationName: "safeguarding-hub",
    logging: false,
  };
}

export default new DataSource(hubDataSourceOptions(process.env.DATABASE_URL ?? "postgres://127.0.0.1:5432/hub"));
