import { Router } from "express";
import { type AccessContext } from "../policy/AccessContext";
import { checkStatedAccess } from "../policy/checkAccessContext";
import { validateAccessContext } from "../policy/validateAccessContext";
import { isHubError } from "../errors/HubError";
import { LAWFUL_BASES, type LawfulBasis } from "../policy/LawfulBasis";
import { Purpose, PURPOSES } from "../policy/Purpose";
import { SPECIAL_CATEGORY_CONDITIONS, type SpecialCategoryCondition } from "../policy/SpecialCategoryCondition";
import { principalOf, type ConsoleSession } from "./ConsoleSession";
import { type ConsoleDependencies } from "./ConsoleDependencies";
import { homeOf } from "./consoleNavigation";
import { csrfChecked, field, pageLocals, signedIn, type FieldError } from "./consolePage";

/** Which form field each access-context problem is about, so its message sits beside that field. */
const FIELD_OF_PROBLEM: Record<string, string> = {
  JUSTIFICATION_REQUIRED: "justification",
  PURPOSE_NOT_PERMITTED: "purpose",
  LAWFUL_BASIS_NOT_PERMITTED: "lawfulBasis",
  LAW_ENFORCEMENT_NOT_COMPETENT_AUTHORITY: "lawfulBasis",
  SPECIAL_CATEGORY_CONDITION_INVALID: "specialCategoryCondition",
  CASE_REFERENCE_REQUIRED: "caseReference",
  BREAK_GLASS_NOT_PERMITTED: "purpose",
  BREAK_GLASS_REASON_REQUIRED: "justification",
};

/**
 * "Why are you looking?": the access context asked once per task (the GOV.UK question page), kept in
 * the session and sent with every read until the person states another. Judged here by the policy's own
 * rules for a stated purpose, so a mistake is shown beside its field at once; the hub judges it again,
 * with the child's file, on every read.
 */
export function purposePages(deps: ConsoleDependencies): Router {
  const router = Router();
  const render = (session: ConsoleSession, values: Record<string, string>, errors: FieldError[]) =>
    pageLocals(session, { purposes: PURPOSES, lawfulBases: LAWFUL_BASES, conditions: SPECIAL_CATEGORY_CONDITIONS, values, errors });

  router.get("/purpose", signedIn(deps), (_req, res) => {
    const session = res.locals.session as ConsoleSession;
    const access = session.access;
    res.render("purpose.njk", render(session, {
      purpose: access?.purpose ?? "", lawfulBasis: access?.lawfulBasis ?? "", specialCategoryCondition: access?.specialCategoryCondition ?? "",
      justification: access?.justification ?? "", caseReference: access?.caseReference ?? "",
    }, []));
  });

  router.post("/purpose", signedIn(deps), csrfChecked, async (req, res) => {
    const session = res.locals.session as ConsoleSession;
    const values = {
      purpose: field(req.body, "purpose", 40), lawfulBasis: field(req.body, "lawfulBasis", 40), specialCategoryCondition: field(req.body, "specialCategoryCondition", 40),
      justification: field(req.body, "justification", 2001), caseReference: field(req.body, "caseReference", 65),
    };
    const errors: FieldError[] = [];
    if (!(PURPOSES as string[]).includes(values.purpose)) errors.push({ field: "purpose", text: "Select why you are looking" });
    if (!(LAWFUL_BASES as string[]).includes(values.lawfulBasis)) errors.push({ field: "lawfulBasis", text: "Select the lawful basis" });
    if (values.specialCategoryCondition !== "" && !(SPECIAL_CATEGORY_CONDITIONS as string[]).includes(values.specialCategoryCondition)) errors.push({ field: "specialCategoryCondition", text: "Select a condition from the list" });
    if (errors.length === 0) {
      const problem = judge(deps, session, values);
      if (problem !== null) errors.push(problem);
    }
    if (errors.length > 0) {
      res.status(400).render("purpose.njk", render(session, values, errors));
      return;
    }
    await deps.sessions.save(session, { access: accessOf(values) });
    // Governance work starts from the IG lead's own pages; everything else from the person's first section.
    res.redirect(303, values.purpose === Purpose.INFORMATION_GOVERNANCE || values.purpose === Purpose.SUBJECT_ACCESS_REQUEST ? "/console/ig" : homeOf(deps.policy, session.caller));
  });

  return router;
}

function accessOf(values: Record<string, string>): AccessContext {
  return validateAccessContext({
    purpose: values.purpose as Purpose,
    lawfulBasis: values.lawfulBasis as LawfulBasis,
    specialCategoryCondition: values.specialCategoryCondition === "" ? null : (values.specialCategoryCondition as SpecialCategoryCondition),
    justification: values.justification ?? "",
    caseReference: values.caseReference === "" ? null : (values.caseReference ?? null),
    breakGlass: false,
  });
}

/** The hub's own rules on an access context's shape and on what this caller may state. */
function judge(deps: ConsoleDependencies, session: ConsoleSession, values: Record<string, string>): FieldError | null {
  let access: AccessContext;
  try {
    access = accessOf(values);
  } catch (error) {
    if (!isHubError(error)) throw error;
    const path = (typeof error.details.path === "string" ? error.details.path : "access.justification").replace(/^access\./, "");
    return { field: path, text: error.message };
  }
  const caller = session.caller;
  if (caller === null) return { field: "purpose", text: "Sign in again" };
  const refusal = checkStatedAccess(deps.policy, principalOf(caller), access);
  if (refusal === null) return null;
  return { field: FIELD_OF_PROBLEM[refusal.problem] ?? "purpose", text: refusal.message };
}
