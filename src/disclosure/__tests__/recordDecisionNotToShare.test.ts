import { type DataSource } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { HubError } from "../../errors/HubError";
import { loadPolicies } from "../../policy/loadPolicies";
import { writePolicyDir } from "../../policy/__tests__/policyFixture";
import { recordDecisionNotToShare, type DecisionNotToShare } from "../recordDecisionNotToShare";

// Every refusal here comes before the database is asked anything: a data source that is never used.
const unused = {} as DataSource;
const policy = loadPolicies(writePolicyDir());
const caller = (roles: Principal["roles"]): Principal => ({
  sub: "user-1", name: "A Caller", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE", roles, localAuthority: "E06000060", team: null, tokenId: null,
});
const decision = (reason: string): DecisionNotToShare => ({ purpose: "SECTION_47_ENQUIRY", recipientAgencyType: "POLICE", reason });

async function refusal(principal: Principal, reason: string, sui = "not an NHS number"): Promise<HubError> {
  try {
    await recordDecisionNotToShare(unused, principal, "req-1", policy, sui, decision(reason));
  } catch (error) {
    if (error instanceof HubError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("recordDecisionNotToShare refuses before it looks for the child", () => {
  test("anyone but a practitioner", async () => {
    for (const roles of [["IG_LEAD"], ["DATA_STEWARD"], ["AGENCY_SYSTEM"], []] as Principal["roles"][]) {
      const error = await refusal(caller(roles), "Sharing would alert the suspected abuser now.");
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).toBe("Only a practitioner may record a decision not to share.");
    }
  });

  test("reasons shorter than twenty characters once trimmed, at decision.reason", async () => {
    const error = await refusal(caller(["SOCIAL_WORKER"]), `  ${"x".repeat(19)}  `);
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.details).toEqual({ path: "decision.reason" });
    expect(error.message).toBe("Give the reasons sharing would be more detrimental to the child than not sharing (at least 20 characters).");
  });

  test("twenty characters are enough: the next question is the SUI", async () => {
    const error = await refusal(caller(["POLICE_OFFICER", "IG_LEAD"]), "x".repeat(20));
    expect(error.code).toBe("INVALID_SUI");
    expect(error.details).toMatchObject({ path: "sui" });
  });
});
