import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { ErrorCode, HubError } from "../../errors/HubError";
import { isImportTallies, type ImportTallies } from "./ImportTallies";

/** Which file an import reads: its content, not its name, so a renamed copy resumes and an edited file does not. */
export interface ImportedFile {
  sha256: string;
  size: number;
}

/**
 * How far an import of one file has got. Written every few records and when the import stops, so a
 * later run of the same file resumes after `lastLine` with the tallies so far. It names the file by
 * hash and the agency by code, and holds counts: nothing about any child.
 */
export interface ImportCheckpoint {
  version: 1;
  file: ImportedFile & { name: string };
  agencyCode: string;
  /** The last line whose record was fully dealt with: submitted or refused, and tallied. */
  lastLine: number;
  /** The whole file has been read: running it again does nothing (unless restarted). */
  complete: boolean;
  tallies: ImportTallies;
  updatedAt: string;
}

export async function fingerprintFile(filePath: string): Promise<ImportedFile> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(filePath)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), size };
}

/** The checkpoint at `checkpointPath`, or null when there is none yet. */
export async function readCheckpoint(checkpointPath: string): Promise<ImportCheckpoint | null> {
  let text: string;
  try {
    text = await fs.readFile(checkpointPath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  let checkpoint: unknown;
  try {
    checkpoint = JSON.parse(text);
  } catch {
    checkpoint = null;
  }
  if (!isImportCheckpoint(checkpoint)) {
    throw new HubError(ErrorCode.INVALID_INPUT, `${checkpointPath} is not an import checkpoint: move it aside, or pass --restart to import the file from its first line.`, { path: "checkpoint" });
  }
  return checkpoint;
}

/**
 * Written to a temporary file, flushed, then renamed over the old one: a crash leaves either the old
 * checkpoint or the new one, never half of one.
 */
export async function writeCheckpoint(checkpointPath: string, checkpoint: ImportCheckpoint): Promise<void> {
  const temporary = path.join(path.dirname(checkpointPath), `.${path.basename(checkpointPath)}.${process.pid}.tmp`);
  try {
    const handle = await fs.open(temporary, "w");
    try {
      await handle.writeFile(`${JSON.stringify(checkpoint, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, checkpointPath);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

/** A checkpoint resumes only the import it was written for: the same file content, for the same agency. */
export function assertCheckpointFits(checkpoint: ImportCheckpoint, checkpointPath: string, file: ImportedFile, agencyCode: string): void {
  if (checkpoint.file.sha256 !== file.sha256 || checkpoint.file.size !== file.size) {
    throw new HubError(
      ErrorCode.INVALID_INPUT,
      `${checkpointPath} records an import of another file (${checkpoint.file.name}, SHA-256 ${checkpoint.file.sha256.slice(0, 12)}…), or of this file before it changed. ` +
        "Name another checkpoint with --checkpoint, or pass --restart to import this file from its first line.",
      { path: "checkpoint" },
    );
  }
  if (checkpoint.agencyCode !== agencyCode) {
    throw new HubError(
      ErrorCode.INVALID_INPUT,
      `${checkpointPath} records an import for agency ${checkpoint.agencyCode}, not ${agencyCode}: name another checkpoint with --checkpoint, or pass --restart.`,
      { path: "checkpoint" },
    );
  }
}

function isImportCheckpoint(value: unknown): value is ImportCheckpoint {
  if (value === null || typeof value !== "object") return false;
  const { version, file, agencyCode, lastLine, complete, tallies } = value as Record<string, unknown>;
  const { sha256, size, name } = (file ?? {}) as Record<string, unknown>;
  return (
    version === 1 &&
    typeof sha256 === "string" && /^[0-9a-f]{64}$/.test(sha256) &&
    Number.isSafeInteger(size) &&
    typeof name === "string" &&
    typeof agencyCode === "string" &&
    Number.isSafeInteger(lastLine) && (lastLine as number) >= 0 &&
    typeof complete === "boolean" &&
    isImportTallies(tallies)
  );
}
