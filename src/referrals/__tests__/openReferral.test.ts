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

describe("openReferral: when a referral or a stage was received", () => {
  test.each(["REFERRAL", "STRATEGY_DISCUSSION"] as const)("a %s received before the earliest edition of the timescales is the caller's input to correct, naming the earliest date accepted", async (stage) => {
    const principal = mash("CHILDRENS_SOCIAL_CARE", "LA-E06000060");
    const opened = openReferral(undefined as unknown as DataSource, principal, "request-1", policy, { ...submission, stage, receivedAt: new Date("2023-12-12T09:00:00Z") }, new Date("2023-12-16T09:00:00Z"));
    // No database: refused before the hub reads or writes anything.
    await expect(opened).rejects.toMatchObject({ code: "INVALID_INPUT", details: { problem: "NO_EDITION_IN_FORCE", path: "referral.receivedAt", earliestAccepted: "2023-12-15" } });
    await expect(opened).rejects.toThrow(/2023-12-15/);
  });
});
