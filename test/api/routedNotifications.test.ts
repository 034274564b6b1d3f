import { Agency } from "../../src/directory/Agency";
import { SUBMIT } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/testHub";
import { type TestClaims } from "../support/testKeys";

/**
 * The routed notifications beyond PPRC through the GraphQL contract (HUB.md §9; DOMAIN.md "Who must
 * tell whom"): each submitted by its agency's caller, read in the recipient's inbox as its own view.
 * Children and agencies of this file's own, added to the test directory.
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
  await hub.hub.database.dataSource.getRepository(Agency).insert([
    { code: "TRUST-RX1-ED", name: "Example General emergency department", type: "HEALTH", localAuthority: "E06000060", servedLocalAuthorities: ["E06000060"], unscheduledCareSetting: "EMERGENCY_DEPARTMENT" },
  ]);
});
afterAll(async () => {
  await hub.stop();
});

const claims = (sub: string, agency: string, agencyType: string, roles: string[], la = "E06000060"): TestClaims => ({ sub, name: `Officer ${sub}`, agency, agency_type: agencyType, roles, la });
const CSC_SYSTEM = claims("system-bucks", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["AGENCY_SYSTEM"]);
const SOCIAL_WORKER = claims("sw-bucks-routed", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"]);
const ED_SYSTEM = claims("system-rx1-ed", "TRUST-RX1-ED", "HEALTH", ["AGENCY_SYSTEM"]);
const ED_CLINICIAN = claims("dr-rx1-ed", "TRUST-RX1-ED", "HEALTH", ["HEALTH_PRACTITIONER"]);

const INBOX = /* GraphQL */ `
  query {
    notifications(first: 20) {
      nodes { id type acknowledgeBy dueBy dueFor routingRules
        child { sui givenNames familyName dateOfBirth expectedDateOfBirth homeLocalAuthority }
        unscheduledCareAttendance { attendedOn setting site siteCode presentingComplaint }
        planAccess { viewedAt setting site siteCode planKind planReference }
        childVictim { incidentType occurredOn reportedOn crimeReference summary intelligence officerName officerContact }
        domesticAbuseIncident { incidentType occurredOn reportedOn childRole crimeReference summary intelligence officerName }
        planTransfer { movedOn newAddress { postcode localAuthority } previousLocalAuthority sendingAuthority planKind planCategory planStartDate planReference allocatedWorkerContact }
        redactions { path rule } }
    }
  }
`;
const inbox = async (caller: TestClaims) => {
  const body = (await hub.graphql(INBOX, {}, await hub.token(caller))).body;
  expect(body.errors).toBeUndefined();
  return body.data.notifications.nodes as Record<string, unknown>[];
};

const CHILD_ON_PLAN = { sui: "9990740054", givenNames: "Nell", familyName: "Ashby", dateOfBirth: "2018-05-05", sex: "FEMALE", address: { kind: "HOME", line1: "4 Copse Lane", postcode: "HP20 4CL", localAuthority: "E06000060" } };

