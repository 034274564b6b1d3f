import { createHash } from "node:crypto";
import { type Principal } from "../../auth/Principal";
import { AgencyType } from "../../directory/AgencyType";
import { NotificationRecordType } from "../../policy/notificationFields";
import { londonDateOf } from "../../timescales/londonTime";
import { type NotificationServices } from "../NotificationServices";
import { NotificationType } from "../NotificationType";
import { currentPlans, type HeldPlan } from "../plans/currentPlans";
import { RoutingArea } from "../routing/RoutingArea";
import { mayNotify } from "../submission/notifierPolicy";
import { type NotificationFacts, type RoutedEvent, type RoutedSubmission } from "../submission/RoutedEvent";
import { submitNotification } from "../submission/submitNotification";
import { unscheduledCareSite, type UnscheduledCareSite } from "./unscheduledCareSetting";

/** One plan a clinician viewed, as the hub raises its access notification. */
interface PlanViewed extends RoutedSubmission {
  viewedAt: Date;
  site: UnscheduledCareSite;
  sui: string | null;
  plan: HeldPlan;
}

const PLAN_VIEWED = "PLAN_VIEWED";

/**
 * The CP-IS access notification as a routed event: a clinician in an unscheduled-care setting viewed
 * a child's plan, and the authority holding it is told — one notification per plan, so each authority
 * reads its own plan's reference and the child as it itself reported them. Raised by the hub on the
 * clinician's behalf (`notifyPlanViewed`), never submitted; its reference is derived from the read's
 * audit entry, so the same read never tells twice.
 */
export const PLAN_ACCESS: RoutedEvent<PlanViewed, NotificationFacts> = {
  type: NotificationType.PLAN_ACCESS,
  label: "a plan access notification",
  validate: () => undefined,
  eventOf: () => PLAN_VIEWED,
  recordFacts: () => Promise.resolve({ adultId: null, recordIds: [] }),
  content(_services, { viewedAt, site, sui, plan }) {
    const { identity } = plan;
    return Promise.resolve({
      sections: [
        {
          key: "child", recordType: NotificationRecordType.NOTIFIED_CHILD, many: false,
          entries: [{
            values: {
              sui, givenNames: identity.givenNames, familyName: identity.familyName, dateOfBirth: identity.dateOfBirth,
              expectedDateOfBirth: identity.expectedDateOfBirth, homeLocalAuthority: identity.address?.localAuthority ?? null,
            },
            valueLabels: { homeLocalAuthority: [...(identity.address?.labels ?? [])] },
          }],
        },
        {
          key: "planAccess", recordType: NotificationRecordType.PLAN_ACCESS, many: false,
          entries: [{ values: { viewedAt: viewedAt.toISOString(), setting: site.setting, site: site.name, siteCode: site.code, planKind: plan.kind, planReference: plan.agencyReference } }],
        },
      ],
    });
  },
  routingFacts: (_services, { plan }) => ({
    notificationType: NotificationType.PLAN_ACCESS, event: PLAN_VIEWED, subjectAge: null,
    targets: { [RoutingArea.PLAN_HOLDER]: [{ agencyCode: plan.agencyCode }] },
  }),
};

/** A read of a child's file that showed the status of these social care records. */
export interface ChildFileRead {
  childId: string;
  sui: string | null;
  /** The read's own audit entry. */
  disclosureId: string;
  /** The social care records whose status the read disclosed (asked only of a read that may tell). */
  statusShownOf: () => readonly string[];
}

/**
 * CP-IS access notification: when a clinician of a health agency the directory holds as an
 * unscheduled-care setting is shown the status of a child's plan in force, the authority holding the
 * plan is told that it was viewed, where and when. Who counts is data (the PLAN_ACCESS type's
 * `submittedBy`); a GP practice, a school, or anyone else shown the plan tells no one — so social
 * workers hear of the views that matter, not of every read. Each plan's notification is audited and
 * delivered like any other (`submitNotification`), before the read's answer leaves.
 */
export async function notifyPlanViewed(services: NotificationServices, principal: Principal, requestId: string, read: ChildFileRead, now: Date): Promise<void> {
  if (principal.agencyType !== AgencyType.HEALTH || !mayNotify(principal, services.policy, NotificationType.PLAN_ACCESS, principal.agency)) return;
  const shown = new Set(read.statusShownOf());
  if (shown.size === 0) return;
  const site = await unscheduledCareSite(services.dataSource, principal.agency);
  if (site === null) return;
  const plans = (await currentPlans(services.dataSource.manager, [read.childId], londonDateOf(now))).filter((plan) => shown.has(plan.recordId));
  for (const plan of plans) {
    const reference = `PV-${createHash("sha256").update(`${read.disclosureId}:${plan.recordId}`).digest("hex").slice(0, 40)}`;
    await submitNotification(services, PLAN_ACCESS, principal, requestId, { agencyCode: principal.agency, reference, viewedAt: now, site, sui: read.sui, plan }, now);
  }
}
