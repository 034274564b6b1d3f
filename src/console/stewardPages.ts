import { Router, type Request, type Response } from "express";
import { type ConsoleSession } from "./ConsoleSession";
import { type ConsoleDependencies } from "./ConsoleDependencies";
import { csrfChecked, endedForToken, field, pageLocals, signedIn, type FieldError } from "./consolePage";
import { LINK_REVIEW, LINK_REVIEWS, MERGE_CHILDREN, RESOLVE_LINK_REVIEW, SPLIT_CHILD } from "./consoleOperations";
import { handlesFor, targetOf } from "./consoleHandles";
import { formErrorsOf, showHubRefusal } from "./hubRefusal";

interface Identity {
  givenNames: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  expectedDateOfBirth: string | null;
  sex: string | null;
}

interface LinkReview {
  id: string;
  status: string;
  score: number;
  openedAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  reason: string | null;
  otherOpenCandidates: number;
  evidence: { score: number; suiDisputed: boolean; arrivingSui: string | null; weightsVersion: number; fields: { field: string; level: string; weight: number }[] };
  record: { id: string; agencyCode: string | null; agencyReference: string | null; recordType: string | null; masked: boolean; locationWithheld: boolean; reported: Identity & { postcode: string | null } };
  candidate: Identity & { childId: string; sui: string | null; knownNames: string[]; postcodes: string[]; locationWithheld: boolean };
}

interface ReviewPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: LinkReview[];
}

const PAGE_SIZE = 10;
const DECISIONS = ["LINK", "NO_LINK", "NEW_CHILD"];
/** The five fields the matcher compares, in the order a steward reads them. */
const COMPARED = [["givenNames", "Given names"], ["familyName", "Family name"], ["dateOfBirth", "Date of birth"], ["sex", "Sex"], ["postcode", "Postcode"]] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Data stewards' work on identity (HUB.md §8): the link review queue, one review with the record as
 * it reported itself beside the candidate child and each field's agreement level as the hub gives it,
 * the decision (`resolveLinkReview`), merging two children (`mergeChildren`) and splitting records off a
 * child with the wrong-link report (`splitChild`). Every read and decision is made with the steward's
 * own token and the access context they stated (DATA_QUALITY): the hub refuses anyone else, and the
 * refusal is the page. Reviews and pages of the queue are opened by this session's handles.
 */
