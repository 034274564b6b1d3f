import { Router, type Request, type Response } from "express";
import { type ConsoleSession } from "./ConsoleSession";
import { type ConsoleDependencies } from "./ConsoleDependencies";
import { csrfChecked, endedForToken, field, pageLocals, signedIn, type FieldError } from "./consolePage";
import { ACKNOWLEDGE_NOTIFICATION, NOTIFICATION, NOTIFICATIONS } from "./consoleOperations";
import { handlesFor, targetOf } from "./consoleHandles";
import { formErrorsOf, showHubRefusal } from "./hubRefusal";
import { shown } from "./shownValue";

type Redaction = { path: string; reason: string; rule: string };

interface Notification extends Record<string, unknown> {
  id: string;
  type: string;
  status: string;
  deliveredAt: string;
  acknowledgeBy: string | null;
  acknowledgedAt: string | null;
  dueBy: string | null;
  dueFor: string | null;
  escalatedAt: string | null;
  responseRequested: boolean;
  child: { givenNames: string | null; familyName: string | null } | null;
  redactions: Redaction[];
}

interface NotificationPage {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Notification[];
}

const PAGE_SIZE = 10;
const STATUSES = ["UNACKNOWLEDGED", "ACKNOWLEDGED"];

/** What a notification may carry, in the order the page shows it, each with its heading (the hub sends only what this recipient may see). */
const CONTENTS = [
  ["child", "The child"], ["childrenAtRisk", "Children at risk"], ["children", "Children"], ["pprc", "Person posing a risk to children"],
  ["childVictim", "Child victim"], ["domesticAbuseIncident", "Domestic abuse incident"], ["householdStay", "Registered sex offender's stay"],
  ["unscheduledCareAttendance", "Unscheduled care attendance"], ["planAccess", "Plan viewed"], ["planTransfer", "Child on a plan moved"],
  ["rollRemoval", "Removed from the school roll"], ["offenderMove", "Offender moved"], ["safeguardingEnquiry", "Safeguarding enquiry"],
  ["enquiryResponse", "Answer to the enquiry"], ["mashReferral", "Referral passed on"], ["consultation", "Consultation"],
  ["consultationAdvice", "Advice"], ["escalation", "Overdue notification"],
] as const;

/**
 * The notifications inbox (`notifications`, `acknowledgeNotification`; HUB.md §9): the signed-in
 * person's agency's notifications as the hub gives them to their role — newest first, by status, a page
 * at a time — one notification with everything its view holds and every withheld field with its reason,
 * its deadlines (an unacknowledged one past its deadline marked overdue), and acknowledging it (with the
 * reply a notifying agency asked for). Notifications and pages are opened by this session's handles.
 */
