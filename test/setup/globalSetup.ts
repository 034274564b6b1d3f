import { type GlobalConfig } from "jest";
import { ensureBuilt } from "../support/build";
import { createMigratedTemplate, dropStaleRunDatabases, RUN_VARIABLE, runDatabasePrefix, TEMPLATE_VARIABLE } from "./migratedTemplate";

/**
 * Runs once before the workers start. A whole run builds dist/ here, once, for the suites that run the
 * hub and its commands as processes (a run of chosen suites leaves it to them: test/support/build.ts).
 * On a server, the workers inherit the run's database prefix and the migrated template's name through
 * the environment, and databases a killed run left behind are dropped first.
 */
export default async function globalSetup(globalConfig: GlobalConfig): Promise<void> {
  // A mutation run (test/mutation/) chooses its suites through `testMatch`, not patterns, and runs jest
  // again for every mutant in a sandbox without dist/ or node_modules of its own: building there would
  // fail, and the suites it runs need no dist/ (a process suite still builds its own, test/support/build.ts).
  const mutationRun = process.env.HUB_MUTATION_FOLDER !== undefined;
  if (!globalConfig.testPathPatterns.isSet() && !mutationRun) ensureBuilt();
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl === undefined || serverUrl === "") return;
  await dropStaleRunDatabases(serverUrl);
  const prefix = runDatabasePrefix();
  process.env[RUN_VARIABLE] = prefix;
  process.env[TEMPLATE_VARIABLE] = await createMigratedTemplate(serverUrl, prefix);
}
