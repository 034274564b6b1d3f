import request from "supertest";
import { DateTime } from "luxon";
import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { IgAlert } from "../../src/alerts/IgAlert";
import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { SUBJECT_ACCESS } from "../support/governanceAccess";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS } from "../support/testKeys";
import { cookieOf, sessionState } from "../support/consoleSessionRows";
import { csrfOf, visitedUrls, type Agent } from "../support/consoleRequests";

/**
 * The IG lead's console pages (issue 14): the disclosure trail with its filters and pages, one entry in
 * full, alerts reviewed and closed, the chain verified, CSV and FHIR downloads, a subject access
 * report — each a read of the public contract with the IG lead's own token and stated purpose, on the
 * trail as them. Another role is shown the hub's refusal; forms need the session's CSRF token; no SUI,
 * name or user reaches a URL or a log line. Records, reads and requests of this file's own.
 */
let hub: TestHub;
const suis = syntheticNhsNumbers(882_000);
const childSui = suis.next().value as string;
const BUCKS = "E06000060";
const REFERENCE = "MASH-IG-CONSOLE-0001";
const SAR_REFERENCE = "SAR-CONSOLE-0042";
/** The practitioner whose reads the IG lead looks for: one more read than a page of the trail holds. */
const READER = "mash-ig-reader";
const READS = 21;
const DOCTOR_REASON = "Child in ED at 01:20 with a burn; no social care contact reachable out of hours.";
const child = { sui: childSui, givenNames: "Perpetua", familyName: "Ollerenshaw", dateOfBirth: "2015-02-11", sex: "FEMALE", address: { kind: "HOME", line1: "3 Teasel Row", town: "Sampleton", postcode: "HP20 2TR", localAuthority: BUCKS } };
const PERSONAL = new RegExp(`${childSui}|Perpetua|Ollerenshaw|Teasel|Iona|Ledger|Morwenna`);
/** Every URL the console was asked for or sent a person to. */
const { urls, get, post } = visitedUrls();

beforeAll(async () => {
  hub = await startTestHub({ auth: "development" });
  const submit = async (agencyType: string, record: Record<string, unknown>) => {
    const body = (await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode as string, agencyType, BUCKS)))).body;
    expect(body.errors).toBeUndefined();
  };
  await submit("CHILDRENS_SOCIAL_CARE", { agencyCode: "LA-E06000060", agencyReference: "CSC-IG-CON-1", child, socialCare: { status: "CHILD_IN_NEED", startDate: "2026-06-01", allocatedWorkerName: "Kit Allocated", allocatedWorkerContact: "0300 000 0042", allocatedTeam: "South Safeguarding", responsibleLocalAuthority: BUCKS } });
  await submit("HEALTH", { agencyCode: "GP-K99001", agencyReference: "GP-IG-CON-1", child, health: { gpPracticeCode: "K99001", registeredOn: "2015-03-01", conditions: [{ description: "Eczema" }] } });
  const opened = await hub.graphql(
    /* GraphQL */ `mutation ($referral: ReferralInput!) { openReferral(referral: $referral) { referralId } }`,
    { referral: { sui: childSui, reference: REFERENCE, referralSource: "SCHOOL", reason: "School reports bruising on the child's arm." } },
    await hub.token({ ...CALLERS.mash, sub: "mash-ig-opener" }),
  );
  expect(opened.body.errors).toBeUndefined();
  // A MASH practitioner's reads under the referral, without an Art 9 condition: the health conditions are withheld from them.
  const reader = await hub.token({ ...CALLERS.mash, sub: READER });
  for (let read = 0; read < READS; read++) {
    const body = (await hub.graphql(CHILD_QUERY, { sui: childSui, access: access("REFERRAL_TRIAGE", "PUBLIC_TASK", { specialCategoryCondition: null, caseReference: REFERENCE, justification: "Triage of the school's referral about this child" }) }, reader)).body;
    expect(body.errors).toBeUndefined();
  }
  // Another agency's break-glass read: an alert for the council's IG lead, whose entry is the hospital's to account for.
  const broke = (await hub.graphql(CHILD_QUERY, { sui: childSui, access: access("EMERGENCY_PROTECTION", "VITAL_INTERESTS", { breakGlass: true, justification: DOCTOR_REASON }) }, await hub.token(CALLERS.hospitalDoctor))).body;
  expect(broke.errors).toBeUndefined();
  const sar = (await hub.graphql(
    "mutation ($request: SubjectAccessRequestInput!, $access: AccessContext!) { openSubjectAccessRequest(request: $request, access: $access) { id } }",
    { request: { sui: childSui, reference: SAR_REFERENCE, receivedAt: new Date(Date.now() - 3_600_000).toISOString(), requester: { standing: "PERSON_WITH_PARENTAL_RESPONSIBILITY", name: "The child's mother", basis: "Birth certificate seen at the front desk." } }, access: { ...SUBJECT_ACCESS, caseReference: SAR_REFERENCE } },
    await hub.token(CALLERS.igLead),
  )).body;
  expect(sar.errors).toBeUndefined();
});
afterAll(async () => {
  await hub.stop();
});

