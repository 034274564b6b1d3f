import { join } from "node:path";
import { type Principal } from "../../../auth/Principal";
import { type Role } from "../../../auth/Role";
import { type AgencyType } from "../../../directory/AgencyType";
import { loadPolicies } from "../../../policy/loadPolicies";
import { type PolicySet } from "../../../policy/PolicySet";
import { mayNotify, notifierAgencyTypes } from "../notifierPolicy";

const POLICY = loadPolicies(join(__dirname, "..", "..", "..", "..", "policies"));

function caller(agency: string, agencyType: AgencyType, roles: Role[]): Principal {
  return { sub: `sub-${agency}`, name: "Caller", agency, agencyType, roles, localAuthority: "E06000060", team: null, tokenId: null };
}

describe("who may submit a routed notification is the policy's submittedBy, default deny", () => {
  test("a prison's OMU and system may notify a PPRC event for their own prison only", () => {
    expect(mayNotify(caller("HMP-A", "PRISON", ["PRISON_OMU"]), POLICY, "PPRC", "HMP-A")).toBe(true);
    expect(mayNotify(caller("HMP-A", "PRISON", ["AGENCY_SYSTEM"]), POLICY, "PPRC", "HMP-A")).toBe(true);
    expect(mayNotify(caller("HMP-A", "PRISON", ["PRISON_OMU"]), POLICY, "PPRC", "HMP-B")).toBe(false);
  });

  test("another role at a prison, or the same role claimed at another agency type, may not", () => {
    expect(mayNotify(caller("HMP-A", "PRISON", ["IG_LEAD"]), POLICY, "PPRC", "HMP-A")).toBe(false);
    expect(mayNotify(caller("PDU-A", "PROBATION", ["AGENCY_SYSTEM"]), POLICY, "PPRC", "PDU-A")).toBe(false);
  });

  test("the grant is the data: without a submittedBy entry for the role, nobody in it may", () => {
    const rule = POLICY.notificationTypes.get("PPRC");
    if (rule === undefined) throw new Error("PPRC has a notification type rule");
    const systemsOnly: PolicySet = { ...POLICY, notificationTypes: new Map([["PPRC", { ...rule, submittedBy: [{ agencyTypes: ["PRISON"], roles: ["AGENCY_SYSTEM"] }] }]]) };
    expect(mayNotify(caller("HMP-A", "PRISON", ["PRISON_OMU"]), systemsOnly, "PPRC", "HMP-A")).toBe(false);
    expect(mayNotify(caller("HMP-A", "PRISON", ["AGENCY_SYSTEM"]), systemsOnly, "PPRC", "HMP-A")).toBe(true);
    expect(mayNotify(caller("HMP-A", "PRISON", ["AGENCY_SYSTEM"]), { ...POLICY, notificationTypes: new Map() }, "PPRC", "HMP-A")).toBe(false);
  });

  test("the directory must hold the agency as a type that submits it", () => {
    expect(notifierAgencyTypes(POLICY, "PPRC")).toEqual(["PRISON"]);
  });
});
