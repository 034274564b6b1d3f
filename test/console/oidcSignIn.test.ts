import request from "supertest";
import { generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { ConsoleSession } from "../../src/console/ConsoleSession";
import { cookieOf, rewriteSessionState, sessionRow, sessionState } from "../support/consoleSessionRows";
import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { SUBMIT } from "../support/fixtures";
import { signTestToken, AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";
import { startTestHub, type TestHub } from "../support/testHub";
import { logInAtProvider as logInAtProviderAs, startOpenIdProvider, type OpenIdProvider } from "../support/openIdProvider";

/**
 * The console's production sign-in (issue 14) against a real OpenID provider running in this process
 * (`oidc-provider`): the console sends the browser there, the person logs in, the callback redeems the
 * code (PKCE, state, nonce), and the provider's JWT access token — carrying the hub's claims — is what
 * the console sends to the hub, which verifies it through the provider's jwks_uri like any caller's.
 * Nothing of openid-client or the provider is mocked. Children and people of this file's own.
 */
const BUCKS = "E06000060";
const AUDIENCE = "safeguarding-hub-oidc-test";
const RESOURCE = "https://hub.oidc-test.example/graphql";
const REDIRECT_URI = "https://hub.oidc-test.example/console/sign-in/callback";
const SIGNED_OUT = "https://hub.oidc-test.example/console/signed-out";
const CLIENT_ID = "hub-console";
const CLIENT_SECRET = "a-client-secret-for-the-hub-console-tests";
const REFERENCE = "MASH-OIDC-0001";
const sui = syntheticNhsNumbers(883_000);
const childSui = sui.next().value as string;
const child = { sui: childSui, givenNames: "Perpetua", familyName: "Oakhanger", dateOfBirth: "2015-02-11", sex: "FEMALE", address: { kind: "HOME", line1: "3 Sedge Row", town: "Sampleton", postcode: "HP20 4SR", localAuthority: BUCKS } };

/** The provider's people, with the hub's claims (HUB.md §4) its access tokens carry. `oidc-brief` holds a two-second access token. */
const PEOPLE: Record<string, Omit<TestClaims, "sub">> = {
  "oidc-mash": { name: "Rowena Idpuser", agency: "LA-E06000060", agency_type: "CHILDRENS_SOCIAL_CARE", roles: ["MASH_PRACTITIONER"], la: BUCKS },
  "oidc-brief": { name: "Brief Idpuser", agency: "LA-E06000060", agency_type: "CHILDRENS_SOCIAL_CARE", roles: ["MASH_PRACTITIONER"], la: BUCKS },
  "oidc-school-as-mash": { name: "Misplaced Idpuser", agency: "SCH-199001", agency_type: "EDUCATION", roles: ["MASH_PRACTITIONER"], la: BUCKS },
};

let hub: TestHub;
let issuer: string;
let provider: OpenIdProvider;
let providerKey: { privateKey: CryptoKey; kid: string };

/** A token signed by the provider's key, as its tokens for agency systems would be. */
const providerToken = (claims: TestClaims, expiresIn: string | number = "10m") =>
  signTestToken({ ...providerKey, jwksFile: "" }, claims, expiresIn, { issuer, audience: AUDIENCE });

beforeAll(async () => {
  provider = await startOpenIdProvider({
    people: PEOPLE, audience: AUDIENCE, resource: RESOURCE,
    client: {
      client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [REDIRECT_URI], post_logout_redirect_uris: [SIGNED_OUT],
      grant_types: ["authorization_code"], response_types: ["code"], token_endpoint_auth_method: "client_secret_basic", id_token_signed_response_alg: "ES256",
    },
    accessTokenSeconds: (accountId) => (accountId === "oidc-brief" ? 2 : 600),
  });
  ({ issuer, signingKey: providerKey } = provider);

  hub = await startTestHub({
    auth: "environment",
    env: {
      AUTH_JWKS_URL: `${issuer}/jwks`, AUTH_ISSUER: issuer, AUTH_AUDIENCE: AUDIENCE, AUTH_CLOCK_TOLERANCE_SECONDS: "0",
      CONSOLE_OIDC_ISSUER: issuer, CONSOLE_OIDC_CLIENT_ID: CLIENT_ID, CONSOLE_OIDC_CLIENT_SECRET: CLIENT_SECRET,
      CONSOLE_OIDC_REDIRECT_URI: REDIRECT_URI, CONSOLE_OIDC_POST_LOGOUT_REDIRECT_URI: SIGNED_OUT,
      CONSOLE_OIDC_SCOPES: "openid profile hub", CONSOLE_OIDC_RESOURCE: RESOURCE,
    },
  });
  const submitted = await hub.graphql(SUBMIT, { record: { agencyCode: "GP-K99001", agencyReference: "GP-OIDC-1", child, health: { gpPracticeCode: "K99001", registeredOn: "2016-01-01", conditions: [{ description: "Eczema" }] } } }, await providerToken(AGENCY_SYSTEM_CLAIMS("GP-K99001", "HEALTH", BUCKS)));
  expect(submitted.body.errors).toBeUndefined();
  const opened = await hub.graphql(
    /* GraphQL */ `mutation ($referral: ReferralInput!) { openReferral(referral: $referral) { referralId } }`,
    { referral: { sui: childSui, reference: REFERENCE, referralSource: "SCHOOL", reason: "School reports bruising." } },
    await providerToken({ sub: "oidc-referral-opener", ...PEOPLE["oidc-mash"] }),
  );
  expect(opened.body.errors).toBeUndefined();
});
afterAll(async () => {
  await hub.stop();
  await provider.close();
});

type Agent = ReturnType<typeof request.agent>;
const sessions = () => hub.hub.database.dataSource.getRepository(ConsoleSession);
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";

/** The console's redirect to the provider, for a new browser. */
async function beginSignIn(agent: Agent): Promise<URL> {
  return (await beganSignIn(agent)).authorization;
}

/** The same, with the cookie value of the session that holds the pending sign-in. */
async function beganSignIn(agent: Agent): Promise<{ authorization: URL; cookie: string }> {
  const begun = await agent.get("/console/sign-in");
  expect(begun.status).toBe(302);
  const location = new URL(String(begun.headers.location));
  expect(location.origin).toBe(issuer);
  return { authorization: location, cookie: cookieOf(begun) };
}

/** A person at the provider, logging in until it sends the browser back to the console's callback (its path and query). */
const logInAtProvider = (authorization: URL, accountId: string) => logInAtProviderAs(issuer, REDIRECT_URI, authorization, accountId);

/** A person signed in to the console through the provider. */
async function signedIn(accountId: string): Promise<{ agent: Agent; callback: string; landed: request.Response }> {
  const agent = request.agent(hub.hub.app);
  const callback = await logInAtProvider(await beginSignIn(agent), accountId);
  const landed = await agent.get(callback);
  return { agent, callback, landed };
}

describe("signing in through the identity provider", () => {
  it("sends the browser to the provider, and back at the callback starts a new session whose token the hub verifies: me answers as that person, and a read is audited as them", async () => {
    const agent = request.agent(hub.hub.app);
    const { authorization, cookie } = await beganSignIn(agent);
    expect(authorization.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorization.searchParams.get("state")).toBeTruthy();
    expect(authorization.searchParams.get("nonce")).toBeTruthy();
    const before = await sessionRow(hub.hub.database.dataSource, cookie);
    const pending = await sessionState(hub.hub.database.dataSource, cookie);
    expect(pending.token).toBeNull();
    // The pending sign-in's nonce and PKCE verifier are sealed with the rest: not in the row for a reader of the table.
    const secrets = JSON.parse(Object.values(pending.handles)[0] ?? "{}") as Record<string, string>;
    expect(Object.keys(secrets).sort()).toEqual(expect.arrayContaining(["codeVerifier", "nonce"]));
    for (const secret of Object.values(secrets)) expect(JSON.stringify(before)).not.toContain(secret);
    const callback = await logInAtProvider(authorization, "oidc-mash");
    const landed = await agent.get(callback);
    expect([landed.status, landed.headers.location]).toEqual([303, "/console/purpose"]);
    // A new session (no fixation): the one that began the sign-in is gone.
    expect(await sessions().findOneBy({ id: before.id })).toBeNull();
    const session = await sessionState(hub.hub.database.dataSource, cookieOf(landed));
    expect(session.caller).toMatchObject({ sub: "oidc-mash", agency: "LA-E06000060", roles: ["MASH_PRACTITIONER"] });

    const purposePage = await agent.get("/console/purpose");
    expect(purposePage.status).toBe(200);
    const csrf = csrfOf(purposePage.text);
    await agent.post("/console/purpose").type("form").send({ _csrf: csrf, purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "", justification: "Triage of the school's referral", caseReference: REFERENCE });
    const found = await agent.post("/console/search").type("form").send({ _csrf: csrf, givenNames: "Perpetua", familyName: "Oakhanger" });
    const link = /href="(\/console\/children\/[^"]+)"/.exec(found.text)?.[1] ?? "";
    expect((await agent.get(link)).status).toBe(200);
    const entry = await hub.hub.database.dataSource.getRepository(DisclosureAuditEntry).findOneOrFail({ where: { operation: "CHILD_RECORD", childSuis: [childSui] } as never });
    expect(entry).toMatchObject({ principalSub: "oidc-mash", principalAgency: "LA-E06000060", principalRoles: ["MASH_PRACTITIONER"], outcome: "DISCLOSED" });
  });

  it("refuses a callback whose state was tampered with, and redeems nothing", async () => {
    const agent = request.agent(hub.hub.app);
    const callback = await logInAtProvider(await beginSignIn(agent), "oidc-mash");
    const tampered = callback.replace(/state=([^&]+)/, (_match, state: string) => `state=${state.slice(0, -2)}xx`);
    const response = await agent.get(tampered);
    expect(response.status).toBe(400);
    expect(response.text).toContain("You could not be signed in");
    expect((await agent.get("/console/search")).headers.location).toBe("/console/sign-in");
  });

  it("refuses a callback replayed after sign-in, from the signed-in browser and from another", async () => {
    const { agent, callback, landed } = await signedIn("oidc-mash");
    expect(landed.status).toBe(303);
    const count = await sessions().count();
    expect((await agent.get(callback)).status).toBe(400);
    expect((await request(hub.hub.app).get(callback)).status).toBe(400);
    expect(await sessions().count()).toBe(count);
  });

  it("refuses an ID token whose nonce is not the one the sign-in sent", async () => {
    const agent = request.agent(hub.hub.app);
    const { authorization, cookie } = await beganSignIn(agent);
    const state = authorization.searchParams.get("state") ?? "";
    await rewriteSessionState(hub.hub.database.dataSource, cookie, (pending) => ({
      ...pending, handles: { [`sign-in:${state}`]: JSON.stringify({ ...JSON.parse(pending.handles[`sign-in:${state}`] ?? "{}"), nonce: "not-the-nonce-sent" }) },
    }));
    const response = await agent.get(await logInAtProvider(authorization, "oidc-mash"));
    expect(response.status).toBe(403);
    expect(hub.logLines.some((line) => line.includes("console.sign_in.refused") && line.includes("OAUTH_JWT_CLAIM_COMPARISON_FAILED"))).toBe(true);
    expect((await agent.get("/console/search")).headers.location).toBe("/console/sign-in");
  });

  it("refuses a person whose token carries a role their agency cannot hold: the hub's gate decides, and no session starts", async () => {
    const { agent, landed } = await signedIn("oidc-school-as-mash");
    expect(landed.status).toBe(403);
    expect(landed.text).toContain("role your agency");
    expect((await agent.get("/console/search")).headers.location).toBe("/console/sign-in");
  });
});