const trail = () => hub.hub.database.dataSource.getRepository(DisclosureAuditEntry);
const linksTo = (html: string, path: string) => [...html.matchAll(new RegExp(`href="(/console/${path}/[A-Za-z0-9_-]+)"`, "g"))].map((match) => match[1]);


interface SignedIn {
  agent: Agent;
  csrf: string;
  /** The subject the console's sign-in minted: the person on the trail. */
  sub: string;
}

/** Signs in through the demo sign-in page and states why; `landing` is where stating it leads. */
async function signIn(role: string, name: string, purpose: Record<string, string>, landing: string): Promise<SignedIn> {
  const agent = request.agent(hub.hub.app);
  const page = await get(agent, "/console/sign-in");
  const signedIn = await post(agent, "/console/sign-in", { _csrf: csrfOf(page.text), role, name, agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE", la: BUCKS });
  expect([signedIn.status, signedIn.headers.location]).toEqual([303, "/console/purpose"]);
  const csrf = csrfOf((await get(agent, "/console/purpose")).text);
  const stated = await post(agent, "/console/purpose", { _csrf: csrf, specialCategoryCondition: "", caseReference: "", ...purpose });
  expect([stated.status, stated.headers.location]).toEqual([303, landing]);
  const sub = (await sessionState(hub.hub.database.dataSource, cookieOf(signedIn))).caller?.sub ?? "";
  expect(sub).toMatch(/^dev-user-/);
  return { agent, csrf, sub };
}

const IG_PURPOSE = { purpose: "INFORMATION_GOVERNANCE", lawfulBasis: "LEGAL_OBLIGATION", justification: "Monthly review of disclosures about children on the council's caseload", caseReference: "IG-CONSOLE-2026-12" };
const igLead = () => signIn("IG_LEAD", "Iona Ledger", IG_PURPOSE, "/console/ig");

/** A period from yesterday to tomorrow in London, as the form's date inputs take it. */
function period(): Record<string, string> {
  const today = DateTime.now().setZone("Europe/London");
  const [from, to] = [today.minus({ days: 1 }), today.plus({ days: 1 })];
  return { fromDay: String(from.day), fromMonth: String(from.month), fromYear: String(from.year), toDay: String(to.day), toMonth: String(to.month), toYear: String(to.year) };
}

/** The trail filtered as the IG lead asks: the first page's address and its response. */
async function filtered(ig: SignedIn, filter: Record<string, string>) {
  const posted = await post(ig.agent, "/console/ig/trail", { _csrf: ig.csrf, ...filter });
  expect(posted.status).toBe(303);
  const location = String(posted.headers.location);
  expect(location).toMatch(/^\/console\/ig\/trail\/[A-Za-z0-9_-]{22}$/);
  return { location, page: await get(ig.agent, location) };
}

describe("the disclosure trail", () => {
  it("finds the practitioner's reads of the child, a page at a time with the hub's cursors, and one entry in full with what was withheld and why — read as the IG lead", async () => {
    const ig = await igLead();
    const landing = await get(ig.agent, "/console/ig");
    expect(landing.text).toContain('href="/console/ig/trail"');
    expect(landing.text).toContain("INFORMATION_GOVERNANCE");

    const { location, page } = await filtered(ig, { childSui, principalSub: READER, agency: "LA-E06000060", purpose: "REFERRAL_TRIAGE", ...period() });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`${READS} entries`);
    const firstPage = linksTo(page.text, "ig/entries");
    expect(firstPage).toHaveLength(20);
    const [older] = linksTo(page.text, "ig/trail").filter((link) => link !== location);
    expect(older).toBeDefined();
    const secondPage = await get(ig.agent, older);
    expect(linksTo(secondPage.text, "ig/entries")).toHaveLength(1);
    expect(linksTo(secondPage.text, "ig/entries")[0]).not.toBe(firstPage[0]);
    // Back to the newer page: the same page, the same handles (reading it again adds none).
    const newer = linksTo(secondPage.text, "ig/trail").find((link) => link !== older);
    expect(newer).toBe(location);
    expect(linksTo((await get(ig.agent, newer ?? "")).text, "ig/entries")).toEqual(firstPage);

    const newest = await trail().findOneOrFail({ where: { principalSub: READER, operation: "CHILD_RECORD" } as never, order: { occurredAt: "DESC", id: "DESC" } });
    const entry = await get(ig.agent, firstPage[0]);
    expect(entry.status).toBe(200);
    expect(entry.text).toContain(newest.id);
    // Read alone: the IG lead's entry for it names that entry and its children, not a millisecond's worth of others.
    const [opening] = await trail().find({ where: { principalSub: ig.sub, operation: "AUDIT_QUERY" } as never, order: { occurredAt: "DESC", id: "DESC" } as never, take: 1 });
    expect([opening?.details.entryId, opening?.childSuis]).toEqual([newest.id, newest.childSuis]);
    expect(entry.text).toContain(REFERENCE);
    expect(entry.text).toContain("Triage of the school&#39;s referral about this child");
    expect(newest.fieldsWithheld.length).toBeGreaterThan(0);
    for (const withheld of newest.fieldsWithheld) {
      expect(entry.text).toContain(withheld.path);
      expect(entry.text).toContain(withheld.rule);
    }
    expect(entry.text).toContain("special-category-withheld");

    // The console has no identity of its own: each read is the IG lead's, for the purpose they stated.
    const reads = await trail().find({ where: { principalSub: ig.sub, operation: "AUDIT_QUERY" } as never });
    expect(reads.length).toBeGreaterThanOrEqual(4);
    for (const read of reads) expect(read).toMatchObject({ principalRoles: ["IG_LEAD"], purpose: "INFORMATION_GOVERNANCE", caseReference: IG_PURPOSE.caseReference, outcome: "DISCLOSED" });
  });

  it("shows another agency's entry as the hub gives it: what is withheld from the IG lead, each with its reason", async () => {
    const ig = await igLead();
    const { page } = await filtered(ig, { childSui, agency: "TRUST-RX1" });
    const [link] = linksTo(page.text, "ig/entries");
    const entry = await get(ig.agent, link);
    expect(entry.status).toBe(200);
    expect(entry.text).toContain("Break-glass");
    expect(entry.text).toContain("EMERGENCY_PROTECTION");
    expect(entry.text).toMatch(/Withheld\s*<\/strong>\s*[^<]+\(rule audit-trail:other-agency-account\)/);
    expect(entry.text).toContain("audit-trail:hash-covers-withheld");
    expect(entry.text).not.toContain("burn");
  });

  it("shows a filter the hub or the form refuses beside its field", async () => {
    const ig = await igLead();
    const { page } = await filtered(ig, { childSui: "1234567890" });
    expect(page.status).toBe(400);
    expect(page.text).toContain('href="#childSui"');
    const notADate = await post(ig.agent, "/console/ig/trail", { _csrf: ig.csrf, fromDay: "31", fromMonth: "2", fromYear: "2026" });
    expect(notADate.status).toBe(400);
    expect(notADate.text).toContain('href="#fromDay"');
  });

  it("downloads the filtered entries as CSV and as FHIR R4 AuditEvents: attachments, never stored, through the contract", async () => {
    const ig = await igLead();
    const { location } = await filtered(ig, { principalSub: READER });
    const csv = await post(ig.agent, `${location}/export`, { _csrf: ig.csrf, format: "CSV" });
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.headers["content-disposition"]).toMatch(/^attachment; filename="disclosure-trail-[0-9-]+\.csv"$/);
    expect(csv.headers["cache-control"]).toBe("no-store");
    expect(csv.text.trim().split(/\r\n/)).toHaveLength(READS + 1);
    expect(csv.text).toContain(childSui);

    const fhir = await post(ig.agent, `${location}/export`, { _csrf: ig.csrf, format: "FHIR_AUDIT_EVENT" });
    expect(fhir.headers["content-type"]).toMatch(/^application\/fhir\+json/);
    expect(fhir.headers["content-disposition"]).toMatch(/^attachment; filename="disclosure-trail-[0-9-]+\.fhir\.json"$/);
    expect(fhir.headers["cache-control"]).toBe("no-store");
    const bundle = JSON.parse(fhir.text) as { resourceType: string; entry: { resource: { resourceType: string; entity: unknown } }[] };
    expect(bundle.resourceType).toBe("Bundle");
    expect(bundle.entry).toHaveLength(READS);
    expect(bundle.entry.every((item) => item.resource.resourceType === "AuditEvent")).toBe(true);
    expect(JSON.stringify(bundle.entry[0].resource.entity)).toContain(childSui);

    const exports = await trail().find({ where: { principalSub: ig.sub, operation: "AUDIT_EXPORT" } as never });
    expect(exports.map((entry) => entry.details.format).sort()).toEqual(["CSV", "FHIR_AUDIT_EVENT"]);
  });
});

