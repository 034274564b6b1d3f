import fs from "node:fs";
import { type Browser, type Page } from "playwright-core";
import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { NotificationDelivery } from "../../src/notifications/NotificationDelivery";
import { CALLERS, CHILD_QUERY, access as accessContext } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS } from "../support/testKeys";
import { checkPage, expectVisibleFocus, launchChromium, newWatchedPage, tabTo } from "../support/browser";

/**
 * The console in Debian's Chromium (issue 14): people's journeys through the pages, each page checked
 * where it is visited (`checkPage`: axe with the WCAG 2.2 AA tags, no console error — a script the CSP
 * blocked among them —, control sizes, reflow at 320 px). One hub (development sign-in, listening on a
 * port of its own) and one browser for the file; each journey a `describe` of its own in a fresh tab and
 * session: a new page's journey signs in with `signIn`, states why with `statePurpose`, and calls
 * `checkPage` on every page it reaches. Children of this file's own, submitted through the API.
 */
let hub: TestHub;
let browser: Browser;
let origin: string;
const BUCKS = "E06000060";
const REFERENCE = "MASH-BROWSER-0001";
const sui = syntheticNhsNumbers(884_000).next().value as string;
const child = { sui, givenNames: "Maelys", familyName: "Trevennick", dateOfBirth: "2016-04-11", sex: "FEMALE", address: { kind: "HOME", line1: "3 Heron Row", town: "Sampleton", postcode: "HP20 4HR", localAuthority: BUCKS } };
const INTELLIGENCE = "Associate of the household known to officers";
const CONDITION = "Eczema";

/** A record submitted by its agency's system, as an agency's case system does. */
async function submit(agencyType: string, record: Record<string, unknown>): Promise<void> {
  const body = (await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode as string, agencyType, BUCKS)))).body;
  expect(body.errors).toBeUndefined();
}

/** A referral about the child opened by a MASH practitioner at Buckinghamshire, so a MASH read under its reference is lawful. */
async function openReferral(childSui: string, reference: string): Promise<void> {
  const opened = await hub.graphql(
    /* GraphQL */ `mutation ($referral: ReferralInput!) { openReferral(referral: $referral) { referralId } }`,
    { referral: { sui: childSui, reference, referralSource: "SCHOOL", reason: "The school reports bruising the child would not explain." } },
    await hub.token({ ...CALLERS.mash, sub: "mash-browser-opener" }),
  );
  expect(opened.body.errors).toBeUndefined();
}

