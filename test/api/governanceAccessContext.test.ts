import { join } from "node:path";
import { loadPolicies } from "../../src/policy/loadPolicies";
import { CALLERS, CHILD_QUERY, access as practitionerAccess } from "../support/claims";
import { RECORDS, SUBMIT } from "../support/fixtures";
import { DATA_QUALITY, IG_REVIEW, SUBJECT_ACCESS } from "../support/governanceAccess";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";
import { storedLinkOf } from "../support/storedLink";

/**
 * Design principle 2 for IG leads and data stewards: every operation of theirs that answers with
 * personal data takes the caller's access context. Per operation: without it the request does not
 * validate; a caller without the role is refused (FORBIDDEN) whatever they state; a purpose that does
 * not fit the caller or the work is refused (ACCESS_CONTEXT_INVALID); a fitting one works — and every
 * one of these requests is on the trail with the caller's own justification and purpose.
 */

interface AccessContext {
  purpose: string;
  lawfulBasis: string;
  specialCategoryCondition: string | null;
  justification: string;
  caseReference: string | null;
  breakGlass: boolean;
}
type Variables = Record<string, unknown>;

const POLICY_VERSION = loadPolicies(join(__dirname, "..", "..", "policies")).version;
const ROWAN_SUI = "9990005001";
const MAPLE_SUI = "9990005028";
const HOME = { kind: "HOME", line1: "4 Kestrel Close", town: "Sampleton", postcode: "HP20 1UA", localAuthority: "E06000060" };
const ROWAN = { givenNames: "Rowan", familyName: "Fieldfare", dateOfBirth: "2013-06-14", sex: "MALE", address: HOME };

let hub: TestHub;
const SAR_REQUESTER = { standing: "PERSON_WITH_PARENTAL_RESPONSIBILITY", name: "The boy's parent", basis: "Birth certificate seen; no order affecting parental responsibility." };
const fixture = {
  subjectAccessRequestId: "",
  // What the listing operations read (alertId, reviewId) and what the deciding ones close (closingAlertId, resolvingReviewId) are apart, so no test reads what another decided.
  entryId: "", alertId: "", closingAlertId: "", reviewId: "", resolvingReviewId: "", reviewRecordId: "", splitChangeId: "", rowanChildId: "", splitRecordId: "", mapleChildId: "", newChildId: "",
};

const query = <T = unknown>(sql: string, values: unknown[] = []) => hub.hub.database.dataSource.query<T>(sql, values);

async function call(caller: TestClaims, text: string, variables: Variables) {
  const response = await hub.graphql(text, variables, await hub.token(caller));
  return { status: response.status, body: response.body, requestId: response.headers["x-request-id"] };
}

interface AuditRow {
  operation: string; outcome: string; purpose: string | null; lawful_basis: string | null; justification: string | null; case_reference: string | null;
  refusal_code: string | null; refusal_problem: string | null; refusal_rule: string | null; principal_sub: string; policy_version: string | null;
}

const entriesOf = (requestId: string) =>
  query<AuditRow[]>(
    `SELECT operation, outcome, purpose, lawful_basis, justification, case_reference, refusal_code, refusal_problem, refusal_rule, principal_sub, policy_version
     FROM disclosure_audit WHERE request_id = $1 ORDER BY sequence`,
    [requestId],
  );

async function gpRecord(reference: string, child: Variables): Promise<{ recordId: string; childId: string | null; outcome: string }> {
  const body = (await hub.graphql(SUBMIT, { record: { ...RECORDS.HEALTH, agencyReference: reference, child } }, await hub.token(AGENCY_SYSTEM_CLAIMS("GP-K99001", "HEALTH")))).body;
  expect(body.errors).toBeUndefined();
  const { recordId } = body.data.submitRecord as { recordId: string };
  // The receipt does not say how the record was linked (it would tell whom the hub holds): read what the hub stored.
  const [{ child_id: childId }] = await query<{ child_id: string | null }[]>(`SELECT child_id FROM agency_record WHERE id = $1`, [recordId]);
  return { recordId, childId, outcome: (await storedLinkOf(hub.hub.database.dataSource, recordId)).outcome };
}

