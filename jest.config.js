/**
 * ts-jest compiles the hub's TypeScript. jose is ESM-only: on Node ≥ 22.12 Jest loads it through
 * require(esm), untransformed. PGlite's CommonJS build uses dynamic import(): jest runs under
 * --experimental-vm-modules.
 * @type {import('jest').Config}
 */
module.exports = {
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
