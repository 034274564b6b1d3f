import fs from "node:fs";
import http from "node:http";
import { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import request from "supertest";
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from "jose";
import { cookieOf, sessionState } from "../support/consoleSessionRows";
import { logInAtProvider, startOpenIdProvider, type OpenIdProvider } from "../support/openIdProvider";
import { startTestHub, type TestHub } from "../support/testHub";

/**
 * The console's sign-in with `private_key_jwt` (CONSOLE_OIDC_CLIENT_KEY_FILE): the console proves
 * itself to the provider's token endpoint with a JWT signed by its own private key, and holds no
 * shared secret. The provider (a real `oidc-provider`, in process) registers the console with only
 * its public key, so a sign-in that completes has authenticated the console by that key alone.
 */
const BUCKS = "E06000060";
const AUDIENCE = "safeguarding-hub-oidc-pkj-test";
const RESOURCE = "https://hub.oidc-pkj-test.example/graphql";
const REDIRECT_URI = "https://hub.oidc-pkj-test.example/console/sign-in/callback";
const CLIENT_ID = "hub-console-pkj";
const PEOPLE = { "oidc-pkj": { name: "Keyed Idpuser", agency: "LA-E06000060", agency_type: "CHILDRENS_SOCIAL_CARE", roles: ["MASH_PRACTITIONER"], la: BUCKS } };

let hub: TestHub;
let provider: OpenIdProvider;
let keyDirectory: string;
let keysServer: http.Server;

/** Serves the console's public JWKS, as its operator publishes them for the provider; its URL. */
async function publishKeys(jwks: object): Promise<string> {
  keysServer = http.createServer((_req, res) => res.setHeader("content-type", "application/json").end(JSON.stringify(jwks)));
  await new Promise<void>((resolve) => keysServer.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(keysServer.address() as AddressInfo).port}/jwks.json`;
}

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = await calculateJwkThumbprint(await exportJWK(publicKey));
  provider = await startOpenIdProvider({
    people: PEOPLE, audience: AUDIENCE, resource: RESOURCE,
    client: {
      client_id: CLIENT_ID, redirect_uris: [REDIRECT_URI], grant_types: ["authorization_code"], response_types: ["code"],
      token_endpoint_auth_method: "private_key_jwt", token_endpoint_auth_signing_alg: "ES256", id_token_signed_response_alg: "ES256",
      // The console's public keys where it publishes them, as a provider fetches a registered client's.
      jwks_uri: await publishKeys({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" }] }),
    },
  });
  keyDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "hub-console-key-"));
  const keyFile = path.join(keyDirectory, "console-client.jwk");
  fs.writeFileSync(keyFile, JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: "ES256" }), { mode: 0o600 });
  hub = await startTestHub({
    auth: "environment",
    env: {
      AUTH_JWKS_URL: `${provider.issuer}/jwks`, AUTH_ISSUER: provider.issuer, AUTH_AUDIENCE: AUDIENCE,
      CONSOLE_OIDC_ISSUER: provider.issuer, CONSOLE_OIDC_CLIENT_ID: CLIENT_ID, CONSOLE_OIDC_CLIENT_KEY_FILE: keyFile,
      CONSOLE_OIDC_REDIRECT_URI: REDIRECT_URI, CONSOLE_OIDC_SCOPES: "openid profile hub", CONSOLE_OIDC_RESOURCE: RESOURCE,
    },
  });
});
afterAll(async () => {
  await hub.stop();
  await provider.close();
  keysServer.closeAllConnections();
  await new Promise((resolve) => keysServer.close(resolve));
  fs.rmSync(keyDirectory, { recursive: true, force: true });
});

it("signs a person in with the console's private key as its only credential at the provider: a new session, as that person", async () => {
  const agent = request.agent(hub.hub.app);
  const begun = await agent.get("/console/sign-in");
  expect(begun.status).toBe(302);
  const authorization = new URL(String(begun.headers.location));
  expect(authorization.origin).toBe(provider.issuer);
  const landed = await agent.get(await logInAtProvider(provider.issuer, REDIRECT_URI, authorization, "oidc-pkj"));
  expect([landed.status, landed.headers.location]).toEqual([303, "/console/purpose"]);
  const session = await sessionState(hub.hub.database.dataSource, cookieOf(landed));
  expect(session.caller).toMatchObject({ sub: "oidc-pkj", agency: "LA-E06000060", roles: ["MASH_PRACTITIONER"] });
  expect(session.token).toMatch(/^eyJ/);
});
