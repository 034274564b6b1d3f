import { Router, type Response } from "express";
import { DateTime } from "luxon";
import { PURPOSES } from "../policy/Purpose";
import { type ConsoleSession } from "./ConsoleSession";
import { type ConsoleDependencies } from "./ConsoleDependencies";
import { csrfChecked, endedForToken, field, pageLocals, signedIn, type FieldError } from "./consolePage";
import { newHandle } from "./consoleSessions";
import { day, when, ZONE } from "./londonTime";
import { type HubAnswer, type HubError } from "./hubClient";
import { shown } from "./shownValue";
import { CLOSE_IG_ALERT, DISCLOSURE, DISCLOSURES, EXPORT_DISCLOSURES, OPEN_IG_ALERTS, SUBJECT_ACCESS_REQUESTS, SUBJECT_ACCESS_REVIEW, VERIFY_AUDIT_CHAIN } from "./igOperations";

/** Entries on one page of the trail: a GOV.UK table a person can scan. */
const PAGE_SIZE = 20;
/** The most a lookup reads (pages of the hub's largest) to find one entry or alert again. */
const LOOKUP_PAGE = 200;
const LOOKUP_PAGES = 5;
/** A session keeps at most this many handles, the newest: it must not grow without bound. */
const MAX_HANDLES = 200;
/** An IG lead's days are London's: a period from 1 December starts at midnight there. */
/** IG handles sit beside the child handles in the session's map; the prefix keeps them apart. */
const HANDLE_PREFIX = "ig:";

const FILTER_FIELDS = ["childSui", "principalSub", "agency", "purpose", "fromDay", "fromMonth", "fromYear", "toDay", "toMonth", "toYear"] as const;
type FilterForm = Record<(typeof FILTER_FIELDS)[number], string>;
interface DisclosureFilter {
  childSui?: string;
  principalSub?: string;
  agency?: string;
  purpose?: string;
  from?: string;
  to?: string;
}

/**
 * What an opaque handle in an IG page's URL stands for, in this session only: a page of the trail (the
 * filter as typed, the hub's cursor, the page before), one entry, one alert, one subject access request.
 */
type IgHandle =
  | { kind: "trail"; form: FilterForm; after: string | null; previous: string | null }
  | { kind: "entry"; id: string }
  | { kind: "alert"; id: string }
  | { kind: "sar"; id: string };

interface Entry {
  id: string;
  occurredAt: string;
  operation: string;
  outcome: string;
  breakGlass: boolean;
  childSuis: string[];
  principal: { sub: string; agency: string; agencyType: string; roles: string[] };
  access: { purpose: string; lawfulBasis: string; specialCategoryCondition: string | null; justification: string | null; caseReference: string | null; breakGlass: boolean } | null;
  [more: string]: unknown;
}
interface DisclosurePage {
  disclosures: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Entry[] };
}
interface Alert {
  id: string;
  kind: string;
  childSui: string | null;
  principalSub: string;
  principalAgency: string;
  justification: string;
  raisedAt: string;
  windowEndsAt: string;
  disclosureCount: number;
}
interface AlertPage {
  igAlerts: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Alert[] };
}

const ALERT_OUTCOMES = ["JUSTIFIED", "NOT_JUSTIFIED", "BREACH_REPORTED"];

/**
 * The IG lead's pages: the disclosure trail with its filters and pages, one entry in full, alerts to
 * review and close, chain verification, the CSV and FHIR exports, and subject access reports. Each is a
 * read of the public contract with the IG lead's own token and the access context they stated, so the
 * hub decides who may see what and audits it; a person in another role is shown the hub's refusal. No
 * SUI, user or agency reaches a URL: filters go in POST bodies and pages are opaque handles.
 */
