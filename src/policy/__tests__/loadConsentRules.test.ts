import { loadPolicies } from "../loadPolicies";
import { PolicyError } from "../PolicyError";
import { editFixture, lineOf, writePolicyDir } from "./policyFixture";

function loadError(changes: Record<string, string>): PolicyError {
  try {
    loadPolicies(writePolicyDir(changes));
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error("expected a PolicyError");
}

describe("the consent rules in policies/", () => {
  test("load with their ids, ages, roles and record types", () => {
    const policy = loadPolicies(writePolicyDir());
    expect(policy.childCompetence).toMatchObject({
      id: "child-competence", presumedCompetentFromAge: 16, managerConfirmationBelowAge: 12, confirmingRoles: ["CSC_MANAGER"], assessmentMinimumLength: 20,
    });
    expect(policy.consentRecorders).toMatchObject({ id: "parental-consent-recorders", recordTypes: ["SOCIAL_CARE", "HEALTH"] });
  });

  test("are required: without them nobody could say whose decision governs", () => {
    expect(loadError({ "consent.yaml": "description: nothing here\n" }).message).toContain('no policy file defines "childCompetence"');
    const onlyCompetence = editFixture("consent.yaml", "consentRecorders:", "unknownSection:");
    expect(loadError(onlyCompetence).problem).toContain('unknown key "unknownSection"');
  });

  test("a confirmation age above the presumption age is refused, naming the line", () => {
    const changes = editFixture("consent.yaml", "managerConfirmationBelowAge: 12", "managerConfirmationBelowAge: 17");
    const error = loadError(changes);
    expect(error.line).toBe(lineOf(changes["consent.yaml"] ?? "", "managerConfirmationBelowAge"));
    expect(error.problem).toContain("above presumedCompetentFromAge");
  });

  test("a presumption age beyond childhood is refused", () => {
    expect(loadError(editFixture("consent.yaml", "presumedCompetentFromAge: 16", "presumedCompetentFromAge: 19")).problem).toContain("a child is under 18");
  });

  test("an unknown role or record type is refused", () => {
    expect(loadError(editFixture("consent.yaml", "[CSC_MANAGER]", "[TEAM_LEADER]")).problem).toContain('unknown role "TEAM_LEADER"');
    expect(loadError(editFixture("consent.yaml", "[SOCIAL_CARE, HEALTH]", "[SOCIAL_CARE, FAMILY_HUB]")).problem).toContain('unknown record type "FAMILY_HUB"');
  });
});
