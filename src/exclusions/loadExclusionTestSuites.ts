import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { YamlNode } from "../policy/YamlNode";
import { EXCLUSION_KINDS } from "./ChildExclusion";
import { type ExcludableCaller, type ExclusionTerms } from "./excludes";

/** One case: a caller, the exclusions a child has, and whether the caller is kept out. */
export interface ExclusionTestCase {
  name: string;
  line: number;
  caller: ExcludableCaller;
  exclusions: ExclusionTerms[];
  excluded: boolean;
}

export interface ExclusionTestSuite {
  file: string;
  cases: ExclusionTestCase[];
}

/**
 * Reads `policies/tests/exclusions/*.test.yaml`: named callers (sub, agency, team), named exclusions
 * (kind, subject, agencyCode, team, lifted), and cases naming a caller, the exclusions standing on a
 * child and the expected answer. An unknown name, kind or key is an error at its line.
 */
export function loadExclusionTestSuites(dir: string): ExclusionTestSuite[] {
  return readdirSync(dir).filter((name) => name.endsWith(".test.yaml")).sort().map((file) => {
    const { root } = YamlNode.parse(join(dir, file), readFileSync(join(dir, file), "utf8"));
    const top = root.map(["description", "callers", "exclusions", "cases"]);
    const callers = new Map(top.required("callers").entries().map(([key, value]) => {
      const caller = value.map(["sub", "agency"], ["team"]);
      const team = caller.optional("team");
      return [key.string(), { sub: caller.required("sub").string(), agency: caller.required("agency").string(), team: team === undefined || team.isNull() ? null : team.string() }] as const;
    }));
    const exclusions = new Map(top.required("exclusions").entries().map(([key, value]) => {
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
    const cases = top.required("cases").list().map((node) => {
      const testCase = node.map(["name", "caller", "exclusions", "excluded"]);
      const callerNode = testCase.required("caller");
      const caller = callers.get(callerNode.string()) ?? callerNode.fail(`unknown caller "${callerNode.string()}"`);
      return {
        name: testCase.required("name").string(), line: node.line, caller,
        exclusions: testCase.required("exclusions").list().map((item) => exclusions.get(item.string()) ?? item.fail(`unknown exclusion "${item.string()}"`)),
        excluded: testCase.required("excluded").boolean(),
      };
    });
    return { file, cases };
  });
}