export function igPages(deps: ConsoleDependencies): Router {
  const router = Router();
  const ask = <T>(res: Response, query: string, variables: Record<string, unknown>) =>
    deps.hub<T>((res.locals.session as ConsoleSession).token ?? "", String(res.locals.requestId), query, variables);
  /** The session's stated access context, or a redirect to state one. */
  const accessOf = (session: ConsoleSession, res: Response) => {
    if (session.access === null) res.redirect(303, "/console/purpose");
    return session.access;
  };
  /** The hub's answer, or the session ended (its token refused) or its refusal shown; null then. */
  const answered = async <T>(res: Response, answer: HubAnswer<T>): Promise<T | null> => {
    if (await endedForToken(deps, res, answer)) return null;
    if (answer.data === null || answer.errors.length > 0) {
      showRefusal(res, answer.errors);
      return null;
    }
    return answer.data;
  };

  router.get("/ig", signedIn(deps), (_req, res) => {
    const session = res.locals.session as ConsoleSession;
    res.render("ig/index.njk", pageLocals(session, { access: session.access }));
  });

  router.get("/ig/trail", signedIn(deps), (_req, res) => {
    const session = res.locals.session as ConsoleSession;
    if (accessOf(session, res) === null) return;
    res.render("ig/trail.njk", trailLocals(session, emptyForm(), [], null));
  });

  router.post("/ig/trail", signedIn(deps), csrfChecked, async (req, res) => {
    const session = res.locals.session as ConsoleSession;
    if (accessOf(session, res) === null) return;
    const form = Object.fromEntries(FILTER_FIELDS.map((name) => [name, field(req.body, name, name === "principalSub" ? 200 : 40)])) as FilterForm;
    const { errors } = filterOf(form);
    if (errors.length > 0) {
      res.status(400).render("ig/trail.njk", trailLocals(session, form, errors, null));
      return;
    }
    const handles = new Handles(session);
    const handle = handles.handleFor({ kind: "trail", form, after: null, previous: null });
    await handles.keep(deps, session);
    res.redirect(303, `/console/ig/trail/${handle}`);
  });

  router.get("/ig/trail/:handle", signedIn(deps), async (req, res) => {
    const session = res.locals.session as ConsoleSession;
    const access = accessOf(session, res);
    if (access === null) return;
    const handle = String(req.params.handle);
    const page = stateOf(session, handle, "trail");
    if (page === null) return notFound(res, session);
    const answer = await ask<DisclosurePage>(res, DISCLOSURES, { filter: filterOf(page.form).filter, access, first: PAGE_SIZE, after: page.after });
    if (await endedForToken(deps, res, answer)) return;
    if (answer.data === null) {
      // A filter the hub refuses (an SUI that fails its check) is shown beside its field; anything else as the hub's refusal.
      const invalid = answer.errors.filter((error) => error.code === "INVALID_SUI" || error.code === "INVALID_INPUT");
      if (invalid.length > 0 && invalid.length === answer.errors.length) {
        res.status(400).render("ig/trail.njk", trailLocals(session, page.form, invalid.map((error) => ({ field: error.code === "INVALID_SUI" ? "childSui" : "fromDay", text: error.message })), null));
        return;
      }
      showRefusal(res, answer.errors);
      return;
    }
    const { nodes, totalCount, pageInfo } = answer.data.disclosures;
    const handles = new Handles(session);
    handles.touch(page.previous);
    handles.touch(handle);
    const entries = nodes.map((entry) => ({ ...entry, when: when(entry.occurredAt), handle: handles.handleFor({ kind: "entry", id: entry.id }) }));
    const next = pageInfo.hasNextPage && pageInfo.endCursor !== null ? handles.handleFor({ kind: "trail", form: page.form, after: pageInfo.endCursor, previous: handle }) : null;
    await handles.keep(deps, session);
    res.render("ig/trail.njk", trailLocals(session, page.form, [], { handle, entries, totalCount, next, previous: page.previous }));
  });

  router.post("/ig/trail/:handle/export", signedIn(deps), csrfChecked, async (req, res) => {
    const session = res.locals.session as ConsoleSession;
    const access = accessOf(session, res);
    if (access === null) return;
    const page = stateOf(session, String(req.params.handle), "trail");
    if (page === null) return notFound(res, session);
    const format = field(req.body, "format", 20);
    if (format !== "CSV" && format !== "FHIR_AUDIT_EVENT") {
      showRefusal(res, [{ code: "INVALID_INPUT", message: "Choose CSV or FHIR AuditEvent." }]);
      return;
    }
    const data = await answered(res, await ask<{ exportDisclosures: { contentType: string; content: string; count: number; complete: boolean } }>(res, EXPORT_DISCLOSURES, { filter: filterOf(page.form).filter, format, access }));
    if (data === null) return;
    const exported = data.exportDisclosures;
    if (!exported.complete) {
      // A partial trail handed over as the trail would mislead whoever reads the file.
      res.status(422).render("problem.njk", pageLocals(session, { title: "Too many entries to export", message: `More entries match than one export holds (${exported.count}). Narrow the filter, for example to a shorter period, and export again.` }));
      return;
    }
    const stamp = DateTime.now().setZone(ZONE).toFormat("yyyy-LL-dd-HHmm");
    res.setHeader("Content-Disposition", `attachment; filename="disclosure-trail-${stamp}.${format === "CSV" ? "csv" : "fhir.json"}"`);
    res.type(exported.contentType).send(exported.content);
  });

  router.get("/ig/entries/:handle", signedIn(deps), async (req, res) => {
    const session = res.locals.session as ConsoleSession;
    const access = accessOf(session, res);
    if (access === null) return;
    const wanted = stateOf(session, String(req.params.handle), "entry");
    if (wanted === null) return notFound(res, session);
    // The entry alone (`disclosure`): the trail names only its children.
    const data = await answered(res, await ask<{ disclosure: Entry | null }>(res, DISCLOSURE, { id: wanted.id, access }));
    if (data === null) return;
    if (data.disclosure === null) return notFound(res, session);
    const entry = data.disclosure;
    res.render("ig/entry.njk", pageLocals(session, { entry: { ...entry, when: when(entry.occurredAt) }, details: JSON.stringify(entry.details, null, 2) }));
  });

  router.get("/ig/alerts", signedIn(deps), async (req, res) => {
    const session = res.locals.session as ConsoleSession;
    const access = accessOf(session, res);
    if (access === null) return;
    const data = await answered(res, await ask<AlertPage>(res, OPEN_IG_ALERTS, { access, first: LOOKUP_PAGE }));
    if (data === null) return;
    const handles = new Handles(session);
    const alerts = data.igAlerts.nodes.map((alert) => ({ ...alertShown(alert), handle: handles.handleFor({ kind: "alert", id: alert.id }) }));
    await handles.keep(deps, session);
    res.render("ig/alerts.njk", pageLocals(session, { alerts, totalCount: data.igAlerts.totalCount, closed: req.query.closed === "1" }));
  });

  /** One open alert, read again (audited): no query names one alert. Null when the response is sent. */
  const openAlert = async (res: Response, session: ConsoleSession, id: string): Promise<Alert | null> => {
    let after: string | null = null;
    for (let read = 0; read < LOOKUP_PAGES; read++) {
      const data: AlertPage | null = await answered(res, await ask<AlertPage>(res, OPEN_IG_ALERTS, { access: session.access, first: LOOKUP_PAGE, after }));
      if (data === null) return null;
      const alert = data.igAlerts.nodes.find((node) => node.id === id);
      if (alert !== undefined) return alert;
      if (!data.igAlerts.pageInfo.hasNextPage) break;
      after = data.igAlerts.pageInfo.endCursor;
    }
    res.status(404).render("problem.njk", pageLocals(session, { title: "This alert is not open", message: "It may have been closed already. Go back to the alerts to review." }));
    return null;
  };

  router.get("/ig/alerts/:handle", signedIn(deps), async (req, res) => {
    const session = res.locals.session as ConsoleSession;
    if (accessOf(session, res) === null) return;
    const wanted = stateOf(session, String(req.params.handle), "alert");
    if (wanted === null) return notFound(res, session);
    const alert = await openAlert(res, session, wanted.id);
    if (alert === null) return;
    res.render("ig/alert.njk", pageLocals(session, { alert: alertShown(alert), handle: String(req.params.handle), outcomes: ALERT_OUTCOMES, values: {}, errors: [], fieldErrors: {} }));
  });

  router.post("/ig/alerts/:handle", signedIn(deps), csrfChecked, async (req, res) => {
    const session = res.locals.session as ConsoleSession;
    const access = accessOf(session, res);
    if (access === null) return;
    const handle = String(req.params.handle);
    const wanted = stateOf(session, handle, "alert");
    if (wanted === null) return notFound(res, session);
    const values = { outcome: field(req.body, "outcome", 20), note: field(req.body, "note", 2000) };
    const errors: FieldError[] = [];
    if (!ALERT_OUTCOMES.includes(values.outcome)) errors.push({ field: "outcome", text: "Select what the review found" });
    if (values.note === "") errors.push({ field: "note", text: "Record what the review found" });
    if (errors.length === 0) {
      const answer = await ask<{ closeIgAlert: { id: string; status: string } }>(res, CLOSE_IG_ALERT, { id: wanted.id, outcome: values.outcome, note: values.note, access });
      if (await endedForToken(deps, res, answer)) return;
      if (answer.data !== null) {
        res.redirect(303, "/console/ig/alerts?closed=1");
        return;
      }
      // The hub's own rules (a note too short, one's own break-glass, an alert closed meanwhile) beside the form; a refusal of the caller as a refusal.
      if (answer.errors.some((error) => error.code !== "INVALID_INPUT" && error.code !== "FORBIDDEN")) {
        showRefusal(res, answer.errors);
        return;
      }
      errors.push(...answer.errors.map((error) => ({ field: error.code === "INVALID_INPUT" ? "note" : "outcome", text: error.message })));
    }
    const alert = await openAlert(res, session, wanted.id);
    if (alert === null) return;
    res.status(400).render("ig/alert.njk", pageLocals(session, { alert: alertShown(alert), handle, outcomes: ALERT_OUTCOMES, values, errors, fieldErrors: fieldErrors(errors) }));
  });

  router.get("/ig/verify", signedIn(deps), (_req, res) => {
    res.render("ig/verify.njk", pageLocals(res.locals.session as ConsoleSession, { result: null }));
  });

  router.post("/ig/verify", signedIn(deps), csrfChecked, async (_req, res) => {
    const data = await answered(res, await ask<{ verifyAuditChain: Record<string, unknown> }>(res, VERIFY_AUDIT_CHAIN, {}));
    if (data === null) return;
    res.render("ig/verify.njk", pageLocals(res.locals.session as ConsoleSession, { result: data.verifyAuditChain, checkedAt: when(new Date().toISOString()) }));
  });

  router.get("/ig/subject-access", signedIn(deps), async (_req, res) => {
    const session = res.locals.session as ConsoleSession;
    const access = accessOf(session, res);
    if (access === null) return;
    type Requests = { subjectAccessRequests: { totalCount: number; nodes: { id: string; receivedAt: string; dueAt: string }[] } };
    const data = await answered(res, await ask<Requests>(res, SUBJECT_ACCESS_REQUESTS, { access, first: LOOKUP_PAGE }));
    if (data === null) return;
    const handles = new Handles(session);
    const requests = data.subjectAccessRequests.nodes.map((request) => ({ ...request, received: day(request.receivedAt), due: day(request.dueAt), handle: handles.handleFor({ kind: "sar", id: request.id }) }));
    await handles.keep(deps, session);
    res.render("ig/subject-access.njk", pageLocals(session, { requests, totalCount: data.subjectAccessRequests.totalCount }));
  });

  router.get("/ig/subject-access/:handle", signedIn(deps), async (req, res) => {
    const session = res.locals.session as ConsoleSession;
    const access = accessOf(session, res);
    if (access === null) return;
    const wanted = stateOf(session, String(req.params.handle), "sar");
    if (wanted === null) return notFound(res, session);
    type Review = { subjectAccessReview: Record<string, unknown> & { request: Record<string, string>; disclosures: { occurredAt: string }[]; records: { fields: { value: unknown }[] }[]; identity: { value: unknown }[] } };
    const data = await answered(res, await ask<Review>(res, SUBJECT_ACCESS_REVIEW, { id: wanted.id, access }));
    if (data === null) return;
    const review = data.subjectAccessReview;
    res.render("ig/subject-access-review.njk", pageLocals(session, {
      review: {
        ...review,
        request: { ...review.request, received: day(review.request.receivedAt), due: day(review.request.dueAt) },
        identity: review.identity.map((fact) => ({ ...fact, shown: shown(fact.value) })),
        records: review.records.map((record) => ({ ...record, fields: record.fields.map((item) => ({ ...item, shown: shown(item.value) })) })),
        disclosures: review.disclosures.map((disclosure) => ({ ...disclosure, when: when(disclosure.occurredAt) })),
      },
    }));
  });

  return router;
}

