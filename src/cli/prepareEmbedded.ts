import "./compileCache";
import "reflect-metadata";
import { openDatabase } from "../db/database";
import { createLogger } from "../logging/logger";

/**
 * Run by the build (`build/ensureBuilt.mjs`) when the migrations have no embedded template yet: opens a
 * throwaway in-memory embedded database, which migrates it and keeps it as the template
 * (`db/embeddedTemplate.ts`), so a first `npm start` unpacks a migrated database instead of creating one.
 */
async function main(): Promise<void> {
  const database = await openDatabase({ databaseUrl: undefined, dataDir: "", poolSize: 1, inMemory: true }, createLogger("warn"));
  await database.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`Preparing the embedded database template failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
