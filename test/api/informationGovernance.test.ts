import { randomUUID } from "node:crypto";
import { recordAuditEntry } from "../../src/audit/recordAuditEntry";
import { Agency } from "../../src/directory/Agency";
import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { WebhookDelivery } from "../../src/webhooks/WebhookDelivery";
import { WebhookStatus } from "../../src/webhooks/WebhookStatus";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT, testAgency } from "../support/fixtures";
import { SCENARIO, seedScenarios } from "../support/scenarioFixtures";
import { IG_REVIEW, SUBJECT_ACCESS } from "../support/governanceAccess";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";

const DISCLOSURES = /* GraphQL */ `
  query ($filter: DisclosureFilterInput, $first: Int, $after: String, $access: AccessContext!) {
    disclosures(filter: $filter, access: $access, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { id occurredAt operation outcome breakGlass childSuis principal { sub agency roles } access { purpose lawfulBasis justification } fieldsWithheld { path rule } refusal { code problem } prejudicesInvestigation chain sequence }
    }
  }
`;
const NARROWED = "query ($filter: DisclosureFilterInput, $access: AccessContext!) { disclosures(filter: $filter, access: $access) { nodes { id childSuis otherChildren details hash } } }";
const VERIFY = "{ verifyAuditChain { intact entriesChecked chainsChecked firstBroken { chain sequence entryId problem } } }";
const EXPORT = "query ($filter: DisclosureFilterInput, $format: ExportFormat!, $access: AccessContext!) { exportDisclosures(filter: $filter, format: $format, access: $access) { contentType content count complete } }";
const OPEN_SAR = "mutation ($request: SubjectAccessRequestInput!, $access: AccessContext!) { openSubjectAccessRequest(request: $request, access: $access) { id } }";
const SAR_REVIEW = "query ($id: ID!, $access: AccessContext!) { subjectAccessReview(id: $id, access: $access) { disclosures { recipient { agencyCode } decision { outcome exemptions { id } } } } }";
const SAR_RELEASE = "query ($id: ID!, $access: AccessContext!) { subjectAccessRelease(id: $id, access: $access) { recipients { agencyCode } } }";
const ALERTS = "query ($access: AccessContext!) { igAlerts(status: OPEN, access: $access) { totalCount nodes { id childSui principalSub status disclosureCount } } }";
const CLOSE = "mutation ($id: ID!, $access: AccessContext!) { closeIgAlert(id: $id, outcome: JUSTIFIED, note: \"ED consultant confirmed the emergency; access proportionate.\", access: $access) { id status outcome closedBySub } }";
const NOT_SHARE = "mutation ($sui: ID!, $decision: DecisionNotToShareInput!) { recordDecisionNotToShare(sui: $sui, decision: $decision) { auditEntryId recordedAt } }";

let hub: TestHub;
const startOfTest = new Date(Date.now() - 60_000);

async function as(caller: TestClaims, query: string, variables: Record<string, unknown> = {}) {
  return (await hub.graphql(query, variables, await hub.token(caller))).body;
}

beforeAll(async () => {
  hub = await startTestHub();
  // A school that holds nothing about the scenarios' children: its IG lead answers for none of them.
  await hub.hub.database.dataSource.getRepository(Agency).insert(testAgency("SCH-199002", "Sampleford Primary Academy", "EDUCATION", "E06000060"));
  await seedScenarios(hub);
  await as(CALLERS.schoolDsl, CHILD_QUERY, { sui: SCENARIO.schoolDsl, access: access("STRATEGY_DISCUSSION") });
  await as(CALLERS.socialWorker, CHILD_QUERY, { sui: SCENARIO.schoolDsl, access: access("SECTION_47_ENQUIRY") });
  await as(CALLERS.police, CHILD_QUERY, { sui: SCENARIO.forcedMarriage, access: access("STRATEGY_DISCUSSION", "LAW_ENFORCEMENT") });
  await as(CALLERS.socialWorker, CHILD_QUERY, { sui: SCENARIO.forcedMarriage, access: access("SECTION_47_ENQUIRY") });
  await as(CALLERS.hospitalDoctor, CHILD_QUERY, { sui: SCENARIO.schoolDsl, access: access("EMERGENCY_PROTECTION", "VITAL_INTERESTS", { breakGlass: true, justification: "Child in ED at 02:10 with unexplained injuries; no social care contact reachable out of hours." }) });
});
afterAll(async () => {
  await hub.stop();
});

async function recordIdOf(agencyReference: string): Promise<string> {
  const [row] = await hub.hub.database.dataSource.query<{ id: string }[]>(`SELECT id FROM agency_record WHERE agency_reference = $1`, [agencyReference]);
  return row.id;
}