/** The hub's refusal as a GOV.UK problem page: its message, never data; a purpose that does not fit offers to state another. */
function showRefusal(res: Response, errors: HubError[]): void {
  const session = (res.locals.session as ConsoleSession | undefined) ?? null;
  const error = errors[0] ?? { code: "INTERNAL_SERVER_ERROR", message: "The hub gave no answer. Try again." };
  const purpose = error.code === "ACCESS_CONTEXT_INVALID";
  const [status, title] =
    error.code === "FORBIDDEN" ? [403, "You cannot use this page"]
    : purpose ? [403, "Why you are looking does not fit this work"]
    : error.code === "NOT_FOUND" ? [404, "Not found"]
    : error.code === "INVALID_INPUT" || error.code === "INVALID_SUI" ? [400, "There is a problem with what you asked"]
    : error.code === "RATE_LIMITED" || error.code === "SERVICE_UNAVAILABLE" ? [503, "Try again in a moment"]
    : [502, "The hub could not answer"];
  res.status(status).render("ig/refused.njk", pageLocals(session, { title, message: error.message, changePurpose: purpose }));
}

function notFound(res: Response, session: ConsoleSession): void {
  res.status(404).render("problem.njk", pageLocals(session, { title: "Page not found", message: "Links on these pages last only as long as your session. Start again from information governance." }));
}

