import { formatHubInstant, parseHubInstant } from "../timescales/londonTime";
import { START_EVENTS } from "../timescales/StartEvent";
import { TIMESCALE_IDS } from "../timescales/TimescaleId";
import { type PolicySet } from "./PolicySet";
import { type DeadlineExpectation, type TimescaleTestCase, type TimescaleTestSuite, type WorkingDayExpectation } from "./TimescaleTestSuite";
import { type YamlNode } from "./YamlNode";
import { namedOnce, readTestSuiteFiles } from "./testSuiteFiles";

/**
 * Reads every `*.test.yaml` in `dir` (`policies/tests/timescales/`) against a loaded policy set.
 * Strict like the policies: an unknown key, timescale, start event or edition, or an instant that is
 * not one (or that London's clocks skip or repeat), is a PolicyError naming the file and line.
 */
export function loadTimescaleTestSuites(dir: string, policy: PolicySet): TimescaleTestSuite[] {
  const editions = policy.timescaleEditions.map(({ id }) => id);
  return readTestSuiteFiles(dir).map(({ file, root }) => readSuite(file, root, editions));
}

function readSuite(file: string, root: YamlNode, editions: readonly string[]): TimescaleTestSuite {
  const map = root.map([], ["description", "workingDays", "cases"]);
  const workingDays = (map.optional("workingDays")?.entries() ?? []).map(([key, value]): WorkingDayExpectation => ({ date: key.date(), line: key.line, working: value.boolean() }));
  const unique = namedOnce();
  const cases = (map.optional("cases")?.list() ?? []).map((node) => unique(node, readCase(file, node, editions)));
  if (cases.length === 0 && workingDays.length === 0) root.fail('a timescale suite has at least one case or one "workingDays" entry');
  return { file, description: map.optional("description")?.string() ?? null, workingDays, cases };
}

function readCase(file: string, node: YamlNode, editions: readonly string[]): TimescaleTestCase {
  const map = node.map(["name", "timescale", "startedAt", "expect"], ["at"]);
  const at = map.optional("at");
  return {
    name: map.required("name").string(),
    file,
    line: node.line,
    timescale: map.required("timescale").oneOf(TIMESCALE_IDS, "timescale"),
    startedAt: readInstant(map.required("startedAt")),
    at: at ? readInstant(at) : null,
    expected: readExpectation(map.required("expect"), editions),
  };
}

function readExpectation(node: YamlNode, editions: readonly string[]): DeadlineExpectation {
  const map = node.map(["dueAt"], ["edition", "startEvent", "extendedDueAt"]);
  const expected: DeadlineExpectation = { dueAt: formatHubInstant(readInstant(map.required("dueAt"))) };
  const edition = map.optional("edition");
  if (edition) expected.edition = edition.oneOf(editions, "edition");
  const startEvent = map.optional("startEvent");
  if (startEvent) expected.startEvent = startEvent.oneOf(START_EVENTS, "start event");
  const extended = map.optional("extendedDueAt");
  if (extended) expected.extendedDueAt = extended.isNull() ? null : formatHubInstant(readInstant(extended));
  return expected;
}

/** An instant: with Z or an offset, that instant; without, London wall-clock time (see `parseHubInstant`). */
function readInstant(node: YamlNode): Date {
  const parsed = parseHubInstant(node.string());
  if ("problem" in parsed) node.fail(parsed.problem);
  return parsed;
}
