import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { ErrorCode, HubError } from "../errors/HubError";
import { recordDecision } from "../audit/recordDecision";
import { auditedIgRead } from "../audit/auditedIgRead";
import { AuditAction } from "../audit/auditAccess";
import { AuditOutcome } from "../audit/AuditOutcome";
import { Purpose } from "../policy/Purpose";
import { AuditOperation } from "../audit/AuditOperation";
import { IgAlert, IgAlertStatus, type IgAlertOutcome } from "./IgAlert";
import { requireAlertReviewer } from "./igAlertAccess";

export interface IgAlertPage {
  alerts: IgAlert[];
  hasNextPage: boolean;
  totalCount: number;
}

/**
 * Alerts oldest first (the longest-waiting review first), a page at a time; IG leads only. The list
 * carries children's SUIs and callers' justifications, so reading it is audited like any IG read.
 */
export async function listIgAlerts(dataSource: DataSource, principal: Principal, requestId: string, status: IgAlertStatus | null, limit: number, after: { raisedAt: Date; id: string } | null, now = new Date()): Promise<IgAlertPage> {
  return auditedIgRead(
    dataSource,
    principal,
    requestId,
    {
      action: AuditAction.QUERY,
      operation: AuditOperation.AUDIT_QUERY,
      purpose: Purpose.INFORMATION_GOVERNANCE,
      justification: "Information governance review of break-glass alerts.",
      childSuis: [],
      details: { list: "igAlerts", status, first: limit },
      outcome: AuditOutcome.DISCLOSED,
    },
    async () => {
      const query = dataSource.getRepository(IgAlert).createQueryBuilder("alert");
      if (status) query.andWhere("alert.status = :status", { status });
      const totalCount = await query.getCount();
      // Cursors carry milliseconds; PostgreSQL keeps microseconds: compare and order at the cursor's precision.
      const raised = "date_trunc('milliseconds', alert.raised_at)";
      if (after) query.andWhere(`(${raised}, alert.id) > (:raisedAt, :id)`, after);
      const rows = await query.orderBy(raised, "ASC").addOrderBy("alert.id", "ASC").take(limit + 1).getMany();
      const alerts = rows.slice(0, limit);
      return { result: { alerts, hasNextPage: rows.length > limit, totalCount }, childSuis: alerts.map((alert) => alert.childSui), details: { returned: alerts.length } };
    },
    now,
  );
}

/** An IG lead closes an alert with the outcome of the review; audited (IG_ALERT_CLOSED). */
export async function closeIgAlert(dataSource: DataSource, principal: Principal, requestId: string, policyVersion: string, id: string, outcome: IgAlertOutcome, note: string): Promise<IgAlert> {
  requireAlertReviewer(principal);
  if (note.trim().length < 10) throw new HubError(ErrorCode.INVALID_INPUT, "Record what the review found (at least 10 characters).", { path: "note" });
  const alerts = dataSource.getRepository(IgAlert);
  const alert = /^[0-9a-f-]{36}$/i.test(id) ? await alerts.findOneBy({ id }) : null;
  if (alert === null) throw new HubError(ErrorCode.NOT_FOUND, "No IG alert has this id.", { path: "id" });
  if (alert.status === IgAlertStatus.CLOSED) throw new HubError(ErrorCode.INVALID_INPUT, "This alert is already closed.", { path: "id" });
  // Nobody reviews their own emergency access, whatever roles they hold.
  if (alert.principalSub === principal.sub) throw new HubError(ErrorCode.FORBIDDEN, "You may not review your own break-glass access: ask another IG lead.", { path: "id" });
  // The review is on the trail before it takes effect.
  await recordDecision(dataSource, {
    requestId,
    principal,
    operation: AuditOperation.IG_ALERT_CLOSED,
    childSui: alert.childSui,
    policyVersion,
    details: { alertId: alert.id, outcome },
  });
  Object.assign(alert, { status: IgAlertStatus.CLOSED, outcome, reviewNote: note.trim(), closedBySub: principal.sub, closedAt: new Date() });
  return alerts.save(alert);
}
