import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { YamlNode } from "./YamlNode";

/** Every `*.test.yaml` in `dir`, in name order, parsed: the one walk the policy, timescale, consent and role-holder suites share. */
export function readTestSuiteFiles(dir: string): { file: string; root: YamlNode }[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".test.yaml"))
    .sort()
    .map((file) => ({ file, root: YamlNode.parse(join(dir, file), readFileSync(join(dir, file), "utf8")).root }));
}

/** A check, for one suite file, that no two of its cases (in any of its sections) share a name: a repeated name is a PolicyError at the second. */
export function namedOnce(): <T extends { name: string }>(node: YamlNode, testCase: T) => T {
  const names = new Set<string>();
  return (node, testCase) => {
    if (names.has(testCase.name)) node.fail(`a case named "${testCase.name}" already exists in this file`);
    names.add(testCase.name);
    return testCase;
  };
}