beforeAll(async () => {
  // The browser first: without Chromium the file fails at once, with how to install it.
  browser = await launchChromium();
  hub = await startTestHub({ auth: "development", env: { PORT: "0" } });
  origin = `http://127.0.0.1:${await hub.hub.listen()}`;
  await submit("HEALTH", { agencyCode: "GP-K99001", agencyReference: "GP-BRW-1", child, health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2016-05-01", conditions: [{ description: CONDITION }] } });
  await submit("POLICE", { agencyCode: "POLICE-43", agencyReference: "TVP-BRW-1", child, police: { incidentType: "DOMESTIC_ABUSE", childRole: "HOUSEHOLD_MEMBER", occurredOn: "2026-11-28", reportedOn: "2026-11-28", activeInvestigation: true, intelligence: INTELLIGENCE } });
  await submit("EDUCATION", { agencyCode: "SCH-199001", agencyReference: "UPN-BRW-1", child, education: { rollStatus: "ON_ROLL", onRollFrom: "2020-09-02", attendancePercent: 88.5, senStatus: "NONE", dslName: "Pat Lead", dslContact: "dsl@sampleton.example" } });
  await submit("CHILDRENS_SOCIAL_CARE", { agencyCode: "LA-E06000060", agencyReference: "CSC-BRW-1", child, socialCare: { status: "CHILD_IN_NEED", startDate: "2026-10-01", allocatedWorkerName: "Robin Allocated", allocatedWorkerContact: "0300 000 0042", allocatedTeam: "North Safeguarding", responsibleLocalAuthority: BUCKS } });
  await openReferral(sui, REFERENCE);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

/** Signs in through the demo picker as a person of this role and agency, on a fresh tab; lands on "Why are you looking?". */
async function signIn(who: { role: string; name: string; agency: string; agencyType: string; la?: string }): Promise<Page> {
  const page = await newWatchedPage(browser);
  await page.goto(`${origin}/console/sign-in`);
  await page.locator(`input[name=role][value=${who.role}]`).check();
  await page.getByLabel("Your name").fill(who.name);
  await page.getByLabel("Agency code").fill(who.agency);
  await page.getByLabel("Agency type").selectOption(who.agencyType);
  await page.getByLabel("Local authority you work for").fill(who.la ?? BUCKS);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${origin}/console/purpose`);
  return page;
}

/** Answers "Why are you looking?" (checked as a page first); lands on the search, or where the purpose leads. */
async function statePurpose(page: Page, access: { purpose: string; lawfulBasis: string; justification: string; caseReference?: string }, landing?: string): Promise<void> {
  await checkPage(page, "why are you looking");
  await page.locator(`input[name=purpose][value=${access.purpose}]`).check();
  await page.getByLabel("Lawful basis").selectOption(access.lawfulBasis);
  await page.getByLabel("Why you need to see this information").fill(access.justification);
  if (access.caseReference !== undefined) await page.getByLabel("Case reference (optional)").fill(access.caseReference);
  await page.getByRole("button", { name: "Continue" }).click();
  // Each role lands on its own first page (the search, the IG lead's pages, the inbox).
  await page.waitForURL((url) => url.pathname !== "/console/purpose");
  if (landing !== undefined) expect(new URL(page.url()).pathname).toBe(landing);
}

/** The value beside `key` in the page's summary lists, as the page shows it. */
async function summaryValue(page: Page, key: string): Promise<string> {
  const row = page.locator(".govuk-summary-list__row", { has: page.locator("dt", { hasText: new RegExp(`^\\s*${key}\\s*$`) }) });
  return ((await row.locator("dd").textContent()) ?? "").trim();
}

describe("a MASH practitioner, with the keyboard alone", () => {
  it("signs in, states why, finds the child from a misspelt name and a swapped date of birth, and opens her file with every withheld field explained", async () => {
    const page = await newWatchedPage(browser);
    await page.goto(`${origin}/console/sign-in`);
    await checkPage(page, "sign-in", { screenshot: "sign-in" });
    // Tab, type and Enter: the demo picker's first role (MASH practitioner) and its agency are chosen already.
    await tabTo(page, "#name");
    await page.keyboard.type("Morgan Keyboard");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${origin}/console/purpose`);

    await checkPage(page, "why are you looking", { screenshot: "why-are-you-looking" });
    await tabTo(page, "input[name=purpose]");
    // Space selects the radio Tab reached: the first, REFERRAL_TRIAGE.
    await page.keyboard.press("Space");
    await tabTo(page, "#lawfulBasis");
    await page.keyboard.type("PUBLIC");
    await tabTo(page, "#justification");
    await page.keyboard.type("Triage of the school's referral about bruising");
    await tabTo(page, "#caseReference");
    await page.keyboard.type(REFERENCE);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${origin}/console/search`);

    await checkPage(page, "search");
    await tabTo(page, "#givenNames");
    await page.keyboard.type("Maelis");
    await tabTo(page, "#familyName");
    await page.keyboard.type("Trevennick");
    // Born 11 April 2016; the referrer said 4 November.
    await tabTo(page, "#dobDay");
    await page.keyboard.type("4");
    await tabTo(page, "#dobMonth");
    await page.keyboard.type("11");
    await tabTo(page, "#dobYear");
    await page.keyboard.type("2016");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "1 child found" }).waitFor();

    await checkPage(page, "search results", { screenshot: "search-results", from: "main h2" });
    const card = page.locator(".govuk-summary-card", { hasText: "Trevennick" });
    await expect(card.textContent()).resolves.toMatch(/dateOfBirth: DAY_MONTH_SWAPPED/);
    await expect(card.textContent()).resolves.not.toMatch(/givenNames: EXACT/);
    await tabTo(page, "a[href^='/console/children/']");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "What agencies hold about this child" }).waitFor();

    await checkPage(page, "child", { screenshot: "child", from: "main h2:text('Health')" });
    // The URL carries a handle for this session only: no NHS number, no name.
    expect(page.url()).not.toMatch(new RegExp(`${sui}|Trevennick|Maelys`));
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toContain("Robin Allocated");
    // No Art 9 condition stated: the health condition is withheld, and the page says why, by which rule.
    expect(text).not.toContain(CONDITION);
    const withheldConditions = page.locator(".govuk-summary-list__row", { hasText: "conditions" });
    await expect(withheldConditions.textContent()).resolves.toMatch(/Withheld\s+.+\(rule special-category-withheld\)/s);
    const table = page.locator("table", { hasText: "Reason" });
    await expect(table.locator("tbody tr").count()).resolves.toBeGreaterThan(0);
    await expect(table.textContent()).resolves.toMatch(/health\[.+\]\.conditions/);
    await page.context().close();
  });
});

describe("a school's designated safeguarding lead", () => {
  it("opens a pupil's file by NHS number and sees only what the policy gives a school: no police record, no health", async () => {
    const page = await signIn({ role: "SCHOOL_DSL", name: "Dana Lead", agency: "SCH-199001", agencyType: "EDUCATION" });
    await statePurpose(page, { purpose: "STRATEGY_DISCUSSION", lawfulBasis: "PUBLIC_TASK", justification: "Strategy discussion about a pupil's bruising" });
    await page.goto(`${origin}/console/search`);
    await checkPage(page, "search (school)");
    await page.getByText("I know the child's NHS number").click();
    await page.getByLabel("NHS number").fill(sui);
    await page.getByRole("button", { name: "Open the child's file" }).click();
    await page.getByRole("heading", { name: "What agencies hold about this child" }).waitFor();

    await checkPage(page, "child (school)", { screenshot: "child-school-dsl" });
    expect(page.url()).not.toContain(sui);
    const text = (await page.locator("main").textContent()) ?? "";
    // What the school may know: the child, children's social care's involvement and whom to call, its own record.
    expect(text).toContain("Maelys");
    expect(text).toContain("Robin Allocated");
    expect(text).toContain("dsl@sampleton.example");
    // What it may not: a police record of an active investigation is concealed from a school, not even
    // named as withheld (DOMAIN rule 6); the GP's record only as withheld, each field with its rule.
    expect(text).not.toMatch(/Police|police\[|DOMESTIC_ABUSE/);
    expect(text).not.toContain(INTELLIGENCE);
    expect(text).not.toContain(CONDITION);
    await expect(page.locator(".govuk-summary-list__row", { hasText: "gpPracticeName" }).textContent()).resolves.toMatch(/Withheld\s+.+\(rule default-deny\)/s);
    await page.context().close();
  });
});

describe("an information governance lead", () => {
  it("finds the MASH practitioner's read on the trail, downloads it as FHIR AuditEvents and verifies the chain", async () => {
    const page = await signIn({ role: "IG_LEAD", name: "Iris Ledger", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE" });
    await statePurpose(page, { purpose: "INFORMATION_GOVERNANCE", lawfulBasis: "LEGAL_OBLIGATION", justification: "Monthly review of disclosures about children on the caseload", caseReference: "IG-BROWSER-2026-12" }, "/console/ig");
    await checkPage(page, "information governance");
    await page.locator("main").getByRole("link", { name: "Disclosure trail" }).click();
    await checkPage(page, "disclosure trail");
    await page.getByLabel("Child's SUI (NHS number)").fill(sui);
    await page.getByRole("button", { name: "Show entries" }).click();
    await page.getByRole("button", { name: "Download FHIR AuditEvent (JSON)" }).waitFor();
    await checkPage(page, "disclosure trail, filtered", { screenshot: "ig-trail" });
    expect(page.url()).not.toContain(sui);
    // The keyboard journey's read of the child, as the MASH practitioner, for the purpose stated.
    await expect(page.locator("table").textContent()).resolves.toMatch(/CHILD_RECORD[\s\S]*MASH_PRACTITIONER[\s\S]*REFERRAL_TRIAGE/);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download FHIR AuditEvent (JSON)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.fhir\.json$/);
    const bundle = JSON.parse(fs.readFileSync(await download.path(), "utf8")) as { resourceType: string; entry: { resource: { resourceType: string } }[] };
    expect(bundle.resourceType).toBe("Bundle");
    expect(bundle.entry.length).toBeGreaterThan(0);
    expect(bundle.entry.every((entry) => entry.resource.resourceType === "AuditEvent")).toBe(true);

    await page.locator("main").getByRole("link", { name: "Verify the trail" }).or(page.getByRole("navigation").getByRole("link", { name: "Verify the trail" })).first().click();
    await checkPage(page, "verify the trail");
    await page.getByRole("button", { name: "Verify the trail" }).click();
    await page.getByText("The trail is intact").waitFor();
    await checkPage(page, "trail verified", { screenshot: "ig-verified" });
    await page.context().close();
  });
});

describe("a data steward", () => {
  const childSui = syntheticNhsNumbers(884_100).next().value as string;
  const HOME = { kind: "HOME", line1: "12 Linnet Close", town: "Sampleton", postcode: "HP20 1LC", localAuthority: BUCKS };
  const ottilie = { sui: childSui, givenNames: "Ottilie", familyName: "Penhallow", dateOfBirth: "2014-03-08", sex: "FEMALE", address: HOME };
  /** Ottilie as a GP practice reports a child it registered: no SUI, another family name, the date of birth a day out, a move within the district — a review for a steward. */
  const maybeOttilie = { givenNames: "Ottilie", familyName: "Carbery-Vane", dateOfBirth: "2014-03-09", sex: "FEMALE", address: { ...HOME, postcode: "HP20 2LV" } };
  const STEWARD_REFERENCE = "MASH-BROWSER-0002";
  const gp = (agencyReference: string, record: Record<string, unknown>) =>
    submit("HEALTH", { agencyCode: "GP-K99001", agencyReference, child: record, health: { gpPracticeCode: "K99001", registeredOn: "2015-01-01", conditions: [{ description: "Asthma" }] } });
  beforeAll(async () => {
    await gp("GP-BRW-STEWARD-1", ottilie);
    await gp("GP-BRW-STEWARD-2", maybeOttilie);
    await openReferral(childSui, STEWARD_REFERENCE);
  });

  it("decides a link review from the record beside the candidate child, then splits the record off with the wrong-link report", async () => {
    const page = await signIn({ role: "DATA_STEWARD", name: "Sol Steward", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE" });
    await statePurpose(page, { purpose: "DATA_QUALITY", lawfulBasis: "PUBLIC_TASK", justification: "Working through the identity link-review queue" }, "/console/reviews");
    await checkPage(page, "link reviews", { screenshot: "link-reviews" });
    await page.locator("tr", { hasText: "Carbery-Vane" }).getByRole("link", { name: /Review/ }).click();
    await page.getByRole("heading", { name: "Is this record the candidate child's?" }).waitFor();

    await checkPage(page, "link review", { screenshot: "link-review" });
    expect(page.url()).not.toMatch(new RegExp(`${childSui}|Penhallow|Carbery|Ottilie`));
    // Side by side, each field with the agreement level the hub gave it.
    const row = (field: string) => page.locator("table tbody tr", { has: page.locator("th", { hasText: field }) });
    await expect(row("Family name").textContent()).resolves.toMatch(/Carbery-Vane\s+Penhallow\s+DIFFERENT/);
    await expect(row("Given names").textContent()).resolves.toMatch(/Ottilie\s+Ottilie\s+EXACT/);
    await expect(row("Date of birth").textContent()).resolves.toMatch(/2014-03-09\s+2014-03-08\s+[A-Z_]+/);

    await page.getByLabel("Link: the record is this child's").check();
    await page.getByLabel("Reason").fill("Same child: the family name changed on adoption, confirmed with the practice.");
    await page.getByRole("button", { name: "Record decision" }).click();
    await page.getByText("Decided: LINKED").waitFor();
    await checkPage(page, "link review decided");
    const childId = await summaryValue(page, "Hub reference of the candidate child");
    const recordId = await summaryValue(page, "Hub reference of the record");
    expect([childId, recordId]).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/), expect.stringMatching(/^[0-9a-f-]{36}$/)]);

    // A MASH practitioner reads Ottilie's file while the record is linked: the split's report must name that read.
    const read = (await hub.graphql(CHILD_QUERY, { sui: childSui, access: accessContext("REFERRAL_TRIAGE", "PUBLIC_TASK", { caseReference: STEWARD_REFERENCE }) }, await hub.token(CALLERS.mash))).body;
    expect(read.errors).toBeUndefined();

    await page.getByRole("link", { name: "split the record off" }).click();
    await checkPage(page, "split records off a child");
    await page.getByLabel("Hub reference of the child the records are linked to").fill(childId);
    await page.getByLabel("Hub references of the records to split off").fill(recordId);
    await page.getByLabel("Why the records are not this child's").fill("The practice now says this is another child of the same first name.");
    await page.getByRole("button", { name: "Split off" }).click();
    await page.getByRole("heading", { name: "Records split off" }).waitFor();

    await checkPage(page, "split, with the wrong-link report", { screenshot: "wrong-link-report", from: "main h2" });
    // The read made through the wrong link is on the report, as having carried the record's content.
    const wrongRead = page.locator("table", { hasText: "Carried the record" }).locator("tbody tr", { hasText: read.data.child.disclosureId as string });
    await expect(wrongRead.textContent()).resolves.toMatch(/\bCARRIED\b/);
    await page.context().close();
  });
});

describe("a social worker's notifications inbox, with the keyboard alone", () => {
  const childSui = syntheticNhsNumbers(884_200).next().value as string;
  const jory = { sui: childSui, givenNames: "Jory", familyName: "Tremellow", dateOfBirth: "2013-07-19", sex: "MALE", address: { kind: "HOME", line1: "5 Wren Yard", town: "Sampleton", postcode: "HP20 1WY", localAuthority: BUCKS } };
  const WITNESS = "Named witness: a neighbour";
  beforeAll(async () => {
    // Thames Valley Police refers a child victim to the children's social care where he lives.
    const refer = /* GraphQL */ `mutation ($n: ChildVictimInput!) { submitChildVictimReferral(notification: $n) { outcome } }`;
    const notification = { agencyCode: "POLICE-43", reference: "TVP-BRW-VICTIM-1", incidentType: "CRIME", occurredOn: "2026-11-30", reportedOn: "2026-11-30", crimeReference: "TVP-CR-BRW-1", summary: WITNESS, intelligence: INTELLIGENCE, officerContact: "cid@tvp.example", child: jory };
    const body = (await hub.graphql(refer, { n: notification }, await hub.token(AGENCY_SYSTEM_CLAIMS("POLICE-43", "POLICE", BUCKS)))).body;
    expect(body.errors).toBeUndefined();
    // Its acknowledgement deadline passed an hour ago, so the inbox marks it overdue.
    const deliveries = hub.hub.database.dataSource.getRepository(NotificationDelivery);
    const delivered = (await deliveries.findBy({ recipientAgency: "LA-E06000060" })).filter((delivery) => delivery.childSuis.includes(childSui));
    expect(delivered).toHaveLength(1);
    await deliveries.update({ id: delivered[0].id }, { acknowledgeBy: new Date(Date.now() - 3_600_000) });
  });

  it("opens the referral from the inbox, sees its deadlines with what was withheld and why, and acknowledges it", async () => {
    const page = await newWatchedPage(browser);
    await page.goto(`${origin}/console/sign-in`);
    // The picker's first role is a MASH practitioner's at Buckinghamshire; the arrow key moves to the next, a social worker's there.
    await tabTo(page, "input[name=role]");
    await page.keyboard.press("ArrowDown");
    await expectVisibleFocus(page);
    expect(await page.locator("input[name=role]:checked").getAttribute("value")).toBe("SOCIAL_WORKER");
    await tabTo(page, "#name");
    await page.keyboard.type("Noor Keyboard");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${origin}/console/purpose`);

    // The inbox asks no purpose: its notifications were shared for theirs.
    await tabTo(page, "a[href='/console/notifications']");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${origin}/console/notifications`);
    await checkPage(page, "notifications", { screenshot: "notifications" });
    const listed = page.locator("tr", { hasText: "Tremellow" });
    await expect(listed.textContent()).resolves.toMatch(/CHILD_VICTIM[\s\S]*Overdue[\s\S]*Waiting/);
    const href = (await listed.getByRole("link").getAttribute("href")) ?? "";
    await tabTo(page, `a[href='${href}']`);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "CHILD_VICTIM notification" }).waitFor();

    await checkPage(page, "notification", { screenshot: "notification" });
    expect(page.url()).not.toMatch(new RegExp(`${childSui}|Tremellow|Jory`));
    await expect(summaryValue(page, "Acknowledge by")).resolves.toMatch(/Overdue/);
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toContain("police-victim-csc");
    // The police's intelligence is withheld from children's social care, and the page says so, by which rule.
    expect(text).not.toContain(INTELLIGENCE);
    const withheld = page.locator("table", { hasText: "Rule" });
    await expect(withheld.locator("tbody tr").count()).resolves.toBeGreaterThan(0);

    await tabTo(page, "main form button");
    await page.keyboard.press("Enter");
    await page.getByText("Acknowledged. Your acknowledgement is on the audit trail.").waitFor();
    await checkPage(page, "notification acknowledged", { screenshot: "notification-acknowledged" });
    expect(await page.locator("main").textContent()).not.toContain("Overdue");
    await expect(summaryValue(page, "Acknowledged")).resolves.not.toMatch(/Not yet/);
    await page.context().close();
  });
});

describe("the accessibility statement", () => {
  it("is linked from every page's footer, and open without signing in", async () => {
    const page = await newWatchedPage(browser);
    await page.goto(`${origin}/console/sign-in`);
    await page.locator("footer").getByRole("link", { name: "Accessibility statement" }).click();
    await page.waitForURL(`${origin}/console/accessibility`);
    await checkPage(page, "accessibility statement", { screenshot: "accessibility-statement" });
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("Accessibility statement");
    await page.context().close();
  });
});
