import { randomBytes } from "node:crypto";
import { Client } from "pg";

export interface BenchDatabase {
  /** undefined: embedded PostgreSQL, in memory. */
  url: string | undefined;
  drop(): Promise<void>;
}

/**
 * With DATABASE_URL, a fresh database on that server, dropped afterwards unless `keep` (to inspect
 * plans); otherwise embedded PostgreSQL. Each benchmark run starts from nothing.
 */
export async function benchDatabase(prefix: string, keep = false): Promise<BenchDatabase> {
  const server = process.env.DATABASE_URL;
  if (!server) return { url: undefined, drop: async () => undefined };
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      if (keep) {
        process.stdout.write(`kept database ${name}\n`);
        return;
      }
      const client = new Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
