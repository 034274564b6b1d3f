/**
 * `npm run test:mutation [-- <folder>… [stryker options]]`: Stryker over one source folder at a time, the
 * five that guard disclosure by default, each with its own incremental file and report
 * (stryker.config.mjs). Runs under Node's type stripping, so it uses only erasable TypeScript.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The code that decides, records and authenticates a disclosure (HUB.md §2 principles 3–5). */
const GUARD_FOLDERS = ["policy", "disclosure", "audit", "auth", "consent"];

interface MutantReport {
  files: Record<string, { mutants: { status: string }[] }>;
}

interface FolderScore {
  folder: string;
  killed: number;
  timedOut: number;
  survived: number;
  noCoverage: number;
  ignored: number;
  errors: number;
  score: number | null;
}

const args = process.argv.slice(2);
const strykerOptions = args.filter((arg) => arg.startsWith("-"));
const named = args.filter((arg) => !arg.startsWith("-")).map((arg) => arg.replace(/^src\//, "").replace(/\/+$/, ""));
const folders = named.length > 0 ? named : GUARD_FOLDERS;

const unknown = folders.filter((folder) => !/^[a-z][a-zA-Z]*$/.test(folder) || !existsSync(join("src", folder)) || !statSync(join("src", folder)).isDirectory());
if (unknown.length > 0) {
  process.stderr.write(`Not a source folder: ${unknown.join(", ")}. Usage: npm run test:mutation -- [${GUARD_FOLDERS.join("|")}|src/<folder>]… [stryker options]\n`);
  process.exit(2);
}

/** Stryker's mutation score: detected (killed or timed out) over every mutant that ran or had no test. */
function scoreOf(folder: string): FolderScore | null {
  const file = join("reports", "mutation", folder, "mutation.json");
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, "utf8")) as MutantReport;
  const count: Record<string, number> = {};
  for (const { mutants } of Object.values(report.files)) for (const { status } of mutants) count[status] = (count[status] ?? 0) + 1;
  const n = (status: string) => count[status] ?? 0;
  const detected = n("Killed") + n("Timeout");
  const valid = detected + n("Survived") + n("NoCoverage");
  return {
    folder,
    killed: n("Killed"),
    timedOut: n("Timeout"),
    survived: n("Survived"),
    noCoverage: n("NoCoverage"),
    ignored: n("Ignored"),
    errors: n("CompileError") + n("RuntimeError"),
    score: valid === 0 ? null : (100 * detected) / valid,
  };
}

/**
 * The stored results are committed: keep what incremental runs reuse (status, location, which tests
 * cover and kill each mutant) and drop the failure messages and the project's path, which name this
 * machine's folders and change on every run.
 */
function tidyIncrementalFile(folder: string): void {
  const file = join("test", "mutation", "incremental", `${folder}.json`);
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8")) as { projectRoot?: string; files: Record<string, { mutants: { statusReason?: string }[] }> };
  delete report.projectRoot;
  for (const { mutants } of Object.values(report.files)) for (const mutant of mutants) delete mutant.statusReason;
  writeFileSync(file, `${JSON.stringify(report, null, 2).replaceAll(`${process.cwd()}/`, "")}\n`);
}

const strykerBin = join("node_modules", "@stryker-mutator", "core", "bin", "stryker.js");
const failed: string[] = [];
for (const folder of folders) {
  process.stdout.write(`\n== mutation testing src/${folder}\n`);
  const run = spawnSync(process.execPath, [strykerBin, "run", "stryker.config.mjs", ...strykerOptions], {
    stdio: "inherit",
    env: { ...process.env, HUB_MUTATION_FOLDER: folder },
  });
  tidyIncrementalFile(folder);
  if (run.status !== 0) failed.push(folder);
}

process.stdout.write("\nfolder       score   killed  timeout  survived  no-cov  ignored  errors\n");
for (const folder of folders) {
  const s = scoreOf(folder);
  if (s === null) {
    process.stdout.write(`${folder.padEnd(12)} (no report)\n`);
    continue;
  }
  const score = s.score === null ? "n/a" : `${s.score.toFixed(2)}%`;
  process.stdout.write(
    `${folder.padEnd(12)} ${score.padStart(7)} ${String(s.killed).padStart(8)} ${String(s.timedOut).padStart(8)} ${String(s.survived).padStart(9)} ${String(s.noCoverage).padStart(7)} ${String(s.ignored).padStart(8)} ${String(s.errors).padStart(7)}\n`,
  );
}
if (failed.length > 0) {
  process.stderr.write(`Stryker failed for: ${failed.join(", ")}\n`);
  process.exit(1);
}
