import { join } from "node:path";
import { loadPolicies } from "../../policy/loadPolicies";
import { expectAt, loadError, writePolicyDir } from "../../policy/__tests__/policyFixture";

const RULES = `retention:
  - id: retention-every-record
    description: Six years after the end.
    keepYearsAfterEnd: 6
`;

function retention(text: string): Record<string, string> {
  return { "retention.yaml": text };
}

/** `policies/retention.yaml` is validated at start-up like every policy: the hub does not start on a retention policy it cannot keep. */
describe("the retention policy", () => {
  test("the real one loads, one default rule for every record type", () => {
    const policy = loadPolicies(join(__dirname, "..", "..", "..", "policies"));
    expect(policy.retention.rules.filter((rule) => rule.labels === null).flatMap((rule) => rule.recordTypes ?? [])).toHaveLength(7);
    expect(policy.retention.holds).toEqual([]);
  });

  test("a record type without a rule would be kept for ever: refused", () => {
    const error = loadError(retention(`retention:
  - id: retention-some
    description: Some.
    recordTypes: [SOCIAL_CARE, POLICE, HEALTH, EDUCATION, PROBATION]
    keepYearsAfterEnd: 6
`));
    expect(error.message).toBe(`${error.file}: no retention rule for record type(s) PRISON, YOUTH_JUSTICE: every record type must say how long what it reports is kept`);
  });

  test("two default rules for one record type: refused at the second", () => {
    const changes = retention(`${RULES}  - id: retention-police-again
    description: Police again.
    recordTypes: [POLICE]
    keepYearsAfterEnd: 8
`);
    const error = loadError(changes);
    expect(error.problem).toMatch(/^POLICE already has a default retention rule at .*retention\.yaml:2/);
    expectAt(error, changes, "retention.yaml", "- id: retention-police-again");
  });

  test("a rule below a statutory minimum that covers it: refused at the minimum, naming the rule", () => {
    const changes = retention(`${RULES}retentionMinima:
  - id: minimum-sealed
    description: Adoption Agencies Regulations 2005 reg.41.
    recordTypes: [SOCIAL_CARE]
    labels: [SEALED]
    minimumYearsAfterEnd: 100
`);
    const error = loadError(changes);
    expect(error.problem).toMatch(/^minimum "minimum-sealed" requires 100 years for SOCIAL_CARE labelled SEALED, but rule "retention-every-record" keeps it 6/);
    expectAt(error, changes, "retention.yaml", "- id: minimum-sealed");
    // A label rule long enough meets it.
    expect(() => loadPolicies(writePolicyDir(retention(`${RULES}  - id: retention-sealed
    description: Sealed.
    labels: [SEALED]
    keepYearsAfterEnd: 100
retentionMinima:
  - id: minimum-sealed
    description: Adoption Agencies Regulations 2005 reg.41.
    recordTypes: [SOCIAL_CARE]
    labels: [SEALED]
    minimumYearsAfterEnd: 100
`)))).not.toThrow();
  });

  test("a hold that ends before it begins, of an unknown kind, or a period of no years: refused", () => {
    const hold = (body: string) => retention(`${RULES}retentionHolds:
  - id: hold-inquiry
    description: An inquiry.
${body}`);
    expect(loadError(hold("    kind: INQUIRY\n    from: 2027-01-01\n    until: 2026-12-31\n")).problem).toMatch(/^a hold cannot end \(2026-12-31\) before it begins \(2027-01-01\)/);
    expect(loadError(hold("    kind: MORATORIUM\n    from: 2027-01-01\n")).problem).toMatch(/hold kind/);
    expect(loadError(retention(RULES.replace("keepYearsAfterEnd: 6", "keepYearsAfterEnd: 0"))).problem).toMatch(/keepYearsAfterEnd|at least 1|expected an integer/);
  });
});
