import { execFileSync } from "node:child_process";
import path from "node:path";

/** The repository's root: where `npm start` and `npm run <command>` run from. */
const root = path.resolve(__dirname, "../..");

/**
 * Brings dist/ up to date for the suites that run the hub or its commands as processes, as `npm start`
 * and `npm run <command>` do (build/ensureBuilt.mjs): a TypeScript build when something it is built from
 * changed since the last build, otherwise a directory walk of milliseconds. A whole run builds once, in
 * jest's global set-up (test/setup/globalSetup.ts), before any worker starts; a run of chosen suites
 * builds here, in the first of them that needs it.
 */
export function ensureBuilt(): void {
  execFileSync(process.execPath, [path.join(root, "build/ensureBuilt.mjs")], { cwd: root, stdio: "ignore" });
}
