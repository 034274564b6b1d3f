import request from "supertest";
import { SignJWT, generateKeyPair } from "jose";
import { ConsoleSession } from "../../src/console/ConsoleSession";
import { sealState } from "../../src/console/consoleSessions";
import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS } from "../support/testKeys";
import { cookieOf, rewriteSessionState, sessionRow, sessionState } from "../support/consoleSessionRows";
import { csrfOf, visitedUrls, type Agent } from "../support/consoleRequests";

/**
 * The console (issue 14, first slice): a person signs in with a demo role, states why they are looking,
 * searches, and opens a child — every read made with their own token through the hub's GraphQL pipeline
 * and on the audit trail as them. Forms need the session's CSRF token; sessions end when idle, at their
 * absolute limit and when the hub refuses their token; no SUI or name reaches a URL or a log line.
 * Children of this file's own.
 */
let hub: TestHub;
const sui = syntheticNhsNumbers(881_000);
const childSui = sui.next().value as string;
const BUCKS = "E06000060";
const REFERENCE = "MASH-CONSOLE-0001";
const child = { sui: childSui, givenNames: "Isolde", familyName: "Quennevais", dateOfBirth: "2016-08-19", sex: "FEMALE", address: { kind: "HOME", line1: "7 Wren Close", town: "Sampleton", postcode: "HP20 4WC", localAuthority: BUCKS } };
/** Every URL the console was asked for or sent a person to. */
const { urls, get, post } = visitedUrls();

beforeAll(async () => {
  hub = await startTestHub({ auth: "development" });
  const submit = async (agencyType: string, record: Record<string, unknown>) => {
    const body = (await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode as string, agencyType, BUCKS)))).body;
    expect(body.errors).toBeUndefined();
  };
  await submit("HEALTH", { agencyCode: "GP-K99001", agencyReference: "GP-CON-1", child, health: { gpPracticeCode: "K99001", registeredOn: "2017-01-01", conditions: [{ description: "Asthma" }] } });
  await submit("POLICE", { agencyCode: "POLICE-43", agencyReference: "TVP-CON-1", child, police: { incidentType: "DOMESTIC_ABUSE", childRole: "HOUSEHOLD_MEMBER", reportedOn: "2026-11-20", activeInvestigation: true, intelligence: "Suspect known to officers" } });
  const opened = await hub.graphql(
    /* GraphQL */ `mutation ($referral: ReferralInput!) { openReferral(referral: $referral) { referralId } }`,
    { referral: { sui: childSui, reference: REFERENCE, referralSource: "SCHOOL", reason: "School reports the child is frightened to go home." } },
    await hub.token({ ...CALLERS.mash, sub: "mash-console-opener" }),
  );
  expect(opened.body.errors).toBeUndefined();
});
afterAll(async () => {
  await hub.stop();
});

const sessions = () => hub.hub.database.dataSource.getRepository(ConsoleSession);


/**
 * A MASH practitioner signed in through the demo sign-in page, with a stated purpose under the open
 * referral. No Art 9 condition stated: the child's health conditions (special category) are withheld.
 */
async function signedInMash(): Promise<{ agent: Agent; csrf: string; cookie: string }> {
  const agent = request.agent(hub.hub.app);
  const page = await get(agent, "/console/sign-in");
  expect(page.status).toBe(200);
  const signIn = await post(agent, "/console/sign-in", { _csrf: csrfOf(page.text), role: "MASH_PRACTITIONER", name: "Morgan Testwell", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE", la: BUCKS });
  expect(signIn.status).toBe(303);
  expect(signIn.headers.location).toBe("/console/purpose");
  const cookie = cookieOf(signIn);
  const purposePage = await get(agent, "/console/purpose");
  const csrf = csrfOf(purposePage.text);
  const purpose = await post(agent, "/console/purpose", { _csrf: csrf, purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "", justification: "Triage of today's school referral about this child", caseReference: REFERENCE });
  expect(purpose.status).toBe(303);
  expect(purpose.headers.location).toBe("/console/search");
  return { agent, csrf, cookie };
}

async function searchAndOpen(agent: Agent, csrf: string) {
  const found = await post(agent, "/console/search", { _csrf: csrf, givenNames: "Isolda", familyName: "Quennevais", dobDay: "19", dobMonth: "8", dobYear: "2016" });
  expect(found.status).toBe(200);
  const link = /href="(\/console\/children\/[^"]+)"/.exec(found.text)?.[1];
  expect(link).toBeDefined();
  return { found, opened: await get(agent, link ?? "") };
}

