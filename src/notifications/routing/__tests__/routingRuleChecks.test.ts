import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPolicies } from "../../../policy/loadPolicies";
import { PolicyError } from "../../../policy/PolicyError";
import { type PolicySet } from "../../../policy/PolicySet";
import { recipientPrincipal, routingAccess } from "../../../policy/checkNotificationRouting";
import { ROUTED_NOTIFICATION_TYPES } from "../../NotificationType";
import { type NotificationRoutingRule } from "../NotificationRoutingRule";

const POLICIES = join(__dirname, "..", "..", "..", "..", "policies");
const ROUTING = "notification-routing.yaml";

/** The hub's policies with one file's text changed (the routing file unless another is named), loaded. */
function loadEdited(edit: (text: string) => string, file = ROUTING): PolicySet {
  const dir = mkdtempSync(join(tmpdir(), "hub-routing-"));
  try {
    cpSync(POLICIES, dir, { recursive: true, filter: (source) => !source.includes(`${join(POLICIES, "tests")}`) });
    writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), "utf8")));
    return loadPolicies(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `from` replaced by `to` in one policy file. */
function replacing(from: string, to: string): (text: string) => string {
  return (text) => {
    expect(text).toContain(from);
    return text.replace(from, to);
  };
}

/** The loader's refusal of the hub's policies with one file's text changed. */
function refusalOfEdit(edit: (text: string) => string, file = ROUTING): PolicyError {
  try {
    loadEdited(edit, file);
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error("the policies loaded");
}

/** The loader's refusal of the hub's policies with one line of the routing file changed. */
function refusalOf(from: string, to: string): PolicyError {
  return refusalOfEdit(replacing(from, to));
}

/** The 1-based line of `text` that starts with `start`. */
function lineStarting(text: string, start: string): number {
  return text.split("\n").findIndex((line) => line.startsWith(start)) + 1;
}

const ROUTING_TEXT = readFileSync(join(POLICIES, ROUTING), "utf8");

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

  test("criminal-offence data goes only under a condition the Sch.1 list names, though the rule states another", () => {
    const error = refusalOfEdit(replacing("conditions: [SAFEGUARDING_CHILDREN, STATUTORY_PURPOSE]", "conditions: [STATUTORY_PURPOSE]"), "lawful-bases.yaml");
    expect(error.message).toContain('rule "pprc-csc-prisoner-home-area": CHILDRENS_SOCIAL_CARE receives criminal-offence data only under one of STATUTORY_PURPOSE (criminal-offence-data-conditions)');
  });

  test("a rule whose content carries no criminal-offence data needs no Sch.1 condition for it", () => {
    const plainAccess = "    lawfulBasis: PUBLIC_TASK\n    condition: SAFEGUARDING_CHILDREN\n\n  - id: plan-move-receiving-authority";
    const policy = loadEdited(replacing(plainAccess, plainAccess.replace("    condition: SAFEGUARDING_CHILDREN\n", "")));
    expect(policy.notificationRouting.find((rule) => rule.id === "cpis-access-plan-holder")).toMatchObject({ notificationType: "PLAN_ACCESS", recipient: "CHILDRENS_SOCIAL_CARE", condition: null });
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

  test("the Sch.1 list may name only known conditions, and the competent authorities' basis only a known lawful basis", () => {
    const conditions = refusalOfEdit(replacing("conditions: [SAFEGUARDING_CHILDREN, STATUTORY_PURPOSE]", "conditions: [SAFEGUARDING_CHILDREN, CURIOSITY]"), "lawful-bases.yaml");
    expect(conditions.message).toContain('unknown special-category condition "CURIOSITY"');
    const basis = refusalOfEdit(replacing("competentAuthorityBasis: LAW_ENFORCEMENT", "competentAuthorityBasis: GOODWILL"), "lawful-bases.yaml");
    expect(basis.message).toContain('unknown lawful basis "GOODWILL"');
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
    expect(refusalOf("agencyTypes: [PRISON], roles: [PRISON_OMU, AGENCY_SYSTEM]", "agencyTypes: [GAOL], roles: [PRISON_OMU, AGENCY_SYSTEM]").message).toContain('unknown agency type "GAOL"');
  });

  test("who submits a type, and the timescale its reply is due within, as stated; left out, no reply is due", () => {
    const types = loadPolicies(POLICIES).notificationTypes;
    expect(types.get("CHILD_ON_PLAN_MOVED")).toMatchObject({
      submittedBy: [{ agencyTypes: ["CHILDRENS_SOCIAL_CARE"], roles: ["AGENCY_SYSTEM", "SOCIAL_WORKER", "CSC_MANAGER"] }],
      acknowledgement: "SAFEGUARDING_NOTIFICATION_ACKNOWLEDGEMENT", due: "TRANSFER_IN_CONFERENCE",
    });
    expect(types.get("PPRC")).toMatchObject({ due: null });
    expect(refusalOf("    due: TRANSFER_IN_CONFERENCE", "    due: SOMEDAY").message).toContain('unknown timescale "SOMEDAY"');
  });
});

describe("notification types are said once, and every routed type has one", () => {
  test("the loaded types, by name, with their acknowledgement timescales", () => {
    const types = loadPolicies(POLICIES).notificationTypes;
    expect([...types.keys()].sort()).toEqual([...ROUTED_NOTIFICATION_TYPES].sort());
    expect(types.get("PPRC")).toMatchObject({ id: "notification-type-pprc", notificationType: "PPRC", acknowledgement: "PPRC_NOTIFICATION_ACKNOWLEDGEMENT" });
  });

  test("a type defined twice is refused at its second entry", () => {
    const error = refusalOf("    notificationType: UNSCHEDULED_CARE_ATTENDANCE\n    submittedBy:", "    notificationType: PPRC\n    submittedBy:");
    expect(error.line).toBe(lineStarting(ROUTING_TEXT, "  - id: notification-type-unscheduled-care-attendance"));
    expect(error.problem).toContain("notification type PPRC is already defined");
  });

  test("a rule routing a type no entry defines is refused at the rule", () => {
    const entry = ROUTING_TEXT.slice(ROUTING_TEXT.indexOf("  - id: notification-type-mash-referral-transfer"), ROUTING_TEXT.indexOf("notificationRouting:"));
    const error = refusalOf(entry, "");
    expect(error.line).toBe(lineStarting(ROUTING_TEXT.replace(entry, ""), "  - id: mash-transfer-home-authority"));
    expect(error.problem).toContain('no "notificationTypes" entry says when a MASH_REFERRAL_TRANSFER notification must be acknowledged');
  });
});

describe("what a routing rule's recipients are decided and audited as", () => {
  /** Loaded inside each test: a policy that fails to load then fails the test, not the whole file. */
  const csc = (): NotificationRoutingRule => {
    const rule = loadPolicies(POLICIES).notificationRouting.find((candidate) => candidate.id === "pprc-csc-prisoner-home-area");
    if (rule === undefined) throw new Error("no rule pprc-csc-prisoner-home-area");
    return rule;
  };

  test("the rule's role at the recipient agency, named as a notification recipient on the delivery's audit entry", () => {
    expect(recipientPrincipal(csc(), "LA-E06000060")).toMatchObject({ sub: "notification-recipient:LA-E06000060", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE", roles: ["SOCIAL_WORKER"] });
  });

  test("the rule's context, its description (without the folded text's last line break) as the justification", () => {
    expect(routingAccess(csc())).toEqual({
      purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "SAFEGUARDING_CHILDREN",
      justification: expect.stringMatching(/^\S.*para 18\.$/s), caseReference: null, breakGlass: false,
    });
  });
});

describe("what a routing rule reads as", () => {
  /** The loaded rule of that id. */
  const ruleOf = (policy: PolicySet, id: string): NotificationRoutingRule => {
    const rule = policy.notificationRouting.find((candidate) => candidate.id === id);
    if (rule === undefined) throw new Error(`no rule ${id}`);
    return rule;
  };

  test("a subject age and the events asking for a reply as stated; left out, any age and none", () => {
    const policy = loadPolicies(POLICIES);
    expect(ruleOf(policy, "pprc-csc-prisoner-home-area")).toMatchObject({ subjectAge: "ANY", responseRequestedFor: ["NAME_CHANGE_REQUEST"] });
    expect(ruleOf(policy, "pprc-probation-status")).toMatchObject({ subjectAge: "ADULT", responseRequestedFor: [] });
  });

  test("no event asking for a reply may be said as an empty list", () => {
    const policy = loadEdited(replacing("    responseRequestedFor: [NAME_CHANGE_REQUEST]", "    responseRequestedFor: []"));
    expect(ruleOf(policy, "pprc-csc-prisoner-home-area").responseRequestedFor).toEqual([]);
  });

  test("an unknown notification type, subject age, role, purpose, lawful basis or condition is refused, naming what it is not", () => {
    expect(refusalOf("    notificationType: PPRC\n    events:", "    notificationType: PAROLE\n    events:").message).toContain('unknown routed notification type "PAROLE"');
    expect(refusalOf("    notificationType: PPRC\n    submittedBy:", "    notificationType: PAROLE\n    submittedBy:").message).toContain('unknown routed notification type "PAROLE"');
    expect(refusalOf("    subjectAge: ADULT", "    subjectAge: ELDERLY").message).toContain('unknown subject age "ELDERLY"');
    expect(refusalOf("    decidedAs: SOCIAL_WORKER", "    decidedAs: HEAD_TEACHER").message).toContain('unknown role "HEAD_TEACHER"');
    expect(refusalOf("    purpose: REFERRAL_TRIAGE", "    purpose: GOSSIP").message).toContain('unknown purpose "GOSSIP"');
    expect(refusalOf("    lawfulBasis: PUBLIC_TASK", "    lawfulBasis: GOODWILL").message).toContain('unknown lawful basis "GOODWILL"');
    expect(refusalOf("    condition: SAFEGUARDING_CHILDREN", "    condition: CURIOSITY").message).toContain('unknown special-category condition "CURIOSITY"');
  });
});
