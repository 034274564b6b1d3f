import { type Response } from "express";
import { type ConsoleSession } from "./ConsoleSession";
import { pageLocals, type FieldError } from "./consolePage";
import { type HubError } from "./hubClient";

const REFUSALS: Record<string, { status: number; title: string }> = {
  FORBIDDEN: { status: 403, title: "You cannot do this" },
  ACCESS_CONTEXT_INVALID: { status: 403, title: "The hub refused why you are looking" },
  ACCESS_CONTEXT_REQUIRED: { status: 403, title: "The hub refused why you are looking" },
  NOT_FOUND: { status: 404, title: "Not found" },
  CONFLICT: { status: 409, title: "This has changed since you opened it" },
  INVALID_INPUT: { status: 400, title: "The hub could not do this" },
  RATE_LIMITED: { status: 429, title: "Too many requests" },
};

/**
 * The hub's refusal as a GOV.UK problem page, in its own words: nothing else is shown (the hub sent no
 * data). A refused access context links back to "Why are you looking?".
 */
export function showHubRefusal(res: Response, session: ConsoleSession, errors: HubError[]): void {
  const error = errors[0];
  const refusal = REFUSALS[error?.code ?? ""] ?? { status: 502, title: "The hub could not do this" };
  res.status(refusal.status).render("refusal.njk", pageLocals(session, {
    title: refusal.title,
    message: error?.message ?? "The hub did not answer. Try again in a moment.",
    restatePurpose: error?.code.startsWith("ACCESS_CONTEXT") === true,
  }));
}

/**
 * The hub's refusal of a form's input beside the fields it is about, or null when it is not about one
 * of them (then it is a refusal page). `fields` maps the hub's argument paths to the form's fields.
 */
export function formErrorsOf(errors: HubError[], fields: Record<string, string>): FieldError[] | null {
  const error = errors[0];
  if (error?.code !== "INVALID_INPUT" && error?.code !== "CONFLICT" && error?.code !== "NOT_FOUND") return null;
  const path = error.path?.replace(/\[\d+\]$/, "") ?? "";
  const field = fields[path] ?? Object.values(fields)[0];
  return field === undefined ? null : [{ field, text: error.message }];
}
