import fs from "node:fs";
import { tryLock, unlock } from "fs-native-extensions";

/** Who has the embedded data directory open, as recorded in its lock file. */
export interface LockHolder {
  pid: number;
  /** The hub serves the database to other processes through its socket; a command keeps it to itself. */
  role: "hub" | "command";
  /** What the holder is, for the message another process shows: "the hub", "npm run import:records". */
  name: string;
  /** A hub sets this once its migrations are done: only then may commands connect through it. */
  serving: boolean;
}

export type LockAttempt = { acquired: true; lock: DataDirectoryLock } | { acquired: false; holder: LockHolder | undefined };

/**
 * An exclusive lock on the embedded data directory, so two processes never open one PGlite data
 * directory at once (PGlite has no locking of its own: both would run and each would overwrite the
 * other's pages). The lock is the operating system's (an open-file-description lock on Linux, flock
 * on macOS) on `<data dir>/pgdata.lock`, so it is released by the kernel when the holder exits, however
 * it exits: a lock file left behind by a crashed hub is never mistaken for a live one, and there is no
 * timer to judge staleness by (PGlite runs each statement synchronously, and a timer-refreshed lock
 * would look stale during a long one). The file records the holder's pid, role and name for the
 * message a refused process shows; the file is never deleted, since deleting a lock file while another
 * process has it open lets two processes lock two different files.
 */
export class DataDirectoryLock {
  private constructor(private fd: number | undefined) {}

  static tryAcquire(lockPath: string, holder: LockHolder): LockAttempt {
    const fd = fs.openSync(lockPath, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o600);
    let granted = false;
    try {
      granted = tryLock(fd);
    } finally {
      if (!granted) fs.closeSync(fd);
    }
    if (!granted) return { acquired: false, holder: readHolder(lockPath) };
    const lock = new DataDirectoryLock(fd);
    lock.record(holder);
    return { acquired: true, lock };
  }

  /** Rewrites who holds the directory, for the processes that find it locked. */
  record(holder: LockHolder): void {
    if (this.fd === undefined) return;
    fs.ftruncateSync(this.fd, 0);
    fs.writeSync(this.fd, `${JSON.stringify(holder)}\n`, 0);
  }

  release(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    fs.ftruncateSync(fd, 0);
    unlock(fd);
    fs.closeSync(fd);
  }
}

/** The holder as it wrote itself; undefined while it has locked the file but not yet written it. */
function readHolder(lockPath: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, "utf8")) as Partial<LockHolder>;
    if (typeof parsed.pid === "number" && (parsed.role === "hub" || parsed.role === "command") && typeof parsed.name === "string") {
      return { pid: parsed.pid, role: parsed.role, name: parsed.name, serving: parsed.serving === true };
    }
  } catch {
    // Empty or half-written: the holder is between taking the lock and writing its name.
  }
  return undefined;
}
