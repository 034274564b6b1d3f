/**
 * ts-jest compiles the hub's TypeScript. jose is ESM-only: on Node ≥ 22.12 Jest loads it through
 * require(esm), untransformed. PGlite's CommonJS build uses dynamic import(): jest runs under
 * --experimental-vm-modules.
 *
 * One worker per core, wherever the databases run. Embedded (no DATABASE_URL), each test file's
 * PostgreSQL runs in its own worker's thread, so one worker leaves much of a second core idle. Against a
 * PostgreSQL server the worker does nearly all the work and waits while the server answers: measured on
 * the household view and data subject rights suites, the server's backends spent about a tenth of the
 * worker's CPU time, so jest's default of one worker fewer than the cores left a core idle for the
 * whole run (on two cores, the run was one worker in band).
 *
 * A worker is replaced once its heap passes 512 MB after a test file. Each file's hub, embedded database
 * and module registry leave memory behind in the worker that ran it: over a whole embedded run a
 * worker's heap grew from 78 MB to 1.5 GB (`--logHeapUsage`), and every later file ran slower in it. With
 * workers replaced, the whole embedded run took 761 s where the same machine had run 136 of its 224 files
 * in 780 s (a new worker costs a process start: jest loads every module afresh for each file anyway).
 */
const os = require("node:os");

const cores = os.availableParallelism();

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: cores,
  workerIdleMemoryLimit: "512MB",
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/test", "<rootDir>/policies"],
  testMatch: ["**/__tests__/**/*.test.ts", "<rootDir>/test/**/*.test.ts"],
  // The browser tests need Chromium: `npm run test:browser` runs them (jest.browser.config.js).
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/browser/"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  setupFiles: ["<rootDir>/test/setup/env.ts"],
  // Against a PostgreSQL server: one migrated template database per run (test/setup/migratedTemplate.ts).
  globalSetup: "<rootDir>/test/setup/globalSetup.ts",
  globalTeardown: "<rootDir>/test/setup/globalTeardown.ts",
  testTimeout: 60000,
  // A fresh clone's first run starts with the files measured as the slowest (test/setup/testSequencer.js).
  testSequencer: "<rootDir>/test/setup/testSequencer.js",
};