export function inboxPages(deps: ConsoleDependencies): Router {
  const router = Router();
  const ask = <T>(session: ConsoleSession, res: Response, query: string, variables: Record<string, unknown>) =>
    deps.hub<T>(session.token ?? "", String(res.locals.requestId), query, variables);

  /** The notification in full, read alone (the trail names only its children). */
  async function notificationOf(session: ConsoleSession, res: Response, handle: unknown): Promise<Notification | undefined> {
    const target = targetOf(session, "notification", handle);
    if (target === null) {
      notFound(res, session);
      return undefined;
    }
    const answer = await ask<{ notification: Notification | null }>(session, res, NOTIFICATION, { id: target.id });
    if (await endedForToken(deps, res, answer)) return undefined;
    if (answer.errors.length > 0) {
      showHubRefusal(res, session, answer.errors);
      return undefined;
    }
    const notification = answer.data?.notification ?? undefined;
    if (notification === undefined) {
      res.status(404).render("refusal.njk", pageLocals(session, { title: "This notification is no longer in your inbox", message: "You may no longer be able to read it. Open your inbox again." }));
    }
    return notification;
  }

  function showNotification(req: Request, res: Response, session: ConsoleSession, notification: Notification, extra: Record<string, unknown>): void {
    const errors = (extra.errors as FieldError[] | undefined) ?? [];
    res.status(errors.length > 0 ? 400 : 200).render("notification.njk", pageLocals(session, {
      notification: { ...notification, deadlines: deadlinesOf(notification, new Date()) },
      sections: sectionsOf(notification),
      handle: String(req.params.handle),
      values: {},
      errors,
      ...extra,
    }));
  }

  router.get("/notifications", signedIn(deps), async (req, res) => {
    const session = res.locals.session as ConsoleSession;
    const page = req.query.page === undefined ? null : targetOf(session, "notifications-page", req.query.page);
    if (req.query.page !== undefined && page === null) {
      notFound(res, session);
      return;
    }
    const asked = typeof req.query.status === "string" && STATUSES.includes(req.query.status) ? req.query.status : null;
    const status = page?.status ?? asked;
    const after = page?.after ?? null;
    const answer = await ask<{ notifications: NotificationPage }>(session, res, NOTIFICATIONS, { status, first: PAGE_SIZE, after });
    if (await endedForToken(deps, res, answer)) return;
    if (answer.data === null) {
      showHubRefusal(res, session, answer.errors);
      return;
    }
    const { nodes, pageInfo } = answer.data.notifications;
    const next = pageInfo.hasNextPage && pageInfo.endCursor !== null ? [{ kind: "notifications-page" as const, after: pageInfo.endCursor, status }] : [];
    const handles = await handlesFor((kept) => deps.sessions.save(session, { handles: kept }), session, [
      ...nodes.map((node) => ({ kind: "notification" as const, id: node.id })), ...next,
    ]);
    const now = new Date();
    res.render("notifications.njk", pageLocals(session, {
      status, firstPage: after === null,
      notifications: nodes.map((node, index) => ({ ...node, handle: handles[index], deadlines: deadlinesOf(node, now), about: aboutOf(node) })),
      nextPage: next.length > 0 ? handles[nodes.length] : null,
    }));
  });

  router.get("/notifications/:handle", signedIn(deps), async (req, res) => {
    const session = res.locals.session as ConsoleSession;
    const notification = await notificationOf(session, res, req.params.handle);
    if (notification) showNotification(req, res, session, notification, {});
  });

  router.post("/notifications/:handle", signedIn(deps), csrfChecked, async (req, res) => {
    const session = res.locals.session as ConsoleSession;
    const target = targetOf(session, "notification", req.params.handle);
    if (target === null) {
      notFound(res, session);
      return;
    }
    const response = field(req.body, "response", 4001);
    const answer = await ask<{ acknowledgeNotification: Notification }>(session, res, ACKNOWLEDGE_NOTIFICATION, { id: target.id, response: response === "" ? null : response });
    if (await endedForToken(deps, res, answer)) return;
    if (answer.data === null) {
      const errors = answer.errors[0]?.code === "INVALID_INPUT" ? formErrorsOf(answer.errors, { response: "response" }) : null;
      const notification = errors === null ? undefined : await notificationOf(session, res, req.params.handle);
      if (errors === null) showHubRefusal(res, session, answer.errors);
      else if (notification) showNotification(req, res, session, notification, { values: { response }, errors });
      return;
    }
    showNotification(req, res, session, answer.data.acknowledgeNotification, { acknowledged: true });
  });

  return router;
}

function notFound(res: Response, session: ConsoleSession): void {
  res.status(404).render("refusal.njk", pageLocals(session, { title: "Page not found", message: "Links to notifications last only as long as your session: open your inbox again." }));
}

/** Whom a notification is about, as its view names them: the child, or the children a prison's or probation's notification names. */
function aboutOf(notification: Notification): string {
  type Named = { givenNames?: string | null; familyName?: string | null } | null | undefined;
  const named = [notification.child as Named, ...((notification.childrenAtRisk as Named[] | undefined) ?? []), ...((notification.children as Named[] | undefined) ?? [])];
  return named.map((person) => [person?.givenNames, person?.familyName].filter((part) => part != null && part !== "").join(" ")).filter((name) => name !== "").join("; ");
}

/** The notification's deadlines as a person reads them: an unacknowledged one past its time is overdue. */
function deadlinesOf(notification: Notification, now: Date) {
  const open = notification.acknowledgedAt === null;
  const past = (at: string | null) => at !== null && open && new Date(at).getTime() < now.getTime();
  return {
    acknowledgeBy: notification.acknowledgeBy, acknowledgeOverdue: past(notification.acknowledgeBy),
    dueBy: notification.dueBy, dueFor: notification.dueFor, dueOverdue: past(notification.dueBy),
  };
}

/** Each content the hub gave, field by field, with every field it withheld shown as withheld with its reason and rule. */
function sectionsOf(notification: Notification) {
  const withheld = new Map(notification.redactions.map((redaction) => [redaction.path, redaction]));
  const rowsOf = (path: string, content: Record<string, unknown>) =>
    Object.entries(content).map(([name, value]) => ({ name, value: shown(value), withheld: withheld.get(`${path}.${name}`) ?? null }));
  return CONTENTS.flatMap(([key, heading]) => {
    const content = notification[key];
    const whole = withheld.get(key) ?? null;
    if (Array.isArray(content)) {
      if (content.length === 0 && whole === null) return [];
      return [{ heading, whole, items: (content as Record<string, unknown>[]).map((item, index) => rowsOf(`${key}[${index}]`, item)) }];
    }
    if (content !== null && typeof content === "object") return [{ heading, whole, items: [rowsOf(key, content as Record<string, unknown>)] }];
    return whole === null ? [] : [{ heading, whole, items: [] }];
  });
}
