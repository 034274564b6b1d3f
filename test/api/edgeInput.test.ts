import { DATA_QUALITY, IG_REVIEW } from "../support/governanceAccess";
import request from "supertest";
import { AgencyRecord } from "../../src/records/AgencyRecord";
import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { RECORDS, SUBMIT } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, MASH_CLAIMS, type TestClaims } from "../support/testKeys";

/**
 * The edge's input rules end to end: every string argument and variable (control characters), every
 * uuid `ID`, every cursor and every date, refused with HTTP 400, INVALID_INPUT and the offending path
 * before any resolver runs — nothing stored, nothing audited, nothing sent to PostgreSQL.
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

const DASHES = "-".repeat(36);
const cursor = (text: string) => Buffer.from(text, "utf8").toString("base64url");
const rows = (entity: typeof AgencyRecord | typeof DisclosureAuditEntry) => hub.hub.database.dataSource.getRepository(entity).count();

async function call(caller: TestClaims, query: string, variables: Record<string, unknown> = {}) {
  return hub.graphql(query, variables, await hub.token(caller));
}

async function expectRefused(caller: TestClaims, query: string, variables: Record<string, unknown>, path: string) {
  const [recordsBefore, auditBefore] = [await rows(AgencyRecord), await rows(DisclosureAuditEntry)];
  const response = await call(caller, query, variables);
  expect(response.status).toBe(400);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors).toHaveLength(1);
  expect(response.body.errors[0].extensions).toMatchObject({ code: "INVALID_INPUT", path });
  // Refused before execution: no record written, not even an audited refusal.
  expect([await rows(AgencyRecord), await rows(DisclosureAuditEntry)]).toEqual([recordsBefore, auditBefore]);
  return response.body.errors[0] as { message: string; extensions: Record<string, unknown> };
}

const police = AGENCY_SYSTEM_CLAIMS("POLICE-43", "POLICE");
const policeRecord = (reference: string, overrides: { child?: Record<string, unknown>; police?: Record<string, unknown> } = {}) => ({
  ...RECORDS.POLICE,
  agencyReference: reference,
  child: { ...RECORDS.POLICE.child, ...overrides.child },
  police: { ...RECORDS.POLICE.police, ...overrides.police },
});

describe("control characters", () => {
  it.each([
    ["a bell", "Ada\u0007", "U+0007"],
    ["an ESC sequence", "Ada\u001b[2J\u001b[31m", "U+001B"],
    ["backspaces", "Ada\u0008\u0008\u0008Eve", "U+0008"],
    ["DEL", "Ada\u007f", "U+007F"],
    ["a carriage return", "Ada\rEve", "U+000D"],
    ["a line feed", "Ada\nEve", "U+000A"],
    ["a C1 control", "Ada\u009b2J", "U+009B"],
    ["a right-to-left override", "Ada\u202eevE", "U+202E"],
    ["a line separator", "Ada\u2028Eve", "U+2028"],
    ["NUL", "Ada\u0000", "U+0000"],
    ["an unpaired surrogate", "Ada\ud800", "U+D800"],
  ])("refuses %s in a child's name", async (_name, givenNames, character) => {
    const error = await expectRefused(police, SUBMIT, { record: policeRecord("TVP-CTRL", { child: { givenNames } }) }, "record.child.givenNames");
    expect(error.extensions.character).toBe(character);
    expect(error.message).not.toContain(givenNames);
  });

  it("refuses them in references and in the justification, which is single-line", async () => {
    await expectRefused(police, SUBMIT, { record: policeRecord("TVP-\u001b[0m") }, "record.agencyReference");
    await expectRefused(CALLERS.socialWorker, CHILD_QUERY, { sui: RECORDS.POLICE.child.sui, access: access("SECTION_47_ENQUIRY", "PUBLIC_TASK", { justification: "Checking involvement\r\nFORGED AUDIT LINE" }) }, "access.justification");
  });

  it("refuses them in a literal argument as in a variable", async () => {
    const literal = `{ child(sui: "9990000018", access: { purpose: SECTION_47_ENQUIRY, lawfulBasis: PUBLIC_TASK, justification: "Checking involvement \\u0007 today" }) { sui } }`;
    await expectRefused(CALLERS.socialWorker, literal, {}, "access.justification");
  });

  it("accepts tab and line breaks in a multi-line summary, and still refuses an escape there", async () => {
    const summary = "Attended the address.\n\tChild seen and spoken to alone.\r\nNo injuries noted.";
    const accepted = await call(police, SUBMIT, { record: policeRecord("TVP-MULTI-1", { police: { summary } }) });
    expect(accepted.body.errors).toBeUndefined();
    expect(accepted.body.data.submitRecord.outcome).toBe("CREATED");
    await expectRefused(police, SUBMIT, { record: policeRecord("TVP-MULTI-2", { police: { summary: "Attended.\n\u001b]8;;https://example.invalid\u0007link" } }) }, "record.police.summary");
  });

  it("accepts names in any script, with the marks right-to-left text carries", async () => {
    const response = await call(police, SUBMIT, { record: policeRecord("TVP-SCRIPT", { child: { givenNames: "\u0646\u0648\u0631\u200f", familyName: "Ó Briain-Núñez" } }) });
    expect(response.body.errors).toBeUndefined();
  });
});

describe("ids that name rows", () => {
  const STEWARD = CALLERS.dataSteward;
  it.each([
    ["resolveLinkReview", STEWARD, "mutation ($id: ID!, $access: AccessContext!) { resolveLinkReview(id: $id, decision: LINK, reason: \"Same child: confirmed by phone.\", access: $access) { id } }", { id: DASHES, access: DATA_QUALITY }, "id"],
    ["mergeChildren", STEWARD, "mutation ($a: ID!, $b: ID!, $access: AccessContext!) { mergeChildren(survivorId: $a, mergedId: $b, reason: \"Same child: confirmed by phone.\", access: $access) { id } }", { a: "00000000-0000-0000-0000-000000000000", b: DASHES, access: DATA_QUALITY }, "mergedId"],
    ["splitChild's records", STEWARD, "mutation ($c: ID!, $r: [ID!]!, $access: AccessContext!) { splitChild(childId: $c, recordIds: $r, reason: \"Wrongly linked: different child.\", access: $access) { change { id } } }", { c: "00000000-0000-0000-0000-000000000000", r: ["00000000-0000-0000-0000-000000000000", "x'; DROP TABLE child; --"], access: DATA_QUALITY }, "recordIds.1"],
    ["splitChild's target", STEWARD, "mutation ($c: ID!, $t: ID, $access: AccessContext!) { splitChild(childId: $c, recordIds: [\"00000000-0000-0000-0000-000000000000\"], reason: \"Wrongly linked: different child.\", toChildId: $t, access: $access) { change { id } } }", { c: "00000000-0000-0000-0000-000000000000", t: "42", access: DATA_QUALITY }, "toChildId"],
    ["linkHistory", STEWARD, "query ($id: ID!, $access: AccessContext!) { linkHistory(recordId: $id, access: $access) { action } }", { id: "00000000-0000-0000-0000-00000000000g", access: DATA_QUALITY }, "recordId"],
    ["wrongLinkReport", CALLERS.igLead, "query ($id: ID!, $access: AccessContext!) { wrongLinkReport(changeId: $id, access: $access) { childSui } }", { id: DASHES, access: IG_REVIEW }, "changeId"],
    ["closeIgAlert", CALLERS.igLead, "mutation ($id: ID!, $access: AccessContext!) { closeIgAlert(id: $id, outcome: JUSTIFIED, note: \"Reviewed with the team manager.\", access: $access) { id } }", { id: DASHES, access: IG_REVIEW }, "id"],
  ])("refuses a malformed id on %s before it reaches the database", async (_field, caller, query, variables, path) => {
    const error = await expectRefused(caller, query, variables, path);
    expect(error.message).toMatch(/is not a valid id/);
  });
});

describe("cursors", () => {
  const ID = "00000000-0000-4000-8000-000000000000";
  it.each([
    ["a year before 1", "linkReviews", CALLERS.dataSteward, cursor(`link-review:-271821-04-20T00:00:00.000Z|${ID}`)],
    ["36 dashes for an id", "linkReviews", CALLERS.dataSteward, cursor(`link-review:2026-01-01T00:00:00.000Z|${DASHES}`)],
    ["36 dashes for an id", "igAlerts", CALLERS.igLead, cursor(`ig-alert:2026-01-01T00:00:00.000Z|${DASHES}`)],
    ["a year before 1", "disclosures", CALLERS.igLead, cursor(`disclosure:-271821-04-20T00:00:00.000Z|${ID}`)],
    ["a NUL", "disclosures", CALLERS.igLead, cursor(`disclosure:2026-01-01T00:00:00.000Z|${ID}\u0000`)],
    ["a NUL", "agencies", MASH_CLAIMS, cursor("agency:LA\u0000")],
    ["another list's kind", "agencies", MASH_CLAIMS, cursor("link-review:LA-E06000060")],
  ])("refuses a cursor carrying %s on %s", async (_what, list, caller, after) => {
    const access = list === "linkReviews" ? DATA_QUALITY : list === "agencies" ? null : IG_REVIEW;
    const query = access === null ? `query ($after: String) { ${list}(after: $after) { totalCount } }` : `query ($after: String, $access: AccessContext!) { ${list}(after: $after, access: $access) { totalCount } }`;
    await expectRefused(caller, query, access === null ? { after } : { after, access }, "after");
  });

  it("still pages with the cursors the hub issues", async () => {
    const first = await call(MASH_CLAIMS, "{ agencies(first: 2) { nodes { code } pageInfo { endCursor } } }");
    const next = await call(MASH_CLAIMS, "query ($after: String) { agencies(first: 2, after: $after) { nodes { code } } }", { after: first.body.data.agencies.pageInfo.endCursor });
    expect(next.body.errors).toBeUndefined();
    expect(next.body.data.agencies.nodes).toHaveLength(2);
  });
});

describe("dates PostgreSQL's calendar cannot hold", () => {
  it("refuses year 0000 in a LocalDate and a DateTime", async () => {
    await expectRefused(police, SUBMIT, { record: policeRecord("TVP-Y0", { police: { reportedOn: "0000-03-01" } }) }, "record.police.reportedOn");
    await expectRefused(police, SUBMIT, { record: { ...policeRecord("TVP-Y0"), recordedAt: "0000-06-01T00:00:00Z" } }, "record.recordedAt");
    await expectRefused(CALLERS.igLead, "query ($from: DateTime, $access: AccessContext!) { disclosures(filter: { from: $from }, access: $access) { totalCount } }", { from: "0000-01-01T00:30:00+01:00", access: IG_REVIEW }, "filter.from");
  });
});

describe("variables of the wrong type", () => {
  it("name the path and the type expected, never the value or a suggestion", async () => {
    const error = await expectRefused(police, SUBMIT, { record: policeRecord("TVP-TYPE", { child: { dateOfBirth: "2015-13-45", sex: "FEMAL" } }) }, "$record.child.dateOfBirth");
    expect(error.message).toBe('The value at "$record.child.dateOfBirth" is not a valid LocalDate.');
    const enumError = await expectRefused(police, SUBMIT, { record: policeRecord("TVP-TYPE", { child: { sex: "FEMAL" } }) }, "$record.child.sex");
    expect(enumError.message).not.toMatch(/FEMAL|Did you mean/);
    const missing = await expectRefused(police, SUBMIT, {}, "$record");
    expect(missing.message).toMatch(/of required type "AgencyRecordInput!" was not provided/);
  });
});

describe("a hostile caller's requests are 4xx with a stable code, never 500", () => {
  const post = async (body: string | object, headers: Record<string, string> = {}) => {
    const call = request(hub.hub.app).post("/graphql").set("content-type", "application/json").set("authorization", `Bearer ${await hub.token(MASH_CLAIMS)}`);
    for (const [name, value] of Object.entries(headers)) call.set(name, value);
    return call.send(body);
  };

  it.each([
    ["malformed JSON", "{ not json", 400, "INVALID_INPUT"],
    ["a batch", [{ query: "{ me { sub } }" }], 400, "BAD_REQUEST"],
    ["a query that is not a string", { query: 42 }, 400, "BAD_REQUEST"],
    ["variables that are not an object", { query: "{ me { sub } }", variables: [1] }, 400, "BAD_REQUEST"],
    ["a syntax error", { query: "{ me { sub " }, 400, "GRAPHQL_PARSE_FAILED"],
    ["a NUL outside a string", { query: "{ me { sub } }\u0000" }, 400, "GRAPHQL_PARSE_FAILED"],
    ["an unknown operation name", { query: "query A { me { sub } }", operationName: "B" }, 400, "OPERATION_RESOLUTION_FAILURE"],
    ["a persisted-query hash", { query: "{ me { sub } }", extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }, 200, "PERSISTED_QUERY_NOT_SUPPORTED"],
  ])("%s", async (_name, body, status, code) => {
    const response = await post(body);
    expect(response.status).toBe(status);
    expect(response.body.errors[0].extensions.code).toBe(code);
  });

  it("a mutation sent with GET is 405", async () => {
    const query = `mutation { recordConsentOverride(sui: "9990000018", reason: "Immediate risk to the child.") { overrideId } }`;
    const response = await request(hub.hub.app).get("/graphql").query({ query }).set("authorization", `Bearer ${await hub.token(CALLERS.cscManager)}`).set("apollo-require-preflight", "true");
    expect(response.status).toBe(405);
    expect(response.body.errors[0].extensions.code).toBe("BAD_REQUEST");
  });
});

describe("the declared bounds of input fields", () => {
  it.each([
    ["a name of 200,000 characters", { child: { givenNames: "A".repeat(200_000) } }],
    ["an agency reference of 5,000 characters", { agencyReference: "P".repeat(5000) }],
    ["a local authority that is not an ONS code", { child: { address: { kind: "HOME", line1: "1 Bound Row", postcode: "HP20 1AA", localAuthority: "Z".repeat(300) } } }],
  ])("refuse %s with HTTP 400 and INVALID_INPUT, storing nothing", async (_name, overrides: { agencyReference?: string; child?: Record<string, unknown> }) => {
    const before = await rows(AgencyRecord);
    const record = { ...policeRecord(overrides.agencyReference ?? "TVP-BOUND", { child: overrides.child }) };
    const response = await call(police, SUBMIT, { record });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe("INVALID_INPUT");
    expect(await rows(AgencyRecord)).toBe(before);
  });
});
