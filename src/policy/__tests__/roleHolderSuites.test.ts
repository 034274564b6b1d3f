import { join } from "node:path";
import { ROLES } from "../../auth/Role";
import { AGENCY_TYPES } from "../../directory/AgencyType";
import { ROLE_GUIDE } from "../../auth/roleGuide";
import { loadPolicies } from "../loadPolicies";
import { loadRoleHolderSuites } from "../loadRoleHolderSuites";
import { holdsRole, rolesNotHeld } from "../rolesHeld";

// The real rule of which agency types hold each role (policies/roles.yaml) and its suites (policies/tests/roles/).
const POLICY_DIR = join(__dirname, "..", "..", "..", "policies");
const policy = loadPolicies(POLICY_DIR);
const suites = loadRoleHolderSuites(join(POLICY_DIR, "tests", "roles"));

for (const suite of suites) {
  describe(suite.file, () => {
    for (const testCase of suite.cases) {
      test(`${testCase.name} (line ${testCase.line})`, () => {
        const refused = rolesNotHeld(policy, testCase);
        expect(refused.length === 0 ? "held" : { refused }).toEqual(testCase.expected);
      });
    }
  });
}

describe("roles held by agency type", () => {
  test("the suites say of every role where it is held and, unless every type holds it, where it is not", () => {
    const cases = suites.flatMap((suite) => suite.cases);
    const heldSomewhere = new Set(cases.filter((c) => c.expected === "held").flatMap((c) => c.roles));
    const refusedSomewhere = new Set(cases.flatMap((c) => (c.expected === "held" ? [] : c.expected.refused)));
    const everywhere = ROLES.filter((role) => AGENCY_TYPES.every((type) => holdsRole(policy, { agencyType: type, roles: [role] }, role)));
    expect({ unheld: ROLES.filter((role) => !heldSomewhere.has(role)), unrefused: ROLES.filter((role) => !everywhere.includes(role) && !refusedSomewhere.has(role)) }).toEqual({ unheld: [], unrefused: [] });
  });

  test("a role is held only by a caller who has it, at an agency of a type that holds it", () => {
    expect([
      holdsRole(policy, { agencyType: "CHILDRENS_SOCIAL_CARE", roles: ["MASH_PRACTITIONER"] }, "MASH_PRACTITIONER"),
      holdsRole(policy, { agencyType: "EDUCATION", roles: ["MASH_PRACTITIONER"] }, "MASH_PRACTITIONER"),
      holdsRole(policy, { agencyType: "CHILDRENS_SOCIAL_CARE", roles: ["SOCIAL_WORKER"] }, "MASH_PRACTITIONER"),
    ]).toEqual([true, false, false]);
  });

  test("every role the role guide (and so the token command and the console's demo picker) offers is held at the agency it names", () => {
    expect(ROLE_GUIDE.filter((guide) => rolesNotHeld(policy, { agencyType: guide.agencyType, roles: [guide.role] }).length > 0).map((guide) => guide.role)).toEqual([]);
  });
});