function trailLocals(session: ConsoleSession, form: FilterForm, errors: FieldError[], result: unknown): Record<string, unknown> {
  return pageLocals(session, { access: session.access, purposes: PURPOSES, values: form, errors, fieldErrors: fieldErrors(errors), result });
}

/** Each field's message, for the field itself (the summary lists them all). */
function fieldErrors(errors: FieldError[]): Record<string, string> {
  return Object.fromEntries(errors.map((error) => [error.field, error.text]));
}

function emptyForm(): FilterForm {
  return Object.fromEntries(FILTER_FIELDS.map((name) => [name, ""])) as FilterForm;
}

/** The hub's filter from the form as typed; the period's days are London's, `to` inclusive of its day. */
function filterOf(form: FilterForm): { filter: DisclosureFilter; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const filter: DisclosureFilter = {};
  if (form.childSui !== "") filter.childSui = form.childSui;
  if (form.principalSub !== "") filter.principalSub = form.principalSub;
  if (form.agency !== "") filter.agency = form.agency;
  if (form.purpose !== "") {
    if ((PURPOSES as string[]).includes(form.purpose)) filter.purpose = form.purpose;
    else errors.push({ field: "purpose", text: "Select a purpose from the list" });
  }
  const from = dayStart(form.fromYear, form.fromMonth, form.fromDay);
  const to = dayStart(form.toYear, form.toMonth, form.toDay);
  if (from === undefined) errors.push({ field: "fromDay", text: "The start of the period must be a real date, like 1 11 2026" });
  else if (from !== null) filter.from = from.toUTC().toISO() ?? undefined;
  if (to === undefined) errors.push({ field: "toDay", text: "The end of the period must be a real date, like 30 11 2026" });
  else if (to !== null) filter.to = to.plus({ days: 1 }).toUTC().toISO() ?? undefined;
  if (from && to && to < from) errors.push({ field: "toDay", text: "The end of the period must be the same as or after its start" });
  return { filter, errors };
}

