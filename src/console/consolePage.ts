import { type NextFunction, type Request, type Response } from "express";
import { type ConsoleSession } from "./ConsoleSession";
import { type ConsoleDependencies } from "./ConsoleDependencies";
import { csrfTokenMatches } from "./consoleSessions";
import { type HubAnswer } from "./hubClient";

/** A field's error for the GOV.UK error summary and the field itself. */
export interface FieldError {
  field: string;
  text: string;
}

/** What every page's template is given: the session's CSRF token for its forms, and who is signed in. */
export function pageLocals(session: ConsoleSession | null, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { csrfToken: session?.csrfToken ?? "", caller: session?.caller ?? null, ...extra };
}

/** The session of a signed-in person, or a redirect to sign in. */
export function signedIn(deps: ConsoleDependencies) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const session = await deps.sessions.find(req);
    if (session === null || session.token === null) {
      res.redirect(303, "/console/sign-in");
      return;
    }
    res.locals.session = session;
    next();
  };
}

/** Every POST carries the session's CSRF token; anything else is refused before it is read further (403). */
export function csrfChecked(req: Request, res: Response, next: NextFunction): void {
  if (!csrfTokenMatches((res.locals.session as ConsoleSession | undefined) ?? null, (req.body as Record<string, unknown> | undefined)?._csrf)) {
    refuseForm(res);
    return;
  }
  next();
}

/** A POST without its session's CSRF token: nothing it asked for is done. */
export function refuseForm(res: Response): void {
  res.status(403).render("problem.njk", pageLocals(null, { title: "Your form has expired", message: "For your security the form could not be sent. Go back, reload the page and try again." }));
}

/**
 * The hub refused the session's token (expired, forged, revoked, or its agency no longer acts): the
 * session ends and the person signs in again. True when that happened and the response is sent.
 */
export async function endedForToken(deps: ConsoleDependencies, res: Response, answer: HubAnswer<unknown>): Promise<boolean> {
  const refusal = answer.errors.find((error) => error.code === "UNAUTHENTICATED" || (error.code === "FORBIDDEN" && error.problem?.startsWith("AGENCY_") === true));
  if (refusal === undefined) return false;
  await deps.sessions.end(res, (res.locals.session as ConsoleSession | undefined) ?? null);
  res.redirect(303, "/console/sign-in");
  return true;
}

/** A form field's value: text only (a repeated or structured field is refused as absent), trimmed and bounded. */
export function field(body: unknown, name: string, max = 200): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value.trim().slice(0, max) : "";
}