describe("alerts, verification and subject access", () => {
  it("lists the break-glass alert, keeps it open on a review the hub refuses, and closes it with an outcome — audited", async () => {
    const ig = await igLead();
    const list = await get(ig.agent, "/console/ig/alerts");
    expect(list.status).toBe(200);
    expect(list.text).toContain(childSui);
    expect(list.text).toContain("ed-doctor");
    const [review] = linksTo(list.text, "ig/alerts");
    const page = await get(ig.agent, review);
    expect(page.text).toContain(DOCTOR_REASON);

    const blank = await post(ig.agent, review, { _csrf: ig.csrf, outcome: "JUSTIFIED", note: "" });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('href="#note"');
    const short = await post(ig.agent, review, { _csrf: ig.csrf, outcome: "JUSTIFIED", note: "ok" });
    expect(short.status).toBe(400);
    expect(short.text).toContain("at least 10 characters");
    const alert = await hub.hub.database.dataSource.getRepository(IgAlert).findOneByOrFail({ principalSub: "ed-doctor" });
    expect(alert.status).toBe("OPEN");

    const closed = await post(ig.agent, review, { _csrf: ig.csrf, outcome: "JUSTIFIED", note: "Consultant confirmed the emergency; access was proportionate." });
    expect([closed.status, closed.headers.location]).toEqual([303, "/console/ig/alerts?closed=1"]);
    const after = await get(ig.agent, "/console/ig/alerts?closed=1");
    expect(after.text).toContain("govuk-notification-banner--success");
    expect(after.text).not.toContain(childSui);
    expect(await hub.hub.database.dataSource.getRepository(IgAlert).findOneByOrFail({ id: alert.id })).toMatchObject({ status: "CLOSED", outcome: "JUSTIFIED", closedBySub: ig.sub });
    expect(await trail().findOneBy({ principalSub: ig.sub, operation: "IG_ALERT_CLOSED" } as never)).toMatchObject({ outcome: "RECORDED", purpose: "INFORMATION_GOVERNANCE" });
  });

  it("verifies the chain and shows it intact, on the trail as the IG lead's verification", async () => {
    const ig = await igLead();
    expect((await get(ig.agent, "/console/ig/verify")).status).toBe(200);
    const verified = await post(ig.agent, "/console/ig/verify", { _csrf: ig.csrf });
    expect(verified.status).toBe(200);
    expect(verified.text).toContain("The trail is intact");
    expect(verified.text).toMatch(/Entries checked\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*\d{2,}/);
    expect(await trail().findOneBy({ principalSub: ig.sub, operation: "AUDIT_VERIFICATION" } as never)).not.toBeNull();
  });

  it("shows a subject access report under SUBJECT_ACCESS_REQUEST, and the hub's refusal under another purpose", async () => {
    const ig = await igLead();
    const refused = await get(ig.agent, "/console/ig/subject-access");
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('href="/console/purpose"');
    expect(refused.text).not.toContain(SAR_REFERENCE);

    const restated = await post(ig.agent, "/console/purpose", { _csrf: ig.csrf, purpose: "SUBJECT_ACCESS_REQUEST", lawfulBasis: "LEGAL_OBLIGATION", specialCategoryCondition: "", justification: "Answering the mother's subject access request", caseReference: SAR_REFERENCE });
    expect([restated.status, restated.headers.location]).toEqual([303, "/console/ig"]);
    const list = await get(ig.agent, "/console/ig/subject-access");
    expect(list.status).toBe(200);
    expect(list.text).toContain(SAR_REFERENCE);
    const [report] = linksTo(list.text, "ig/subject-access");
    const review = await get(ig.agent, report);
    expect(review.status).toBe(200);
    expect(review.text).toContain(SAR_REFERENCE);
    expect(review.text).toContain("Who received the child's information");
    expect(review.text).toContain("CSC-IG-CON-1");
    expect(review.text).toContain("REFERRAL_TRIAGE");
    expect(await trail().findOneBy({ principalSub: ig.sub, operation: "SUBJECT_ACCESS_REPORT" } as never)).toMatchObject({ purpose: "SUBJECT_ACCESS_REQUEST", caseReference: SAR_REFERENCE });
  });
});

