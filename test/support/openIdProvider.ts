import http from "node:http";
import { type AddressInfo } from "node:net";
import request from "supertest";
import Provider, { type ClientMetadata, type KoaContextWithOIDC } from "oidc-provider";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type CryptoKey } from "jose";
import { type TestClaims } from "./testKeys";

/**
 * A real OpenID provider (`oidc-provider`) in the test's process, for the console's sign-in suites:
 * authorization code with PKCE, its own login and consent pages, JWT access tokens for the hub's
 * audience carrying each person's hub claims (HUB.md §4), RP-initiated logout. Nothing is mocked.
 */
export interface OpenIdProviderSetup {
  /** The provider's people, by account id, with the hub claims their access tokens carry. */
  people: Record<string, Omit<TestClaims, "sub">>;
  /** The console as the provider registers it (`client_secret_basic` or `private_key_jwt` with its public keys). */
  client: ClientMetadata;
  audience: string;
  resource: string;
  /** Seconds an account's access token lives (600 unless said). */
  accessTokenSeconds?: (accountId: string | undefined) => number;
}

export interface OpenIdProvider {
  issuer: string;
  /** The provider's signing key, to sign tokens as the provider would. */
  signingKey: { privateKey: CryptoKey; kid: string };
  /** Stops answering (every connection closed, the port let go), as a provider that is down. */
  pause: () => Promise<void>;
  /** Answers again, at the same address. */
  resume: () => Promise<void>;
  close: () => Promise<void>;
}

export async function startOpenIdProvider(setup: OpenIdProviderSetup): Promise<OpenIdProvider> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = await calculateJwkThumbprint(await exportJWK(publicKey));
  let handler: http.RequestListener = (_req, res) => res.end();
  const server = http.createServer((req, res) => handler(req, res));
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const stop = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  const { people } = setup;
  const provider = new Provider(issuer, {
    clients: [setup.client],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid, alg: "ES256", use: "sig" }] },
    cookies: { keys: ["a-cookie-key-for-the-test-provider"] },
    scopes: ["openid", "profile"],
    pkce: { required: () => true },
    findAccount: (_ctx, id) => (Object.hasOwn(people, id) ? { accountId: id, claims: () => ({ sub: id, name: people[id]?.name }) } : undefined),
    ttl: { AccessToken: (_ctx: KoaContextWithOIDC, token: { accountId?: string }) => setup.accessTokenSeconds?.(token.accountId) ?? 600 },
    extraTokenClaims: (_ctx, token) => ("accountId" in token && token.kind === "AccessToken" && Object.hasOwn(people, String(token.accountId)) ? { ...people[String(token.accountId)] } : undefined),
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => setup.resource,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: "hub", audience: setup.audience, accessTokenFormat: "jwt", jwt: { sign: { alg: "ES256" } } }),
      },
    },
  });
  const callback = provider.callback();
  handler = (req, res) => void callback(req, res);
  return {
    issuer,
    signingKey: { privateKey, kid },
    pause: stop,
    resume: () => listen(port),
    close: stop,
  };
}

/**
 * A person at the provider: its login and consent pages (oidc-provider's own interactions), until it
 * sends the browser back to `redirectUri`. Returns that callback's path and query.
 */
export async function logInAtProvider(issuer: string, redirectUri: string, authorization: URL, accountId: string): Promise<string> {
  const browser = request.agent(issuer);
  let next = `${authorization.pathname}${authorization.search}`;
  for (let step = 0; step < 10; step += 1) {
    const response = await browser.get(next);
    if (response.status >= 300 && response.status < 400) {
      const location = new URL(String(response.headers.location), issuer);
      if (location.href.startsWith(redirectUri)) return `${location.pathname}${location.search}`;
      next = `${location.pathname}${location.search}`;
      continue;
    }
    if (response.status !== 200) throw new Error(`The provider answered ${response.status}: ${/<pre>([^<]*)<\/pre>|error_description[^>]*>([^<]*)/.exec(response.text)?.slice(1).join("") ?? response.text.slice(0, 300)}`);
    const action = new URL(/<form[^>]*action="([^"]+)"/.exec(response.text)?.[1] ?? "", issuer);
    const prompt = /name="prompt" value="([a-z]+)"/.exec(response.text)?.[1];
    const submitted = await browser.post(`${action.pathname}${action.search}`).type("form").send(prompt === "login" ? { prompt, login: accountId, password: "any" } : { prompt: "consent" });
    expect(submitted.status).toBe(303);
    const location = new URL(String(submitted.headers.location), issuer);
    next = `${location.pathname}${location.search}`;
  }
  throw new Error("The provider never sent the browser back to the console");
}
