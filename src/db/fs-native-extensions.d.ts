// fs-native-extensions ships no type declarations; these are the two functions the data-directory lock uses.
declare module "fs-native-extensions" {
  /**
   * An exclusive (or, with `shared`, a shared) lock on the whole open file: true if granted, false if
   * another open file description holds a conflicting lock. Linux: an open-file-description lock
   * (F_OFD_SETLK); macOS: flock. The kernel releases it when the descriptor is closed or the process ends.
   */
  export function tryLock(fd: number, options?: { shared?: boolean }): boolean;
  export function unlock(fd: number): void;
}
