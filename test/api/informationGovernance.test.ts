import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SCENARIO, seedScenarios } from "../support/scenarioFixtures";
import { startTestHub, type TestHub } from "../support/testHub";
import { type TestClaims } from "../support/testKeys";

const DISCLOSURES = /* GraphQL */ `
  query ($filter: DisclosureFilterInput, $first: Int, $after: String) {
    disclosures(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { id occurredAt operation outcome breakGlass childSuis principal { sub agency roles } access { purpose lawfulBasis justification } fieldsWithheld { path rule } refusal { code problem } prejudicesInvestigation chain sequence }
    }
  }
`;
const VERIFY = "{ verifyAuditChain { intact entriesChecked chainsChecked firstBroken { chain sequence entryId problem } } }";
const EXPORT = "query ($filter: DisclosureFilterInput, $format: ExportFormat!) { exportDisclosures(filter: $filter, format: $format) { contentType content count complete } }";
const SAR = "query ($sui: ID!) { subjectAccessReport(sui: $sui) { sui withheldEntryCount entries { agency agencyType purpose justification } } }";
const ALERTS = "query { igAlerts(status: OPEN) { totalCount nodes { id childSui principalSub status disclosureCount } } }";
const CLOSE = "mutation ($id: ID!) { closeIgAlert(id: $id, outcome: JUSTIFIED, note: \"ED consultant confirmed the emergency; access proportionate.\") { id status outcome closedBySub } }";
const NOT_SHARE = "mutation ($sui: ID!, $decision: DecisionNotToShareInput!) { recordDecisionNotToShare(sui: $sui, decision: $decision) { auditEntryId recordedAt } }";

let hub: TestHub;
const startOfTest = new Date(Date.now() - 60_000);

async function as(caller: TestClaims, query: string, variables: Record<string, unknown> = {}) {
  return (await hub.graphql(query, variables, await hub.token(caller))).body;
}

