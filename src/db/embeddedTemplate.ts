import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { MIGRATIONS } from "./migrations";

/**
 * A fresh embedded database starts from a template: PGlite's data directory as it stands after
 * `initdb` and every migration, dumped once and kept in `node_modules/.cache/safeguarding-hub/`.
 * Creating a PostgreSQL cluster in WASM (`initdb`) and migrating it is most of a first start (and of
 * every embedded test file's set-up); unpacking the template is a fraction of it. The template is
 * named by what it was made from — the PGlite version and every migration's name and code — so a new
 * migration or PGlite release makes a new one, and a stale one is never used. It holds the schema and
 * the migrations table, never data: it is dumped right after migrating, before anything is written.
 */
const REPOSITORY_ROOT = repositoryRoot();
const CACHE_DIR = path.join(REPOSITORY_ROOT, "node_modules", ".cache", "safeguarding-hub");

/** `<root>/src/db` under jest, `<root>/dist/src/db` once built. */
function repositoryRoot(): string {
  const above = path.resolve(__dirname, "..", "..");
  return path.basename(above) === "dist" ? path.dirname(above) : above;
}

function pgliteVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, "node_modules", "@electric-sql", "pglite", "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

export function embeddedTemplateFile(): string {
  const hash = createHash("sha256").update(`pglite ${pgliteVersion()}\n`);
  // The code of `up` as text: a changed migration makes another template.
  for (const migration of MIGRATIONS) hash.update(`${migration.name}\n${String(Object.getOwnPropertyDescriptor(migration.prototype, "up")?.value)}\n`);
  return path.join(CACHE_DIR, `embedded-${hash.digest("hex").slice(0, 20)}.tar.gz`);
}

/** The template for the current migrations, or null when none has been made yet. */
export function readEmbeddedTemplate(): Blob | null {
  try {
    return new Blob([fs.readFileSync(embeddedTemplateFile())]);
  } catch {
    return null;
  }
}

/**
 * Keeps a freshly migrated data directory's dump as the template. Best effort: a cache that cannot be
 * written (a read-only install) only means the next fresh start migrates again. Written to a temporary
 * file and renamed, so two processes making it at once leave one whole template.
 */
export async function saveEmbeddedTemplate(dump: () => Promise<Blob>): Promise<void> {
  const file = embeddedTemplateFile();
  if (fs.existsSync(file)) return;
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    fs.writeFileSync(temporary, Buffer.from(await (await dump()).arrayBuffer()));
    fs.renameSync(temporary, file);
  } catch {
    fs.rmSync(temporary, { force: true });
  }
}