describe("CP-IS", () => {
  const ATTEND = /* GraphQL */ `mutation ($n: UnscheduledCareAttendanceNotificationInput!) { submitUnscheduledCareAttendance(notification: $n) { outcome recipients { agencyCode rules } unrouted { rule outcome agency } } }`;

  beforeAll(async () => {
    const plan = { agencyCode: "LA-E06000060", agencyReference: "BUCKS-CP-API-1", child: CHILD_ON_PLAN, socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "EMOTIONAL_ABUSE", startDate: "2026-01-05", responsibleLocalAuthority: "E06000060" } };
    expect((await hub.graphql(SUBMIT, { record: plan }, await hub.token(CSC_SYSTEM))).body.errors).toBeUndefined();
  });

  test("an emergency department's system reports an attendance; the plan's social worker reads it in the inbox", async () => {
    const body = (await hub.graphql(ATTEND, { n: { agencyCode: "TRUST-RX1-ED", reference: "RX1-ED-API-1", attendedOn: "2026-03-02", presentingComplaint: "Fall from a climbing frame", child: CHILD_ON_PLAN } }, await hub.token(ED_SYSTEM))).body;
    expect(body.errors).toBeUndefined();
    expect(body.data.submitUnscheduledCareAttendance).toEqual({ outcome: "CREATED", recipients: [{ agencyCode: "LA-E06000060", rules: ["cpis-attendance-plan-holder"] }], unrouted: [] });
    const [node] = (await inbox(SOCIAL_WORKER)).filter((n) => n.type === "UNSCHEDULED_CARE_ATTENDANCE");
    expect(node).toMatchObject({
      routingRules: ["cpis-attendance-plan-holder"], dueBy: null, dueFor: null, planAccess: null,
      child: { sui: "9990740054", givenNames: "Nell", familyName: "Ashby", dateOfBirth: "2018-05-05", expectedDateOfBirth: null, homeLocalAuthority: "E06000060" },
      unscheduledCareAttendance: { attendedOn: "2026-03-02", setting: "EMERGENCY_DEPARTMENT", site: "Example General emergency department", siteCode: "TRUST-RX1-ED", presentingComplaint: "Fall from a climbing frame" },
      redactions: [],
    });
  });

  test("a GP practice's system may not report one: FORBIDDEN, NOT_THIS_SERVICE", async () => {
    const body = (await hub.graphql(ATTEND, { n: { agencyCode: "GP-K99001", reference: "GP-API-1", attendedOn: "2026-03-02", child: CHILD_ON_PLAN } }, await hub.token(claims("system-gp", "GP-K99001", "HEALTH", ["AGENCY_SYSTEM"])))).body;
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", problem: "NOT_THIS_SERVICE" });
  });

  test("the emergency department's clinician reading the child's plan tells the plan's authority: PLAN_ACCESS in its inbox", async () => {
    const read = (await hub.graphql(/* GraphQL */ `query ($a: AccessContext!) { child(sui: "9990740054", access: $a) { socialCare { status } } }`, {
      a: { purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "SAFEGUARDING_CHILDREN", justification: "Child in the department after a fall" },
    }, await hub.token(ED_CLINICIAN))).body;
    expect(read.errors).toBeUndefined();
    expect(read.data.child.socialCare).toEqual([{ status: "CHILD_PROTECTION_PLAN" }]);
    const [node] = (await inbox(SOCIAL_WORKER)).filter((n) => n.type === "PLAN_ACCESS");
    expect(node).toMatchObject({
      acknowledgeBy: null, unscheduledCareAttendance: null,
      child: { sui: "9990740054", givenNames: "Nell" },
      planAccess: { setting: "EMERGENCY_DEPARTMENT", site: "Example General emergency department", siteCode: "TRUST-RX1-ED", planKind: "CHILD_PROTECTION_PLAN", planReference: "BUCKS-CP-API-1" },
    });
    expect(typeof (node.planAccess as { viewedAt: string }).viewedAt).toBe("string");
  });
});

