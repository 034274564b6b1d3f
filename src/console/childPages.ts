import { Router } from "express";
import { type ConsoleSession } from "./ConsoleSession";
import { type ConsoleDependencies } from "./ConsoleDependencies";
import { csrfChecked, endedForToken, field, pageLocals, signedIn } from "./consolePage";
import { CHILD } from "./consoleOperations";
import { handlesFor, targetOf } from "./consoleHandles";
import { describeNhsNumberProblem, nhsNumberProblem, parseSui } from "../identity/nhsNumber";
import { shown } from "./shownValue";

type Redaction = { path: string; reason: string; rule: string };
type RecordView = { recordId: string; agency: { name: string; type: string } } & Record<string, unknown>;

/** The record types of a ChildRecord, in the order the page shows them, each with its heading. */
const SECTIONS = [
  ["socialCare", "Children's social care"], ["police", "Police"], ["health", "Health"], ["education", "Education"],
  ["probation", "Probation"], ["prison", "Prison"], ["youthJustice", "Youth justice"],
] as const;

/**
 * The child's view (`child`): what each agency holds as the policy allows for the purpose the person
 * stated, and every withheld field shown as withheld, with the reason and the rule. The URL carries
 * only this session's handle for the child; a handle from another session, or none, finds nothing.
 * A person who already knows the child's NHS number (a school DSL for a pupil on its roll, who may not
 * search) opens the file by it: the number travels in the POST body and becomes a handle like a
 * candidate's.
 */
export function childPages(deps: ConsoleDependencies): Router {
  const router = Router();

  router.post("/children", signedIn(deps), csrfChecked, async (req, res) => {
    const session = res.locals.session as ConsoleSession;
    if (session.access === null) {
      res.redirect(303, "/console/purpose");
      return;
    }
    const nhsNumber = field(req.body, "nhsNumber", 20);
    const problem = nhsNumberProblem(nhsNumber);
    if (problem !== null) {
      // The number is not echoed back into the page either: it is personal data, and it is wrong.
      res.status(400).render("search.njk", pageLocals(session, { access: session.access, values: {}, errors: [{ field: "nhsNumber", text: `The NHS number ${describeNhsNumberProblem(problem)}` }], result: null, nhsNumberOpen: true }));
      return;
    }
    const [handle] = await handlesFor((handles) => deps.sessions.save(session, { handles }), session, [{ kind: "child", sui: parseSui(nhsNumber) }]);
    res.redirect(303, `/console/children/${handle}`);
  });

  router.get("/children/:handle", signedIn(deps), async (req, res) => {
    const session = res.locals.session as ConsoleSession;
    if (session.access === null) {
      res.redirect(303, "/console/purpose");
      return;
    }
    const sui = targetOf(session, "child", req.params.handle)?.sui;
    if (sui === undefined) {
      res.status(404).render("problem.njk", pageLocals(session, { title: "Page not found", message: "Search for the child again: links to a child last only as long as your session." }));
      return;
    }
    const answer = await deps.hub<{ child: (Record<string, unknown> & { redactions: Redaction[] }) | null }>(session.token ?? "", String(res.locals.requestId), CHILD, { sui, access: session.access });
    if (await endedForToken(deps, res, answer)) return;
    const child = answer.data?.child ?? null;
    if (child === null) {
      // A child the hub does not hold and a child this person may not see read alike (HUB.md §5).
      res.status(answer.errors.length > 0 ? 403 : 404).render("problem.njk", pageLocals(session, {
        title: answer.errors.length > 0 ? "You cannot see this child's information" : "No information you can see",
        message: answer.errors[0]?.message ?? "The hub holds nothing about this child that you may see for the purpose you stated.",
      }));
      return;
    }
    const withheld = new Map(child.redactions.map((redaction) => [redaction.path, redaction]));
    const sections = SECTIONS.map(([key, heading]) => ({
      heading,
      records: ((child[key] as RecordView[] | undefined) ?? []).map((record) => ({
        agency: record.agency,
        rows: Object.entries(record)
          .filter(([name]) => name !== "recordId" && name !== "agency")
          .map(([name, value]) => ({ name, value: shown(value), withheld: withheld.get(`${key}[${record.recordId}].${name}`) ?? null })),
      })),
    })).filter((section) => section.records.length > 0);
    res.render("child.njk", pageLocals(session, { child, sections, redactions: child.redactions, access: session.access }));
  });

  return router;
}
