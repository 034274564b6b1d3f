import fs from "node:fs";
import { importJWK, type JWK } from "jose";
import * as client from "openid-client";
import { type OpenIdConnectConfig } from "../config/config";

/** What the callback must find in the session that began the sign-in: held server-side, used once. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * The provider's answer to a completed sign-in: the access token the console acts with. The ID token
 * came in the same answer and was validated (issuer, audience, signature, nonce), but none of its claims
 * is used: providers name people differently in their access tokens (Okta's `sub` is the login, Entra's
 * is pairwise per API), and the hub decides who a token speaks for.
 */
export interface CompletedSignIn {
  accessToken: string;
}

/** The provider could not be reached (down, timing out, answering 5xx): nobody can sign in now, and nothing was decided. */
export class OpenIdProviderUnavailable extends Error {
  override name = "OpenIdProviderUnavailable";
}

/** The provider, or the checks on its answer (state, nonce, PKCE, the ID token), refused this sign-in. `reason` is safe to log. */
export class SignInRefused extends Error {
  override name = "SignInRefused";
  constructor(readonly reason: string) {
    super(`Sign-in refused: ${reason}`);
  }
}

export interface OpenIdSignIn {
  /** Where to send the browser, and the secrets its callback must match (PKCE S256, state, nonce). */
  begin(): Promise<{ url: URL; pending: PendingSignIn }>;
  /** Redeems the callback's code with the provider, checking state, nonce and the ID token; `search` is the callback's query string. */
  complete(search: string, pending: PendingSignIn): Promise<CompletedSignIn>;
  /** The provider's RP-initiated logout URL, or null when it offers none (`end_session_endpoint`). */
  endSessionUrl(): Promise<URL | null>;
}

/** How long the console waits on the provider (seconds) before telling the person sign-in is unavailable. */
const PROVIDER_TIMEOUT_SECONDS = 5;

/**
 * The console as an OpenID Connect relying party, through `openid-client` (a certified, maintained
 * client): discovery from the issuer, the authorization code flow with PKCE, `state` and `nonce`, the
 * ID token validated by the library. Discovery is lazy and retried after a failure, so a provider that is
 * down when the hub starts does not stop the hub. The tokens it returns prove nothing to the console by
 * themselves: the access token is sent to the hub, which verifies it on every read (`auth/verifyToken.ts`).
 */
export function createOpenIdSignIn(config: OpenIdConnectConfig): OpenIdSignIn {
  let discovered: Promise<client.Configuration> | null = null;
  const configuration = (): Promise<client.Configuration> => {
    discovered ??= discover(config).catch((error: unknown) => {
      discovered = null;
      throw unavailableOr(error);
    });
    return discovered;
  };

  return {
    async begin() {
      const provider = await configuration();
      const pending: PendingSignIn = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
      const url = client.buildAuthorizationUrl(provider, {
        redirect_uri: config.redirectUri.href,
        scope: config.scopes.join(" "),
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: "S256",
        state: pending.state,
        nonce: pending.nonce,
        ...(config.resource !== null ? { resource: config.resource } : {}),
      });
      return { url, pending };
    },

    async complete(search, pending) {
      const provider = await configuration();
      // The callback's URL as registered, not as the request's Host header says: the hub may sit behind a proxy.
      const callback = new URL(config.redirectUri);
      callback.search = search;
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(
          provider,
          callback,
          { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true },
          config.resource !== null ? { resource: config.resource } : undefined,
        );
      } catch (error) {
        throw unavailableOr(error);
      }
      if (tokens.claims() === undefined) throw new SignInRefused("NO_ID_TOKEN");
      if (tokens.token_type.toLowerCase() !== "bearer") throw new SignInRefused("NOT_A_BEARER_TOKEN");
      return { accessToken: tokens.access_token };
    },

    async endSessionUrl() {
      const provider = await configuration();
      if (provider.serverMetadata().end_session_endpoint === undefined) return null;
      return client.buildEndSessionUrl(provider, { post_logout_redirect_uri: config.postLogoutRedirectUri.href });
    },
  };
}

async function discover(config: OpenIdConnectConfig): Promise<client.Configuration> {
  const provider = await client.discovery(config.issuer, config.clientId, undefined, await clientAuthentication(config), {
    timeout: PROVIDER_TIMEOUT_SECONDS,
    ...(config.allowInsecure && config.issuer.protocol === "http:" ? { execute: [client.allowInsecureRequests] } : {}),
  });
  provider.timeout = PROVIDER_TIMEOUT_SECONDS;
  return provider;
}

async function clientAuthentication(config: OpenIdConnectConfig): Promise<client.ClientAuth> {
  const authentication = config.clientAuthentication;
  if (authentication.method === "client_secret_basic") return client.ClientSecretBasic(authentication.secret);
  return client.PrivateKeyJwt(await readClientKey(authentication.keyFile));
}

/** CONSOLE_OIDC_CLIENT_KEY_FILE: one private JWK naming its `alg` and `kid`, read at start-up so a bad file stops the hub with its reason. */
export async function readClientKey(file: string): Promise<client.PrivateKey> {
  let jwk: JWK;
  try {
    jwk = JSON.parse(fs.readFileSync(file, "utf8")) as JWK;
  } catch (error) {
    throw new Error(`CONSOLE_OIDC_CLIENT_KEY_FILE ${file} could not be read as JSON (${(error as Error).message})`, { cause: error });
  }
  if (typeof jwk.alg !== "string" || typeof jwk.kid !== "string" || jwk.d === undefined) {
    throw new Error(`CONSOLE_OIDC_CLIENT_KEY_FILE ${file} must hold one private JWK with its alg and kid (private_key_jwt)`);
  }
  return { key: (await importJWK(jwk, jwk.alg)) as client.CryptoKey, kid: jwk.kid };
}

/**
 * fetch's own failure to connect ("fetch failed": refused, reset, no such host), anywhere in the chain of
 * causes: openid-client passes it on, or wraps it when it comes from another realm than its own.
 */
function unreachable(error: unknown): boolean {
  for (let cause = error, depth = 0; typeof cause === "object" && cause !== null && depth < 5; cause = (cause as { cause?: unknown }).cause, depth += 1) {
    if ((cause as Error).name === "TypeError" && (cause as Error).message === "fetch failed") return true;
  }
  return false;
}

/**
 * A failure to reach the provider (refused, timed out, a 5xx) is `OpenIdProviderUnavailable`; anything
 * else the provider or the checks refused (invalid_grant, a state, nonce or ID token that does not
 * match) is `SignInRefused` with its code, which names no person.
 */
function unavailableOr(error: unknown): Error {
  if (error instanceof OpenIdProviderUnavailable || error instanceof SignInRefused) return error;
  if (unreachable(error)) return new OpenIdProviderUnavailable("The identity provider could not be reached.");
  if (error instanceof client.ClientError) {
    const status = (error.cause as { status?: unknown } | undefined)?.status;
    if (error.code === "OAUTH_TIMEOUT" || error.code === "OAUTH_ABORT" || (typeof status === "number" && status >= 500)) return new OpenIdProviderUnavailable("The identity provider did not answer.");
    return new SignInRefused(error.code ?? "CLIENT_ERROR");
  }
  if (error instanceof client.ResponseBodyError || error instanceof client.AuthorizationResponseError) return new SignInRefused(error.error);
  if (error instanceof client.WWWAuthenticateChallengeError) return new SignInRefused(error.code);
  return error instanceof Error ? error : new Error(String(error));
}
