import { join } from "node:path";
import { loadPolicies } from "../../policy/loadPolicies";
import { checkRequesterStanding, type Requester } from "../checkRequesterStanding";

const policy = loadPolicies(join(__dirname, "..", "..", "..", "policies"));
const RECEIVED = new Date("2026-11-02T10:00:00Z");
const ASSESSMENT = "Spoke with her alone: she understands what the hub holds and what asking means.";
const BASIS = "Birth certificate seen; mother named, no order affecting her parental responsibility.";

const check = (requester: Requester, dateOfBirth: string | null = "2012-05-01") => checkRequesterStanding(policy, requester, dateOfBirth, RECEIVED);
const refusal = (requester: Requester, dateOfBirth: string | null = "2012-05-01") => {
  try {
    check(requester, dateOfBirth);
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal");
};

describe("who may ask, and on what footing", () => {
  test("a child of 16 or over is presumed to understand their right; on their 16th birthday, not the day before", () => {
    expect(check({ standing: "CHILD", name: "The child" }, "2010-11-02")).toMatchObject({ competence: "PRESUMED", assessment: null, basis: null });
    expect(refusal({ standing: "CHILD", name: "The child" }, "2010-11-03")).toMatchObject({ code: "INVALID_INPUT", details: { problem: "ASSESSMENT_REQUIRED", path: "request.requester.competence" } });
  });

  test("under 16, or with no date of birth held, the child asks on the IG lead's written assessment", () => {
    expect(check({ standing: "CHILD", name: "The child", competence: { assessedCompetent: true, assessment: ASSESSMENT } })).toMatchObject({ competence: "ASSESSED_COMPETENT", assessment: ASSESSMENT });
    expect(check({ standing: "CHILD", name: "The child", competence: { assessedCompetent: true, assessment: ASSESSMENT } }, null)).toMatchObject({ competence: "ASSESSED_COMPETENT" });
    expect(refusal({ standing: "CHILD", name: "The child" }, null)).toMatchObject({ details: { problem: "ASSESSMENT_REQUIRED" } });
    expect(refusal({ standing: "CHILD", name: "The child", competence: { assessedCompetent: true, assessment: "ok" } })).toMatchObject({ details: { problem: "ASSESSMENT_REQUIRED", path: "request.requester.competence.assessment" } });
  });

  test("a child assessed as not understanding it cannot ask, at any age: a parent asks for them", () => {
    const notCompetent = { assessedCompetent: false, assessment: "Could not follow what the request would show, after two conversations." };
    expect(refusal({ standing: "CHILD", name: "The child", competence: notCompetent })).toMatchObject({ details: { problem: "REQUESTER_NOT_COMPETENT" } });
    expect(refusal({ standing: "CHILD", name: "The child", competence: notCompetent }, "2009-01-01")).toMatchObject({ details: { problem: "REQUESTER_NOT_COMPETENT" } });
  });

  test("a person with parental responsibility acts for the child, with how that was confirmed written down; no competence is recorded", () => {
    expect(check({ standing: "PERSON_WITH_PARENTAL_RESPONSIBILITY", name: "The mother", basis: BASIS })).toEqual({ standing: "PERSON_WITH_PARENTAL_RESPONSIBILITY", name: "The mother", basis: BASIS, competence: null, assessment: null });
    expect(refusal({ standing: "PERSON_WITH_PARENTAL_RESPONSIBILITY", name: "The mother", basis: "mum" })).toMatchObject({ details: { problem: "BASIS_REQUIRED", path: "request.requester.basis" } });
    expect(refusal({ standing: "PERSON_WITH_PARENTAL_RESPONSIBILITY", name: "The mother", basis: BASIS, competence: { assessedCompetent: true, assessment: ASSESSMENT } })).toMatchObject({ details: { problem: "COMPETENCE_NOT_APPLICABLE" } });
  });

  test("a representative needs the child's written authority, and a child able to give it", () => {
    const authority = "Signed authority from the child dated 28 October, seen and copied to the file.";
    expect(check({ standing: "REPRESENTATIVE", name: "A solicitor", basis: authority }, "2009-06-01")).toMatchObject({ competence: "PRESUMED", basis: authority });
    expect(refusal({ standing: "REPRESENTATIVE", name: "A solicitor", basis: authority })).toMatchObject({ details: { problem: "ASSESSMENT_REQUIRED" } });
    expect(refusal({ standing: "REPRESENTATIVE", name: "A solicitor" }, "2009-06-01")).toMatchObject({ details: { problem: "BASIS_REQUIRED" } });
  });

  test("someone is named as having asked, and no message gives the child's age", () => {
    expect(refusal({ standing: "CHILD", name: "   " }, "2010-01-01")).toMatchObject({ code: "INVALID_INPUT", details: { path: "request.requester.name" } });
    const { message } = refusal({ standing: "CHILD", name: "The child" }) as Error;
    expect(message).not.toMatch(/\b14\b/);
  });
});
