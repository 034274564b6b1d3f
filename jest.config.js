/**
 * ts-jest compiles the hub's TypeScript. jose is ESM-only: on Node ≥ 22.12 Jest loads it through
 * require(esm), untransformed. PGlite's CommonJS build uses dynamic import(): jest runs under
 * --experimental-vm-modules.
 *
 * At least two workers, even on a two-core machine: a suite spends much of its time waiting on its
 * database (PostgreSQL's own process, or an embedded server's socket), and one worker left a core idle
 * while the suite count grew (the embedded run alone took over 20 minutes with one).
 * @type {import('jest').Config}
 */
const os = require("node:os");

module.exports = {
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/test", "<rootDir>/policies"],
  testMatch: ["**/__tests__/**/*.test.ts", "<rootDir>/test/**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  setupFiles: ["<rootDir>/test/setup/env.ts"],
  testTimeout: 60000,
};
