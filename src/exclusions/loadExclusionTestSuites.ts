import { ROLES, type Role } from "../auth/Role";
import { AGENCY_TYPES } from "../directory/AgencyType";
import { namedOnce, readTestSuiteFiles } from "../policy/testSuiteFiles";
import { type YamlMap } from "../policy/YamlNode";
import { EXCLUSION_KINDS } from "./ChildExclusion";
import { EXCLUSION_NOT_YOURS, ExclusionStanding, type ExclusionRecorder, type ExclusionTarget } from "./exclusionAccess";
import { type ExcludableCaller, type ExclusionTerms } from "./excludes";

/** One case: a caller, the exclusions a child has, and whether the caller is kept out. */
export interface ExclusionTestCase {
  name: string;
  line: number;
  caller: ExcludableCaller;
  exclusions: ExclusionTerms[];
  excluded: boolean;
}

/** What recording an exclusion comes to: recorded, on a standing, or refused with a problem. */
export type RecordingOutcome = { recorded: ExclusionStanding } | { refused: typeof EXCLUSION_NOT_YOURS | "EXCLUSION_MANAGERS_ONLY" };

/** One recording case: who records (their agency, its type, their roles, whether it leads for the child), whom, and the outcome. */
export interface RecordingTestCase {
  name: string;
  line: number;
  recorder: ExclusionRecorder & { roles: Role[] };
  exclusion: ExclusionTarget;
  expect: RecordingOutcome;
}

export interface ExclusionTestSuite {
  file: string;
  cases: ExclusionTestCase[];
  recordings: RecordingTestCase[];
}

/**
 * Reads `policies/tests/exclusions/*.test.yaml`. A file holds `cases` — named callers (sub, agency,
 * team), named exclusions (kind, subject, agencyCode, team, lifted), and cases naming a caller, the
 * exclusions standing on a child and whether the caller is kept out (`excludes`) — and/or `recordings`:
 * named recorders (agency, agencyType, roles, lead) and cases naming one, the exclusion's kind and
 * agency, and the outcome (`exclusionManager`, `exclusionStanding`, against the real policies). An
 * unknown name, kind, role, agency type or key is an error at its line; a case name is used once a file.
 */
export function loadExclusionTestSuites(dir: string): ExclusionTestSuite[] {
  return readTestSuiteFiles(dir).map(({ file, root }) => {
    const top = root.map(["description"], ["callers", "exclusions", "cases", "recorders", "recordings"]);
    const once = namedOnce();
    return { file, cases: readCases(top, once), recordings: readRecordings(top, once) };
  });
}

function readCases(top: YamlMap, once: ReturnType<typeof namedOnce>): ExclusionTestCase[] {
  const callers = new Map((top.optional("callers")?.entries() ?? []).map(([key, value]) => {
    const caller = value.map(["sub", "agency"], ["team"]);
    const team = caller.optional("team");
    return [key.string(), { sub: caller.required("sub").string(), agency: caller.required("agency").string(), team: team === undefined || team.isNull() ? null : team.string() }] as const;
  }));
  const exclusions = new Map((top.optional("exclusions")?.entries() ?? []).map(([key, value]) => {
    const exclusion = value.map(["kind"], ["subject", "agencyCode", "team", "lifted"]);
    const text = (field: string) => {
      const node = exclusion.optional(field);
      return node === undefined || node.isNull() ? null : node.string();
    };
    return [key.string(), {
      kind: exclusion.required("kind").oneOf(EXCLUSION_KINDS, "exclusion kind"), subjectSub: text("subject"), agencyCode: text("agencyCode"), team: text("team"),
      liftedAt: exclusion.optional("lifted")?.boolean() === true ? new Date(0) : null,
    }] as const;
  }));
  return (top.optional("cases")?.list() ?? []).map((node) => {
    const testCase = node.map(["name", "caller", "exclusions", "excluded"]);
    const callerNode = testCase.required("caller");
    const caller = callers.get(callerNode.string()) ?? callerNode.fail(`unknown caller "${callerNode.string()}"`);
    return once(node, {
      name: testCase.required("name").string(), line: node.line, caller,
      exclusions: testCase.required("exclusions").list().map((item) => exclusions.get(item.string()) ?? item.fail(`unknown exclusion "${item.string()}"`)),
      excluded: testCase.required("excluded").boolean(),
    });
  });
}

const STANDINGS = Object.values(ExclusionStanding);
const REFUSALS = [EXCLUSION_NOT_YOURS, "EXCLUSION_MANAGERS_ONLY"] as const;

function readRecordings(top: YamlMap, once: ReturnType<typeof namedOnce>): RecordingTestCase[] {
  const recorders = new Map((top.optional("recorders")?.entries() ?? []).map(([key, value]) => {
    const recorder = value.map(["agency", "agencyType", "roles", "lead"]);
    return [key.string(), {
      agency: recorder.required("agency").string(), agencyType: recorder.required("agencyType").oneOf(AGENCY_TYPES, "agency type"),
      roles: recorder.required("roles").listOf(ROLES, "role"), lead: recorder.required("lead").boolean(),
    }] as const;
  }));
  return (top.optional("recordings")?.list() ?? []).map((node) => {
    const testCase = node.map(["name", "recorder", "exclusion", "expect"]);
    const recorderNode = testCase.required("recorder");
    const recorder = recorders.get(recorderNode.string()) ?? recorderNode.fail(`unknown recorder "${recorderNode.string()}"`);
    const exclusion = testCase.required("exclusion").map(["kind", "agencyCode"]);
    const expected = testCase.required("expect").map([], ["recorded", "refused"]);
    const recorded = expected.optional("recorded");
    const refused = expected.optional("refused");
    if ((recorded === undefined) === (refused === undefined)) testCase.required("expect").fail("expected exactly one of recorded, refused");
    return once(node, {
      name: testCase.required("name").string(), line: node.line, recorder,
      exclusion: { kind: exclusion.required("kind").oneOf(EXCLUSION_KINDS, "exclusion kind"), agencyCode: exclusion.required("agencyCode").string() },
      expect: recorded !== undefined ? { recorded: recorded.oneOf(STANDINGS, "standing") } : { refused: (refused as NonNullable<typeof refused>).oneOf(REFUSALS, "refusal") },
    });
  });
}
