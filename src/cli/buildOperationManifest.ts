import "./compileCache";
import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { buildHubSchema } from "../graphql/buildHubSchema";
import { buildOperationManifest } from "../graphql/trustedOperations/buildOperationManifest";

/**
 * `npm run operations:manifest -- operations --out operations/manifest.json`: the trusted operations
 * manifest (Apollo's persisted query manifest format) from `.graphql` files or folders of them.
 */
async function main(): Promise<void> {
  const program = new Command()
    .name("npm run operations:manifest --")
    .description("Build the trusted operations manifest from .graphql files.")
    .argument("<files...>", ".graphql files, or folders of them")
    .option("--out <file>", "where to write the manifest", "operations/manifest.json")
    .showHelpAfterError();
  program.parse();
  const files = program.args
    .flatMap((entry) => (fs.statSync(entry).isDirectory() ? fs.readdirSync(entry).filter((name) => name.endsWith(".graphql")).map((name) => path.join(entry, name)) : [entry]))
    .sort();
  const built = buildOperationManifest(await buildHubSchema(), files);
  if ("problems" in built) {
    process.stderr.write(`${built.problems.join("\n")}\n`);
    process.exit(1);
  }
  const out = program.opts<{ out: string }>().out;
  fs.writeFileSync(out, `${JSON.stringify(built.manifest, null, 2)}\n`);
  process.stdout.write(`wrote ${out}: ${built.manifest.operations.length} operations from ${files.length} file(s)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
