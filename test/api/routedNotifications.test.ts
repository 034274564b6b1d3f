import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { Agency } from "../../src/directory/Agency";
import { PUPIL_REMOVED_FROM_ROLL } from "../../src/notifications/childrenMissingEducation/submitPupilRemovedFromRoll";
import { protectLocationsHeld } from "../../src/notifications/content/protectLocationsHeld";
import { type NotificationServices } from "../../src/notifications/NotificationServices";
import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { IG_REVIEW } from "../support/governanceAccess";
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
    { code: "PDU-API-BUCKS", name: "Example probation delivery unit", type: "PROBATION", localAuthority: "E06000060", servedLocalAuthorities: ["E06000060"] },
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
  const submitPlan = async (child: { sui: string }, agencyReference: string) => {
    const plan = { agencyCode: "LA-E06000060", agencyReference, child, socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "EMOTIONAL_ABUSE", startDate: "2026-01-05", responsibleLocalAuthority: "E06000060" } };
    expect((await hub.graphql(SUBMIT, { record: plan }, await hub.token(CSC_SYSTEM))).body.errors).toBeUndefined();
  };
  const attend = async (child: { sui: string }, reference: string, presentingComplaint: string) =>
    (await hub.graphql(ATTEND, { n: { agencyCode: "TRUST-RX1-ED", reference, attendedOn: "2026-03-02", presentingComplaint, child } }, await hub.token(ED_SYSTEM))).body;
  const socialWorkersNodes = async (type: string, sui: string) => (await inbox(SOCIAL_WORKER)).filter((n) => n.type === type && (n.child as { sui: string }).sui === sui);

  beforeAll(async () => {
    await submitPlan(CHILD_ON_PLAN, "BUCKS-CP-API-1");
  });

  test("an emergency department's system reports an attendance; the plan's social worker reads it in the inbox", async () => {
    const body = await attend(CHILD_ON_PLAN, "RX1-ED-API-1", "Fall from a climbing frame");
    expect(body.errors).toBeUndefined();
    expect(body.data.submitUnscheduledCareAttendance).toEqual({ outcome: "CREATED", recipients: [{ agencyCode: "LA-E06000060", rules: ["cpis-attendance-plan-holder"] }], unrouted: [] });
    const [node] = await socialWorkersNodes("UNSCHEDULED_CARE_ATTENDANCE", CHILD_ON_PLAN.sui);
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
    const child = { sui: "9990740461", givenNames: "Kit", familyName: "Ashby", dateOfBirth: "2019-04-04", sex: "MALE", address: { kind: "HOME", line1: "6 Copse Lane", postcode: "HP20 4CL", localAuthority: "E06000060" } };
    await submitPlan(child, "BUCKS-CP-API-2");
    // The attendance is what involves the department with the child: its clinician reads the plan through it.
    expect((await attend(child, "RX1-ED-API-2", "Scald")).errors).toBeUndefined();
    const read = (await hub.graphql(/* GraphQL */ `query ($a: AccessContext!) { child(sui: "9990740461", access: $a) { socialCare { status } } }`, {
      a: { purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "SAFEGUARDING_CHILDREN", justification: "Child in the department after a scald" },
    }, await hub.token(ED_CLINICIAN))).body;
    expect(read.errors).toBeUndefined();
    expect(read.data.child.socialCare).toEqual([{ status: "CHILD_PROTECTION_PLAN" }]);
    const [node] = await socialWorkersNodes("PLAN_ACCESS", child.sui);
    expect(node).toMatchObject({
      acknowledgeBy: null, unscheduledCareAttendance: null,
      child: { sui: "9990740461", givenNames: "Kit" },
      planAccess: { setting: "EMERGENCY_DEPARTMENT", site: "Example General emergency department", siteCode: "TRUST-RX1-ED", planKind: "CHILD_PROTECTION_PLAN", planReference: "BUCKS-CP-API-2" },
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

  test("one notification read alone, as the inbox lists it, audited with its child only; another agency's, or none, reads as null", async () => {
    const [sui, otherSui] = [...syntheticNhsNumbers(744_300)].slice(0, 2);
    const refer = async (childSui: string, reference: string, givenNames: string) => {
      const notification = { agencyCode: "POLICE-43", reference, incidentType: "CRIME", occurredOn: "2026-04-04", reportedOn: "2026-04-04", officerContact: "cid@tvp.example",
        child: { sui: childSui, givenNames, familyName: "Fenwright", dateOfBirth: "2013-01-13", sex: "MALE", address: { kind: "HOME", line1: "8 Fen Row", postcode: "PE20 1FR", localAuthority: "E10000019" } } };
      expect((await hub.graphql(REFER, { n: notification }, await hub.token(claims("system-tvp", "POLICE-43", "POLICE", ["AGENCY_SYSTEM"])))).body.errors).toBeUndefined();
    };
    await refer(sui ?? "", "TVP-V-ONE-1", "Caspian");
    await refer(otherSui ?? "", "TVP-V-ONE-2", "Dorian");
    const worker = claims("sw-lincs-one", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], "E10000019");
    const listed = (await inbox(worker)).find((n) => (n.child as { sui: string } | null)?.sui === sui);
    const ONE = /* GraphQL */ `query ($id: ID!) { notification(id: $id) { id type child { sui givenNames } childVictim { officerContact intelligence } redactions { path rule } } }`;
    const read = (await hub.graphql(ONE, { id: listed?.id }, await hub.token(worker))).body;
    expect(read.errors).toBeUndefined();
    expect(read.data.notification).toEqual({ id: listed?.id, type: "CHILD_VICTIM", child: { sui, givenNames: "Caspian" }, childVictim: { officerContact: "cid@tvp.example", intelligence: null }, redactions: listed?.redactions });
    const [entry] = await hub.hub.database.dataSource.getRepository(DisclosureAuditEntry).find({ where: { principalSub: worker.sub, operation: "NOTIFICATION_INBOX_READ" }, order: { occurredAt: "DESC" }, take: 1 });
    expect([entry?.childSuis, entry?.details.deliveryIds]).toEqual([[sui], [listed?.id]]);
    // Buckinghamshire's social worker (another agency), an id the hub does not hold, and a malformed one.
    expect((await hub.graphql(ONE, { id: listed?.id }, await hub.token(SOCIAL_WORKER))).body).toEqual({ data: { notification: null } });
    expect((await hub.graphql(ONE, { id: "00000000-0000-4000-8000-0000000000aa" }, await hub.token(worker))).body).toEqual({ data: { notification: null } });
    expect((await hub.graphql(ONE, { id: "not-an-id" }, await hub.token(worker))).body.errors[0].extensions.code).toBe("INVALID_INPUT");
  });

  test("one notification asked for by id by a worker kept out of its child: null, refused on the trail and alerted, as acknowledging it is", async () => {
    const [sui] = [...syntheticNhsNumbers(744_400)].slice(0, 1);
    const keptOut = claims("sw-bucks-kept-out-one", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"]);
    const child = { sui, givenNames: "Orla", familyName: "Brackenbury", dateOfBirth: "2014-08-08", sex: "FEMALE", address: { kind: "HOME", line1: "9 Weir Lane", postcode: "HP20 9WL", localAuthority: "E06000060" } };
    expect((await hub.graphql(SUBMIT, { record: { agencyCode: "GP-K99001", agencyReference: `GP-ONE-KEPT-${sui}`, child, health: { gpPracticeCode: "K99001", registeredOn: "2016-06-01" } } }, await hub.token(claims("system-gp", "GP-K99001", "HEALTH", ["AGENCY_SYSTEM"])))).body.errors).toBeUndefined();
    const exclusion = { kind: "STAFF", subject: keptOut.sub, reason: "Related to the family; must not see the file." };
    const s47 = { purpose: "SECTION_47_ENQUIRY", lawfulBasis: "PUBLIC_TASK", justification: "Implicated staff must not see the file." };
    expect((await hub.graphql(/* GraphQL */ `mutation ($sui: ID!, $exclusion: ChildExclusionInput!, $access: AccessContext!) { recordChildExclusion(sui: $sui, exclusion: $exclusion, access: $access) { id } }`, { sui, exclusion, access: s47 }, await hub.token(claims("csc-manager-one", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["CSC_MANAGER"])))).body.errors).toBeUndefined();
    const n = { agencyCode: "POLICE-43", reference: `TVP-ONE-KEPT-${sui}`, incidentType: "CRIME", occurredOn: "2026-04-04", reportedOn: "2026-04-04", officerContact: "cid@tvp.example", child };
    expect((await hub.graphql(REFER, { n }, await hub.token(claims("system-tvp", "POLICE-43", "POLICE", ["AGENCY_SYSTEM"])))).body.errors).toBeUndefined();
    const [{ id }] = await hub.hub.database.dataSource.query<{ id: string }[]>(`SELECT id FROM notification_delivery WHERE recipient_agency = 'LA-E06000060' AND $1 = ANY(child_suis) AND decided_as = 'SOCIAL_WORKER'`, [sui]);
    const ONE = /* GraphQL */ `query ($id: ID!) { notification(id: $id) { id } }`;
    expect((await hub.graphql(ONE, { id }, await hub.token(SOCIAL_WORKER))).body.data.notification).toEqual({ id });
    expect((await hub.graphql(ONE, { id }, await hub.token(keptOut))).body).toEqual({ data: { notification: null } });
    const [refused] = await hub.hub.database.dataSource.getRepository(DisclosureAuditEntry).find({ where: { principalSub: keptOut.sub, operation: "NOTIFICATION_INBOX_READ" } as never });
    expect(refused).toMatchObject({ outcome: "REFUSED", refusalCode: "NOT_FOUND", refusalProblem: "EXCLUDED_FROM_FILE", childSuis: [sui] });
    const alerts = await hub.hub.database.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM ig_alert WHERE principal_sub = $1 AND kind = 'EXCLUDED_ACCESS'`, [keptOut.sub]);
    expect(alerts[0]?.count).toBe(1);
  });
});

describe("the police tell of a registered sex offender's stay in a household with a child", () => {
  const STAY = /* GraphQL */ `mutation ($n: SexOffenderHouseholdStayInput!) { submitSexOffenderHouseholdStay(notification: $n) { outcome recipients { agencyCode rules } unrouted { rule outcome } } }`;
  const INBOX_STAY = /* GraphQL */ `query { notifications(first: 20) { nodes { type acknowledgeBy child { sui } householdStay { offenderStatus offenderGivenNames relationshipToChild stayStartedOn householdAddress { postcode localAuthority } intelligence officerContact } redactions { path rule } } } }`;

  test("Thames Valley tells of a stay in a Lincolnshire household; Lincolnshire reads who and where, never the PNC id or intelligence", async () => {
    const notification = { agencyCode: "POLICE-43", reference: "TVP-RSO-API-1", notifiedOn: "2026-03-04", stayStartedOn: "2026-03-02",
      offender: { reference: "TVP-NOM-API-1", givenNames: "Crispin", familyName: "Waller", dateOfBirth: "1975-10-10", sex: "MALE", pncId: "75/100101X" },
      relationshipToChild: "PARTNER_OF_PARENT", intelligence: "Intel", officerContact: "mosovo@tvp.example",
      child: { sui: "9990842000", givenNames: "Bea", familyName: "Tanner", dateOfBirth: "2015-01-20", sex: "FEMALE", address: { kind: "HOME", line1: "2 Carr Dyke", postcode: "PE20 2CD", localAuthority: "E10000019" } } };
    const body = (await hub.graphql(STAY, { n: notification }, await hub.token(claims("system-tvp", "POLICE-43", "POLICE", ["AGENCY_SYSTEM"])))).body;
    expect(body.errors).toBeUndefined();
    expect(body.data.submitSexOffenderHouseholdStay).toEqual({ outcome: "CREATED", recipients: [{ agencyCode: "LA-E10000019", rules: ["sex-offender-stay-csc"] }], unrouted: [] });
    const read = (await hub.graphql(INBOX_STAY, {}, await hub.token(claims("sw-lincs-rso", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], "E10000019")))).body;
    const [node] = (read.data.notifications.nodes as Record<string, unknown>[]).filter((n) => n.type === "SEX_OFFENDER_HOUSEHOLD_STAY");
    expect(node).toMatchObject({
      child: { sui: "9990842000" },
      householdStay: { offenderStatus: "REGISTERED_SEX_OFFENDER", offenderGivenNames: "Crispin", relationshipToChild: "PARTNER_OF_PARENT", stayStartedOn: "2026-03-02", householdAddress: { postcode: "PE20 2CD", localAuthority: "E10000019" }, intelligence: null, officerContact: "mosovo@tvp.example" },
    });
  });

  test("a stay notice without the child's date of birth is refused with its problem", async () => {
    const body = (await hub.graphql(STAY, { n: { agencyCode: "POLICE-43", reference: "TVP-RSO-API-2", notifiedOn: "2026-03-04", stayStartedOn: "2026-03-02",
      offender: { reference: "TVP-NOM-API-1", givenNames: "Crispin", familyName: "Waller", dateOfBirth: "1975-10-10", sex: "MALE" }, relationshipToChild: "HOUSEHOLD_MEMBER",
      child: { givenNames: "Unnamed", familyName: "Tanner", expectedDateOfBirth: "2026-06-01", sex: "FEMALE", address: { kind: "HOME", line1: "2 Carr Dyke", localAuthority: "E10000019" } } } }, await hub.token(claims("system-tvp", "POLICE-43", "POLICE", ["AGENCY_SYSTEM"])))).body;
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", path: "notification.child.dateOfBirth", problem: "BIRTH_DATE_REQUIRED" });
  });
});

describe("a school's removal of a pupil from its roll", () => {
  const REMOVE = /* GraphQL */ `mutation ($n: PupilRemovedFromRollInput!) { submitPupilRemovedFromRoll(notification: $n) { outcome recipients { agencyCode rules } } }`;

  test("the school's system tells Lincolnshire, where the pupil lives; it reads why, when and whom to ask", async () => {
    const notification = { agencyCode: "SCH-199001", reference: "SCH-CME-API-1", pupilReference: "UPN-CME-API-1", removedOn: "2026-03-03", removalGround: "CONTINUOUS_ABSENCE",
      dslContact: "dsl@school.example", child: { sui: "9990842019", givenNames: "Olly", familyName: "Fenwick", dateOfBirth: "2012-02-02", sex: "MALE", address: { kind: "HOME", line1: "8 Drove End", postcode: "PE20 8DE", localAuthority: "E10000019" } } };
    const body = (await hub.graphql(REMOVE, { n: notification }, await hub.token(claims("system-sch", "SCH-199001", "EDUCATION", ["AGENCY_SYSTEM"])))).body;
    expect(body.errors).toBeUndefined();
    expect(body.data.submitPupilRemovedFromRoll).toEqual({ outcome: "CREATED", recipients: [{ agencyCode: "LA-E10000019", rules: ["removal-from-roll-home-authority"] }] });
    const read = (await hub.graphql(/* GraphQL */ `query { notifications(first: 20) { nodes { type child { sui } rollRemoval { school removedOn removalGround dslContact } } } }`, {}, await hub.token(claims("sw-lincs-cme", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], "E10000019")))).body;
    const [node] = (read.data.notifications.nodes as Record<string, unknown>[]).filter((n) => n.type === "PUPIL_REMOVED_FROM_ROLL");
    expect(node).toEqual({ type: "PUPIL_REMOVED_FROM_ROLL", child: { sui: "9990842019" }, rollRemoval: { school: "SCH-199001", removedOn: "2026-03-03", removalGround: "CONTINUOUS_ABSENCE", dslContact: "dsl@school.example" } });
  });
});

describe("probation's notifications and the answer that returns", () => {
  const PDU_SYSTEM = claims("system-pdu-bucks", "PDU-API-BUCKS", "PROBATION", ["AGENCY_SYSTEM"]);
  const LINCS_SW = claims("sw-lincs-probation", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], "E10000019");
  const offender = { crn: "X900100", givenNames: "Ambrose", familyName: "Kettle", dateOfBirth: "1981-03-03", sex: "MALE" };
  const child = { reference: "PDU-X900100-C1", sui: "9990842027", givenNames: "Ruby", familyName: "Kettle", dateOfBirth: "2016-07-07", sex: "FEMALE", relationshipToOffender: "FATHER",
    address: { kind: "HOME", line1: "6 Gowt Lane", postcode: "PE20 6GL", localAuthority: "E10000019" } };
  const PROBATION_INBOX = /* GraphQL */ `query { notifications(first: 20) { nodes { id type responseRequested acknowledgeBy offenderMove { offenderGivenNames roshLevel mappaCategory newAddress { localAuthority } } safeguardingEnquiry { court offence question } enquiryResponse { enquiryReference respondingAgency respondedAt response } children { sui relationshipToOffender homeLocalAuthority } } } }`;
  const nodesOf = async (caller: TestClaims) => {
    const body = (await hub.graphql(PROBATION_INBOX, {}, await hub.token(caller))).body;
    expect(body.errors).toBeUndefined();
    return body.data.notifications.nodes as Record<string, unknown>[];
  };

  test("an offender posing a risk to a child moves to Lincolnshire: it reads the offender, the risk and the child, not the CRN or MAPPA detail", async () => {
    const move = { agencyCode: "PDU-API-BUCKS", reference: "PDU-MOVE-API-1", movedOn: "2026-03-01", offender, previousLocalAuthority: "E06000060",
      newAddress: { kind: "HOME", line1: "10 Gowt Lane", postcode: "PE20 6GL", localAuthority: "E10000019" }, risk: { roshLevel: "HIGH", roshTo: ["CHILDREN"], mappaCategory: 1, mappaLevel: 1 }, children: [child] };
    const body = (await hub.graphql(/* GraphQL */ `mutation ($n: OffenderMovedInput!) { submitOffenderMoved(notification: $n) { outcome recipients { agencyCode rules } } }`, { n: move }, await hub.token(PDU_SYSTEM))).body;
    expect(body.errors).toBeUndefined();
    expect(body.data.submitOffenderMoved).toEqual({ outcome: "CREATED", recipients: [{ agencyCode: "LA-E10000019", rules: ["offender-move-receiving-csc"] }] });
    const [node] = (await nodesOf(LINCS_SW)).filter((n) => n.type === "OFFENDER_MOVED_AUTHORITY");
    expect(node).toMatchObject({ offenderMove: { offenderGivenNames: "Ambrose", roshLevel: "HIGH", mappaCategory: null, newAddress: { localAuthority: "E10000019" } }, children: [{ sui: "9990842027", relationshipToOffender: "FATHER", homeLocalAuthority: "E10000019" }] });
  });

  test("the sentencing enquiry is answered as Lincolnshire acknowledges it, and the answer reaches the asking probation agency's inbox", async () => {
    const enquiry = { agencyCode: "PDU-API-BUCKS", reference: "PDU-ENQ-API-1", court: "Aylesbury Crown Court", hearingOn: "2026-03-03", offender: { ...offender, homeLocalAuthority: "E06000060" },
      offence: "Harassment", question: "Is Ruby known to you?", risk: { roshLevel: "MEDIUM" }, children: [child] };
    const body = (await hub.graphql(/* GraphQL */ `mutation ($n: SafeguardingEnquiryInput!) { submitSafeguardingEnquiry(notification: $n) { outcome recipients { agencyCode rules } } }`, { n: enquiry }, await hub.token(PDU_SYSTEM))).body;
    expect(body.errors).toBeUndefined();
    expect(body.data.submitSafeguardingEnquiry.recipients).toEqual([
      { agencyCode: "LA-E06000060", rules: ["probation-enquiry-csc-offender-home"] },
      { agencyCode: "LA-E10000019", rules: ["probation-enquiry-csc-child-home"] },
    ]);
    const [asked] = (await nodesOf(LINCS_SW)).filter((n) => n.type === "PROBATION_SAFEGUARDING_ENQUIRY");
    expect(asked).toMatchObject({ responseRequested: true, safeguardingEnquiry: { court: "Aylesbury Crown Court", offence: "Harassment", question: "Is Ruby known to you?" } });
    const ack = (await hub.graphql(/* GraphQL */ `mutation ($id: ID!, $r: String) { acknowledgeNotification(id: $id, response: $r) { status response } }`, { id: asked.id, r: "Ruby is a child in need; no plan." }, await hub.token(LINCS_SW))).body;
    expect(ack.errors).toBeUndefined();
    expect(ack.data.acknowledgeNotification).toEqual({ status: "ACKNOWLEDGED", response: "Ruby is a child in need; no plan." });
    const [answer] = (await nodesOf(claims("pp-bucks-api", "PDU-API-BUCKS", "PROBATION", ["PROBATION_PRACTITIONER"]))).filter((n) => n.type === "SAFEGUARDING_ENQUIRY_RESPONSE");
    expect(answer).toMatchObject({
      responseRequested: false, acknowledgeBy: null,
      enquiryResponse: { enquiryReference: "PDU-ENQ-API-1", respondingAgency: "LA-E10000019", response: "Ruby is a child in need; no plan." },
      children: [{ sui: "9990842027", relationshipToOffender: "FATHER", homeLocalAuthority: null }],
    });
    expect(typeof (answer.enquiryResponse as { respondedAt: unknown }).respondedAt).toBe("string");
  });
});

describe("a MASH passes a referral to the MASH of the child's home authority", () => {
  test("Buckinghamshire's MASH passes a referral about a Lincolnshire child; Lincolnshire reads it, to decide by the next working day", async () => {
    const notification = { agencyCode: "LA-E06000060", reference: "BUCKS-CONTACT-API-1", receivedOn: "2026-03-03", referrerType: "HEALTH", referrerContact: "safeguarding@trust.example",
      concernCategory: "PHYSICAL_ABUSE", concern: "Bruising noticed at a clinic", child: { sui: "9990842035", givenNames: "Jem", familyName: "Holt", dateOfBirth: "2020-10-10", sex: "MALE", address: { kind: "HOME", line1: "3 Fen Bank", postcode: "PE20 3FB", localAuthority: "E10000019" } } };
    const body = (await hub.graphql(/* GraphQL */ `mutation ($n: MashReferralTransferInput!) { submitMashReferralTransfer(notification: $n) { outcome recipients { agencyCode rules } } }`, { n: notification }, await hub.token(CSC_SYSTEM))).body;
    expect(body.errors).toBeUndefined();
    expect(body.data.submitMashReferralTransfer).toEqual({ outcome: "CREATED", recipients: [{ agencyCode: "LA-E10000019", rules: ["mash-transfer-home-authority"] }] });
    const read = (await hub.graphql(/* GraphQL */ `query { notifications(first: 20) { nodes { type dueFor child { sui } mashReferral { sendingAuthority referrerAgencyType concernCategory concern } } } }`, {}, await hub.token(claims("sw-lincs-mash", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], "E10000019")))).body;
    const [node] = (read.data.notifications.nodes as Record<string, unknown>[]).filter((n) => n.type === "MASH_REFERRAL_TRANSFER");
    expect(node).toEqual({ type: "MASH_REFERRAL_TRANSFER", dueFor: "REFERRAL_DECISION", child: { sui: "9990842035" }, mashReferral: { sendingAuthority: "LA-E06000060", referrerAgencyType: "HEALTH", concernCategory: "PHYSICAL_ABUSE", concern: "Bruising noticed at a clinic" } });
  });
});

describe("a protected location the hub holds, reported unlabelled", () => {
  const MOVE = /* GraphQL */ `mutation ($n: ChildOnPlanMovedInput!) { submitChildOnPlanMoved(notification: $n) { outcome } }`;
  const LINCS_SOCIAL_WORKER = claims("sw-lincs-refuge", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], "E10000019");
  const refuge = { kind: "REFUGE", line1: "Sedge Lane refuge", postcode: "PE21 7SL", localAuthority: "E10000019" };
  const planOf = (child: object, reference: string, address: object) => ({ agencyCode: "LA-E06000060", agencyReference: reference, child: { ...child, address },
    socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-02-02", responsibleLocalAuthority: "E06000060" } });
  const moveOf = (child: object, reference: string, planReference: string, address: object) => ({ agencyCode: "LA-E06000060", reference, planReference, movedOn: "2026-03-04",
    child: { ...child, address }, plan: { planCategory: "NEGLECT", startDate: "2026-02-02" } });
  const submit = async (record: object) => expect((await hub.graphql(SUBMIT, { record }, await hub.token(CSC_SYSTEM))).body.errors).toBeUndefined();
  const moved = async (move: object) => expect((await hub.graphql(MOVE, { n: move }, await hub.token(SOCIAL_WORKER))).body.errors).toBeUndefined();
  const planTransferOf = async (planReference: string) => (await inbox(LINCS_SOCIAL_WORKER)).find((node) => (node.planTransfer as { planReference?: string } | null)?.planReference === planReference);

  /** The child's plan at home, the refuge held LOCATION_WITHHELD in another plan, then a move to it told unlabelled: the receiving authority's delivery. */
  const movedToHeldRefuge = async (child: object, plan: string, home: object) => {
    await submit(planOf(child, plan, home));
    await submit(planOf(child, `${plan}B`, { ...refuge, labels: ["LOCATION_WITHHELD"] }));
    await moved(moveOf(child, `${plan}-MOVE`, plan, refuge));
    return planTransferOf(plan);
  };

  test("a move to the refuge the hub holds for the child never reaches the receiving authority's inbox, though its SUI is in another section", async () => {
    const child = { sui: "9990740267", givenNames: "Tamsin", familyName: "Wragby", dateOfBirth: "2016-07-07", sex: "FEMALE" };
    const node = await movedToHeldRefuge(child, "BUCKS-CP-REFUGE-1", { kind: "HOME", line1: "2 Elm Row", postcode: "HP20 2ER", localAuthority: "E06000060" });
    expect(node?.planTransfer).toMatchObject({ newAddress: null, movedOn: "2026-03-04" });
    expect(node?.redactions).toContainEqual({ path: "planTransfer.newAddress", rule: "location-withheld" });
  });

  test("a location protected after the move was notified is withheld from the inbox as it is read", async () => {
    const child = { sui: "9990740356", givenNames: "Ivo", familyName: "Sallow", dateOfBirth: "2015-08-08", sex: "MALE" };
    const placed = { ...refuge, line1: "Reed Close", postcode: "PE21 8RC" };
    await submit(planOf(child, "BUCKS-CP-REFUGE-2", { kind: "HOME", line1: "3 Elm Row", postcode: "HP20 3ER", localAuthority: "E06000060" }));
    await moved(moveOf(child, "BUCKS-MOVE-REFUGE-2", "BUCKS-CP-REFUGE-2", placed));
    expect((await planTransferOf("BUCKS-CP-REFUGE-2"))?.planTransfer).toMatchObject({ newAddress: { postcode: "PE21 8RC" } });
    await submit(planOf(child, "BUCKS-CP-REFUGE-2B", { ...placed, labels: ["LOCATION_WITHHELD"] }));
    const node = await planTransferOf("BUCKS-CP-REFUGE-2");
    expect(node?.planTransfer).toMatchObject({ newAddress: null });
    expect(node?.redactions).toContainEqual({ path: "planTransfer.newAddress", rule: "location-withheld" });
  });

  test("a removal from roll to the refuge labels the destination, though the child's SUI is in another section", async () => {
    const child = { sui: "9990740445", givenNames: "Bryony", familyName: "Stow", dateOfBirth: "2013-03-03", sex: "FEMALE", address: { kind: "HOME", line1: "9 Drove End", postcode: "PE20 9DE", localAuthority: "E10000019" } };
    await submit(planOf(child, "BUCKS-CP-REFUGE-3", { ...refuge, labels: ["LOCATION_WITHHELD"] }));
    const removal = { agencyCode: "SCH-199001", reference: "SCH-CME-REFUGE", pupilReference: "UPN-CME-REFUGE", removedOn: "2026-03-03", removalGround: "CONTINUOUS_ABSENCE", child, destinationAddress: refuge };
    const content = await PUPIL_REMOVED_FROM_ROLL.content({} as NotificationServices, removal as never, { adultId: null, recordIds: [], childSui: child.sui });
    const labelled = await protectLocationsHeld(hub.hub.database.dataSource, content, []);
    const entry = labelled.sections.find((section) => section.key === "rollRemoval")?.entries[0];
    expect(entry?.valueLabels?.destinationAddress).toEqual(["LOCATION_WITHHELD"]);
  });

  test("a first acknowledgement audits what it returns, as acknowledging again does", async () => {
    const child = { sui: "9990740488", givenNames: "Rowan", familyName: "Tetney", dateOfBirth: "2014-09-09", sex: "FEMALE" };
    const node = await movedToHeldRefuge(child, "BUCKS-CP-REFUGE-4", { kind: "HOME", line1: "4 Elm Row", postcode: "HP20 4ER", localAuthority: "E06000060" });
    // A colleague who never read the inbox acknowledges: the trail's entries in their name are the acknowledgements' alone.
    const colleague = { ...LINCS_SOCIAL_WORKER, sub: "sw-lincs-refuge-ack" };
    const ACK = /* GraphQL */ `mutation ($id: ID!) { acknowledgeNotification(id: $id) { status } }`;
    for (let times = 0; times < 2; times++) expect((await hub.graphql(ACK, { id: node?.id }, await hub.token(colleague))).body.errors).toBeUndefined();
    const entries = await hub.hub.database.dataSource.getRepository(DisclosureAuditEntry).find({ where: { principalSub: colleague.sub }, order: { occurredAt: "ASC" } });
    const [first, again] = entries.filter((entry) => ["NOTIFICATION_ACKNOWLEDGED", "NOTIFICATION_INBOX_READ"].includes(entry.operation) && JSON.stringify(entry.details.deliveryIds ?? entry.details.deliveryId) === JSON.stringify([node?.id]));
    expect([first?.operation, again?.operation]).toEqual(["NOTIFICATION_ACKNOWLEDGED", "NOTIFICATION_INBOX_READ"]);
    for (const entry of [first, again]) expect(entry.details).toMatchObject({ deliveryIds: [node?.id], disclosureIds: [expect.any(String)], supplementaryStatementIds: [] });
  });
});

describe("an address a practitioner types into an enquiry is the enquiry's account, never where the hub places the child", () => {
  const [tegan, osric, kerensa, jago, elowen] = [...syntheticNhsNumbers(752_000)].slice(0, 5);
  const [BUCKS, LINCS] = ["E06000060", "E10000019"];
  const PDU_SYSTEM = claims("system-pdu-typed", "PDU-API-BUCKS", "PROBATION", ["AGENCY_SYSTEM"]);
  const PRACTITIONER = claims("pp-typed", "PDU-API-BUCKS", "PROBATION", ["PROBATION_PRACTITIONER"]);
  const BUCKS_SW = claims("sw-bucks-typed", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"]);
  const LINCS_SW = claims("sw-lincs-typed", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], LINCS);
  const LINCS_IG = claims("ig-lincs-typed", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["IG_LEAD"], LINCS);
  const LINCS_MASH = claims("mash-lincs-typed", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["MASH_PRACTITIONER"], LINCS);
  const BUCKS_MASH = claims("mash-bucks-typed", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["MASH_PRACTITIONER"]);
  const ENQUIRE = /* GraphQL */ `mutation ($n: SafeguardingEnquiryInput!) { submitSafeguardingEnquiry(notification: $n) { outcome } }`;
  const TRAIL = /* GraphQL */ `query ($filter: DisclosureFilterInput, $access: AccessContext!) { disclosures(filter: $filter, access: $access, first: 100) { totalCount nodes { operation principal { agency } } } }`;
  const HOUSEHOLD = /* GraphQL */ `query ($sui: ID!, $access: AccessContext!) { household(sui: $sui, access: $access) { members { sui } } }`;
  const home = (line1: string, postcode: string, localAuthority = BUCKS) => ({ kind: "HOME", line1, town: "Sampleton", postcode, localAuthority });
  const offender = { crn: "X752000", givenNames: "Corwin", familyName: "Stalbridge", dateOfBirth: "1984-04-04", sex: "MALE" };
  const as = async (caller: TestClaims, query: string, variables: Record<string, unknown> = {}) => (await hub.graphql(query, variables, await hub.token(caller))).body;
  const submit = async (caller: TestClaims, record: Record<string, unknown>) => expect((await as(caller, SUBMIT, { record })).errors).toBeUndefined();
  const probationRecord = (agencyReference: string, child: Record<string, unknown>) => ({
    agencyCode: "PDU-API-BUCKS", agencyReference, child,
    relatedAdults: [{ reference: offender.crn, givenNames: offender.givenNames, familyName: offender.familyName, dateOfBirth: offender.dateOfBirth, sex: "MALE", relationship: "FATHER", parentalResponsibility: true, posesRiskToChild: true, subjectOfRecord: true, homeLocalAuthority: BUCKS }],
    probation: { roshLevel: "HIGH", roshTo: ["CHILDREN"], offenderManagerName: "Jo Manager", riskManagementSummary: "Risk summary", supervisionEndDate: "2027-06-01" },
  });
  const enquire = async (reference: string, child: Record<string, unknown>) => expect((await as(PRACTITIONER, ENQUIRE, { n: {
    agencyCode: "PDU-API-BUCKS", reference, court: "Aylesbury Magistrates' Court", hearingOn: new Date().toISOString().slice(0, 10), offender: { ...offender, homeLocalAuthority: BUCKS },
    offence: "Breach of a restraining order", question: "Is this child known to you, and is there a plan?", risk: { roshLevel: "HIGH" }, children: [{ relationshipToOffender: "FATHER", ...child }],
  } })).errors).toBeUndefined();
  const today = new Date().toISOString().slice(0, 10);
  const lincsTriage = access("REFERRAL_TRIAGE", "PUBLIC_TASK", { caseReference: "LCC-TYPED-OSRIC", justification: "Triage: siblings and household of the referred child." });
  const jagoTriage = access("REFERRAL_TRIAGE", "PUBLIC_TASK", { caseReference: "CSC-TYPED-JAGO", justification: "Triage of today's referral: siblings and household." });
  const before: Record<string, unknown> = {};

  beforeAll(async () => {
    const teganChild = { sui: tegan, givenNames: "Tegan", familyName: "Stalbridge", dateOfBirth: "2014-04-14", sex: "FEMALE", address: home("12 Plover Rise", "HP20 4PR") };
    const kerensaChild = { sui: kerensa, givenNames: "Kerensa", familyName: "Stalbridge", dateOfBirth: "2016-06-26", sex: "FEMALE", address: home("21 Heron Way", "HP20 2HW") };
    const jagoHome = home("17 Sedge Close", "HP20 7SC");
    const jagoChild = { sui: jago, givenNames: "Jago", familyName: "Penberthy", dateOfBirth: "2013-03-23", sex: "MALE", address: jagoHome };
    await submit(CSC_SYSTEM, { agencyCode: "LA-E06000060", agencyReference: "CSC-TYPED-TEGAN", child: teganChild, socialCare: { status: "CHILD_IN_NEED", startDate: "2026-06-01", allocatedWorkerName: "Sam Worker", responsibleLocalAuthority: BUCKS } });
    await submit(CSC_SYSTEM, { agencyCode: "LA-E06000060", agencyReference: "CSC-TYPED-KERENSA", child: kerensaChild, socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "SEXUAL_ABUSE", startDate: "2026-07-01", allocatedWorkerName: "Sam Worker", responsibleLocalAuthority: BUCKS, summary: "Plan after a disclosure." } });
    await submit(CSC_SYSTEM, { agencyCode: "LA-E06000060", agencyReference: "CSC-TYPED-JAGO", child: jagoChild, socialCare: { status: "REFERRAL", startDate: today, responsibleLocalAuthority: BUCKS } });
    await submit(claims("system-lincs-typed", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["AGENCY_SYSTEM"], LINCS), { agencyCode: "LA-E10000019", agencyReference: "LCC-TYPED-OSRIC",
      child: { sui: osric, givenNames: "Osric", familyName: "Fenwicke", dateOfBirth: "2013-03-03", sex: "MALE", address: home("7 Sluice Row", "PE20 7SR", LINCS) }, socialCare: { status: "REFERRAL", startDate: today, responsibleLocalAuthority: LINCS } });
    await submit(claims("system-gp-typed", "GP-K99001", "HEALTH", ["AGENCY_SYSTEM"]), { agencyCode: "GP-K99001", agencyReference: "GP-TYPED-ELOWEN",
      child: { sui: elowen, givenNames: "Elowen", familyName: "Penberthy", dateOfBirth: "2015-05-25", sex: "FEMALE", address: jagoHome }, health: { gpPracticeCode: "K99001", registeredOn: "2015-06-01" } });
    await submit(PDU_SYSTEM, probationRecord("PDU-TYPED-TEGAN", teganChild));
    await submit(PDU_SYSTEM, probationRecord("PDU-TYPED-KERENSA", kerensaChild));
    await submit(PDU_SYSTEM, probationRecord("PDU-TYPED-JAGO", jagoChild));
    expect((await as(BUCKS_SW, CHILD_QUERY, { sui: tegan, access: access("CHILD_IN_NEED_ASSESSMENT") })).errors).toBeUndefined();
    before.trail = (await as(LINCS_IG, TRAIL, { filter: { childSui: tegan }, access: IG_REVIEW })).data.disclosures.totalCount;
    before.kerensa = (await as(LINCS_SW, CHILD_QUERY, { sui: kerensa, access: access("SECTION_47_ENQUIRY") })).data?.child ?? null;
    before.jagoHousehold = (await as(BUCKS_MASH, HOUSEHOLD, { sui: jago, access: jagoTriage })).data?.household?.members?.map((member: { sui: string }) => member.sui) ?? null;
    // Each child named rightly by reference and SUI; the address typed is another family's in Lincolnshire, or the boy's own home labelled as withheld.
    await enquire("PDU-TYPED-ENQ-1", { reference: "PDU-TYPED-TEGAN", sui: tegan, givenNames: "Tegan", familyName: "Stalbridge", dateOfBirth: "2014-04-14", sex: "FEMALE", address: home("7 Sluice Row", "PE20 7SR", LINCS) });
    await enquire("PDU-TYPED-ENQ-2", { reference: "PDU-TYPED-KERENSA", sui: kerensa, givenNames: "Kerensa", familyName: "Stalbridge", dateOfBirth: "2016-06-26", sex: "FEMALE", address: home("40 Marsh Lane", "PE20 4ML", LINCS) });
    await enquire("PDU-TYPED-ENQ-3", { reference: "PDU-TYPED-JAGO", sui: jago, givenNames: "Jago", familyName: "Penberthy", dateOfBirth: "2013-03-23", sex: "MALE", address: { ...jagoHome, labels: ["LOCATION_WITHHELD"] } });
  });

  test("another council's social worker still reads nothing of a child on a plan, her plan included", async () => {
    expect(before.kerensa).toBeNull();
    const read = await as(LINCS_SW, CHILD_QUERY, { sui: kerensa, access: access("SECTION_47_ENQUIRY") });
    expect({ relationships: read.data?.child?.relationships ?? null, plan: read.data?.child?.socialCare ?? null }).toEqual({ relationships: null, plan: null });
  });

  test("the child is not listed in the other family's household, nor opened under its referral", async () => {
    const household = await as(LINCS_MASH, HOUSEHOLD, { sui: osric, access: lincsTriage });
    expect(household.errors).toBeUndefined();
    const opened = await as(LINCS_MASH, CHILD_QUERY, { sui: tegan, access: lincsTriage });
    expect({ listed: JSON.stringify(household.data).includes(tegan), plan: opened.data?.child?.socialCare ?? null }).toEqual({ listed: false, plan: null });
  });

  test("the other council's IG lead is not given the child's trail", async () => {
    expect(before.trail).toBe(0);
    const trail = await as(LINCS_IG, TRAIL, { filter: { childSui: tegan }, access: IG_REVIEW });
    expect(trail.errors).toBeUndefined();
    // Buckinghamshire's social worker's read, made before the enquiry, reaches Lincolnshire's IG lead only if the hub now places the child there.
    expect(trail.data.disclosures.nodes.filter((node: { operation: string; principal: { agency: string } }) => node.operation === "CHILD_RECORD" && node.principal.agency === "LA-E06000060")).toEqual([]);
  });

  test("a label typed on the child's own home does not protect it: the MASH working his referral still sees his sister", async () => {
    expect(before.jagoHousehold).toContain(elowen);
    const after = await as(BUCKS_MASH, HOUSEHOLD, { sui: jago, access: jagoTriage });
    expect(after.errors).toBeUndefined();
    expect(after.data.household.members.map((member: { sui: string }) => member.sui)).toContain(elowen);
  });
});