describe("a MASH practitioner's journey", () => {
  it("signs in, states why, finds the child with why she matched, and opens her file with every withheld field explained — read as the user, on the audit trail", async () => {
    const { agent, csrf, cookie } = await signedInMash();
    const { found, opened } = await searchAndOpen(agent, csrf);
    expect(found.text).toContain("Quennevais");
    expect(found.text).toMatch(/givenNames: [A-Z_]+/);
    expect(found.text).toContain("HEALTH");
    expect(opened.status).toBe(200);

    // This sign-in's session (found by its cookie), and this opening's entry: the newest (other tests open the child too).
    // What the session holds is stored sealed: no JWT to lift from the table, and none of the child's SUI,
    // the search's names, the person's name or the reason they gave.
    const row = JSON.stringify(await sessionRow(hub.hub.database.dataSource, cookie));
    const session = await sessionState(hub.hub.database.dataSource, cookie);
    expect(session.token).toMatch(/^eyJ/);
    expect(Object.values(session.handles)).toContainEqual(expect.stringContaining(childSui));
    for (const clear of [session.token ?? "", childSui, "Quennevais", "Isolda", "Testwell", "school referral", "REFERRAL_TRIAGE", REFERENCE]) expect(row).not.toContain(clear);
    const entry = await hub.hub.database.dataSource.getRepository(DisclosureAuditEntry).findOneOrFail({ where: { operation: "CHILD_RECORD", childSuis: [childSui] } as never, order: { occurredAt: "DESC", id: "DESC" } as never });
    // The user's own principal, purpose and case reference: the console has no identity of its own.
    expect(entry).toMatchObject({ principalSub: session.caller?.sub, principalRoles: ["MASH_PRACTITIONER"], purpose: "REFERRAL_TRIAGE", caseReference: REFERENCE, outcome: "DISCLOSED" });
    expect(entry.principalSub).toMatch(/^dev-user-/);
    expect(opened.text).toContain(entry.id);
    expect(entry.fieldsWithheld.map((withheld) => withheld.path)).toEqual(expect.arrayContaining([expect.stringMatching(/^health\[.+\]\.conditions$/)]));
    // Every field withheld is on the page as withheld, with its reason and rule.
    for (const withheld of entry.fieldsWithheld) {
      expect(opened.text).toContain(withheld.path);
      expect(opened.text).toContain(withheld.rule);
    }
    expect(opened.text).toMatch(/Withheld\s*<\/strong>\s*[^<]+\(rule special-category-withheld\)/);
    expect(opened.text).not.toContain("Asthma");
  });

  it("shows a form's fields without an error until one is made", async () => {
    const agent = request.agent(hub.hub.app);
    expect((await get(agent, "/console/sign-in")).text).not.toContain("govuk-form-group--error");
    const { agent: signedIn } = await signedInMash();
    expect((await get(signedIn, "/console/purpose")).text).not.toContain("govuk-form-group--error");
    expect((await get(signedIn, "/console/search")).text).not.toContain("govuk-form-group--error");
  });

  it("refuses a purpose the hub's rules refuse, beside its field in a GOV.UK error summary", async () => {
    const { agent, csrf } = await signedInMash();
    const refused = await post(agent, "/console/purpose", { _csrf: csrf, purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "SAFEGUARDING_CHILDREN", justification: "Triage of today's school referral", caseReference: "" });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("govuk-error-summary");
    expect(refused.text).toContain('href="#caseReference"');
  });
});