export function stewardPages(deps: ConsoleDependencies): Router {
  const router = Router();
  const ask = <T>(session: ConsoleSession, res: Response, query: string, variables: Record<string, unknown>) =>
    deps.hub<T>(session.token ?? "", String(res.locals.requestId), query, { ...variables, access: session.access });
  const saveHandles = (session: ConsoleSession) => (handles: Record<string, string>) => deps.sessions.save(session, { handles });

  /** The review the handle stands for, read alone (the trail names its candidate only); a decided one is no longer open. */
  async function reviewOf(session: ConsoleSession, res: Response, handle: unknown): Promise<LinkReview | null | undefined> {
    const target = targetOf(session, "review", handle);
    if (target === null) {
      notFound(res, session);
      return undefined;
    }
    const answer = await ask<{ linkReview: LinkReview | null }>(session, res, LINK_REVIEW, { id: target.id });
    if (await endedForToken(deps, res, answer)) return undefined;
    if (answer.errors.length > 0) {
      showHubRefusal(res, session, answer.errors);
      return undefined;
    }
    const review = answer.data?.linkReview ?? null;
    if (review === null || review.status !== "OPEN") {
      res.status(404).render("refusal.njk", pageLocals(session, { title: "This review is no longer open", message: "Another steward may have decided it. Return to the link reviews." }));
      return null;
    }
    return review;
  }

  function showReview(req: Request, res: Response, session: ConsoleSession, review: LinkReview, values: Record<string, string>, errors: FieldError[]): void {
    res.status(errors.length > 0 ? 400 : 200).render("review.njk", pageLocals(session, { review, comparison: comparisonOf(review), handle: String(req.params.handle), values, errors }));
  }

  router.get("/reviews", signedIn(deps), async (req, res) => {
    const session = res.locals.session as ConsoleSession;
    if (needsPurpose(session, res)) return;
    const page = req.query.page === undefined ? null : targetOf(session, "reviews-page", req.query.page);
    if (req.query.page !== undefined && page === null) {
      notFound(res, session);
      return;
    }
    const after = page?.after ?? null;
    const answer = await ask<{ linkReviews: ReviewPage }>(session, res, LINK_REVIEWS, { first: PAGE_SIZE, after });
    if (await endedForToken(deps, res, answer)) return;
    if (answer.data === null) {
      showHubRefusal(res, session, answer.errors);
      return;
    }
    const { nodes, pageInfo, totalCount } = answer.data.linkReviews;
    const next = pageInfo.hasNextPage && pageInfo.endCursor !== null ? [{ kind: "reviews-page" as const, after: pageInfo.endCursor }] : [];
    const handles = await handlesFor(saveHandles(session), session, [...nodes.map((node) => ({ kind: "review" as const, id: node.id })), ...next]);
    res.render("reviews.njk", pageLocals(session, {
      totalCount, firstPage: after === null,
      reviews: nodes.map((review, index) => ({ ...review, handle: handles[index] })),
      nextPage: next.length > 0 ? handles[nodes.length] : null,
    }));
  });

  router.get("/reviews/:handle", signedIn(deps), async (req, res) => {
    const session = res.locals.session as ConsoleSession;
    if (needsPurpose(session, res)) return;
    const review = await reviewOf(session, res, req.params.handle);
    if (review) showReview(req, res, session, review, {}, []);
  });

  router.post("/reviews/:handle", signedIn(deps), csrfChecked, async (req, res) => {
    const session = res.locals.session as ConsoleSession;
    if (needsPurpose(session, res)) return;
    const values = { decision: field(req.body, "decision", 20), reason: field(req.body, "reason", 2001) };
    const errors: FieldError[] = [];
    if (!DECISIONS.includes(values.decision)) errors.push({ field: "decision", text: "Select your decision" });
    if (values.reason === "") errors.push({ field: "reason", text: "Enter the reason for your decision: it is recorded in the link history and the audit trail" });
    const target = targetOf(session, "review", req.params.handle);
    if (errors.length > 0 || target === null) {
      const review = await reviewOf(session, res, req.params.handle);
      if (review) showReview(req, res, session, review, values, errors);
      return;
    }
    const answer = await ask<{ resolveLinkReview: LinkReview }>(session, res, RESOLVE_LINK_REVIEW, { id: target.id, decision: values.decision, reason: values.reason });
    if (await endedForToken(deps, res, answer)) return;
    if (answer.data === null) {
      const formErrors = formErrorsOf(answer.errors, { reason: "reason", decision: "decision" });
      if (formErrors === null) {
        showHubRefusal(res, session, answer.errors);
        return;
      }
      const review = await reviewOf(session, res, req.params.handle);
      if (review) showReview(req, res, session, review, values, formErrors);
      return;
    }
    const decided = answer.data.resolveLinkReview;
    res.render("review.njk", pageLocals(session, { review: decided, comparison: comparisonOf(decided), decided: true, values: {}, errors: [] }));
  });

  router.get("/merge", signedIn(deps), (_req, res) => {
    const session = res.locals.session as ConsoleSession;
    if (needsPurpose(session, res)) return;
    res.render("merge.njk", pageLocals(session, { values: {}, errors: [] }));
  });

  router.post("/merge", signedIn(deps), csrfChecked, async (req, res) => {
    const session = res.locals.session as ConsoleSession;
    if (needsPurpose(session, res)) return;
    const values = { survivorId: field(req.body, "survivorId", 36), mergedId: field(req.body, "mergedId", 36), reason: field(req.body, "reason", 2001) };
    const errors: FieldError[] = [];
    if (!UUID.test(values.survivorId)) errors.push({ field: "survivorId", text: "Enter the hub's reference for the child who stays, like 3f2b…-…" });
    if (!UUID.test(values.mergedId)) errors.push({ field: "mergedId", text: "Enter the hub's reference for the child merged into them" });
    if (values.reason === "") errors.push({ field: "reason", text: "Enter why these are one child: it is recorded in the link history and the audit trail" });
    if (errors.length > 0) {
      res.status(400).render("merge.njk", pageLocals(session, { values, errors }));
      return;
    }
    const answer = await ask<{ mergeChildren: IdentityChange }>(session, res, MERGE_CHILDREN, values);
    if (await endedForToken(deps, res, answer)) return;
    if (answer.data === null) {
      const formErrors = formErrorsOf(answer.errors, { survivorId: "survivorId", mergedId: "mergedId", reason: "reason" });
      if (formErrors === null) showHubRefusal(res, session, answer.errors);
      else res.status(400).render("merge.njk", pageLocals(session, { values, errors: formErrors }));
      return;
    }
    res.render("identity-change.njk", pageLocals(session, { title: "Children merged", change: answer.data.mergeChildren, report: null }));
  });

  router.get("/split", signedIn(deps), (_req, res) => {
    const session = res.locals.session as ConsoleSession;
    if (needsPurpose(session, res)) return;
    res.render("split.njk", pageLocals(session, { values: {}, errors: [] }));
  });

  router.post("/split", signedIn(deps), csrfChecked, async (req, res) => {
    const session = res.locals.session as ConsoleSession;
    if (needsPurpose(session, res)) return;
    const values = { childId: field(req.body, "childId", 36), recordIds: field(req.body, "recordIds", 2000), toChildId: field(req.body, "toChildId", 36), reason: field(req.body, "reason", 2001) };
    const recordIds = values.recordIds.split(/[\s,]+/).filter((id) => id !== "");
    const errors: FieldError[] = [];
    if (!UUID.test(values.childId)) errors.push({ field: "childId", text: "Enter the hub's reference for the child the records are linked to" });
    if (recordIds.length === 0 || !recordIds.every((id) => UUID.test(id))) errors.push({ field: "recordIds", text: "Enter the hub's reference of each record to split off, one a line" });
    if (values.toChildId !== "" && !UUID.test(values.toChildId)) errors.push({ field: "toChildId", text: "Enter the hub's reference for the child the records belong to, or leave it empty for a new child" });
    if (values.reason === "") errors.push({ field: "reason", text: "Enter why the records are not this child's: it is recorded in the link history and the audit trail" });
    if (errors.length > 0) {
      res.status(400).render("split.njk", pageLocals(session, { values, errors }));
      return;
    }
    const answer = await ask<{ splitChild: { change: IdentityChange; wrongLinkReport: WrongLinkReport } }>(session, res, SPLIT_CHILD, {
      childId: values.childId, recordIds, toChildId: values.toChildId === "" ? null : values.toChildId, reason: values.reason,
    });
    if (await endedForToken(deps, res, answer)) return;
    if (answer.data === null) {
      const formErrors = formErrorsOf(answer.errors, { childId: "childId", recordIds: "recordIds", toChildId: "toChildId", reason: "reason" });
      if (formErrors === null) showHubRefusal(res, session, answer.errors);
      else res.status(400).render("split.njk", pageLocals(session, { values, errors: formErrors }));
      return;
    }
    res.render("identity-change.njk", pageLocals(session, { title: "Records split off", change: answer.data.splitChild.change, report: answer.data.splitChild.wrongLinkReport }));
  });

  return router;
}