describe("forms, roles and what reaches a URL", () => {
  it("refuses every IG form without its session's CSRF token, or with a wrong one, and reads nothing", async () => {
    const ig = await igLead();
    const { location } = await filtered(ig, { principalSub: READER });
    const before = await trail().countBy({ principalSub: ig.sub });
    const forms: [string, Record<string, string>][] = [
      ["/console/ig/trail", { childSui }],
      [`${location}/export`, { format: "CSV" }],
      ["/console/ig/verify", {}],
    ];
    for (const [url, form] of forms) {
      for (const token of [undefined, "x".repeat(ig.csrf.length)]) {
        const response = await post(ig.agent, url, { ...(token === undefined ? {} : { _csrf: token }), ...form });
        expect(response.status).toBe(403);
        expect(response.headers["content-disposition"]).toBeUndefined();
        expect(response.text).not.toContain(childSui);
      }
    }
    expect(await trail().countBy({ principalSub: ig.sub })).toBe(before);
  });

  it("shows a MASH practitioner no IG navigation, and the hub's refusal on every IG page — never data", async () => {
    const mash = await signIn("MASH_PRACTITIONER", "Morwenna Triage", { purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", justification: "Triage of the school's referral", caseReference: REFERENCE }, "/console/search");
    const search = await get(mash.agent, "/console/search");
    expect(search.text).not.toContain("/console/ig/trail");
    const { page } = await filtered(mash, { childSui });
    const refusals = [page, await get(mash.agent, "/console/ig/alerts"), await post(mash.agent, "/console/ig/verify", { _csrf: mash.csrf })];
    for (const refused of refusals) {
      expect(refused.status).toBe(403);
      expect(refused.text).toContain("Only an information governance lead");
      expect(refused.text).not.toContain(childSui);
      expect(linksTo(refused.text, "ig/entries")).toEqual([]);
    }
    expect(await trail().findOneBy({ principalSub: mash.sub, operation: "AUDIT_QUERY" } as never)).toMatchObject({ outcome: "REFUSED", refusalProblem: "IG_LEAD_ONLY" });
  });

  it("put no SUI, name, user or agency filter in any URL — only handles — and no SUI or name in any log line", () => {
    // The pages' own addresses were among them: a handle each, and nothing else.
    const handled = urls.filter((url) => /^\/console\/ig\/(trail|entries|alerts|subject-access)\/[A-Za-z0-9_-]{22}$/.test(url));
    expect(new Set(handled.map((url) => url.split("/")[3]))).toEqual(new Set(["trail", "entries", "alerts", "subject-access"]));
    for (const url of urls) {
      expect(url).not.toMatch(PERSONAL);
      expect(url).not.toMatch(new RegExp(`${READER}|TRUST-RX1|REFERRAL_TRIAGE`));
    }
    for (const line of hub.logLines) expect(line).not.toMatch(PERSONAL);
  });
});