/** Midnight in London of a GOV.UK date input's day; null when left blank, undefined when not a real date. */
function dayStart(year: string, month: string, dayOfMonth: string): DateTime | null | undefined {
  if (year === "" && month === "" && dayOfMonth === "") return null;
  if (!/^\d{4}$/.test(year) || !/^\d{1,2}$/.test(month) || !/^\d{1,2}$/.test(dayOfMonth)) return undefined;
  const date = DateTime.fromObject({ year: Number(year), month: Number(month), day: Number(dayOfMonth) }, { zone: ZONE });
  return date.isValid ? date : undefined;
}

function alertShown(alert: Alert) {
  return { ...alert, raised: when(alert.raisedAt), windowEnds: when(alert.windowEndsAt) };
}

function stateOf<K extends IgHandle["kind"]>(session: ConsoleSession, handle: string, kind: K): Extract<IgHandle, { kind: K }> | null {
  const value = Object.hasOwn(session.handles, handle) ? session.handles[handle] : undefined;
  if (value === undefined || !value.startsWith(HANDLE_PREFIX)) return null;
  const state = JSON.parse(value.slice(HANDLE_PREFIX.length)) as IgHandle;
  return state.kind === kind ? (state as Extract<IgHandle, { kind: K }>) : null;
}

/** The session's handles while a page is made: the same state keeps its handle, so reading a page again adds none. */
class Handles {
  private readonly handles: Record<string, string>;
  private changed = false;

  constructor(session: ConsoleSession) {
    this.handles = { ...session.handles };
  }

  handleFor(state: IgHandle): string {
    const value = HANDLE_PREFIX + JSON.stringify(state);
    const handle = Object.entries(this.handles).find(([, held]) => held === value)?.[0] ?? newHandle();
    this.touch(handle, value);
    return handle;
  }

  /** Moved to the newest, so the handles a page links to are the last a full session lets go. */
  touch(handle: string | null, value = handle === null ? undefined : this.handles[handle]): void {
    if (handle === null || value === undefined) return;
    delete this.handles[handle];
    this.handles[handle] = value;
    this.changed = true;
  }

  async keep(deps: ConsoleDependencies, session: ConsoleSession): Promise<void> {
    if (this.changed) await deps.sessions.save(session, { handles: Object.fromEntries(Object.entries(this.handles).slice(-MAX_HANDLES)) });
  }
}
