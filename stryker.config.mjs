// Mutation testing of the code that guards disclosure (`npm run test:mutation`, see
// test/mutation/README.md). One folder per run, chosen by HUB_MUTATION_FOLDER, which
// test/mutation/runMutation.mts sets; running Stryker directly without it is refused.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const folder = process.env.HUB_MUTATION_FOLDER;
if (!folder || !/^[a-z][a-zA-Z]*$/.test(folder)) {
  throw new Error("Run mutation testing with `npm run test:mutation -- <folder>` (HUB_MUTATION_FOLDER is not set).");
}

/** TypeORM entities are persistence shape (decorators and columns): nothing in them decides anything. */
function entityFiles(directory) {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.parentPath.includes("__tests__"))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => readFileSync(file, "utf8").includes("@Entity("))
    .map((file) => relative(process.cwd(), file));
}

const reports = `reports/mutation/${folder}`;

/**
 * The suites that specify each folder's behaviour, beyond its own `__tests__/` and `test/<folder>/`.
 * Every end-to-end suite reaches the audit and token verification through the hub, but running them
 * all for each mutant would make one folder a day's run; a mutant only they would kill is a gap in the
 * folder's own tests.
 */
const END_TO_END = {
  policy: [],
  disclosure: ["test/api/disclosure.test.ts"],
  audit: ["test/api/informationGovernance.test.ts", "test/api/auditCheckpoints.test.ts"],
  auth: ["test/api/authentication.test.ts"],
  consent: ["test/api/disclosure.test.ts"],
};
/**
 * HUB_MUTATION_TESTS (comma-separated test files) narrows a run to those tests: every related test file
 * loads for every mutant, so a partial run of a few files goes several times faster with only the tests
 * that exercise them. It can only leave a mutant alive that another test would kill, never the reverse.
 */
const narrowed = (process.env.HUB_MUTATION_TESTS ?? "").split(",").map((file) => file.trim()).filter((file) => file !== "");
const testMatch = narrowed.length > 0 ? narrowed.map((file) => `<rootDir>/${file}`) : [
  `<rootDir>/src/${folder}/**/__tests__/**/*.test.ts`,
  `<rootDir>/test/${folder}/**/*.test.ts`,
  ...(END_TO_END[folder] ?? []).map((file) => `<rootDir>/${file}`),
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: "npm",
  plugins: ["@stryker-mutator/jest-runner"],
  testRunner: "jest",
  // As `npm test` runs jest: PGlite's CommonJS build uses dynamic import().
  testRunnerNodeArgs: ["--experimental-vm-modules"],
  jest: {
    projectType: "custom",
    configFile: "jest.config.js",
    config: { testMatch },
    // Of those, only the files that import the mutated file (directly or through the hub) run for it;
    // a narrowed run names its few files itself, and skips working out the project's import graph.
    enableFindRelatedTests: narrowed.length === 0,
  },
  // Each mutant runs only the tests that executed its code in the first, unmutated run.
  coverageAnalysis: "perTest",
  // A mutant in code that runs only while a module loads (a constant table, a decorator) would need a
  // fresh process and every test for each one; those are hours for little, so they are left out.
  ignoreStatic: true,
  mutate: [`src/${folder}/**/*.ts`, `!src/${folder}/**/__tests__/**`, ...entityFiles(join("src", folder)).map((file) => `!${file}`)],
  // Results are kept per folder and reused: only mutants in changed code, or covered by changed tests, run again.
  incremental: true,
  incrementalFile: `test/mutation/incremental/${folder}.json`,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: `${reports}/index.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0, reportScoreTable: true },
  thresholds: { high: 85, low: 70, break: null },
  // Two cores: two test-runner processes, each running jest in band.
  concurrency: 2,
  // Added to twice the covering tests' own time and the first run's overhead (hubs and databases starting).
  // A runner restarted after a timeout loads jest and the hub's modules afresh on its next mutant; with
  // 10 s, on a loaded machine that first run itself timed out, and the next, so that mutants the tests
  // let through were counted as killed. 20 s leaves room for that start, and a hung test still costs little.
  timeoutMS: 20000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 60,
  ignorePatterns: [".hub", "dist", "coverage", "reports", "test/mutation/incremental"],
  tempDirName: ".stryker-tmp",
};
