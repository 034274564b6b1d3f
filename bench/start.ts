import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";

/**
 * `npm run bench:start [-- --warm 5 --tokens 5]`
 *
 * How long a person waits, on embedded PostgreSQL, build excluded (the build is brought up to date
 * first): `npm start` on a fresh data directory until it prints `Hub ready at …` (first start, demo data
 * loaded), the same again on that directory (warm start, the median of `--warm`), and `npm run token`
 * until it prints a token (the median of `--tokens`). Each is timed as the command a person types, npm
 * included, with nothing else of the hub running.
 */
const options = new Command()
  .option("--warm <n>", "warm starts to time", "5")
  .option("--tokens <n>", "token commands to time", "5")
  .parse()
  .opts<{ warm: string; tokens: string }>();

const ROOT = path.resolve(__dirname, "../..");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Seconds from spawning `npm start` to its ready line; the hub is then stopped as a person would (SIGINT). */
function timeStart(dataDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(NPM, ["start", "--silent"], { cwd: ROOT, env: { ...process.env, HUB_DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "warn", DATABASE_URL: "" }, detached: true });
    let output = "";
    let ready: number | null = null;
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (ready === null && output.includes("Hub ready at")) {
        ready = Number(process.hrtime.bigint() - started) / 1e9;
        process.kill(-(child.pid as number), "SIGINT");
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", () => (ready === null ? reject(new Error(`the hub stopped before it was ready:\n${output}`)) : resolve(ready)));
  });
}

function timeToken(): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(NPM, ["run", "--silent", "token", "--", "--role", "MASH_PRACTITIONER", "--agency", "LA-E06000060", "--agency-type", "CHILDRENS_SOCIAL_CARE", "--la", "E06000060"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: "" }, encoding: "utf8" });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0 || !/^ey/m.test(result.stdout)) throw new Error(`npm run token failed:\n${result.stdout}${result.stderr}`);
  return elapsed;
}

async function main(): Promise<void> {
  // The build brought up to date once, so no timing below includes compiling.
  spawnSync(process.execPath, [path.join(ROOT, "build/ensureBuilt.mjs")], { cwd: ROOT, stdio: "inherit" });
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-start-"));
  try {
    const dataDir = path.join(directory, "data");
    const first = await timeStart(dataDir);
    process.stdout.write(`first start (fresh data directory, demo data): ${first.toFixed(2)} s   (target ≤ 10 s)\n`);
    const warm: number[] = [];
    for (let round = 0; round < Number(options.warm); round += 1) warm.push(await timeStart(dataDir));
    process.stdout.write(`warm start: median ${median(warm).toFixed(2)} s of ${warm.map((s) => s.toFixed(2)).join(", ")}   (target ≤ 3 s)\n`);
    const tokens = Array.from({ length: Number(options.tokens) }, timeToken);
    process.stdout.write(`npm run token: median ${median(tokens).toFixed(2)} s of ${tokens.map((s) => s.toFixed(2)).join(", ")}   (target ≤ 1 s)\n`);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
