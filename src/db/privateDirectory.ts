import fs from "node:fs";

/**
 * Makes `dir` (and any missing parents) a directory only its owner can enter: mode 0700, owned by the
 * user the hub runs as. The hub's data directory holds the database, its socket and the development
 * signing keys; another local user who could enter it could read every child's record or mint tokens.
 * A directory that is wider is narrowed; one owned by someone else (a symbolic link is followed, so a
 * link planted to a stranger's directory is refused too) is refused.
 */
export function ensurePrivateDirectory(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    // A file in the way: reported below.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const stat = fs.statSync(dir);
  if (!stat.isDirectory()) throw new PrivateDirectoryError(`${dir} is not a directory.`);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new PrivateDirectoryError(`${dir} belongs to another user (uid ${stat.uid}); the hub runs as uid ${uid} and keeps its data only in a directory it owns.`);
  }
  if ((stat.mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
}

export class PrivateDirectoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PrivateDirectoryError";
  }
}
