import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/** The repository's root, from `dist/bench/harness`. */
const ROOT = path.resolve(__dirname, "../../..");

export interface HubProcess {
  port: number;
  process: ChildProcess;
  /** Its output so far (warnings and errors only: LOG_LEVEL=warn), for a report when it fails. */
  output(): string;
}

/**
 * A built hub (`dist/src/main.js`) as an operator runs it, on `port`, against `databaseUrl`, with
 * development keys in `dataDir` (every hub sharing a directory accepts the same tokens). Settles once
 * it prints `Hub ready at …`; rejects if it exits first.
 */
export function startHubProcess(port: number, databaseUrl: string, dataDir: string, demoData: boolean): Promise<HubProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "development", HUB_DATA_DIR: dataDir, HUB_DEMO_DATA: String(demoData), PORT: String(port), LOG_LEVEL: "warn", DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: "20", RATE_LIMITS: "off" };
  const child = spawn(process.execPath, [path.join(ROOT, "dist/src/main.js")], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    let ready = false;
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (!ready && /^Hub ready at (http:\/\/127\.0\.0\.1:\d+)\/graphql and its console at \1\/console$/m.test(output)) {
        ready = true;
        resolve({ port, process: child, output: () => output });
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code, signal) => {
      if (!ready) reject(new Error(`hub on port ${port} exited (${String(code ?? signal)}) before it was ready: ${output.slice(-2000)}`));
    });
  });
}

/** Sends `signal` and settles once the process has exited. */
export function stopHubProcess(hub: HubProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return new Promise((resolve) => {
    if (hub.process.exitCode !== null || hub.process.signalCode !== null) return resolve();
    hub.process.once("exit", () => resolve());
    hub.process.kill(signal);
  });
}

/** Settles once the hub on `port` answers `/readyz` with 200 (its database reachable again). */
export async function waitUntilReady(port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((response) => response.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`hub on port ${port} not ready after ${timeoutMs} ms`);
}
