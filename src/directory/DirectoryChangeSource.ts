/** How a directory version came to be written. */
export const DirectoryChangeSource = {
  /** `npm run directory:import`. */
  IMPORT: "IMPORT",
  /** The audited `upsertAgency` mutation. */
  API: "API",
  /** The demo directory, on a database's first start. */
  DEMO: "DEMO",
  /** Agencies that existed before the directory was versioned, written as their first version. */
  MIGRATION: "MIGRATION",
} as const;
export type DirectoryChangeSource = (typeof DirectoryChangeSource)[keyof typeof DirectoryChangeSource];