describe("opening a child", () => {
  it("names the search page's date fields as the server reads them, so a date typed in a browser is searched", async () => {
    const { agent } = await signedInMash();
    const page = await get(agent, "/console/search");
    for (const name of ["dobDay", "dobMonth", "dobYear"]) expect(page.text).toContain(`name="${name}"`);
  });

  it("opens a child by the NHS number in a POST body, under a handle; a wrong number is refused without being echoed", async () => {
    const { agent, csrf } = await signedInMash();
    const opened = await post(agent, "/console/children", { _csrf: csrf, nhsNumber: childSui });
    expect(opened.status).toBe(303);
    expect(opened.headers.location).toMatch(/^\/console\/children\/[A-Za-z0-9_-]{22}$/);
    expect((await get(agent, String(opened.headers.location))).text).toContain("Quennevais");
    const wrong = `${childSui.slice(0, 9)}${(Number(childSui[9]) + 1) % 10}`;
    const refused = await post(agent, "/console/children", { _csrf: csrf, nhsNumber: wrong });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('href="#nhsNumber"');
    expect(refused.text).not.toContain(wrong);
    expect((await post(agent, "/console/children", { nhsNumber: childSui })).status).toBe(403);
  });
});

describe("the demo sign-in", () => {
  it("refuses a role the agency's type cannot hold, and an agency, type or area the directory does not hold that way, each beside its field", async () => {
    const cases = [
      [{ role: "SCHOOL_DSL", agency: "POLICE-43", agencyType: "POLICE", la: BUCKS }, "role"],
      [{ role: "MASH_PRACTITIONER", agency: "LA-E09999999", agencyType: "CHILDRENS_SOCIAL_CARE", la: "E09999999" }, "agency"],
      [{ role: "POLICE_OFFICER", agency: "LA-E06000060", agencyType: "POLICE", la: BUCKS }, "agencyType"],
      [{ role: "MASH_PRACTITIONER", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE", la: "E10000019" }, "la"],
    ] as const;
    for (const [claims, field] of cases) {
      const agent = request.agent(hub.hub.app);
      const page = await get(agent, "/console/sign-in");
      const refused = await post(agent, "/console/sign-in", { _csrf: csrfOf(page.text), name: "Pat Picker", ...claims });
      expect([claims, refused.status]).toEqual([claims, 400]);
      expect(refused.text).toContain("govuk-error-summary");
      expect([claims, /govuk-error-summary__list[\s\S]*?href="#([A-Za-z]+)"/.exec(refused.text)?.[1]]).toEqual([claims, field]);
      expect(refused.text).toMatch(new RegExp(`id="${field}-error"`));
      expect((await get(agent, "/console/search")).headers.location).toBe("/console/sign-in");
    }
  });
});

describe("forms and sessions", () => {
  it("refuses a POST without the session's CSRF token, or with a wrong one, and does nothing", async () => {
    const { agent, csrf } = await signedInMash();
    const before = await sessions().count();
    for (const token of [undefined, "x".repeat(csrf.length), `${csrf}x`]) {
      const response = await post(agent, "/console/search", { ...(token !== undefined ? { _csrf: token } : {}), familyName: "Quennevais", givenNames: "Isolde" });
      expect(response.status).toBe(403);
      expect(response.text).not.toContain("Quennevais");
    }
    const signOut = await post(agent, "/console/sign-out", { _csrf: "wrong" });
    expect(signOut.status).toBe(403);
    // A body no form sends (JSON) carries no token either: refused, not an error.
    expect((await agent.post("/console/sign-out").send({ _csrf: csrf })).status).toBe(403);
    expect(await sessions().count()).toBe(before);
    expect((await post(agent, "/console/sign-out", { _csrf: csrf })).status).toBe(303);
    expect((await get(agent, "/console/search")).headers.location).toBe("/console/sign-in");
  });

  it("ends a session idle past its timeout, and one past its absolute lifetime however active", async () => {
    for (const expire of [{ lastSeenAt: new Date(Date.now() - 31 * 60_000) }, { expiresAt: new Date(Date.now() - 1000) }]) {
      const { agent } = await signedInMash();
      const [session] = await sessions().find({ where: {}, order: { createdAt: "DESC" } });
      await sessions().update({ id: session.id }, expire);
      const response = await get(agent, "/console/search");
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe("/console/sign-in");
      expect(await sessions().findOneBy({ id: session.id })).toBeNull();
    }
  });

  it("ends the session when the hub refuses its token — forged or expired — or the stored token does not open under its cookie, and shows nothing", async () => {
    const { privateKey } = await generateKeyPair("ES256");
    const forged = await new SignJWT({ agency: "LA-E06000060", agency_type: "CHILDRENS_SOCIAL_CARE", roles: ["MASH_PRACTITIONER"], la: BUCKS, name: "Forger" })
      .setProtectedHeader({ alg: "ES256", kid: "not-the-hubs" }).setSubject("forger").setIssuer("urn:safeguarding-hub:development").setAudience("safeguarding-hub").setIssuedAt().setExpirationTime("1h").sign(privateKey);
    const expired = await hub.token({ ...CALLERS.mash, sub: "mash-expired" }, Math.floor(Date.now() / 1000) - 3600);
    for (const token of [forged, expired]) {
      const { agent, csrf, cookie } = await signedInMash();
      const session = await sessionRow(hub.hub.database.dataSource, cookie);
      // Sealed as the console seals a token, under this browser's cookie value: the hub, not the seal, refuses it.
      await rewriteSessionState(hub.hub.database.dataSource, cookie, (state) => ({ ...state, token }));
      const response = await post(agent, "/console/search", { _csrf: csrf, givenNames: "Isolde", familyName: "Quennevais" });
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe("/console/sign-in");
      expect(await sessions().findOneBy({ id: session.id })).toBeNull();
    }
    // A valid token sealed under another cookie value than this browser's (another session's state copied in, or one made up) opens nothing.
    const { agent, csrf, cookie } = await signedInMash();
    const session = await sessionRow(hub.hub.database.dataSource, cookie);
    const planted = { ...(await sessionState(hub.hub.database.dataSource, cookie)), token: await hub.token({ ...CALLERS.mash, sub: "mash-planted" }) };
    const other = await signedInMash();
    await sessions().update({ id: session.id }, { sealed: sealState(other.cookie, planted) });
    const refused = await post(agent, "/console/search", { _csrf: csrf, givenNames: "Isolde", familyName: "Quennevais" });
    expect([refused.status, refused.headers.location]).toEqual([303, "/console/sign-in"]);
    expect(await sessions().findOneBy({ id: session.id })).toBeNull();
  });

  it("serves pages with a strict Content-Security-Policy and an HttpOnly, SameSite session cookie", async () => {
    const response = await request(hub.hub.app).get("/console/sign-in");
    expect(response.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(response.headers["content-security-policy"]).not.toContain("unsafe-inline");
    expect(String(response.headers["set-cookie"])).toMatch(/HttpOnly/);
    expect(String(response.headers["set-cookie"])).toMatch(/SameSite=Lax/);
    expect(response.text).toContain('<script type="module" src="/console/assets/console/console.mjs">');
    const css = await request(hub.hub.app).get("/console/assets/govuk/govuk-frontend.min.css");
    expect(css.status).toBe(200);
    expect(css.headers["cache-control"]).toMatch(/max-age=31536000/);
  });
});

describe("nothing personal where it should not be", () => {
  it("puts no SUI or name in any URL the console used, nor in any log line", async () => {
    const { agent, csrf } = await signedInMash();
    await searchAndOpen(agent, csrf);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).not.toMatch(new RegExp(`${childSui}|Quennevais|Isold|Testwell|Morgan`));
    for (const line of hub.logLines) expect(line).not.toMatch(new RegExp(`${childSui}|Quennevais|Isold|Testwell|Morgan`));
  });
});