describe("scenario 10: an IG lead reviews one child's disclosures", () => {
  it("lists every disclosure about the child in the period, newest first, a page at a time", async () => {
    const filter = { childSui: SCENARIO.schoolDsl, from: startOfTest.toISOString(), to: new Date(Date.now() + 60_000).toISOString(), operation: "CHILD_RECORD" };
    const first = await as(CALLERS.igLead, DISCLOSURES, { filter, first: 2, access: IG_REVIEW });
    expect(first.errors).toBeUndefined();
    expect(first.data.disclosures.totalCount).toBe(3);
    expect(first.data.disclosures.pageInfo.hasNextPage).toBe(true);
    const rest = await as(CALLERS.igLead, DISCLOSURES, { filter, first: 2, after: first.data.disclosures.pageInfo.endCursor, access: IG_REVIEW });
    const nodes = [...first.data.disclosures.nodes, ...rest.data.disclosures.nodes];
    expect(nodes.map((n: { principal: { sub: string } }) => n.principal.sub)).toEqual(["ed-doctor", "sw-north", "dsl-sampleton"]);
    expect(nodes[0]).toMatchObject({ breakGlass: true, outcome: "DISCLOSED", access: { purpose: "EMERGENCY_PROTECTION", lawfulBasis: "VITAL_INTERESTS" } });
    // The school's read withheld the GP's record from the DSL: the GP's to answer for, not the council's.
    expect(nodes[2].fieldsWithheld.map((w: { path: string }) => w.path)).not.toContain(`health[${await recordIdOf("GP-S3")}].conditions`);
  });

  it("filters by break-glass for the review queue", async () => {
    const body = await as(CALLERS.igLead, DISCLOSURES, { filter: { breakGlass: true, childSui: SCENARIO.schoolDsl }, access: IG_REVIEW });
    expect(body.data.disclosures.nodes.map((n: { principal: { sub: string } }) => n.principal.sub)).toEqual(["ed-doctor"]);
  });

  it("is for IG leads only", async () => {
    for (const query of [DISCLOSURES, VERIFY, ALERTS]) {
      const body = await as(CALLERS.socialWorker, query, { access: IG_REVIEW });
      expect(body.errors[0].extensions.code).toBe("FORBIDDEN");
    }
  });

  it("verifies that the trail is intact", async () => {
    const body = await as(CALLERS.igLead, VERIFY);
    expect(body.data.verifyAuditChain).toMatchObject({ intact: true, firstBroken: null });
    // At least the five reads made before any test ran; the tests' own reads are audited too.
    expect(body.data.verifyAuditChain.entriesChecked).toBeGreaterThanOrEqual(5);
  });

  it("exports the child's disclosures as FHIR R4 AuditEvent resources", async () => {
    const body = await as(CALLERS.igLead, EXPORT, { filter: { childSui: SCENARIO.schoolDsl, operation: "CHILD_RECORD" }, format: "FHIR_AUDIT_EVENT", access: IG_REVIEW });
    expect(body.data.exportDisclosures).toMatchObject({ count: 3, complete: true });
    const bundle = JSON.parse(body.data.exportDisclosures.content);
    expect(bundle.resourceType).toBe("Bundle");
    const events = bundle.entry.map((e: { resource: Record<string, any> }) => e.resource);
    expect(events.every((e: { resourceType: string }) => e.resourceType === "AuditEvent")).toBe(true);
    const dsl = events.find((e: { agent: { who: { identifier: { value: string } } }[] }) => e.agent.some((a) => a.who?.identifier?.value === "dsl-sampleton"));
    expect(JSON.stringify(dsl.entity)).toContain(SCENARIO.schoolDsl);
    expect(JSON.stringify(dsl.agent)).toContain("STRATEGY_DISCUSSION");
    // The GP's record the DSL was refused is the GP's to answer for: left out, and the list named as narrowed.
    expect(JSON.stringify(dsl.entity)).not.toContain(`health[${await recordIdOf("GP-S3")}].conditions`);
    expect(JSON.stringify(dsl.entity)).toContain("fieldsWithheld: audit-trail:other-agency-records");
  });

  it("exports as CSV", async () => {
    const body = await as(CALLERS.igLead, EXPORT, { filter: { childSui: SCENARIO.schoolDsl, operation: "CHILD_RECORD" }, format: "CSV", access: IG_REVIEW });
    const lines = (body.data.exportDisclosures.content as string).trim().split(/\r?\n/);
    expect(lines).toHaveLength(4);
    expect(body.data.exportDisclosures.contentType).toMatch(/^text\/csv/);
  });

  it("answers a parent's subject access request without the police read of the forced-marriage record, the exemption named", async () => {
    const requester = { standing: "PERSON_WITH_PARENTAL_RESPONSIBILITY", name: "The child's father", basis: "Named on the birth certificate, which was seen at the front desk." };
    const opened = await as(CALLERS.igLead, OPEN_SAR, { request: { sui: SCENARIO.forcedMarriage, reference: SUBJECT_ACCESS.caseReference, receivedAt: new Date(Date.now() - 3_600_000).toISOString(), requester }, access: SUBJECT_ACCESS });
    expect(opened.errors).toBeUndefined();
    const { id } = opened.data.openSubjectAccessRequest as { id: string };
    const review = (await as(CALLERS.igLead, SAR_REVIEW, { id, access: SUBJECT_ACCESS })).data.subjectAccessReview as { disclosures: { recipient: { agencyCode: string }; decision: { outcome: string; exemptions: { id: string }[] } }[] };
    const policeReads = review.disclosures.filter((entry) => entry.recipient.agencyCode === "POLICE-43");
    expect(policeReads.length).toBeGreaterThanOrEqual(1);
    for (const entry of policeReads) expect(entry.decision).toMatchObject({ outcome: "WITHHELD", exemptions: expect.arrayContaining([{ id: "sar-withheld-from-family" }]) });
    const release = (await as(CALLERS.igLead, SAR_RELEASE, { id, access: SUBJECT_ACCESS })).data.subjectAccessRelease as { recipients: { agencyCode: string }[] };
    expect(release.recipients.map((recipient) => recipient.agencyCode)).not.toContain("POLICE-43");
  });

  it("lists the break-glass alert and closes it with an outcome, audited", async () => {
    const alerts = await as(CALLERS.igLead, ALERTS, { access: IG_REVIEW });
    const open = alerts.data.igAlerts.nodes.filter((alert: { childSui: string }) => alert.childSui === SCENARIO.schoolDsl);
    expect(open).toEqual([expect.objectContaining({ childSui: SCENARIO.schoolDsl, principalSub: "ed-doctor", status: "OPEN" })]);
    // An IG lead whose agency neither made the read nor holds anything about the child does not see it, or close it.
    const elsewhere: TestClaims = { sub: "ig-elsewhere", name: "Test ig-elsewhere", agency: "SCH-199002", agency_type: "EDUCATION", roles: ["IG_LEAD"], la: "E06000060" };
    expect(JSON.stringify((await as(elsewhere, ALERTS, { access: IG_REVIEW })).data.igAlerts)).not.toContain(SCENARIO.schoolDsl);
    expect((await as(elsewhere, CLOSE, { id: open[0].id, access: IG_REVIEW })).errors[0].extensions).toMatchObject({ code: "NOT_FOUND", path: "id" });
    expect((await as(elsewhere, DISCLOSURES, { filter: { childSui: SCENARIO.schoolDsl }, access: IG_REVIEW })).data.disclosures.totalCount).toBe(0);
    const closed = await as(CALLERS.igLead, CLOSE, { id: open[0].id, access: IG_REVIEW });
    expect(closed.data.closeIgAlert).toMatchObject({ status: "CLOSED", outcome: "JUSTIFIED", closedBySub: "ig-lead" });
    expect((await as(CALLERS.igLead, ALERTS, { access: IG_REVIEW })).data.igAlerts.nodes.map((alert: { id: string }) => alert.id)).not.toContain(open[0].id);
    const trail = await as(CALLERS.igLead, DISCLOSURES, { filter: { operation: "IG_ALERT_CLOSED", childSui: SCENARIO.schoolDsl }, access: IG_REVIEW });
    expect(trail.data.disclosures.totalCount).toBe(1);
  });

  it("lets nobody but an IG lead close an alert: refused, audited, and the alert stays open", async () => {
    await as(CALLERS.hospitalDoctor, CHILD_QUERY, { sui: SCENARIO.schoolDsl, access: access("EMERGENCY_PROTECTION", "VITAL_INTERESTS", { breakGlass: true, justification: "Child back in ED at 04:15 with a new injury; no social care contact reachable." }) });
    const [alert] = (await as(CALLERS.igLead, ALERTS, { access: IG_REVIEW })).data.igAlerts.nodes;
    for (const caller of [CALLERS.socialWorker, CALLERS.cscManager, CALLERS.dataSteward]) {
      const refused = await as(caller, CLOSE, { id: alert.id, access: IG_REVIEW });
      expect(refused.errors[0].extensions.code).toBe("FORBIDDEN");
      const trail = await as(CALLERS.igLead, DISCLOSURES, { filter: { operation: "IG_ALERT_CLOSED", principalSub: caller.sub }, access: IG_REVIEW });
      expect(trail.data.disclosures.nodes).toEqual([expect.objectContaining({ outcome: "REFUSED", refusal: { code: "FORBIDDEN", problem: "IG_LEAD_ONLY" } })]);
    }
    const open = (await as(CALLERS.igLead, ALERTS, { access: IG_REVIEW })).data.igAlerts.nodes;
    expect(open).toEqual([expect.objectContaining({ id: alert.id, status: "OPEN" })]);
    expect((await as(CALLERS.igLead, CLOSE, { id: alert.id, access: IG_REVIEW })).data.closeIgAlert.status).toBe("CLOSED");
  });

  it("does not let anyone review their own break-glass access", async () => {
    const both = { ...CALLERS.hospitalDoctor, sub: "doctor-and-ig", roles: ["HEALTH_PRACTITIONER", "IG_LEAD"] };
    // Another child than the one the other tests count disclosures and alerts of.
    await as(both, CHILD_QUERY, { sui: SCENARIO.mappa, access: access("EMERGENCY_PROTECTION", "VITAL_INTERESTS", { breakGlass: true, justification: "Child in ED at 03:40 with a head injury; no social care contact reachable." }) });
    const alerts = await as(CALLERS.igLead, ALERTS, { access: IG_REVIEW });
    const own = alerts.data.igAlerts.nodes.find((alert: { principalSub: string }) => alert.principalSub === "doctor-and-ig");
    const refused = await as(both, CLOSE, { id: own.id, access: IG_REVIEW });
    expect(refused.errors[0].extensions.code).toBe("FORBIDDEN");
    const trail = await as(CALLERS.igLead, DISCLOSURES, { filter: { operation: "IG_ALERT_CLOSED", principalSub: "doctor-and-ig" }, access: IG_REVIEW });
    expect(trail.data.disclosures.nodes).toEqual([expect.objectContaining({ outcome: "REFUSED", refusal: { code: "FORBIDDEN", problem: "OWN_BREAK_GLASS" } })]);
    expect((await as(CALLERS.igLead, CLOSE, { id: own.id, access: IG_REVIEW })).data.closeIgAlert.status).toBe("CLOSED");
  });

  it("finds a decision not to share (s.16LA) with its reasons", async () => {
    const decision = { purpose: "STRATEGY_DISCUSSION", recipientAgencyType: "EDUCATION", reason: "Sharing the household's details with the school now would alert the family to the enquiry." };
    const recorded = await as(CALLERS.socialWorker, NOT_SHARE, { sui: SCENARIO.forcedMarriage, decision });
    expect(recorded.errors).toBeUndefined();
    const trail = await as(CALLERS.igLead, DISCLOSURES, { filter: { childSui: SCENARIO.forcedMarriage, outcome: "NOT_SHARED" }, access: IG_REVIEW });
    expect(trail.data.disclosures.nodes).toEqual([expect.objectContaining({ id: recorded.data.recordDecisionNotToShare.auditEntryId, operation: "DECISION_NOT_TO_SHARE", access: expect.objectContaining({ justification: decision.reason }) })]);
  });

  it("detects a row altered by a superuser, naming it", async () => {
    const listed = await as(CALLERS.igLead, DISCLOSURES, { filter: { childSui: SCENARIO.schoolDsl, operation: "CHILD_RECORD" }, access: IG_REVIEW });
    const target = listed.data.disclosures.nodes[1] as { id: string; chain: number; sequence: number };
    const asSuperuser = async (sql: string, parameters: unknown[]) => {
      const runner = hub.hub.database.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.query("SET session_replication_role = replica");
        return (await runner.query(sql, parameters)) as unknown;
      } finally {
        await runner.query("SET session_replication_role = origin");
        await runner.release();
      }
    };
    const [{ justification }] = (await asSuperuser("SELECT justification FROM disclosure_audit WHERE id = $1", [target.id])) as { justification: string }[];
    await asSuperuser("UPDATE disclosure_audit SET justification = 'nothing to see here' WHERE id = $1", [target.id]);
    try {
      const body = await as(CALLERS.igLead, VERIFY);
      expect(body.data.verifyAuditChain.intact).toBe(false);
      expect(body.data.verifyAuditChain.firstBroken).toMatchObject({ entryId: target.id, chain: target.chain, sequence: target.sequence, problem: "HASH_MISMATCH" });
    } finally {
      // Put it back, so the other tests read an intact trail whatever their order.
      await asSuperuser("UPDATE disclosure_audit SET justification = $2 WHERE id = $1", [target.id, justification]);
    }
  });
});

