import { dropRunDatabases, RUN_VARIABLE } from "./migratedTemplate";

/** On a server: drops the run's databases, the template and every suite's copy, at once (`migratedTemplate.ts`). */
export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  const prefix = process.env[RUN_VARIABLE];
  if (serverUrl === undefined || serverUrl === "" || prefix === undefined) return;
  await dropRunDatabases(serverUrl, prefix);
}
