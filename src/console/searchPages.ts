import { Router, type Response } from "express";
import { type ConsoleSession } from "./ConsoleSession";
import { type ConsoleDependencies } from "./ConsoleDependencies";
import { csrfChecked, endedForToken, field, pageLocals, signedIn, type FieldError } from "./consolePage";
import { SEARCH_CHILDREN } from "./consoleOperations";
import { handlesFor } from "./consoleHandles";

interface Candidate {
  sui: string | null;
  score: number;
  why: { field: string; level: string; weight: number }[];
  demographics: { givenNames: string | null; familyName: string | null; dateOfBirth: string | null; sex: string | null; postcodeDistrict: string | null };
  withheld: { path: string; rule: string }[];
  agencyTypes: { agencyType: string; restrictedInvolvement: boolean }[];
}

/**
 * MASH search (`searchChildren`): what the referrer knows goes in a POST body and the candidates come
 * back on that response, so no name or date of birth is ever in a URL. Each candidate the person may
 * open is given an opaque handle for this session only.
 */
export function searchPages(deps: ConsoleDependencies): Router {
  const router = Router();
  const needsPurpose = (session: ConsoleSession, res: Response) => {
    if (session.access !== null) return false;
    res.redirect(303, "/console/purpose");
    return true;
  };

  router.get("/search", signedIn(deps), (_req, res) => {
    const session = res.locals.session as ConsoleSession;
    if (needsPurpose(session, res)) return;
    res.render("search.njk", pageLocals(session, { access: session.access, values: {}, errors: [], result: null }));
  });

  router.post("/search", signedIn(deps), csrfChecked, async (req, res) => {
    const session = res.locals.session as ConsoleSession;
    if (needsPurpose(session, res)) return;
    const values = {
      givenNames: field(req.body, "givenNames", 100), familyName: field(req.body, "familyName", 100), postcode: field(req.body, "postcode", 10),
      day: field(req.body, "dobDay", 2), month: field(req.body, "dobMonth", 2), year: field(req.body, "dobYear", 4),
    };
    const errors: FieldError[] = [];
    const anyDate = values.day !== "" || values.month !== "" || values.year !== "";
    const dateOfBirth = anyDate ? isoDate(values.year, values.month, values.day) : null;
    if (anyDate && dateOfBirth === null) errors.push({ field: "dobDay", text: "Date of birth must be a real date, like 27 3 2015" });
    if (values.givenNames === "" && values.familyName === "" && values.postcode === "" && dateOfBirth === null) errors.push({ field: "familyName", text: "Enter what the referrer told you about the child" });
    if (errors.length > 0) {
      res.status(400).render("search.njk", pageLocals(session, { access: session.access, values, errors, result: null }));
      return;
    }
    const criteria = {
      ...(values.givenNames !== "" ? { givenNames: values.givenNames } : {}),
      ...(values.familyName !== "" ? { familyName: values.familyName } : {}),
      ...(values.postcode !== "" ? { postcode: values.postcode } : {}),
      ...(dateOfBirth !== null ? { dateOfBirth: { exact: dateOfBirth } } : {}),
    };
    const answer = await deps.hub<{ searchChildren: { searchId: string; candidates: Candidate[] } }>(session.token ?? "", String(res.locals.requestId), SEARCH_CHILDREN, { criteria, access: session.access });
    if (await endedForToken(deps, res, answer)) return;
    if (answer.data === null) {
      res.status(422).render("search.njk", pageLocals(session, { access: session.access, values, errors: answer.errors.map((error) => ({ field: "familyName", text: error.message })), result: null }));
      return;
    }
    const found = answer.data.searchChildren.candidates;
    const openable = found.flatMap(({ sui }) => (sui === null ? [] : [{ kind: "child" as const, sui }]));
    const handles = await handlesFor((kept) => deps.sessions.save(session, { handles: kept }), session, openable);
    let next = 0;
    const candidates = found.map(({ sui, ...shown }) => ({ ...shown, handle: sui === null ? null : handles[next++] }));
    res.render("search.njk", pageLocals(session, { access: session.access, values, errors: [], result: { searchId: answer.data.searchChildren.searchId, candidates } }));
  });

  return router;
}

/** A real calendar date from the GOV.UK date input's three fields, as YYYY-MM-DD; null when it is not one. */
function isoDate(year: string, month: string, day: string): string | null {
  if (!/^\d{4}$/.test(year) || !/^\d{1,2}$/.test(month) || !/^\d{1,2}$/.test(day)) return null;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return null;
  return date.toISOString().slice(0, 10);
}
