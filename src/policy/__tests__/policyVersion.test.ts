import { join } from "node:path";
import { loadPolicies } from "../loadPolicies";
import { editFixture, writePolicyDir } from "./policyFixture";

// The version is stored on every audit entry (design §6): the same rules must always give the same
// version, and any change to a rule a new one, so an IG lead can tell which rules decided a disclosure.
describe("policy version", () => {
  const version = (changes: Record<string, string> = {}): string => loadPolicies(writePolicyDir(changes)).version;

  test("is a SHA-256 hex digest, the same every time the same files load", () => {
    expect(version()).toMatch(/^[0-9a-f]{64}$/);
    expect(version()).toBe(version());
  });

  test("changes when a rule changes, even only its description", () => {
    expect(version(editFixture("rules.yaml", "HEALTH: [gpPracticeName, conditions]", "HEALTH: [gpPracticeName]"))).not.toBe(version());
    expect(version(editFixture("rules.yaml", "description: Two health fields.", "description: Two fields of health."))).not.toBe(version());
  });

  test("changes when a file is added or renamed", () => {
    expect(version({ "more.yaml": "description: nothing yet\n" })).not.toBe(version());
  });

  test("is over the canonical content: comments, layout and key order do not change it", () => {
    expect(version(editFixture("rules.yaml", "grants:\n", "# Grants for the tests.\ngrants:\n"))).toBe(version());
    expect(version(editFixture("rules.yaml", "    roles: [SOCIAL_WORKER]\n    purposes: [SECTION_47_ENQUIRY]\n", "    purposes:\n      - SECTION_47_ENQUIRY\n    roles: [ SOCIAL_WORKER ]\n"))).toBe(version());
  });

  test("the real policies load and carry a version", () => {
    expect(loadPolicies(join(__dirname, "..", "..", "..", "policies")).version).toMatch(/^[0-9a-f]{64}$/);
  });
});