const SPLIT = /* GraphQL */ `
  mutation ($childId: ID!, $recordIds: [ID!]!, $reason: String!, $access: AccessContext!) {
    splitChild(childId: $childId, recordIds: $recordIds, reason: $reason, access: $access) { change { id kind } wrongLinkReport { childSui reportId } }
  }`;

beforeAll(async () => {
  hub = await startTestHub();
  const rowan = await gpRecord("GP-ROWAN", { ...ROWAN, sui: ROWAN_SUI });
  fixture.rowanChildId = rowan.childId as string;
  const review = await gpRecord("GP-ROWAN-MAYBE", { ...ROWAN, familyName: "Ashdown", dateOfBirth: "2013-06-15", address: { ...HOME, postcode: "HP20 2QQ" } });
  expect(review.outcome).toBe("REVIEW_PENDING");
  fixture.reviewRecordId = review.recordId;
  const [{ id: reviewId }] = await query<{ id: string }[]>(`SELECT id FROM link_review WHERE record_id = $1 AND status = 'OPEN'`, [review.recordId]);
  fixture.reviewId = reviewId;
  const resolving = await gpRecord("GP-ROWAN-MAYBE-2", { ...ROWAN, familyName: "Ashdown", dateOfBirth: "2013-06-15", address: { ...HOME, postcode: "HP20 2QR" } });
  expect(resolving.outcome).toBe("REVIEW_PENDING");
  [{ id: fixture.resolvingReviewId }] = await query<{ id: string }[]>(`SELECT id FROM link_review WHERE record_id = $1 AND status = 'OPEN'`, [resolving.recordId]);
  const wrongA = await gpRecord("GP-ROWAN-WRONG-A", { ...ROWAN, sui: ROWAN_SUI, givenNames: "Robin" });
  fixture.splitRecordId = (await gpRecord("GP-ROWAN-WRONG-B", { ...ROWAN, sui: ROWAN_SUI, givenNames: "Roman" })).recordId;
  const maple = await gpRecord("GP-MAPLE", { givenNames: "Maple", familyName: "Quickthorn", dateOfBirth: "2016-01-02", sex: "FEMALE", sui: MAPLE_SUI, address: { ...HOME, postcode: "OX1 2JD" } });
  fixture.mapleChildId = maple.childId as string;
  const newChild = await gpRecord("GP-JUNIPER", { givenNames: "Juniper", familyName: "Wrenfold", dateOfBirth: "2018-09-30", sex: "FEMALE", address: { ...HOME, postcode: "LN1 1AA" } });
  expect(newChild.outcome).toBe("NEW_CHILD");
  fixture.newChildId = newChild.childId as string;

  // A practitioner's read, then a split that undoes a link it went out through: the wrong-link report.
  // (The GP practice that holds Rowan's records: involved with him.)
  expect((await call(CALLERS.gp, CHILD_QUERY, { sui: ROWAN_SUI, access: practitionerAccess("SECTION_47_ENQUIRY") })).body.data.child).not.toBeNull();
  const split = await call(CALLERS.dataSteward, SPLIT, { childId: rowan.childId, recordIds: [wrongA.recordId], reason: "GP-ROWAN-WRONG-A is another boy at the surgery.", access: DATA_QUALITY });
  expect(split.body.errors).toBeUndefined();
  fixture.splitChangeId = split.body.data.splitChild.change.id;

  // An emergency read: a break-glass alert for the IG lead to review.
  const emergency = practitionerAccess("EMERGENCY_PROTECTION", "VITAL_INTERESTS", { breakGlass: true, justification: "Child brought into ED at 01:30 unresponsive; no social care contact reachable out of hours." });
  const alertOf = async (doctor: TestClaims) => {
    expect((await call(doctor, CHILD_QUERY, { sui: ROWAN_SUI, access: emergency })).body.data.child).not.toBeNull();
    const [{ id }] = await query<{ id: string }[]>(`SELECT id FROM ig_alert WHERE child_id = (SELECT id FROM child WHERE sui = $1) AND principal_sub = $2 AND status = 'OPEN'`, [ROWAN_SUI, doctor.sub]);
    return id;
  };
  fixture.alertId = await alertOf(CALLERS.hospitalDoctor);
  // The doctor's break-glass read of the boy, on the IG lead's trail.
  [{ id: fixture.entryId }] = await query<{ id: string }[]>(`SELECT id FROM disclosure_audit WHERE operation = 'CHILD_RECORD' AND principal_sub = $1 AND $2 = ANY(child_suis) LIMIT 1`, [CALLERS.hospitalDoctor.sub, ROWAN_SUI]);
  fixture.closingAlertId = await alertOf({ ...CALLERS.hospitalDoctor, sub: "doctor-ed-night-shift" });

  // A subject access request about the boy, for the IG lead's report.
  const opened = await call(CALLERS.igLead, "mutation ($request: SubjectAccessRequestInput!, $access: AccessContext!) { openSubjectAccessRequest(request: $request, access: $access) { id } }", {
    request: { sui: ROWAN_SUI, reference: "SAR-2026-0203", receivedAt: new Date(Date.now() - 86_400_000).toISOString(), requester: SAR_REQUESTER },
    access: own(SUBJECT_ACCESS, "SAR from the boy's father, received by post on Monday", { caseReference: "SAR-2026-0203" }),
  });
  expect(opened.body.errors).toBeUndefined();
  fixture.subjectAccessRequestId = opened.body.data.openSubjectAccessRequest.id;
});
afterAll(async () => {
  await hub.stop();
});

