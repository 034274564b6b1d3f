/**
 * ts-jest compiles the hub's TypeScript. jose is ESM-only: on Node ≥ 22.12 Jest loads it through
 * require(esm), untransformed. PGlite's CommonJS build uses dynamic import(): jest runs under
 * --experimental-vm-modules.
 *
 * Workers by where the databases run. Embedded (no DATABASE_URL), each test file's PostgreSQL runs in
 * its own worker's thread, so one worker leaves much of a second core idle: one worker per core. Against
 * a PostgreSQL server, the server's processes take a core beside each worker: one worker fewer than
 * the cores (jest's own default).
 */
const os = require("node:os");

const cores = os.availableParallelism();

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: process.env.DATABASE_URL ? Math.max(1, cores - 1) : cores,
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/test", "<rootDir>/policies"],
  testMatch: ["**/__tests__/**/*.test.ts", "<rootDir>/test/**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  setupFiles: ["<rootDir>/test/setup/env.ts"],
  // Against a PostgreSQL server: one migrated template database per run (test/setup/migratedTemplate.ts).
  globalSetup: "<rootDir>/test/setup/globalSetup.ts",
  globalTeardown: "<rootDir>/test/setup/globalTeardown.ts",
  testTimeout: 60000,
};
