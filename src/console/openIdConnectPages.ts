import { Router, type Request, type Response } from "express";
import { type ConsoleCaller, type ConsoleSession } from "./ConsoleSession";
import { type ConsoleDependencies } from "./ConsoleDependencies";
import { WHO_AM_I } from "./consoleOperations";
import { pageLocals } from "./consolePage";
import { OpenIdProviderUnavailable, SignInRefused, type OpenIdSignIn, type PendingSignIn } from "./openIdConnect";

/**
 * A pending sign-in is kept among the pre-sign-in session's handles (the opaque values a URL carries,
 * mapped to what they stand for server-side): its `state`, which the provider hands back in the
 * callback's URL, names its nonce and PKCE verifier. A session that begins a few sign-ins (two tabs)
 * keeps the latest few.
 */
const PENDING_PREFIX = "sign-in:";
const MAX_PENDING = 5;

/**
 * Sign-in through the configured OpenID Connect provider: `/console/sign-in` sends the browser to the
 * provider (302) with PKCE, state and nonce kept server-side in a session that holds nothing else; the
 * callback finds them by `state`, ends that session whatever happens (one use), redeems the code and
 * asks the hub who the access token speaks for (`me`) — the hub verifies it as any caller's, and the
 * console keeps nothing it did not verify. Only then is a new session started (no fixation), holding
 * that access token. Provider unreachable: a 503 page, no session.
 */
export function openIdConnectPages(deps: ConsoleDependencies): Router {
  const router = Router();
  if (deps.signIn.kind !== "openid-connect") return router;
  const provider = deps.signIn.provider;

  router.get("/sign-in", async (req, res) => {
    const existing = await deps.sessions.find(req);
    if (existing !== null && existing.token !== null) {
      res.redirect(303, "/console/search");
      return;
    }
    let begun: Awaited<ReturnType<OpenIdSignIn["begin"]>>;
    try {
      begun = await provider.begin();
    } catch (error) {
      if (!(error instanceof OpenIdProviderUnavailable)) throw error;
      unavailable(deps, res);
      return;
    }
    const session = existing ?? (await deps.sessions.start(res));
    const pending = Object.entries(session.handles).filter(([key]) => key.startsWith(PENDING_PREFIX)).slice(-(MAX_PENDING - 1));
    const { state, ...secrets } = begun.pending;
    await deps.sessions.save(session, { handles: Object.fromEntries([...pending, [`${PENDING_PREFIX}${state}`, JSON.stringify(secrets)]]) });
    res.redirect(302, begun.url.href);
  });

  router.get("/sign-in/callback", async (req, res) => {
    const session = await deps.sessions.find(req);
    const state = typeof req.query.state === "string" ? req.query.state : "";
    const pending = session === null || session.token !== null ? null : pendingSignIn(session, state);
    // One use: the session that began this sign-in ends now, whatever the provider answers.
    if (session === null || pending === null || !(await deps.sessions.consume(session))) {
      refused(deps, res, 400, "NO_PENDING_SIGN_IN", "This sign-in link has expired or was already used.");
      return;
    }
    let completed: Awaited<ReturnType<OpenIdSignIn["complete"]>>;
    try {
      completed = await provider.complete(queryString(req), pending);
    } catch (error) {
      if (error instanceof OpenIdProviderUnavailable) return unavailable(deps, res);
      if (error instanceof SignInRefused) return refused(deps, res, 403, error.reason, error.reason === "access_denied" ? "You did not give your permission to sign in." : "Your identity provider's answer could not be accepted.");
      throw error;
    }
    const answer = await deps.hub<{ me: ConsoleCaller }>(completed.accessToken, String(res.locals.requestId), WHO_AM_I, {});
    if (answer.data === null) {
      return refused(deps, res, 403, answer.errors[0]?.problem ?? answer.errors[0]?.code ?? "HUB_REFUSED", answer.errors[0]?.message ?? "The hub refused your sign-in.");
    }
    await deps.sessions.start(res, { token: completed.accessToken, caller: answer.data.me });
    res.redirect(303, "/console/purpose");
  });

  router.get("/signed-out", (_req, res) => {
    res.render("sign-in-openid.njk", pageLocals(null, { title: "You have signed out", message: "Your session has ended." }));
  });

  return router;
}

/** Where a person goes once signed out: the provider's logout (RP-initiated), or this console's signed-out page when it offers none or cannot be reached. */
export async function signedOutAddress(provider: OpenIdSignIn): Promise<string> {
  try {
    return (await provider.endSessionUrl())?.href ?? "/console/signed-out";
  } catch (error) {
    if (error instanceof OpenIdProviderUnavailable) return "/console/signed-out";
    throw error;
  }
}

function pendingSignIn(session: ConsoleSession, state: string): PendingSignIn | null {
  const key = `${PENDING_PREFIX}${state}`;
  if (state === "" || !Object.hasOwn(session.handles, key)) return null;
  const secrets = JSON.parse(session.handles[key] ?? "{}") as Omit<PendingSignIn, "state">;
  return { state, nonce: secrets.nonce, codeVerifier: secrets.codeVerifier };
}

/** The callback's query string as the browser sent it (the provider's parameters, verbatim). */
function queryString(req: Request): string {
  const at = req.originalUrl.indexOf("?");
  return at < 0 ? "" : req.originalUrl.slice(at);
}

function refused(deps: ConsoleDependencies, res: Response, status: number, reason: string, message: string): void {
  deps.logger.warn("console sign-in refused", { event: "console.sign_in.refused", requestId: String(res.locals.requestId), outcome: reason });
  res.status(status).render("sign-in-openid.njk", pageLocals(null, { title: "You could not be signed in", message }));
}

function unavailable(deps: ConsoleDependencies, res: Response): void {
  deps.logger.warn("identity provider unavailable", { event: "console.sign_in.unavailable", requestId: String(res.locals.requestId) });
  res.status(503).setHeader("Retry-After", "30");
  res.render("sign-in-openid.njk", pageLocals(null, { title: "Sign-in is not available at the moment", message: "Your identity provider could not be reached. Try again in a few minutes." }));
}
