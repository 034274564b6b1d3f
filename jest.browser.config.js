/**
 * `npm run test:browser`: the console in a real browser — Debian's Chromium driven by playwright-core
 * (test/README.md). Apart from `npm test`, so a newcomer without Chromium runs the rest
 * unchanged; here a missing Chromium fails, never skips. One worker: one hub and one browser for the
 * journeys of a file, and the files one after another. The script names `test/browser`, so jest's
 * global set-up (test/setup/globalSetup.ts) builds no dist/ for it: no browser test runs a built hub.
 */
const base = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  maxWorkers: 1,
  roots: ["<rootDir>/test"],
  testMatch: ["<rootDir>/test/browser/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/"],
  // A journey is many pages, each checked with axe and at 320 px: the keyboard one took 35-42 s on two cores
  // shared with other test runs (load average near 20).
  testTimeout: 180000,
};