interface Operation {
  /** The GraphQL field. */
  field: string;
  /** Its audit operation. */
  operation: string;
  /** The document, declaring `$access: AccessContext!` and passing `access: $access`. */
  text: string;
  variables: () => Variables;
  caller: TestClaims;
  access: AccessContext;
  /** A context that does not fit, and how it is refused. */
  misfit: { access: AccessContext; problem: string; rule: string };
  /** Someone without the role, stating a plausible context. */
  outsider: TestClaims;
  outsiderAccess: AccessContext;
  /** The rule that refuses them. */
  roleRule: string;
  /** The answer of the fitting request. */
  answered: (data: Record<string, any>) => void;
}

const own = (base: AccessContext, justification: string, extra: Partial<AccessContext> = {}): AccessContext => ({ ...base, justification, ...extra });

const OPERATIONS: Operation[] = [
  {
    field: "disclosures", operation: "AUDIT_QUERY",
    text: "query ($filter: DisclosureFilterInput, $access: AccessContext!) { disclosures(filter: $filter, access: $access) { totalCount nodes { operation } } }",
    variables: () => ({ filter: { childSui: ROWAN_SUI, operation: "CHILD_RECORD" } }),
    caller: CALLERS.igLead, access: own(IG_REVIEW, "Reviewing who read this child's record after a complaint"),
    misfit: { access: own(SUBJECT_ACCESS, "Answering a SAR through the general trail search"), problem: "PURPOSE_NOT_PERMITTED", rule: "governance-purposes" },
    outsider: CALLERS.dataSteward, outsiderAccess: own(IG_REVIEW, "A steward curious about the trail"), roleRule: "audit-access:ig-lead-only",
    answered: (data) => expect(data.disclosures.totalCount).toBeGreaterThanOrEqual(2),
  },
  {
    field: "exportDisclosures", operation: "AUDIT_EXPORT",
    text: "query ($filter: DisclosureFilterInput, $access: AccessContext!) { exportDisclosures(filter: $filter, format: CSV, access: $access) { count complete } }",
    variables: () => ({ filter: { childSui: ROWAN_SUI } }),
    caller: CALLERS.igLead, access: own(IG_REVIEW, "Export for the partnership's annual information governance audit"),
    misfit: { access: own(IG_REVIEW, "Exporting with the family's agreement", { lawfulBasis: "CONSENT" }), problem: "LAWFUL_BASIS_NOT_PERMITTED", rule: "purpose-information-governance" },
    outsider: CALLERS.socialWorker, outsiderAccess: own(IG_REVIEW, "A social worker exporting the trail"), roleRule: "audit-access:ig-lead-only",
    answered: (data) => expect(data.exportDisclosures).toMatchObject({ complete: true }),
  },
  {
    field: "openSubjectAccessRequest", operation: "SUBJECT_ACCESS_REQUEST_OPENED",
    text: "mutation ($request: SubjectAccessRequestInput!, $access: AccessContext!) { openSubjectAccessRequest(request: $request, access: $access) { id dueAt } }",
    variables: () => ({ request: { sui: ROWAN_SUI, reference: "SAR-2026-0204", receivedAt: new Date(Date.now() - 3_600_000).toISOString(), requester: SAR_REQUESTER } }),
    caller: CALLERS.igLead, access: own(SUBJECT_ACCESS, "SAR from the boy's mother, received at reception today", { caseReference: "SAR-2026-0204" }),
    misfit: { access: own(IG_REVIEW, "Opening a request under the wrong purpose"), problem: "PURPOSE_NOT_PERMITTED", rule: "governance-purposes" },
    outsider: CALLERS.socialWorker, outsiderAccess: own(SUBJECT_ACCESS, "A social worker logging a mother's request"), roleRule: "subject-access:ig-lead-only",
    answered: (data) => expect(data.openSubjectAccessRequest).toMatchObject({ id: expect.any(String) }),
  },
  {
    field: "subjectAccessReview", operation: "SUBJECT_ACCESS_REPORT",
    text: "query ($id: ID!, $access: AccessContext!) { subjectAccessReview(id: $id, access: $access) { disclosures { purpose decision { outcome } } } }",
    variables: () => ({ id: fixture.subjectAccessRequestId }),
    caller: CALLERS.igLead, access: own(SUBJECT_ACCESS, "SAR from the boy's father, received by post on Monday", { caseReference: "SAR-2026-0203" }),
    misfit: { access: own(IG_REVIEW, "Looking at the report during a routine review"), problem: "PURPOSE_NOT_PERMITTED", rule: "governance-purposes" },
    outsider: CALLERS.cscManager, outsiderAccess: own(SUBJECT_ACCESS, "A manager answering a parent's request"), roleRule: "subject-access:ig-lead-only",
    // The council holds no record of the boy (the GP practice does): it answers for nothing of his, as the
    // controller of what it holds, and the GP's reads are the practice's to report.
    answered: (data) => expect(data.subjectAccessReview).toEqual({ disclosures: [] }),
  },
  {
    field: "subjectAccessRequests", operation: "SUBJECT_ACCESS_REQUESTS_READ",
    text: "query ($access: AccessContext!) { subjectAccessRequests(access: $access, first: 50) { totalCount nodes { id reference } } }",
    variables: () => ({}),
    caller: CALLERS.igLead, access: own(SUBJECT_ACCESS, "Checking which subject access requests fall due this week"),
    misfit: { access: own(SUBJECT_ACCESS, "Listing requests for the family's solicitor", { lawfulBasis: "CONSENT" }), problem: "LAWFUL_BASIS_NOT_PERMITTED", rule: "purpose-subject-access-request" },
    outsider: CALLERS.dataSteward, outsiderAccess: own(SUBJECT_ACCESS, "A steward looking at the request queue"), roleRule: "subject-access:ig-lead-only",
    answered: (data) => expect(data.subjectAccessRequests.nodes).toEqual(expect.arrayContaining([expect.objectContaining({ id: fixture.subjectAccessRequestId })])),
  },
  {
    field: "disclosure", operation: "AUDIT_QUERY",
    text: "query ($id: ID!, $access: AccessContext!) { disclosure(id: $id, access: $access) { id operation childSuis } }",
    variables: () => ({ id: fixture.entryId }),
    caller: CALLERS.igLead, access: own(IG_REVIEW, "Reviewing one break-glass read of this child after a complaint"),
    misfit: { access: own(SUBJECT_ACCESS, "Answering a SAR through one trail entry"), problem: "PURPOSE_NOT_PERMITTED", rule: "governance-purposes" },
    outsider: CALLERS.dataSteward, outsiderAccess: own(IG_REVIEW, "A steward curious about one entry"), roleRule: "audit-access:ig-lead-only",
    answered: (data) => expect(data.disclosure).toEqual({ id: fixture.entryId, operation: "CHILD_RECORD", childSuis: [ROWAN_SUI] }),
  },
  {
    field: "igAlerts", operation: "AUDIT_QUERY",
    text: "query ($access: AccessContext!) { igAlerts(status: OPEN, access: $access) { totalCount nodes { id childSui justification } } }",
    variables: () => ({}),
    caller: CALLERS.igLead, access: own(IG_REVIEW, "Morning review of last night's break-glass accesses"),
    misfit: { access: own(IG_REVIEW, "Break-glass review including health details", { specialCategoryCondition: "SAFEGUARDING_CHILDREN" }), problem: "SPECIAL_CATEGORY_CONDITION_INVALID", rule: "purpose-information-governance" },
    outsider: CALLERS.hospitalDoctor, outsiderAccess: own(IG_REVIEW, "Checking whether my own access was flagged"), roleRule: "audit-access:ig-lead-only",
    answered: (data) => expect(data.igAlerts.nodes).toEqual(expect.arrayContaining([expect.objectContaining({ id: fixture.alertId, childSui: ROWAN_SUI })])),
  },
  {
    field: "closeIgAlert", operation: "IG_ALERT_CLOSED",
    text: "mutation ($id: ID!, $access: AccessContext!) { closeIgAlert(id: $id, outcome: JUSTIFIED, note: \"Consultant's account confirmed by the ED log.\", access: $access) { id status childSui } }",
    variables: () => ({ id: fixture.closingAlertId }),
    caller: CALLERS.igLead, access: own(IG_REVIEW, "Closing the review of last night's emergency access"),
    misfit: { access: own(IG_REVIEW, "Closing the alert in a hurry so the queue looks clear before the board meets", { breakGlass: true }), problem: "BREAK_GLASS_NOT_PERMITTED", rule: "break-glass-roles" },
    outsider: CALLERS.cscManager, outsiderAccess: own(IG_REVIEW, "A manager clearing the alert queue"), roleRule: "ig-alert-review:ig-lead-only",
    answered: (data) => expect(data.closeIgAlert).toMatchObject({ id: fixture.closingAlertId, status: "CLOSED" }),
  },
  {
    field: "linkReviews", operation: "LINK_REVIEWS_READ",
    text: "query ($access: AccessContext!) { linkReviews(access: $access, first: 10) { totalCount nodes { id candidate { sui } } } }",
    variables: () => ({}),
    caller: CALLERS.dataSteward, access: own(DATA_QUALITY, "Clearing this week's link-review queue"),
    misfit: { access: own(IG_REVIEW, "Reviewing the queue as if for IG", { purpose: "INFORMATION_GOVERNANCE" }), problem: "PURPOSE_NOT_PERMITTED", rule: "purpose-information-governance" },
    outsider: CALLERS.igLead, outsiderAccess: own(DATA_QUALITY, "An IG lead looking at the steward queue"), roleRule: "data-steward-only",
    answered: (data) => expect(data.linkReviews.nodes).toEqual(expect.arrayContaining([expect.objectContaining({ id: fixture.reviewId })])),
  },
  {
    field: "linkReview", operation: "LINK_REVIEWS_READ",
    text: "query ($id: ID!, $access: AccessContext!) { linkReview(id: $id, access: $access) { id candidate { sui } } }",
    variables: () => ({ id: fixture.reviewId }),
    caller: CALLERS.dataSteward, access: own(DATA_QUALITY, "Deciding the review the queue shows first"),
    misfit: { access: own(IG_REVIEW, "Reading one review as if for IG", { purpose: "INFORMATION_GOVERNANCE" }), problem: "PURPOSE_NOT_PERMITTED", rule: "purpose-information-governance" },
    outsider: CALLERS.igLead, outsiderAccess: own(DATA_QUALITY, "An IG lead opening a steward's review"), roleRule: "data-steward-only",
    answered: (data) => expect(data.linkReview).toMatchObject({ id: fixture.reviewId }),
  },
  {
    field: "resolveLinkReview", operation: "LINK_REVIEW_RESOLVED",
    text: "mutation ($id: ID!, $access: AccessContext!) { resolveLinkReview(id: $id, decision: LINK, reason: \"Same boy: surname changed on adoption, confirmed with the surgery.\", access: $access) { id status } }",
    variables: () => ({ id: fixture.resolvingReviewId }),
    caller: CALLERS.dataSteward, access: own(DATA_QUALITY, "Deciding the reviews raised by the GP practice import"),
    misfit: { access: own(DATA_QUALITY, "Deciding under a legal duty", { lawfulBasis: "LEGAL_OBLIGATION" }), problem: "LAWFUL_BASIS_NOT_PERMITTED", rule: "purpose-data-quality" },
    outsider: CALLERS.igLead, outsiderAccess: own(DATA_QUALITY, "An IG lead deciding a link"), roleRule: "data-steward-only",
    answered: (data) => expect(data.resolveLinkReview).toMatchObject({ id: fixture.resolvingReviewId, status: "LINKED" }),
  },
  {
    field: "mergeChildren", operation: "CHILDREN_MERGED",
    text: "mutation ($survivorId: ID!, $mergedId: ID!, $access: AccessContext!) { mergeChildren(survivorId: $survivorId, mergedId: $mergedId, reason: \"Juniper is Maple's registered name at birth, per the GP.\", access: $access) { id kind } }",
    variables: () => ({ survivorId: fixture.mapleChildId, mergedId: fixture.newChildId }),
    caller: CALLERS.dataSteward, access: own(DATA_QUALITY, "Resolving a duplicate child found by the surgery"),
    misfit: { access: own(DATA_QUALITY, "merge"), problem: "JUSTIFICATION_REQUIRED", rule: "justification-required" },
    outsider: CALLERS.mash, outsiderAccess: own(DATA_QUALITY, "A MASH worker merging two children"), roleRule: "data-steward-only",
    answered: (data) => expect(data.mergeChildren).toMatchObject({ kind: "MERGE" }),
  },
  {
    field: "splitChild", operation: "CHILD_SPLIT",
    text: "mutation ($childId: ID!, $recordIds: [ID!]!, $access: AccessContext!) { splitChild(childId: $childId, recordIds: $recordIds, reason: \"GP-ROWAN-WRONG-B is a different boy registered at the surgery.\", access: $access) { change { kind } wrongLinkReport { childSui } } }",
    variables: () => ({ childId: fixture.rowanChildId, recordIds: [fixture.splitRecordId] }),
    caller: CALLERS.dataSteward, access: own(DATA_QUALITY, "Correcting a wrong link the surgery reported"),
    misfit: { access: own(SUBJECT_ACCESS, "Splitting to answer a subject access request"), problem: "PURPOSE_NOT_PERMITTED", rule: "purpose-subject-access-request" },
    outsider: CALLERS.igLead, outsiderAccess: own(DATA_QUALITY, "An IG lead splitting a child"), roleRule: "data-steward-only",
    answered: (data) => expect(data.splitChild).toMatchObject({ change: { kind: "SPLIT" }, wrongLinkReport: { childSui: ROWAN_SUI } }),
  },
  {
    field: "linkHistory", operation: "LINK_HISTORY_READ",
    text: "query ($recordId: ID!, $access: AccessContext!) { linkHistory(recordId: $recordId, access: $access) { action childSui } }",
    variables: () => ({ recordId: fixture.reviewRecordId }),
    caller: CALLERS.igLead, access: own(IG_REVIEW, "Checking how this record came to be linked"),
    misfit: { access: own(DATA_QUALITY, "An IG lead stating a steward's purpose"), problem: "PURPOSE_NOT_PERMITTED", rule: "purpose-data-quality" },
    outsider: CALLERS.socialWorker, outsiderAccess: own(DATA_QUALITY, "A social worker checking a record's links"), roleRule: "data-steward-only",
    answered: (data) => expect(data.linkHistory.map((event: { action: string }) => event.action)).toContain("PROPOSED"),
  },
  {
    field: "wrongLinkReport", operation: "WRONG_LINK_REPORT",
    text: "query ($changeId: ID!, $access: AccessContext!) { wrongLinkReport(changeId: $changeId, access: $access) { childSui disclosures { operation } } }",
    variables: () => ({ changeId: fixture.splitChangeId }),
    caller: CALLERS.igLead, access: own(IG_REVIEW, "Assessing a possible breach after a wrong link", { caseReference: "BREACH-2026-007" }),
    misfit: { access: own(SUBJECT_ACCESS, "Reading the report for a subject access request"), problem: "PURPOSE_NOT_PERMITTED", rule: "governance-purposes" },
    outsider: CALLERS.police, outsiderAccess: own(IG_REVIEW, "Police checking what went out"), roleRule: "data-steward-only",
    answered: (data) => expect(data.wrongLinkReport.disclosures).toEqual(expect.arrayContaining([expect.objectContaining({ operation: "CHILD_RECORD" })])),
  },
];

