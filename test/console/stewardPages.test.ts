import request from "supertest";
import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { DATA_QUALITY } from "../support/governanceAccess";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS } from "../support/testKeys";
import { cookieOf, rewriteSessionState } from "../support/consoleSessionRows";
import { csrfOf, visitedUrls, type Agent } from "../support/consoleRequests";

/**
 * The data steward's pages of the console (issue 14): the link review queue, one review side by side
 * with each field's agreement level as the hub gives it, the decision, a split with its wrong-link
 * report and a merge — every read and decision made with the steward's own token and stated access
 * context, on the audit trail as them. Anyone else gets the hub's refusal; forms need the session's
 * CSRF token; no SUI, name or hub id reaches a URL or a log line. Children of this file's own.
 */
let hub: TestHub;
const BUCKS = "E06000060";
const suis = syntheticNhsNumbers(917_000);
const PHILIPPA_SUI = suis.next().value as string;
const ROSALIND_SUI = suis.next().value as string;
const HOME = { kind: "HOME", line1: "3 Sorrel Walk", town: "Sampleton", postcode: "HP20 1SW", localAuthority: BUCKS };
const PHILIPPA = { givenNames: "Philippa", familyName: "Thornbury", dateOfBirth: "2013-05-14", sex: "FEMALE", address: HOME };
/** Philippa as a record that needs a steward: another family name, the date of birth a day out, a move within the district. */
const MAYBE_PHILIPPA = { ...PHILIPPA, familyName: "Vasquez-Orme", dateOfBirth: "2013-05-15", address: { ...HOME, postcode: "HP20 2ZX" } };
/**
 * Rosalind, whose file no steward's decision here changes: a record like her but for its family name,
 * its date of birth a day out and a move within the district always waits for a steward.
 */
const ROSALIND = { givenNames: "Rosalind", familyName: "Ashcombe", dateOfBirth: "2011-09-21", sex: "FEMALE", address: { ...HOME, line1: "9 Teasel Court", postcode: "HP20 1TC" } };
const maybeRosalind = (familyName: string) => ({ ...ROSALIND, familyName, dateOfBirth: "2011-09-22", address: { ...ROSALIND.address, postcode: "HP20 2TZ" } });
const REFERENCE = "MASH-STEWARD-0001";
const PERSONAL = new RegExp(`${PHILIPPA_SUI}|${ROSALIND_SUI}|Philippa|Rosalind|Thornbury|Ashcombe|Vasquez|Okafor|Pemberton|Hollingbury|Quarrendon|Stewart|Testbridge|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}`, "i");
const { urls, get, post } = visitedUrls();
let recordId: string;

const REVIEWS = /* GraphQL */ `query ($access: AccessContext!) { linkReviews(access: $access, first: 50) { nodes { id record { id } candidate { childId } evidence { fields { field level weight } } } } }`;

/** A GP record, without an SUI unless the child has one; its id. */
async function gpRecord(reference: string, child: Record<string, unknown>): Promise<string> {
  const health = { gpPracticeCode: "K99001", registeredOn: "2015-01-01", conditions: [{ description: "Eczema" }] };
  const body = (await hub.graphql(SUBMIT, { record: { agencyCode: "GP-K99001", agencyReference: reference, child, health } }, await hub.token(AGENCY_SYSTEM_CLAIMS("GP-K99001", "HEALTH")))).body;
  expect(body.errors).toBeUndefined();
  return (body.data.submitRecord as { recordId: string }).recordId;
}

/** A record the matcher holds for a steward. */
async function pendingReview(reference: string, child: Record<string, unknown>): Promise<string> {
  const id = await gpRecord(reference, child);
  const [{ count }] = await hub.hub.database.dataSource.query<[{ count: number }]>(`SELECT count(*)::int AS count FROM link_review WHERE record_id = $1 AND status = 'OPEN'`, [id]);
  expect(count).toBe(1);
  return id;
}