interface IdentityChange {
  id: string;
  kind: string;
  fromChildId: string;
  toChildId: string;
  recordIds: string[];
  decidedAt: string;
  decidedBy: string;
  reason: string;
}

interface WrongLinkReport {
  reportId: string;
  childSui: string | null;
  disclosures: { disclosureId: string; occurredAt: string; operation: string; principalAgency: string; principalAgencyType: string; principalSub: string; purpose: string | null; breakGlass: boolean; carried: string; recordIds: string[] }[];
}

/** Stewards state DATA_QUALITY before any of this work; the hub judges what they stated on every request. */
function needsPurpose(session: ConsoleSession, res: Response): boolean {
  if (session.access !== null) return false;
  res.redirect(303, "/console/purpose");
  return true;
}

function notFound(res: Response, session: ConsoleSession): void {
  res.status(404).render("refusal.njk", pageLocals(session, { title: "Page not found", message: "Links to reviews last only as long as your session: open the link reviews again." }));
}

/** Each compared field: what the record reported, what the hub knows of the candidate, and the agreement level and weight the hub gave it. */
function comparisonOf(review: LinkReview) {
  const { reported } = review.record;
  const candidate = review.candidate;
  const levels = new Map(review.evidence.fields.map((comparison) => [comparison.field, comparison]));
  const born = (identity: Identity) => identity.dateOfBirth ?? (identity.expectedDateOfBirth !== null ? `expected ${identity.expectedDateOfBirth}` : null);
  const values: Record<string, [string | null, string | null]> = {
    givenNames: [reported.givenNames, [candidate.givenNames, ...candidate.knownNames.filter((name) => name !== candidate.givenNames)].filter((name) => name !== null).join("; ") || null],
    familyName: [reported.familyName, candidate.familyName],
    dateOfBirth: [born(reported), born(candidate)],
    sex: [reported.sex, candidate.sex],
    postcode: [reported.postcode, candidate.postcodes.join("; ") || null],
  };
  return COMPARED.map(([name, label]) => ({
    label,
    record: values[name]?.[0] ?? null,
    candidate: values[name]?.[1] ?? null,
    level: levels.get(name)?.level ?? "MISSING",
    weight: levels.get(name)?.weight ?? 0,
  }));
}