const withoutAccess = (text: string) =>
  text.replace(", $access: AccessContext!", "").replace("($access: AccessContext!)", "").replace(/, access: \$access/, "").replace(/access: \$access, /, "");

describe.each(OPERATIONS)("$field", (op) => {
  it("does not validate without an access context (400), and nothing runs", async () => {
    const response = await call(op.caller, withoutAccess(op.text), op.variables());
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(response.body.errors[0].message).toBe(`Field "${op.field}" argument "access" of type "AccessContext!" is required, but it was not provided.`);
    expect(await entriesOf(response.requestId)).toEqual([]);
  });

  it("refuses a caller without the role (FORBIDDEN) whatever they state, and audits the refusal with what they stated", async () => {
    const response = await call(op.outsider, op.text, { ...op.variables(), access: op.outsiderAccess });
    expect(response.body.errors[0].extensions.code).toBe("FORBIDDEN");
    // Nothing answered: no data at all, or null in a field that may be null.
    expect(response.body.data?.[op.field] ?? null).toBeNull();
    expect(await entriesOf(response.requestId)).toEqual([
      expect.objectContaining({ operation: op.operation, outcome: "REFUSED", refusal_code: "FORBIDDEN", refusal_rule: op.roleRule, principal_sub: op.outsider.sub, justification: op.outsiderAccess.justification, purpose: op.outsiderAccess.purpose }),
    ]);
  });

  it("refuses a purpose, lawful basis or justification that does not fit (ACCESS_CONTEXT_INVALID), audited", async () => {
    const response = await call(op.caller, op.text, { ...op.variables(), access: op.misfit.access });
    expect(response.body.errors[0].extensions).toMatchObject({ code: "ACCESS_CONTEXT_INVALID", path: "access", problem: op.misfit.problem, rule: op.misfit.rule });
    // Nothing answered: no data at all, or null in a field that may be null.
    expect(response.body.data?.[op.field] ?? null).toBeNull();
    expect(await entriesOf(response.requestId)).toEqual([
      expect.objectContaining({
        operation: op.operation, outcome: "REFUSED", refusal_code: "ACCESS_CONTEXT_INVALID", refusal_problem: op.misfit.problem, refusal_rule: op.misfit.rule,
        justification: op.misfit.access.justification, purpose: op.misfit.access.purpose, lawful_basis: op.misfit.access.lawfulBasis,
      }),
    ]);
  });

  it("answers a fitting request, on the trail with the caller's own justification, purpose, lawful basis and case reference", async () => {
    const response = await call(op.caller, op.text, { ...op.variables(), access: op.access });
    expect(response.body.errors).toBeUndefined();
    op.answered(response.body.data);
    const entries = await entriesOf(response.requestId);
    expect(entries.map((entry) => entry.operation)).toContain(op.operation);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        outcome: expect.stringMatching(/^(DISCLOSED|RECORDED)$/), principal_sub: op.caller.sub, purpose: op.access.purpose, lawful_basis: op.access.lawfulBasis,
        justification: op.access.justification, case_reference: op.access.caseReference, policy_version: POLICY_VERSION,
      });
    }
  });
});

describe("a data steward reads a link history too, under DATA_QUALITY", () => {
  const HISTORY = "query ($recordId: ID!, $access: AccessContext!) { linkHistory(recordId: $recordId, access: $access) { action } }";

  it("works with DATA_QUALITY and is refused with INFORMATION_GOVERNANCE, which is an IG lead's to state", async () => {
    const steward = await call(CALLERS.dataSteward, HISTORY, { recordId: fixture.reviewRecordId, access: own(DATA_QUALITY, "Checking the record's link before a merge") });
    expect(steward.body.errors).toBeUndefined();
    expect(await entriesOf(steward.requestId)).toEqual([expect.objectContaining({ outcome: "DISCLOSED", purpose: "DATA_QUALITY", justification: "Checking the record's link before a merge" })]);
    const refused = await call(CALLERS.dataSteward, HISTORY, { recordId: fixture.reviewRecordId, access: own(IG_REVIEW, "A steward stating an IG purpose") });
    expect(refused.body.errors[0].extensions).toMatchObject({ code: "ACCESS_CONTEXT_INVALID", problem: "PURPOSE_NOT_PERMITTED", rule: "purpose-information-governance" });
  });
});