describe("the list of children on other authorities' plans living in the area", () => {
  const PLANS = /* GraphQL */ `query ($a: AccessContext!) { plansHeldElsewhere(access: $a, first: 10) { nodes { sui holdingAgency givenNames localAuthority status responsibleLocalAuthority summary redactions { path rule } } pageInfo { hasNextPage } } }`;
  const ACCESS = { purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "SAFEGUARDING_CHILDREN", justification: "Checking children placed in the county by other authorities" };

  test("Lincolnshire's looked-after child living in Buckinghamshire is on Buckinghamshire's list", async () => {
    const lincs = claims("system-lincs", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["AGENCY_SYSTEM"], "E10000019");
    const record = {
      agencyCode: "LA-E10000019", agencyReference: "LINCS-LAC-API-1",
      child: { sui: "9990740143", givenNames: "Orla", familyName: "Penhale", dateOfBirth: "2013-08-08", sex: "FEMALE", address: { kind: "PLACEMENT", line1: "9 Fern Close", postcode: "HP20 9FC", localAuthority: "E06000060" } },
      socialCare: { status: "LOOKED_AFTER", legalStatus: "SECTION_20_ACCOMMODATED", startDate: "2025-11-01", responsibleLocalAuthority: "E10000019" },
    };
    expect((await hub.graphql(SUBMIT, { record }, await hub.token(lincs))).body.errors).toBeUndefined();
    const body = (await hub.graphql(PLANS, { a: ACCESS }, await hub.token(SOCIAL_WORKER))).body;
    expect(body.errors).toBeUndefined();
    expect(body.data.plansHeldElsewhere).toEqual({
      nodes: [{ sui: "9990740143", holdingAgency: "LA-E10000019", givenNames: "Orla", localAuthority: "E06000060", status: "LOOKED_AFTER", responsibleLocalAuthority: "E10000019", summary: null, redactions: [] }],
      pageInfo: { hasNextPage: false },
    });
  });

  test("the police may not read it: FORBIDDEN", async () => {
    const body = (await hub.graphql(PLANS, { a: { ...ACCESS, lawfulBasis: "LAW_ENFORCEMENT" } }, await hub.token(claims("pc-tvp-plans", "POLICE-43", "POLICE", ["POLICE_OFFICER"])))).body;
    expect(body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("a child on a plan moving authority", () => {
  const MOVE = /* GraphQL */ `mutation ($n: ChildOnPlanMovedInput!) { submitChildOnPlanMoved(notification: $n) { outcome recipients { agencyCode rules } } }`;
  const LINCS_SOCIAL_WORKER = claims("sw-lincs-routed", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], "E10000019");
  const child = { sui: "9990740178", givenNames: "Wilf", familyName: "Harrowby", dateOfBirth: "2017-06-06", sex: "MALE" };

  test("Buckinghamshire tells of the move; Lincolnshire reads it with its conference's due date", async () => {
    const plan = { agencyCode: "LA-E06000060", agencyReference: "BUCKS-CP-MOVE-API", child: { ...child, address: { kind: "HOME", line1: "1 Elm Row", postcode: "HP20 1ER", localAuthority: "E06000060" } },
      socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-02-02", responsibleLocalAuthority: "E06000060" } };
    expect((await hub.graphql(SUBMIT, { record: plan }, await hub.token(CSC_SYSTEM))).body.errors).toBeUndefined();
    const move = { agencyCode: "LA-E06000060", reference: "BUCKS-MOVE-API-1", planReference: "BUCKS-CP-MOVE-API", movedOn: "2026-03-02",
      child: { ...child, address: { kind: "HOME", line1: "5 Fen Lane", postcode: "PE20 5FL", localAuthority: "E10000019" } }, plan: { planCategory: "NEGLECT", startDate: "2026-02-02", allocatedWorkerContact: "cp@bucks.example" } };
    const body = (await hub.graphql(MOVE, { n: move }, await hub.token(SOCIAL_WORKER))).body;
    expect(body.errors).toBeUndefined();
    expect(body.data.submitChildOnPlanMoved).toEqual({ outcome: "CREATED", recipients: [{ agencyCode: "LA-E10000019", rules: ["plan-move-receiving-authority"] }] });
    const [node] = (await inbox(LINCS_SOCIAL_WORKER)).filter((n) => n.type === "CHILD_ON_PLAN_MOVED");
    expect(node).toMatchObject({
      dueFor: "TRANSFER_IN_CONFERENCE", child: { sui: "9990740178", givenNames: "Wilf" },
      planTransfer: { movedOn: "2026-03-02", newAddress: { postcode: "PE20 5FL", localAuthority: "E10000019" }, previousLocalAuthority: "E06000060", sendingAuthority: "LA-E06000060", planKind: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", planStartDate: "2026-02-02", planReference: "BUCKS-CP-MOVE-API", allocatedWorkerContact: "cp@bucks.example" },
    });
    expect(typeof node.dueBy).toBe("string");
  });
});

describe("Operation Encompass", () => {
  const ENCOMPASS = /* GraphQL */ `mutation ($n: OperationEncompassInput!) { submitOperationEncompassNotification(notification: $n) { outcome recipients { agencyCode rules } unrouted { rule outcome } } }`;
  const pupil = { sui: "9990740208", givenNames: "Ivo", familyName: "Marchbank", dateOfBirth: "2016-04-04", sex: "MALE" };

  test("Thames Valley's system tells of an incident; the pupil's DSL reads its type, dates and the child's role only", async () => {
    const roll = { agencyCode: "SCH-199001", agencyReference: "UPN-ENCOMPASS-API", child: pupil, education: { rollStatus: "ON_ROLL", onRollFrom: "2022-09-05" } };
    expect((await hub.graphql(SUBMIT, { record: roll }, await hub.token(claims("system-sch", "SCH-199001", "EDUCATION", ["AGENCY_SYSTEM"])))).body.errors).toBeUndefined();
    const notification = { agencyCode: "POLICE-43", reference: "TVP-DA-API-1", occurredOn: "2026-03-01", reportedOn: "2026-03-01", childRole: "HOUSEHOLD_MEMBER",
      crimeReference: "TVP-CR-1", summary: "Reported by a neighbour", intelligence: "Known to the DA unit", officerName: "PC Lark", child: pupil };
    const body = (await hub.graphql(ENCOMPASS, { n: notification }, await hub.token(claims("system-tvp", "POLICE-43", "POLICE", ["AGENCY_SYSTEM"])))).body;
    expect(body.errors).toBeUndefined();
    expect(body.data.submitOperationEncompassNotification).toEqual({ outcome: "CREATED", recipients: [{ agencyCode: "SCH-199001", rules: ["encompass-school-dsl"] }], unrouted: [] });
    const [node] = (await inbox(claims("dsl-sch-api", "SCH-199001", "EDUCATION", ["SCHOOL_DSL"]))).filter((n) => n.type === "OPERATION_ENCOMPASS");
    expect(node).toMatchObject({
      child: { sui: "9990740208", givenNames: "Ivo", homeLocalAuthority: null },
      domesticAbuseIncident: { incidentType: "DOMESTIC_ABUSE", occurredOn: "2026-03-01", reportedOn: "2026-03-01", childRole: "HOUSEHOLD_MEMBER", crimeReference: null, summary: null, intelligence: null, officerName: null },
    });
  });

  test("a police officer's own token may not send one: FORBIDDEN", async () => {
    const body = (await hub.graphql(ENCOMPASS, { n: { agencyCode: "POLICE-43", reference: "TVP-DA-API-2", reportedOn: "2026-03-01", childRole: "VICTIM", child: pupil } }, await hub.token(claims("pc-tvp-encompass", "POLICE-43", "POLICE", ["POLICE_OFFICER"])))).body;
    expect(body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("a police referral of a child victim", () => {
  const REFER = /* GraphQL */ `mutation ($n: ChildVictimInput!) { submitChildVictimReferral(notification: $n) { outcome recipients { agencyCode rules } } }`;

  test("Thames Valley refers a victim living in Lincolnshire; Lincolnshire's children's social care reads it", async () => {
    const notification = { agencyCode: "POLICE-43", reference: "TVP-V-API-1", incidentType: "CRIME", occurredOn: "2026-03-03", reportedOn: "2026-03-03", crimeReference: "TVP-CR-9", summary: "Named witness", intelligence: "Intel", officerContact: "cid@tvp.example",
      child: { sui: "9990740232", givenNames: "Lyra", familyName: "Osgood", dateOfBirth: "2012-12-12", sex: "FEMALE", address: { kind: "HOME", line1: "1 Dyke Row", postcode: "PE20 1DR", localAuthority: "E10000019" } } };
    const body = (await hub.graphql(REFER, { n: notification }, await hub.token(claims("system-tvp", "POLICE-43", "POLICE", ["AGENCY_SYSTEM"])))).body;
    expect(body.errors).toBeUndefined();
    expect(body.data.submitChildVictimReferral).toEqual({ outcome: "CREATED", recipients: [{ agencyCode: "LA-E10000019", rules: ["police-victim-csc"] }] });
    const [node] = (await inbox(claims("sw-lincs-victim", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], "E10000019"))).filter((n) => n.type === "CHILD_VICTIM");
    expect(node).toMatchObject({
      child: { sui: "9990740232", givenNames: "Lyra" },
      childVictim: { incidentType: "CRIME", occurredOn: "2026-03-03", reportedOn: "2026-03-03", crimeReference: null, summary: null, intelligence: null, officerContact: "cid@tvp.example" },
    });
  });
});