beforeAll(async () => {
  hub = await startTestHub();
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

describe("scenario 10: an IG lead reviews one child's disclosures", () => {
  it("lists every disclosure about the child in the period, newest first, a page at a time", async () => {
    const filter = { childSui: SCENARIO.schoolDsl, from: startOfTest.toISOString(), to: new Date(Date.now() + 60_000).toISOString(), operation: "CHILD_RECORD" };
    const first = await as(CALLERS.igLead, DISCLOSURES, { filter, first: 2 });
    expect(first.errors).toBeUndefined();
    expect(first.data.disclosures.totalCount).toBe(3);
    expect(first.data.disclosures.pageInfo.hasNextPage).toBe(true);
    const rest = await as(CALLERS.igLead, DISCLOSURES, { filter, first: 2, after: first.data.disclosures.pageInfo.endCursor });
    const nodes = [...first.data.disclosures.nodes, ...rest.data.disclosures.nodes];
    expect(nodes.map((n: { principal: { sub: string } }) => n.principal.sub)).toEqual(["ed-doctor", "sw-north", "dsl-sampleton"]);
    expect(nodes[0]).toMatchObject({ breakGlass: true, outcome: "DISCLOSED", access: { purpose: "EMERGENCY_PROTECTION", lawfulBasis: "VITAL_INTERESTS" } });
    expect(nodes[2].fieldsWithheld.map((w: { path: string }) => w.path)).toEqual(expect.arrayContaining(["health[0].conditions"]));
  });

  it("filters by break-glass for the review queue", async () => {
    const body = await as(CALLERS.igLead, DISCLOSURES, { filter: { breakGlass: true } });
    expect(body.data.disclosures.nodes.map((n: { principal: { sub: string } }) => n.principal.sub)).toEqual(["ed-doctor"]);
  });

  it("is for IG leads only", async () => {
    for (const query of [DISCLOSURES, VERIFY, ALERTS]) {
      const body = await as(CALLERS.socialWorker, query);
      expect(body.errors[0].extensions.code).toBe("FORBIDDEN");
    }
  });

  it("verifies that the trail is intact", async () => {
    const body = await as(CALLERS.igLead, VERIFY);
    expect(body.data.verifyAuditChain).toMatchObject({ intact: true, firstBroken: null });
    expect(body.data.verifyAuditChain.entriesChecked).toBeGreaterThan(5);
  });

  it("exports the child's disclosures as FHIR R4 AuditEvent resources", async () => {
    const body = await as(CALLERS.igLead, EXPORT, { filter: { childSui: SCENARIO.schoolDsl, operation: "CHILD_RECORD" }, format: "FHIR_AUDIT_EVENT" });
    expect(body.data.exportDisclosures).toMatchObject({ count: 3, complete: true });
    const bundle = JSON.parse(body.data.exportDisclosures.content);
    expect(bundle.resourceType).toBe("Bundle");
    const events = bundle.entry.map((e: { resource: Record<string, any> }) => e.resource);
    expect(events.every((e: { resourceType: string }) => e.resourceType === "AuditEvent")).toBe(true);
    const dsl = events.find((e: { agent: { who: { identifier: { value: string } } }[] }) => e.agent.some((a) => a.who?.identifier?.value === "dsl-sampleton"));
    expect(JSON.stringify(dsl.entity)).toContain(SCENARIO.schoolDsl);
    expect(JSON.stringify(dsl.agent)).toContain("STRATEGY_DISCUSSION");
    expect(JSON.stringify(dsl.entity)).toContain("health[0].conditions");
  });

  it("exports as CSV", async () => {
    const body = await as(CALLERS.igLead, EXPORT, { filter: { childSui: SCENARIO.schoolDsl, operation: "CHILD_RECORD" }, format: "CSV" });
    const lines = (body.data.exportDisclosures.content as string).trim().split(/\r?\n/);
    expect(lines).toHaveLength(4);
    expect(body.data.exportDisclosures.contentType).toMatch(/^text\/csv/);
  });

  it("answers a subject access request without the entries that would prejudice an investigation", async () => {
    const body = await as(CALLERS.igLead, SAR, { sui: SCENARIO.forcedMarriage });
    expect(body.errors).toBeUndefined();
    const report = body.data.subjectAccessReport;
    expect(report.entries.map((e: { agency: string }) => e.agency)).not.toContain("POLICE-43");
    expect(report.withheldEntryCount).toBeGreaterThanOrEqual(1);
  });

  it("lists the break-glass alert and closes it with an outcome, audited", async () => {
    const alerts = await as(CALLERS.igLead, ALERTS);
    expect(alerts.data.igAlerts.nodes).toEqual([expect.objectContaining({ childSui: SCENARIO.schoolDsl, principalSub: "ed-doctor", status: "OPEN" })]);
    const closed = await as(CALLERS.igLead, CLOSE, { id: alerts.data.igAlerts.nodes[0].id });
    expect(closed.data.closeIgAlert).toMatchObject({ status: "CLOSED", outcome: "JUSTIFIED", closedBySub: "ig-lead" });
    expect((await as(CALLERS.igLead, ALERTS)).data.igAlerts.totalCount).toBe(0);
    const trail = await as(CALLERS.igLead, DISCLOSURES, { filter: { operation: "IG_ALERT_CLOSED" } });
    expect(trail.data.disclosures.totalCount).toBe(1);
  });

  it("does not let anyone review their own break-glass access", async () => {
    const both = { ...CALLERS.hospitalDoctor, sub: "doctor-and-ig", roles: ["HEALTH_PRACTITIONER", "IG_LEAD"] };
    await as(both, CHILD_QUERY, { sui: SCENARIO.schoolDsl, access: access("EMERGENCY_PROTECTION", "VITAL_INTERESTS", { breakGlass: true, justification: "Child in ED at 03:40 with a head injury; no social care contact reachable." }) });
    const alerts = await as(CALLERS.igLead, ALERTS);
    const own = alerts.data.igAlerts.nodes.find((alert: { principalSub: string }) => alert.principalSub === "doctor-and-ig");
    const refused = await as(both, CLOSE, { id: own.id });
    expect(refused.errors[0].extensions.code).toBe("FORBIDDEN");
    expect((await as(CALLERS.igLead, CLOSE, { id: own.id })).data.closeIgAlert.status).toBe("CLOSED");
  });

  it("finds a decision not to share (s.16LA) with its reasons", async () => {
    const decision = { purpose: "STRATEGY_DISCUSSION", recipientAgencyType: "EDUCATION", reason: "Sharing the household's details with the school now would alert the family to the enquiry." };
    const recorded = await as(CALLERS.socialWorker, NOT_SHARE, { sui: SCENARIO.forcedMarriage, decision });
    expect(recorded.errors).toBeUndefined();
    const trail = await as(CALLERS.igLead, DISCLOSURES, { filter: { childSui: SCENARIO.forcedMarriage, outcome: "NOT_SHARED" } });
    expect(trail.data.disclosures.nodes).toEqual([expect.objectContaining({ id: recorded.data.recordDecisionNotToShare.auditEntryId, operation: "DECISION_NOT_TO_SHARE", access: expect.objectContaining({ justification: decision.reason }) })]);
  });

  it("detects a row altered by a superuser, naming it", async () => {
    const listed = await as(CALLERS.igLead, DISCLOSURES, { filter: { childSui: SCENARIO.schoolDsl, operation: "CHILD_RECORD" } });
    const target = listed.data.disclosures.nodes[1] as { id: string; chain: number; sequence: number };
    const runner = hub.hub.database.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query("SET session_replication_role = replica");
      await runner.query("UPDATE disclosure_audit SET justification = 'nothing to see here' WHERE id = $1", [target.id]);
      await runner.query("SET session_replication_role = origin");
    } finally {
      await runner.release();
    }
    const body = await as(CALLERS.igLead, VERIFY);
    expect(body.data.verifyAuditChain.intact).toBe(false);
    expect(body.data.verifyAuditChain.firstBroken).toMatchObject({ entryId: target.id, chain: target.chain, sequence: target.sequence, problem: "HASH_MISMATCH" });
  });
});
