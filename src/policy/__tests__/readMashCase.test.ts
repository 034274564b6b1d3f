import { loadPolicies } from "../loadPolicies";
import { editFixture, expectAt, loadError, writePolicyDir } from "./policyFixture";

const REFERRAL_WINDOW = "    - { stage: REFERRAL, timescale: REFERRAL_DECISION, graceWorkingDays: 0, openedInHubBy: [MASH_PRACTITIONER] }";

describe("mashCase (readMashCase)", () => {
  test("reads each stage's window: timescale, grace, who opens it, and no extension unless it says so", () => {
    const changes = editFixture("involvement.yaml", REFERRAL_WINDOW,
      "    - { stage: REFERRAL, timescale: ASSESSMENT, graceWorkingDays: 2, openedInHubBy: [MASH_PRACTITIONER, CSC_MANAGER], throughExtension: true }");
    const { mashCase } = loadPolicies(writePolicyDir(changes));
    expect(mashCase.id).toBe("mash-case");
    expect(mashCase.source).toEqual({ file: expect.stringMatching(/involvement\.yaml$/), line: expect.any(Number) });
    expect(mashCase.windows.get("REFERRAL")).toEqual({
      stage: "REFERRAL", timescale: "ASSESSMENT", graceWorkingDays: 2, throughExtension: true, openedInHubBy: ["MASH_PRACTITIONER", "CSC_MANAGER"],
    });
    expect(mashCase.windows.get("STRATEGY_DISCUSSION")).toEqual({
      stage: "STRATEGY_DISCUSSION", timescale: "REFERRAL_DECISION", graceWorkingDays: 0, throughExtension: false, openedInHubBy: ["MASH_PRACTITIONER"],
    });
    expect([...mashCase.windows.keys()]).toEqual(["REFERRAL", "STRATEGY_DISCUSSION", "SECTION_47_ENQUIRY", "EMERGENCY_PROTECTION"]);
  });

  test("a stage only the authority's own system opens names no role", () => {
    const changes = editFixture("involvement.yaml", REFERRAL_WINDOW, REFERRAL_WINDOW.replace("[MASH_PRACTITIONER]", "[]"));
    expect(loadPolicies(writePolicyDir(changes)).mashCase.windows.get("REFERRAL")?.openedInHubBy).toEqual([]);
  });

  test("a second window for a stage is refused at its line", () => {
    const changes = editFixture("involvement.yaml", REFERRAL_WINDOW, `${REFERRAL_WINDOW}\n    - { stage: REFERRAL, timescale: ASSESSMENT, graceWorkingDays: 1, openedInHubBy: [] }`);
    const error = loadError(changes);
    expectAt(error, changes, "involvement.yaml", "timescale: ASSESSMENT");
    expect(error.problem).toContain("stage REFERRAL already has a window");
  });

  test("a stage without a window is refused, naming it", () => {
    const changes = editFixture("involvement.yaml", `${REFERRAL_WINDOW}\n`, "");
    const error = loadError(changes);
    expectAt(error, changes, "involvement.yaml", "- { stage: STRATEGY_DISCUSSION");
    expect(error.problem).toContain("no window for referral stage(s) REFERRAL");
  });

  test("unknown stages, timescales, roles and keys, and a negative grace, are refused at their line", () => {
    const cases: [string, string, string][] = [
      ["stage: REFERRAL,", "stage: CONTACT,", 'unknown referral stage "CONTACT"'],
      ["timescale: REFERRAL_DECISION,", "timescale: DECISION,", 'unknown timescale "DECISION"'],
      ["openedInHubBy: [MASH_PRACTITIONER]", "openedInHubBy: [MASH]", 'unknown role "MASH"'],
      ["graceWorkingDays: 0,", "graceWorkingDays: -1,", "graceWorkingDays"],
      ["graceWorkingDays: 0,", "graceWorkingDays: 0, graceDays: 1,", 'unknown key "graceDays"'],
    ];
    for (const [from, to, problem] of cases) {
      const changes = editFixture("involvement.yaml", from, to);
      const error = loadError(changes);
      expectAt(error, changes, "involvement.yaml", to);
      expect({ to, problem: error.problem }).toEqual({ to, problem: expect.stringContaining(problem) });
    }
  });

  test("every key of a window but throughExtension is required", () => {
    for (const key of ["timescale: REFERRAL_DECISION, ", "graceWorkingDays: 0, ", ", openedInHubBy: [MASH_PRACTITIONER]"]) {
      const changes = editFixture("involvement.yaml", REFERRAL_WINDOW, REFERRAL_WINDOW.replace(key, ""));
      const error = loadError(changes);
      expect({ key, file: error.file.endsWith("involvement.yaml"), problem: error.problem }).toEqual({ key, file: true, problem: expect.stringMatching(/missing|required/) });
    }
  });
});

test("every stage without a window is named", () => {
  const strategy = "    - { stage: STRATEGY_DISCUSSION, timescale: REFERRAL_DECISION, graceWorkingDays: 0, openedInHubBy: [MASH_PRACTITIONER] }\n";
  const changes = editFixture("involvement.yaml", `${REFERRAL_WINDOW}\n${strategy}`, "");
  expect(loadError(changes).problem).toContain("no window for referral stage(s) REFERRAL, STRATEGY_DISCUSSION:");
});
