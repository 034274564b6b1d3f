/**
 * Orders test files as jest does — a file that failed last run first, then the slowest by the timings
 * jest keeps from earlier runs — except that a file jest has no timing for yet (every file of a fresh
 * clone's first run, as in CI) starts by this list of files measured as the slowest, before jest's
 * fallback of larger files first. On a fresh clone, ordering by size ran the small file that makes the
 * embedded database's template (every migration in embedded PostgreSQL: 100 s on a busy machine) near
 * the end of the PostgreSQL run, with the other worker idle while it finished.
 *
 * The list is a hint, not a rule: a file missing from it still runs, and a wrong entry costs only order.
 * Measured on a whole embedded run (each over 20 s); `test/db/embeddedTemplate.test.ts` first, since it
 * makes the template the embedded suites start from.
 */
const Sequencer = require("@jest/test-sequencer").default;

const SLOWEST_FIRST = [
  "test/db/embeddedTemplate.test.ts",
  "test/audit/auditCommands.test.ts",
  "test/api/databaseUnavailable.test.ts",
  "test/api/operations.test.ts",
  "test/api/rateLimits.test.ts",
  "test/audit/auditArchiveCommand.test.ts",
  "test/api/preBirthBoundary.test.ts",
  "test/db/embeddedDataDirectory.test.ts",
  "test/api/tracing.test.ts",
  "test/api/crashSafety.test.ts",
  "test/api/multiProcess.test.ts",
  "test/api/identityResolution.test.ts",
  "src/demo/__tests__/loadDemoData.test.ts",
  "test/api/webhookCrash.test.ts",
];

class SlowestFirstSequencer extends Sequencer {
  sort(tests) {
    // jest's order: failed last run, then files with no timing (larger first), then the slowest first.
    const ordered = super.sort(tests);
    const hint = (test) => (test.duration == null && !this.hasFailed(test) ? SLOWEST_FIRST.findIndex((file) => test.path.endsWith(file)) : -1);
    const hinted = ordered.filter((test) => hint(test) !== -1).sort((a, b) => hint(a) - hint(b));
    const failed = ordered.filter((test) => this.hasFailed(test));
    const rest = ordered.filter((test) => hint(test) === -1 && !this.hasFailed(test));
    return [...failed, ...hinted, ...rest];
  }
}

module.exports = SlowestFirstSequencer;