describe("an entry naming children held by different agencies", () => {
  const suis = syntheticNhsNumbers(887_000);
  const pupil = suis.next().value as string;
  const victim = suis.next().value as string;
  const schoolIg: TestClaims = { sub: "ig-sch-several", name: "Test ig-sch-several", agency: "SCH-199002", agency_type: "EDUCATION", roles: ["IG_LEAD"], la: "E06000060" };
  const policeIg: TestClaims = { ...schoolIg, sub: "ig-police-several", agency: "POLICE-43", agency_type: "POLICE" };
  let searchId: string;

  beforeAll(async () => {
    const submit = async (agencyCode: string, agencyType: string, la: string, record: Record<string, unknown>) =>
      expect((await hub.graphql(SUBMIT, { record: { agencyCode, ...record } }, await hub.token(AGENCY_SYSTEM_CLAIMS(agencyCode, agencyType, la)))).body.errors).toBeUndefined();
    await submit("SCH-199002", "EDUCATION", "E06000060", { agencyReference: "UPN-SEVERAL-1", child: { sui: pupil, givenNames: "Ada", familyName: "Several", dateOfBirth: "2014-04-04", sex: "FEMALE" }, education: { rollStatus: "ON_ROLL", onRollFrom: "2021-09-01" } });
    await submit("POLICE-43", "POLICE", "E10000019", { agencyReference: "TVP-SEVERAL-2", child: { sui: victim, givenNames: "Bram", familyName: "Several", dateOfBirth: "2013-03-03", sex: "MALE" }, police: { incidentType: "CHILD_CONCERN", childRole: "VICTIM", reportedOn: "2026-10-01" } });
    // A search that showed both children to the force.
    ({ id: searchId } = await recordAuditEntry(hub.hub.database.dataSource, {
      requestId: "search-several", principal: { sub: "pc-several", name: "Never Logged", agency: "POLICE-43", agencyType: "POLICE", roles: ["POLICE_OFFICER"], localAuthority: "E06000060", team: null, tokenId: null },
      operation: "CHILD_SEARCH", childSuis: [pupil, victim], outcome: "DISCLOSED", fieldsDisclosed: [], fieldsWithheld: [], policyVersion: null, breakGlass: false, prejudicesInvestigation: false,
      access: { purpose: "STRATEGY_DISCUSSION", lawfulBasis: "LAW_ENFORCEMENT", specialCategoryCondition: null, justification: "Strategy discussion: both children seen at one address.", caseReference: null, breakGlass: false },
      details: { candidates: [{ sui: pupil }, { sui: victim }] },
    }));
  });

  it("shows the school's IG lead its pupil and a count, and no other child, in the list and both exports", async () => {
    const listed = await as(schoolIg, NARROWED, { filter: { childSui: pupil, operation: "CHILD_SEARCH" }, access: IG_REVIEW });
    expect(listed.errors).toBeUndefined();
    expect(listed.data.disclosures.nodes).toEqual([{ id: searchId, childSuis: [pupil], otherChildren: 1, details: {}, hash: null }]);
    for (const format of ["CSV", "FHIR_AUDIT_EVENT"]) {
      const exported = await as(schoolIg, EXPORT, { filter: { childSui: pupil, operation: "CHILD_SEARCH" }, format, access: IG_REVIEW });
      expect(exported.data.exportDisclosures.count).toBe(1);
      expect(exported.data.exportDisclosures.content).toContain(pupil);
      expect(exported.data.exportDisclosures.content).not.toContain(victim);
    }
  });

  it("shows the force's IG lead both children, the details and the hash: its officer's search", async () => {
    const listed = await as(policeIg, NARROWED, { filter: { childSui: pupil, operation: "CHILD_SEARCH" }, access: IG_REVIEW });
    expect(listed.data.disclosures.nodes).toEqual([{ id: searchId, childSuis: [pupil, victim], otherChildren: 0, details: { candidates: [{ sui: pupil }, { sui: victim }] }, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });
});

describe("a children's services IG lead's reach through where a child lives (principle 8)", () => {
  const suis = syntheticNhsNumbers(889_000);
  const [refuge, labelledOnly, sealedHome, plainHome] = [0, 1, 2, 3].map(() => suis.next().value as string);
  const BUCKS = "E06000060";
  const LINCS = "E10000019";
  const lincsIg: TestClaims = { sub: "ig-lincs-reach", name: "Test ig-lincs-reach", agency: "LA-E10000019", agency_type: "CHILDRENS_SOCIAL_CARE", roles: ["IG_LEAD"], la: LINCS };
  const refugeAddress = { kind: "REFUGE", line1: "Haven House, 2 Lantern Lane", town: "Fenby", postcode: "PE21 7RF", localAuthority: LINCS, labels: ["LOCATION_WITHHELD"] };
  const child = (sui: string, givenNames: string, address?: Record<string, unknown>) => ({ sui, givenNames, familyName: "Reachwell", dateOfBirth: "2014-05-05", sex: "FEMALE", ...(address ? { address } : {}) });
  const socialCare = { status: "CHILD_IN_NEED", startDate: "2026-09-01", allocatedWorkerName: "Robin Caseworker", allocatedWorkerContact: "0300 000 0001", responsibleLocalAuthority: BUCKS };
  const health = { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2016-06-01" };
  const education = { rollStatus: "ON_ROLL", onRollFrom: "2021-09-01" };

  beforeAll(async () => {
    const submit = async (agencyCode: string, agencyType: string, record: Record<string, unknown>) =>
      expect((await hub.graphql(SUBMIT, { record: { agencyCode, ...record } }, await hub.token(AGENCY_SYSTEM_CLAIMS(agencyCode, agencyType, BUCKS)))).body.errors).toBeUndefined();
    // Placed in a Lincolnshire refuge by Buckinghamshire; the GP registered her there without the label.
    await submit("LA-E06000060", "CHILDRENS_SOCIAL_CARE", { agencyReference: "CSC-REACH-1", child: child(refuge, "Marigold", refugeAddress), socialCare });
    await submit("GP-K99001", "HEALTH", { agencyReference: "GP-REACH-1", child: child(refuge, "Marigold", { ...refugeAddress, kind: "HOME", line1: "HAVEN HOUSE 2 LANTERN LANE", postcode: "pe217rf", labels: [] }), health });
    // Only the labelled address says where she is.
    await submit("LA-E06000060", "CHILDRENS_SOCIAL_CARE", { agencyReference: "CSC-REACH-2", child: child(labelledOnly, "Saffron", refugeAddress), socialCare });
    // A Lincolnshire home only a sealed record reports.
    await submit("POLICE-43", "POLICE", { agencyReference: "TVP-REACH-3", child: child(sealedHome, "Bryony", { kind: "HOME", line1: "3 Sealed Row", town: "Fenby", postcode: "PE21 3SR", localAuthority: LINCS }), labels: ["SEALED"], police: { incidentType: "CHILD_CONCERN", childRole: "WITNESS", reportedOn: "2026-10-01" } });
    // A Lincolnshire home a school reports plainly: the council's to answer for.
    await submit("SCH-199001", "EDUCATION", { agencyReference: "UPN-REACH-4", child: child(plainHome, "Clover", { kind: "HOME", line1: "4 Open Street", town: "Fenby", postcode: "PE21 4OS", localAuthority: LINCS }), education });
    for (const sui of [refuge, labelledOnly, sealedHome, plainHome]) {
      await recordAuditEntry(hub.hub.database.dataSource, {
        requestId: `reach-${sui}`, principal: { sub: "sw-bucks-reach", name: "Never Logged", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE", roles: ["SOCIAL_WORKER"], localAuthority: BUCKS, team: null, tokenId: null },
        operation: "CHILD_RECORD", childSuis: [sui], outcome: "DISCLOSED", fieldsDisclosed: [], fieldsWithheld: [], policyVersion: null, breakGlass: false, prejudicesInvestigation: false,
        access: { purpose: "SECTION_47_ENQUIRY", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: null, justification: "Enquiry visit planned.", caseReference: null, breakGlass: false },
      });
    }
  });

  const countFor = async (sui: string) => {
    const body = await as(lincsIg, DISCLOSURES, { filter: { childSui: sui }, access: IG_REVIEW });
    expect(body.errors).toBeUndefined();
    return body.data.disclosures.totalCount as number;
  };

  it("reaches a child whose home in its authority an unrestricted record reports", async () => {
    expect(await countFor(plainHome)).toBe(1);
  });

  it("does not reach a child through a refuge in its authority, labelled or reported again without the label", async () => {
    expect(await countFor(refuge)).toBe(0);
    expect(await countFor(labelledOnly)).toBe(0);
  });

  it("does not reach a child through a home only a sealed record reports", async () => {
    expect(await countFor(sealedHome)).toBe(0);
  });
});

describe("another agency's read, as an IG lead whose agency holds only its own record about the child reads it", () => {
  const suis = syntheticNhsNumbers(896_000);
  const childSui = suis.next().value as string;
  const child = { sui: childSui, givenNames: "Wren", familyName: "Ashdown", dateOfBirth: "2012-03-03", sex: "FEMALE", address: { kind: "HOME", line1: "9 Quarry Road", town: "Sampleton", postcode: "HP20 2QR", localAuthority: "E06000060" } };
  const father = { reference: "A8123ZZ", givenNames: "Neil", familyName: "Ashdown", dateOfBirth: "1980-02-02", sex: "MALE", homeLocalAuthority: "E10000019", relationship: "FATHER", parentalResponsibility: true, posesRiskToChild: true, subjectOfRecord: true };
  const officer: TestClaims = { sub: "pc-trail-fields", name: "Test pc-trail-fields", agency: "POLICE-43", agency_type: "POLICE", roles: ["POLICE_OFFICER"], la: "E06000060" };
  const prisonIg: TestClaims = { sub: "ig-hmp-trail-fields", name: "Test ig-hmp-trail-fields", agency: "HMP-EXAMPLETON", agency_type: "PRISON", roles: ["IG_LEAD"], la: "E10000019" };
  const policeIg: TestClaims = { sub: "ig-pol-trail-fields", name: "Test ig-pol-trail-fields", agency: "POLICE-43", agency_type: "POLICE", roles: ["IG_LEAD"], la: "E06000060" };
  const ROWS = "query ($filter: DisclosureFilterInput, $access: AccessContext!) { disclosures(filter: $filter, access: $access) { nodes { id principal { sub } fieldsDisclosed fieldsWithheld { path rule } details redactions { path rule } } } }";
  const records = { police: "", school: "", prison: "" };
  let stored: { fieldsDisclosed: string[]; fieldsWithheld: { path: string; rule: string }[] };

  beforeAll(async () => {
    const submissions = [
      ["POLICE", "E06000060", { agencyCode: "POLICE-43", agencyReference: "TVP-TRAIL-FIELDS-1", child, police: { incidentType: "CHILD_CONCERN", childRole: "VICTIM", reportedOn: "2026-10-01", intelligence: "Intelligence for the trail-fields test", activeInvestigation: false } }],
      ["EDUCATION", "E06000060", { agencyCode: "SCH-199001", agencyReference: "UPN-TRAIL-FIELDS-1", child, education: { rollStatus: "ON_ROLL", onRollFrom: "2019-09-04", safeguardingConcerns: [{ category: "NEGLECT", summary: "Concern for the trail-fields test", recordedOn: "2026-10-02" }] } }],
      ["PRISON", "E10000019", { agencyCode: "HMP-EXAMPLETON", agencyReference: "HMP-TRAIL-FIELDS-1", child, relatedAdults: [father], prison: { prisonNumber: "A8123ZZ", pprcStatus: "CONFIRMED", pprcAssessedOn: "2026-09-20", expectedReleaseDate: "2027-01-10" } }],
    ] as const;
    for (const [type, la, record] of submissions) {
      expect((await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode, type, la)))).body.errors).toBeUndefined();
    }
    [records.police, records.school, records.prison] = await Promise.all(["TVP-TRAIL-FIELDS-1", "UPN-TRAIL-FIELDS-1", "HMP-TRAIL-FIELDS-1"].map(recordIdOf));
    const read = await as(officer, CHILD_QUERY, { sui: childSui, access: access("STRATEGY_DISCUSSION", "LAW_ENFORCEMENT") });
    expect(read.errors).toBeUndefined();
    [stored] = await hub.hub.database.dataSource.query(
      `SELECT fields_disclosed AS "fieldsDisclosed", fields_withheld AS "fieldsWithheld" FROM disclosure_audit WHERE principal_sub = $1 AND operation = 'CHILD_RECORD' AND $2 = ANY(child_suis)`, [officer.sub, childSui]);
    // The officer's read carried the police's and the school's records: what the prison must not learn of.
    expect(stored.fieldsDisclosed.some((path) => path.includes(records.police))).toBe(true);
    expect([...stored.fieldsDisclosed, ...stored.fieldsWithheld.map((w) => w.path)].some((path) => path.includes(records.school))).toBe(true);
  });

  const officersRow = async (reader: TestClaims) => {
    const body = await as(reader, ROWS, { filter: { childSui, principalSub: officer.sub, operation: "CHILD_RECORD" }, access: IG_REVIEW });
    expect(body.errors).toBeUndefined();
    expect(body.data.disclosures.nodes).toHaveLength(1);
    return body.data.disclosures.nodes[0] as { fieldsDisclosed: string[]; fieldsWithheld: { path: string; rule: string }[]; details: object; redactions: { path: string; rule: string }[] };
  };
  const othersRecords = () => [records.police, records.school, "police[", "education["];

  it("shows the prison's IG lead the officer's read with no path or id of the police's or the school's records, saying the lists were narrowed", async () => {
    const row = await officersRow(prisonIg);
    const text = JSON.stringify(row);
    for (const other of othersRecords()) expect(text).not.toContain(other);
    const ownPaths = (paths: string[]) => paths.filter((path) => path.includes(records.prison));
    expect(row.fieldsDisclosed).toEqual(expect.arrayContaining(ownPaths(stored.fieldsDisclosed)));
    expect(row.fieldsWithheld.map((w) => w.path)).toEqual(expect.arrayContaining(ownPaths(stored.fieldsWithheld.map((w) => w.path))));
    expect(row.redactions).toEqual(expect.arrayContaining([
      { path: "fieldsDisclosed", rule: "audit-trail:other-agency-records" },
      { path: "fieldsWithheld", rule: "audit-trail:other-agency-records" },
    ]));
  });

  it("exports it the same way, as CSV and as FHIR", async () => {
    for (const format of ["CSV", "FHIR_AUDIT_EVENT"] as const) {
      const body = await as(prisonIg, EXPORT, { filter: { childSui, principalSub: officer.sub, operation: "CHILD_RECORD" }, format, access: IG_REVIEW });
      expect(body.errors).toBeUndefined();
      const { content, count } = body.data.exportDisclosures as { content: string; count: number };
      expect(count).toBe(1);
      for (const other of othersRecords()) expect(content).not.toContain(other);
      expect(content).toContain("fieldsDisclosed: audit-trail:other-agency-records");
    }
  });

  it("shows the police's own IG lead its officer's row whole", async () => {
    const row = await officersRow(policeIg);
    expect(row).toMatchObject({ fieldsDisclosed: stored.fieldsDisclosed, fieldsWithheld: stored.fieldsWithheld.map(({ path, rule }) => expect.objectContaining({ path, rule })), redactions: [] });
  });
});

describe("a sealed or brokered holder's own use of the hub is on its own trail alone (principles 5 and 8)", () => {
  const suis = syntheticNhsNumbers(889_500);
  const [newIdentity, clinicPatient] = [0, 1].map(() => suis.next().value as string);
  const SCHOOL = "SCH-199003";
  const CLINIC = "HEALTH-SH-01";
  const claims = (sub: string, agency: string, agency_type: string, roles: string[]): TestClaims => ({ sub, name: `Test ${sub}`, agency, agency_type, roles, la: "E06000060" });
  const schoolDsl = claims("dsl-hollowmere", SCHOOL, "EDUCATION", ["SCHOOL_DSL"]);
  const schoolIg = claims("ig-hollowmere", SCHOOL, "EDUCATION", ["IG_LEAD"]);
  const clinician = claims("nurse-sh-01", CLINIC, "HEALTH", ["HEALTH_PRACTITIONER"]);
  const clinicIg = claims("ig-sh-01", CLINIC, "HEALTH", ["IG_LEAD"]);
  const forceIg = claims("ig-police-43", "POLICE-43", "POLICE", ["IG_LEAD"]);
  const TRAIL = "query ($filter: DisclosureFilterInput, $first: Int, $access: AccessContext!) { disclosures(filter: $filter, first: $first, access: $access) { totalCount nodes { id operation childSuis principal { sub agency } } } }";
  const DEAD = "query ($access: AccessContext!) { deadWebhookDeliveries(access: $access, first: 100) { nodes { id recipientAgency } } }";
  const OPEN_ALERTS = "query ($access: AccessContext!) { igAlerts(status: OPEN, access: $access) { totalCount nodes { id childSui principalSub principalAgency } } }";
  const child = (sui: string, givenNames: string) => ({ sui, givenNames, familyName: "Sealwood", dateOfBirth: "2013-04-04", sex: "FEMALE" });
  const decision = { purpose: "STRATEGY_DISCUSSION", recipientAgencyType: "POLICE", reason: "Telling the force now would undo the protection the child's new identity gives." };
  let since: string;

  beforeAll(async () => {
    since = new Date().toISOString();
    await hub.hub.database.dataSource.getRepository(Agency).insert([
      testAgency(SCHOOL, "Hollowmere Academy", "EDUCATION", "E06000060"),
      testAgency(CLINIC, "Vale Sexual Health Service", "HEALTH", "E06000060"),
    ]);
    const submit = async (agencyCode: string, agencyType: string, record: Record<string, unknown>) =>
      expect((await hub.graphql(SUBMIT, { record: { agencyCode, ...record } }, await hub.token(AGENCY_SYSTEM_CLAIMS(agencyCode, agencyType)))).body.errors).toBeUndefined();
    const police = { incidentType: "CHILD_CONCERN", childRole: "WITNESS", reportedOn: "2026-10-01" };
    // The force holds both children plainly; the school holds one only under its new identity, sealed; the clinic the other, brokered.
    await submit("POLICE-43", "POLICE", { agencyReference: "TVP-SEALWOOD-1", child: child(newIdentity, "Wren"), police });
    await submit("POLICE-43", "POLICE", { agencyReference: "TVP-SEALWOOD-2", child: child(clinicPatient, "Linnet"), police });
    await submit(SCHOOL, "EDUCATION", { agencyReference: "UPN-SEALWOOD-1", child: { ...child(newIdentity, "Ottilie"), familyName: "Brackwater" }, labels: ["SEALED"], education: { rollStatus: "ON_ROLL", onRollFrom: "2025-09-01" } });
    await submit(CLINIC, "HEALTH", { agencyReference: "SH-SEALWOOD-2", child: child(clinicPatient, "Linnet"), labels: ["BROKERED"], health: { gpPracticeCode: "K99001", registeredOn: "2025-01-01" } });
    // Each holder's staff read their child and record a decision; the clinician breaks glass, which raises an IG alert.
    await as(schoolDsl, CHILD_QUERY, { sui: newIdentity, access: access("STRATEGY_DISCUSSION") });
    await as(schoolDsl, NOT_SHARE, { sui: newIdentity, decision });
    await as(clinician, CHILD_QUERY, { sui: clinicPatient, access: access("EMERGENCY_PROTECTION", "VITAL_INTERESTS", { breakGlass: true, justification: "Seen at the clinic at 21:30 with injuries; no social care contact reachable out of hours." }) });
    await as(clinician, NOT_SHARE, { sui: clinicPatient, decision });
    // The force's own officer reads both children: its trail about them is not empty.
    for (const sui of [newIdentity, clinicPatient]) await as(CALLERS.police, CHILD_QUERY, { sui, access: access("STRATEGY_DISCUSSION", "LAW_ENFORCEMENT") });
  });

  type Listed = { totalCount: number; nodes: { operation: string; principal: { agency: string } }[] };
  const trailOf = async (caller: TestClaims, filter: Record<string, unknown>): Promise<Listed> => {
    const body = await as(caller, TRAIL, { filter, first: 100, access: IG_REVIEW });
    expect(body.errors).toBeUndefined();
    return body.data.disclosures as Listed;
  };

  describe.each([
    ["SEALED school", () => newIdentity, SCHOOL, () => schoolIg],
    ["BROKERED clinic", () => clinicPatient, CLINIC, () => clinicIg],
  ])("the %s", (_holder, sui, holder, ownIg) => {
    it("is on no other holder's trail of the child: its list, count and exports", async () => {
      const bySui = await trailOf(forceIg, { childSui: sui() });
      expect(bySui.nodes.map((node) => node.principal.agency)).toContain("POLICE-43");
      expect(bySui.totalCount).toBe(bySui.nodes.length);
      expect(JSON.stringify(bySui)).not.toContain(holder);
      const unfiltered = await trailOf(forceIg, { from: since });
      expect(unfiltered.totalCount).toBe(unfiltered.nodes.length);
      expect(JSON.stringify(unfiltered)).not.toContain(holder);
      expect((await trailOf(forceIg, { agency: holder })).totalCount).toBe(0);
      for (const format of ["CSV", "FHIR_AUDIT_EVENT"]) {
        const exported = await as(forceIg, EXPORT, { filter: { childSui: sui() }, format, access: IG_REVIEW });
        expect(exported.errors).toBeUndefined();
        expect(exported.data.exportDisclosures.content).not.toContain(holder);
      }
    });

    it("is on its own IG lead's trail", async () => {
      const own = await trailOf(ownIg(), { childSui: sui(), agency: holder });
      expect(own.nodes.map((node) => node.operation).sort()).toEqual(["CHILD_RECORD", "DECISION_NOT_TO_SHARE"]);
    });

    it("keeps a dead webhook delivery to it off the force's list, and on its own IG lead's", async () => {
      const id = randomUUID();
      await hub.hub.database.dataSource.getRepository(WebhookDelivery).insert({
        id, deliveryId: randomUUID(), recipientAgency: holder, childSuis: [sui()], status: WebhookStatus.DEAD, attempts: 8, lastFailure: "HTTP_503", createdAt: new Date(), lastAttemptAt: new Date(), deliveredAt: null, deadAt: new Date(), replays: 0,
      });
      const deadFor = async (caller: TestClaims) => ((await as(caller, DEAD, { access: IG_REVIEW })).data.deadWebhookDeliveries.nodes as { id: string; recipientAgency: string }[]);
      expect(JSON.stringify(await deadFor(forceIg))).not.toContain(holder);
      expect((await deadFor(ownIg())).map((dead) => dead.id)).toContain(id);
    });
  });

  it("keeps the school's rows off the force's trail after its sealed record has left the hub (retention, erasure)", async () => {
    const leaver = suis.next().value as string;
    const submit = async (agencyCode: string, agencyType: string, record: Record<string, unknown>) =>
      expect((await hub.graphql(SUBMIT, { record: { agencyCode, ...record } }, await hub.token(AGENCY_SYSTEM_CLAIMS(agencyCode, agencyType)))).body.errors).toBeUndefined();
    await submit("POLICE-43", "POLICE", { agencyReference: "TVP-SEALWOOD-3", child: child(leaver, "Teal"), police: { incidentType: "CHILD_CONCERN", childRole: "WITNESS", reportedOn: "2026-10-02" } });
    await submit(SCHOOL, "EDUCATION", { agencyReference: "UPN-SEALWOOD-3", child: { ...child(leaver, "Marigold"), familyName: "Brackwater" }, labels: ["SEALED"], education: { rollStatus: "ON_ROLL", onRollFrom: "2025-09-01" } });
    await as(schoolDsl, CHILD_QUERY, { sui: leaver, access: access("STRATEGY_DISCUSSION") });
    await as(CALLERS.police, CHILD_QUERY, { sui: leaver, access: access("STRATEGY_DISCUSSION", "LAW_ENFORCEMENT") });
    expect(JSON.stringify(await trailOf(forceIg, { childSui: leaver }))).not.toContain(SCHOOL);
    // The record leaves the hub as retention and erasure remove a record: with what only it stated.
    const dataSource = hub.hub.database.dataSource;
    const [{ id }] = await dataSource.query<{ id: string }[]>(`SELECT id FROM agency_record WHERE agency_code = $1 AND agency_reference = 'UPN-SEALWOOD-3'`, [SCHOOL]);
    await dataSource.query(`UPDATE child_name SET sources = array_remove(sources, $1::uuid) WHERE $1::uuid = ANY(sources)`, [id]);
    await dataSource.query(`DELETE FROM child_name WHERE sources = '{}'`);
    await dataSource.query(`DELETE FROM agency_record WHERE id = $1`, [id]);
    const after = await trailOf(forceIg, { childSui: leaver });
    expect(after.nodes.map((node) => node.principal.agency)).toContain("POLICE-43");
    expect(after.totalCount).toBe(after.nodes.length);
    expect(JSON.stringify(after)).not.toContain(SCHOOL);
    expect((await trailOf(schoolIg, { childSui: leaver, agency: SCHOOL })).nodes.map((node) => node.operation)).toEqual(["CHILD_RECORD"]);
  });

  it("keeps the clinic's break-glass alert off the force's IG alerts, and on the clinic's", async () => {
    const alertsOf = async (caller: TestClaims) => (await as(caller, OPEN_ALERTS, { access: IG_REVIEW })).data.igAlerts as { totalCount: number; nodes: { childSui: string; principalAgency: string }[] };
    const force = await alertsOf(forceIg);
    expect(force.nodes.filter((alert) => alert.childSui === clinicPatient || alert.principalAgency === CLINIC)).toEqual([]);
    expect(force.totalCount).toBe(force.nodes.length);
    expect((await alertsOf(clinicIg)).nodes).toEqual([expect.objectContaining({ childSui: clinicPatient, principalSub: clinician.sub, principalAgency: CLINIC })]);
  });
});
