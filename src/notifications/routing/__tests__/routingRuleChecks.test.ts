import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPolicies } from "../../../policy/loadPolicies";
import { PolicyError } from "../../../policy/PolicyError";

const POLICIES = join(__dirname, "..", "..", "..", "..", "policies");
const ROUTING = "notification-routing.yaml";

/** The hub's policies with one line of the routing file changed; the loader's refusal. */
function refusalOf(from: string, to: string): PolicyError {
  const dir = mkdtempSync(join(tmpdir(), "hub-routing-"));
  try {
    cpSync(POLICIES, dir, { recursive: true, filter: (source) => !source.includes(`${join(POLICIES, "tests")}`) });
    const text = readFileSync(join(dir, ROUTING), "utf8");
    expect(text).toContain(from);
    writeFileSync(join(dir, ROUTING), text.replace(from, to));
    try {
      loadPolicies(dir);
    } catch (error) {
      if (error instanceof PolicyError) return error;
      throw error;
    }
    throw new Error("the policies loaded");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("routing rules are checked at start-up", () => {
  test("a rule sending to children's social care under Part 3 is refused: CSC is not a competent authority", () => {
    const error = refusalOf("    purpose: REFERRAL_TRIAGE\n    lawfulBasis: PUBLIC_TASK\n    condition: SAFEGUARDING_CHILDREN\n\n  - id: pprc-csc-child-home-area", "    purpose: REFERRAL_TRIAGE\n    lawfulBasis: LAW_ENFORCEMENT\n    condition: SAFEGUARDING_CHILDREN\n\n  - id: pprc-csc-child-home-area");
    expect(error.message).toContain('rule "pprc-csc-prisoner-home-area" could not be stated by SOCIAL_WORKER of CHILDRENS_SOCIAL_CARE: LAWFUL_BASIS_NOT_PERMITTED');
  });

  test("criminal-offence data reaches children's social care only under a Sch.1 condition", () => {
    const error = refusalOf("    lawfulBasis: PUBLIC_TASK\n    condition: SAFEGUARDING_CHILDREN\n\n  - id: pprc-csc-child-home-area", "    lawfulBasis: PUBLIC_TASK\n\n  - id: pprc-csc-child-home-area");
    expect(error.message).toContain('rule "pprc-csc-prisoner-home-area": CHILDRENS_SOCIAL_CARE receives criminal-offence data only under one of SAFEGUARDING_CHILDREN, STATUTORY_PURPOSE (criminal-offence-data-conditions)');
  });

  test("a competent authority receives it under Part 3, not under Art 6 alone", () => {
    const error = refusalOf("    decidedAs: POLICE_OFFICER\n    purpose: OFFENDER_RISK_MANAGEMENT\n    lawfulBasis: LAW_ENFORCEMENT", "    decidedAs: POLICE_OFFICER\n    purpose: STRATEGY_DISCUSSION\n    lawfulBasis: PUBLIC_TASK");
    expect(error.message).toContain('rule "pprc-police-release-area": POLICE is a competent authority and receives criminal-offence data under LAW_ENFORCEMENT');
  });

  test("a role that may not state the rule's purpose is refused", () => {
    const error = refusalOf("    decidedAs: YOT_WORKER", "    decidedAs: SCHOOL_DSL");
    expect(error.message).toContain('rule "pprc-yot-status" could not be stated by SCHOOL_DSL of YOUTH_JUSTICE: PURPOSE_NOT_PERMITTED');
  });

  test("an unknown event, area or recipient type names the line", () => {
    expect(refusalOf("    area: RELEASE_ADDRESS", "    area: PRISON_GATE").message).toMatch(/unknown routing area "PRISON_GATE"; expected one of: PRISONER_HOME, CHILD_HOME, RELEASE_ADDRESS/);
    expect(refusalOf("    events: [RELEASE]", "    events: [ESCAPE]").message).toMatch(/unknown PPRC event "ESCAPE"/);
    expect(refusalOf("    recipient: POLICE", "    recipient: COURT").message).toMatch(/unknown agency type "COURT"/);
  });

  test("a routed type without an acknowledgement deadline is refused", () => {
    expect(refusalOf("    acknowledgement: PPRC_NOTIFICATION_ACKNOWLEDGEMENT", "    acknowledgement: SOON").message).toMatch(/unknown timescale "SOON"/);
  });
});

describe("each routed notification type's vocabulary, and who submits it, are checked at start-up", () => {
  test("a rule may use only its own type's areas and events", () => {
    expect(refusalOf("    area: PRISONER_HOME\n    responseRequestedFor", "    area: SCHOOL\n    responseRequestedFor").message).toMatch(/unknown routing area "SCHOOL"; expected one of: PRISONER_HOME, CHILD_HOME, RELEASE_ADDRESS/);
  });

  test("a rule asks for a reply only to events it routes", () => {
    const error = refusalOf("    decidedAs: YOT_WORKER", "    responseRequestedFor: [NAME_CHANGE_REQUEST]\n    decidedAs: YOT_WORKER");
    expect(error.message).toContain('PPRC event "NAME_CHANGE_REQUEST" asks for a reply but is not among the rule\'s events');
  });

  test("a notification type names who submits it: an unknown role, or none at all, is refused", () => {
    expect(refusalOf("roles: [PRISON_OMU, AGENCY_SYSTEM]", "roles: [PRISON_GOVERNOR]").message).toMatch(/unknown role "PRISON_GOVERNOR"/);
    expect(refusalOf("    submittedBy:\n      - { agencyTypes: [PRISON], roles: [PRISON_OMU, AGENCY_SYSTEM] }", "    submittedBy: []").message).toMatch(/name at least one agency type and role that submits it/);
  });
});