describe("the session and the provider's token", () => {
  it("ends the session once the provider's access token expires, and when the token is forged", async () => {
    const brief = await signedIn("oidc-brief");
    expect(brief.landed.status).toBe(303);
    expect((await brief.agent.get("/console/purpose")).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await brief.agent.get("/console/purpose")).status).toBe(200);
    const csrf = csrfOf((await brief.agent.get("/console/purpose")).text);
    const stated = await brief.agent.post("/console/purpose").type("form").send({ _csrf: csrf, purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "", justification: "Triage of the school's referral", caseReference: REFERENCE });
    expect(stated.status).toBe(303);
    const expired = await brief.agent.post("/console/search").type("form").send({ _csrf: csrf, givenNames: "Perpetua", familyName: "Oakhanger" });
    expect([expired.status, expired.headers.location]).toEqual([303, "/console/sign-in"]);
    expect(expired.text).not.toContain("Oakhanger");

    const { agent, landed } = await signedIn("oidc-mash");
    const { privateKey } = await generateKeyPair("ES256");
    const forged = await new SignJWT({ ...PEOPLE["oidc-mash"] }).setProtectedHeader({ alg: "ES256", kid: providerKey.kid }).setSubject("oidc-mash").setIssuer(issuer).setAudience(AUDIENCE).setIssuedAt().setExpirationTime("10m").sign(privateKey);
    const session = await sessionRow(hub.hub.database.dataSource, cookieOf(landed));
    await rewriteSessionState(hub.hub.database.dataSource, cookieOf(landed), (state) => ({ ...state, token: forged }));
    const purposePage = await agent.get("/console/purpose");
    const restated = await agent.post("/console/purpose").type("form").send({ _csrf: csrfOf(purposePage.text), purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "", justification: "Triage of the school's referral", caseReference: REFERENCE });
    expect(restated.status).toBe(303);
    const search = await agent.post("/console/search").type("form").send({ _csrf: csrfOf(purposePage.text), familyName: "Oakhanger" });
    expect([search.status, search.headers.location]).toEqual([303, "/console/sign-in"]);
    expect(await sessions().findOneBy({ id: session.id })).toBeNull();
  });

  it("signs out: the session ends and the browser goes to the provider's logout", async () => {
    const { agent } = await signedIn("oidc-mash");
    const page = await agent.get("/console/purpose");
    const signOut = await agent.post("/console/sign-out").type("form").send({ _csrf: csrfOf(page.text) });
    expect(signOut.status).toBe(303);
    const logout = new URL(String(signOut.headers.location));
    expect(`${logout.origin}${logout.pathname}`).toBe(`${issuer}/session/end`);
    expect(logout.searchParams.get("post_logout_redirect_uri")).toBe(SIGNED_OUT);
    expect((await agent.get("/console/search")).headers.location).toBe("/console/sign-in");
    expect((await agent.get("/console/signed-out")).text).toContain("You have signed out");
  });

  it("answers 503 with a clear page when the provider cannot be reached, and starts no session", async () => {
    const agent = request.agent(hub.hub.app);
    const callback = await logInAtProvider(await beginSignIn(agent), "oidc-mash");
    await provider.pause();
    try {
      const response = await agent.get(callback);
      expect(response.status).toBe(503);
      expect(response.text).toContain("Sign-in is not available at the moment");
      expect((await agent.get("/console/search")).headers.location).toBe("/console/sign-in");
    } finally {
      await provider.resume();
    }
  });
});