beforeAll(async () => {
  hub = await startTestHub({ auth: "development" });
  await gpRecord("GP-STEWARD-1", { ...PHILIPPA, sui: PHILIPPA_SUI });
  await gpRecord("GP-STEWARD-ROSALIND", { ...ROSALIND, sui: ROSALIND_SUI });
  recordId = await pendingReview("GP-STEWARD-2", MAYBE_PHILIPPA);
});
afterAll(async () => {
  await hub.stop();
});

const reviewLinks = (html: string) => [...html.matchAll(/href="(\/console\/reviews\/[A-Za-z0-9_-]{22})"/g)].map((match) => match[1]);
/** The sections the page's service navigation offers. */
const sectionsOffered = (html: string) => [...html.matchAll(/class="govuk-service-navigation__link" href="([^"]+)"/g)].map((match) => match[1]);
const valueAfter = (html: string, key: string) => new RegExp(`${key}\\s*</dt>\\s*<dd class="govuk-summary-list__value">\\s*([^<\\s]+)`).exec(html)?.[1] ?? "";


/** Someone signed in through the demo sign-in page, having stated why they are looking. */
async function signedIn(role: string, purpose: Record<string, string>, home: string): Promise<{ agent: Agent; csrf: string; page: string; cookie: string }> {
  const agent = request.agent(hub.hub.app);
  const signInPage = await get(agent, "/console/sign-in");
  // A field without an error has no error message, not even an empty one a screen reader announces as "Error:".
  expect(signInPage.text).not.toContain('class="govuk-error-message"');
  const signIn = await post(agent, "/console/sign-in", { _csrf: csrfOf(signInPage.text), role, name: "Stewart Testbridge", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE", la: BUCKS });
  expect(signIn.headers.location).toBe("/console/purpose");
  const purposePage = await get(agent, "/console/purpose");
  const csrf = csrfOf(purposePage.text);
  const stated = await post(agent, "/console/purpose", { _csrf: csrf, specialCategoryCondition: "", caseReference: "", ...purpose });
  expect([stated.status, stated.headers.location]).toEqual([303, home]);
  return { agent, csrf, page: purposePage.text, cookie: cookieOf(signIn) };
}

const steward = () => signedIn("DATA_STEWARD", { purpose: "DATA_QUALITY", lawfulBasis: "PUBLIC_TASK", justification: "Working through the identity link-review queue" }, "/console/reviews");

/** The queue, and the review of the record reported under this family name opened from it, on whichever page of the queue it is. */
async function openReview(agent: Agent, familyName: string) {
  let queue = await get(agent, "/console/reviews");
  expect(queue.status).toBe(200);
  for (;;) {
    const link = new RegExp(`${familyName}[^]*?href="(/console/reviews/[A-Za-z0-9_-]{22})"`).exec(queue.text)?.[1];
    if (link !== undefined) return { queue, link, review: await get(agent, link) };
    const next = /href="(\/console\/reviews\?page=[A-Za-z0-9_-]{22})"/.exec(queue.text)?.[1];
    if (next === undefined) throw new Error(`No review of a record reported as ${familyName} in the queue`);
    queue = await get(agent, next);
  }
}

describe("a data steward's journey", () => {
  it("sees the queue and a review side by side with each field's agreement level as the hub gives it, decides it, splits the record off with the wrong-link report, and merges the children back — each as the steward, on the trail", async () => {
    const { agent, csrf, page } = await steward();
    expect(sectionsOffered(page)).toEqual(["/console/reviews"]);

    const { queue, link, review } = await openReview(agent, MAYBE_PHILIPPA.familyName);
    expect(queue.text).toContain("Vasquez-Orme");
    expect(review.status).toBe(200);
    expect(review.text).toContain("Vasquez-Orme");
    expect(review.text).toContain("Thornbury");
    const asApi = (await hub.graphql(REVIEWS, { access: DATA_QUALITY }, await hub.token(CALLERS.dataSteward))).body.data.linkReviews.nodes as { record: { id: string }; candidate: { childId: string }; evidence: { fields: { field: string; level: string }[] } }[];
    const reviewed = asApi.find((node) => node.record.id === recordId);
    expect(reviewed?.evidence.fields.length).toBeGreaterThan(3);
    // Each field's row carries the level the hub gave it.
    const LABELS: Record<string, string> = { givenNames: "Given names", familyName: "Family name", dateOfBirth: "Date of birth", sex: "Sex", postcode: "Postcode" };
    for (const comparison of reviewed?.evidence.fields ?? []) expect(review.text).toMatch(new RegExp(`${LABELS[comparison.field]}</th>(?:(?!</tr>)[^])*>\\s*${comparison.level}\\s*<`));
    expect(review.text).toMatch(/Date of birth<\/th>\s*<td[^>]*>\s*2013-05-15\s*<\/td>\s*<td[^>]*>\s*2013-05-14/);

    const unexplained = await post(agent, link, { _csrf: csrf, decision: "LINK", reason: "" });
    expect(unexplained.status).toBe(400);
    expect(unexplained.text).toContain('href="#reason"');
    const tooShort = await post(agent, link, { _csrf: csrf, decision: "LINK", reason: "same" });
    expect(tooShort.status).toBe(400);
    expect(tooShort.text).toContain("at least 10 characters");

    const decided = await post(agent, link, { _csrf: csrf, decision: "LINK", reason: "Same child: family name changed on adoption, confirmed with the GP practice." });
    expect(decided.status).toBe(200);
    expect(decided.text).toContain("Decided: LINKED");
    const childId = valueAfter(decided.text, "Hub reference of the candidate child");
    expect(childId).toBe(reviewed?.candidate.childId);
    expect(valueAfter(decided.text, "Hub reference of the record")).toBe(recordId);
    const audit = hub.hub.database.dataSource.getRepository(DisclosureAuditEntry);
    const resolved = await audit.findOneOrFail({ where: { operation: "LINK_REVIEW_RESOLVED", outcome: "RECORDED" } as never, order: { occurredAt: "DESC" } as never });
    expect(resolved).toMatchObject({ principalRoles: ["DATA_STEWARD"], purpose: "DATA_QUALITY", justification: "Working through the identity link-review queue" });
    expect(resolved.principalSub).toMatch(/^dev-user-/);
    // Decided: no longer in the queue, and its page says so.
    expect((await get(agent, link)).status).toBe(404);

    // A MASH read of Philippa's file while the record is linked: the split's report must name it.
    const opened = await hub.graphql(/* GraphQL */ `mutation ($referral: ReferralInput!) { openReferral(referral: $referral) { referralId } }`,
      { referral: { sui: PHILIPPA_SUI, reference: REFERENCE, referralSource: "SCHOOL", reason: "School reports the child is frightened to go home." } }, await hub.token(CALLERS.mash));
    expect(opened.body.errors).toBeUndefined();
    const read = (await hub.graphql(CHILD_QUERY, { sui: PHILIPPA_SUI, access: access("REFERRAL_TRIAGE", "PUBLIC_TASK", { caseReference: REFERENCE }) }, await hub.token(CALLERS.mash))).body;
    expect(read.errors).toBeUndefined();

    const splitForm = await get(agent, "/console/split");
    expect(splitForm.status).toBe(200);
    for (const html of [page, review.text, splitForm.text, (await get(agent, "/console/merge")).text]) expect(html).not.toContain('class="govuk-error-message"');
    expect(unexplained.text.match(/class="govuk-error-message"/g)).toHaveLength(1);
    const split = await post(agent, "/console/split", { _csrf: csrf, childId, recordIds: recordId, toChildId: "", reason: "The GP practice confirms this is another child with the same first name." });
    expect(split.status).toBe(200);
    expect(split.text).toContain("Records split off");
    expect(split.text).toContain(read.data.child.disclosureId);
    expect(split.text).toMatch(/CARRIED|UNKNOWN/);
    const newChildId = valueAfter(split.text, "To child \\(hub reference\\)");
    expect(newChildId).toMatch(/^[0-9a-f-]{36}$/);
    expect(newChildId).not.toBe(childId);

    const merged = await post(agent, "/console/merge", { _csrf: csrf, survivorId: childId, mergedId: newChildId, reason: "On reflection the GP confirms they are one child after all." });
    expect(merged.status).toBe(200);
    expect(merged.text).toContain("Children merged");
    for (const operation of ["CHILD_SPLIT", "WRONG_LINK_REPORT", "CHILDREN_MERGED"]) {
      const entry = await audit.findOneOrFail({ where: { operation, principalSub: resolved.principalSub } as never });
      expect(entry).toMatchObject({ purpose: "DATA_QUALITY", outcome: expect.stringMatching(/RECORDED|DISCLOSED/) });
    }
  });

  it("puts a merge's or split's missing references and reason beside their fields, and a split the hub cannot make on the page without data", async () => {
    const { agent, csrf } = await steward();
    const missing = await post(agent, "/console/merge", { _csrf: csrf, survivorId: "not-a-reference", mergedId: "", reason: "" });
    expect(missing.status).toBe(400);
    for (const field of ["survivorId", "mergedId", "reason"]) expect(missing.text).toContain(`href="#${field}"`);
    const unknown = await post(agent, "/console/split", { _csrf: csrf, childId: "00000000-0000-4000-8000-000000000000", recordIds: recordId, reason: "Testing a split of a child the hub does not hold." });
    expect([400, 403, 404, 409]).toContain(unknown.status);
    expect(unknown.text).not.toContain("Thornbury");
  });
});

describe("who may", () => {
  it("gives another role the hub's refusal as a GOV.UK problem page, never data, and offers it no steward's section", async () => {
    const mash = await signedIn("MASH_PRACTITIONER", { purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", justification: "Triage of today's school referral about this child", caseReference: REFERENCE }, "/console/search");
    expect(sectionsOffered(mash.page)).toEqual(["/console/search", "/console/notifications"]);
    const refused = await get(mash.agent, "/console/reviews");
    expect(refused.status).toBe(403);
    expect(refused.text).toContain("Only a data steward");
    expect(refused.text).not.toMatch(/Thornbury|Vasquez/);
    const merge = await post(mash.agent, "/console/merge", { _csrf: mash.csrf, survivorId: "00000000-0000-4000-8000-000000000001", mergedId: "00000000-0000-4000-8000-000000000002", reason: "Trying what a MASH practitioner may not." });
    expect(merge.status).toBe(403);
    expect(merge.text).toContain("Only a data steward");
    const refusal = await hub.hub.database.dataSource.getRepository(DisclosureAuditEntry).findOneOrFail({ where: { operation: "LINK_REVIEWS_READ", outcome: "REFUSED" } as never });
    expect(refusal.principalRoles).toEqual(["MASH_PRACTITIONER"]);
  });

  it("sends a steward who has not said why to the question, and shows the hub's refusal of a purpose it does not accept, with the way back", async () => {
    const agent = request.agent(hub.hub.app);
    const signInPage = await get(agent, "/console/sign-in");
    await post(agent, "/console/sign-in", { _csrf: csrfOf(signInPage.text), role: "DATA_STEWARD", name: "Stewart Testbridge", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE", la: BUCKS });
    expect((await get(agent, "/console/reviews")).headers.location).toBe("/console/purpose");
    // The hub, not the console's question page, is the judge: a purpose a steward may not state is refused on the read.
    const { agent: stated, cookie } = await steward();
    await rewriteSessionState(hub.hub.database.dataSource, cookie, (state) => ({ ...state, access: { ...DATA_QUALITY, purpose: "REFERRAL_TRIAGE" } as never }));
    const refused = await get(stated, "/console/reviews");
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('href="/console/purpose"');
    expect(refused.text).not.toMatch(/Thornbury|Vasquez/);
  });
});

describe("the queue", () => {
  it("pages through the open reviews ten at a time, the longest waiting first, with how many wait", async () => {
    for (let index = 0; index < 11; index++) await pendingReview(`GP-STEWARD-PAGE-${index}`, maybeRosalind("Quarrendon"));
    const { agent } = await steward();
    const first = await get(agent, "/console/reviews");
    expect(reviewLinks(first.text)).toHaveLength(10);
    const waiting = Number(/(\d+) reviews waiting/.exec(first.text)?.[1]);
    expect(waiting).toBeGreaterThanOrEqual(11);
    expect(waiting).toBeLessThanOrEqual(20);
    const next = /href="(\/console\/reviews\?page=[A-Za-z0-9_-]{22})"/.exec(first.text)?.[1];
    expect(next).toBeDefined();
    const second = await get(agent, next ?? "");
    expect(reviewLinks(second.text)).toHaveLength(waiting - 10);
    expect(second.text).toContain("Quarrendon");
    expect(second.text).toContain("First page");
    expect((await get(agent, "/console/reviews?page=not-a-handle")).status).toBe(404);
  });
});

describe("navigation", () => {
  it("has one service navigation — the service's name and the sections offered — with the section in use marked for everyone, screen readers included", async () => {
    await pendingReview("GP-STEWARD-NAV", maybeRosalind("Hollingbury"));
    const { agent } = await steward();
    const queue = await get(agent, "/console/reviews");
    const { link } = await openReview(agent, "Hollingbury");
    for (const page of [queue.text, (await get(agent, link)).text]) {
      expect(page.match(/<nav[^>]*aria-label="[^"]*"[^>]*class="govuk-service-navigation__wrapper"|class="govuk-service-navigation__wrapper"[^>]*aria-label/g) ?? []).toHaveLength(1);
      expect(page.match(/class="govuk-service-navigation"/g) ?? []).toHaveLength(1);
      expect(page).toContain("Safeguarding Information Hub");
      expect(page).toMatch(/<a class="govuk-service-navigation__link" href="\/console\/reviews" aria-current="true">\s*<strong[^>]*>Link reviews<\/strong>/);
    }
  });
});

describe("forms, handles and what is personal", () => {
  it("refuses every steward's form without the session's CSRF token and does nothing; another session's handle opens nothing", async () => {
    await pendingReview("GP-STEWARD-3", maybeRosalind("Okafor-Lyle"));
    const { agent } = await steward();
    const { link } = await openReview(agent, "Okafor-Lyle");
    const before = await hub.hub.database.dataSource.query<{ id: string }[]>(`SELECT id FROM link_review WHERE status = 'OPEN'`);
    for (const [url, form] of [[link, { decision: "NO_LINK", reason: "Not this child, says the practice." }], ["/console/merge", { survivorId: "00000000-0000-4000-8000-000000000001", mergedId: "00000000-0000-4000-8000-000000000002", reason: "A forged merge attempt" }], ["/console/split", { childId: "00000000-0000-4000-8000-000000000001", recordIds: recordId, reason: "A forged split attempt" }]] as const) {
      const response = await post(agent, url, { ...form, _csrf: "forged" });
      expect(response.status).toBe(403);
    }
    expect(await hub.hub.database.dataSource.query<{ id: string }[]>(`SELECT id FROM link_review WHERE status = 'OPEN'`)).toEqual(before);
    const other = await steward();
    expect((await get(other.agent, link)).status).toBe(404);
  });

  it("opens no child with a review's handle, whatever the URL says it is", async () => {
    await pendingReview("GP-STEWARD-4", maybeRosalind("Pemberton-Ash"));
    const { agent } = await steward();
    const { link } = await openReview(agent, "Pemberton-Ash");
    const handle = link.split("/").pop() ?? "";
    const audit = hub.hub.database.dataSource.getRepository(DisclosureAuditEntry);
    const entries = await audit.count();
    for (const url of [`/console/children/${handle}`, `/console/children/review:${handle}`, `/console/children/reviews-page:${handle}`]) {
      const response = await get(agent, url);
      expect([url, response.status]).toEqual([url, 404]);
      expect(response.text).toContain("Page not found");
    }
    // Nothing was asked of the hub: no read of anyone's file with a review's id where an SUI belongs.
    expect(await audit.count()).toBe(entries);
  });

  it("puts no SUI, name or hub id in any URL the console used, nor in any log line", async () => {
    const { agent } = await steward();
    expect((await get(agent, "/console/reviews")).status).toBe(200);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).not.toMatch(PERSONAL);
    for (const line of hub.logLines) expect(line).not.toMatch(new RegExp(`${PHILIPPA_SUI}|${ROSALIND_SUI}|Philippa|Rosalind|Thornbury|Ashcombe|Vasquez|Okafor|Quarrendon|Testbridge`));
  });
});
