// `npm start`, `npm run token` and every command run the built JavaScript in dist/. This compiles it
// only when something it is built from changed since the last successful build: a warm start or a
// token then costs a directory walk (milliseconds), not a TypeScript compilation (seconds).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
/** Written after each successful build: its modification time is when dist/ was last brought up to date. */
export const STAMP = join(root, "dist", ".built");
/** What dist/ is built from (tsconfig.build.json's `include`, its configs, the installed packages' lock). */
const SOURCES = ["src", "bench", "ormconfig.ts", "tsconfig.json", "tsconfig.build.json", "package-lock.json"];

function newestChange(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

function builtAt() {
  try {
    return statSync(STAMP).mtimeMs;
  } catch {
    return -1;
  }
}

export function isBuildCurrent() {
  const built = builtAt();
  return built >= 0 && SOURCES.every((source) => newestChange(join(root, source)) <= built);
}

if (process.argv[1] === import.meta.filename) {
  if (process.argv.includes("--force") || !isBuildCurrent()) {
    // The stamp is taken before compiling: a source saved during the build is seen as newer next time.
    const started = new Date();
    const tsc = spawnSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
    if (tsc.status !== 0) process.exit(tsc.status ?? 1);
    writeFileSync(STAMP, `${started.toISOString()}\n`);
    utimesSync(STAMP, started, started);
  }
  prepareEmbeddedTemplate();
}

/**
 * A first start on the embedded database unpacks a migrated template instead of creating and migrating
 * a cluster (src/db/embeddedTemplate.ts); the build makes it when the migrations have none yet. Not
 * fatal: without it the first start migrates as before.
 */
function prepareEmbeddedTemplate() {
  const require = createRequire(import.meta.url);
  const { embeddedTemplateFile } = require(join(root, "dist", "src", "db", "embeddedTemplate.js"));
  if (existsSync(embeddedTemplateFile())) return;
  const made = spawnSync(process.execPath, [join(root, "dist", "src", "cli", "prepareEmbedded.js")], { stdio: "inherit" });
  if (made.status !== 0) process.stderr.write("(the embedded database template was not made: a first start will migrate instead)\n");
}
