import { type DataSource } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { type AgencyType } from "../../directory/AgencyType";
import { loadPolicies } from "../../policy/loadPolicies";
import { editFixture, writePolicyDir } from "../../policy/__tests__/policyFixture";
import { openReferral } from "../openReferral";

// The fixture lets MASH_PRACTITIONER open every stage; here the MASH is children's social care's alone, as in policies/roles.yaml.
const policy = loadPolicies(writePolicyDir(editFixture("roles.yaml", "MASH_PRACTITIONER: ANY", "MASH_PRACTITIONER: [CHILDRENS_SOCIAL_CARE]")));
const mash = (agencyType: AgencyType, agency: string): Principal => ({ sub: `${agency}-mash`, name: "A Practitioner", agency, agencyType, roles: ["MASH_PRACTITIONER"], localAuthority: "E06000060", team: null, tokenId: null });
const submission = { reference: "MASH-UNIT-1", stage: "REFERRAL", referralSource: "SCHOOL", reason: "A concern raised this morning about the child" } as const;

describe("openReferral: who opens a referral in the hub", () => {
  test.each([
    ["a school", mash("EDUCATION", "SCH-1")],
    ["a prison", mash("PRISON", "HMP-1")],
  ])("the MASH role on %s's principal opens nothing, before anything is read or written", async (_who, principal) => {
    // No database: the refusal comes before the hub reads or writes anything.
    await expect(openReferral(undefined as unknown as DataSource, principal, "request-1", policy, submission)).rejects.toMatchObject({ code: "FORBIDDEN", details: { path: "referral.stage" } });
  });
});
