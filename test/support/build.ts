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

/**
 * The node flags a process suite starts the build with, before the script: the hub or command itself
 * runs as `npm start` and `npm run <command>` run it. `--liftoff-only` keeps the embedded database's
 * WebAssembly (PGlite) on V8's baseline compiler. A test's hub or command lives for seconds, too short
 * to repay optimising PostgreSQL's hot functions, and that optimising ran on background threads: about
 * 0.7 s of CPU per process (`audit:verify` 1.75 s → 1.0 s, `migrate` 1.7 s → 1.1 s), taken from the
 * other suites running beside it. What the code does is V8's to keep the same under either compiler.
 */
export const BUILD_NODE_FLAGS = ["--liftoff-only"];
