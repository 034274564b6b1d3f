import { type Principal } from "../auth/Principal";
import { ErrorCode, HubError } from "../errors/HubError";
import { auditedIgRead } from "../audit/auditedIgRead";
import { AuditAction } from "../audit/auditAccess";
import { AuditOutcome } from "../audit/AuditOutcome";
import { admitGovernanceRequest, recordGovernanceWork, refuseGovernanceRequest, type GovernanceServices } from "../audit/governanceAccess";
import { type AccessContext } from "../policy/AccessContext";
import { AuditOperation } from "../audit/AuditOperation";
import { aboutChildNotKeptOut, childrenKeptOut } from "../exclusions/childrenKeptOut";
import { IgAlert, IgAlertStatus, type IgAlertOutcome } from "./IgAlert";
import { igAlertReach } from "./igAlertReach";
import { alertReviewer, OWN_ALERT_RULE } from "./igAlertAccess";
import { breachFromAlert } from "../breaches/suspectedBreaches";

export interface IgAlertPage {
  alerts: IgAlert[];
  hasNextPage: boolean;
  totalCount: number;
}

/**
 * Alerts oldest first (the longest-waiting review first), a page at a time; IG leads only, and none
 * about a child the IG lead's exclusions keep them out of (by the child: awaiting an SUI or not). Each
 * alert shows the SUI its child holds now, or none while it awaits one. The list
 * carries children's SUIs and callers' justifications, so reading it is audited like any IG read, with
 * the IG lead's access context (INFORMATION_GOVERNANCE).
 */
export async function listIgAlerts(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, status: IgAlertStatus | null, limit: number, after: { raisedAt: Date; id: string } | null, now = new Date()): Promise<IgAlertPage> {
  const { dataSource } = services;
  return auditedIgRead(
    services,
    principal,
    requestId,
    access,
    {
      action: AuditAction.QUERY,
      operation: AuditOperation.AUDIT_QUERY,
      childSuis: [],
      details: { list: "igAlerts", status, first: limit },
      outcome: AuditOutcome.DISCLOSED,
    },
    async () => {
      const reach = igAlertReach(principal);
      const excluded = aboutChildNotKeptOut(await childrenKeptOut(dataSource, principal), "alert.child_id");
      const query = dataSource.getRepository(IgAlert).createQueryBuilder("alert").where(reach.condition, reach.parameters).andWhere(excluded.condition, excluded.parameters);
      if (status) query.andWhere("alert.status = :status", { status });
      const totalCount = await query.getCount();
      // Cursors carry milliseconds; PostgreSQL keeps microseconds: compare and order at the cursor's precision.
      const raised = "date_trunc('milliseconds', alert.raised_at)";
      if (after) query.andWhere(`(${raised}, alert.id) > (:raisedAt, :id)`, after);
      const rows = await query.orderBy(raised, "ASC").addOrderBy("alert.id", "ASC").take(limit + 1).getMany();
      const alerts = rows.slice(0, limit);
      return { result: { alerts, hasNextPage: rows.length > limit, totalCount }, childSuis: alerts.flatMap((alert) => (alert.childSui === null ? [] : [alert.childSui])), details: { returned: alerts.length } };
    },
    now,
  );
}

/**
 * An IG lead closes an alert with the outcome of the review (IG_ALERT_CLOSED). The answer is the
 * alert — the child's SUI and the practitioner's own justification — so the IG lead states an access
 * context (INFORMATION_GOVERNANCE) as for any read; anyone else is refused, and every refusal is on the
 * trail. The review is recorded before it takes effect.
 */
export async function closeIgAlert(
  services: GovernanceServices,
  principal: Principal,
  requestId: string,
  access: AccessContext,
  id: string,
  outcome: IgAlertOutcome,
  note: string,
  now = new Date(),
): Promise<IgAlert> {
  const request = await admitGovernanceRequest(
    services,
    { requestId, principal, operation: AuditOperation.IG_ALERT_CLOSED, access, childSuis: [], details: {} },
    alertReviewer(principal),
    now,
  );
  if (note.trim().length < 10) throw new HubError(ErrorCode.INVALID_INPUT, "Record what the review found (at least 10 characters).", { path: "note" });
  const alerts = services.dataSource.getRepository(IgAlert);
  // Another agency's alert about a child this IG lead does not answer for, or is kept out of, is to them no alert.
  const reach = igAlertReach(principal);
  const excluded = aboutChildNotKeptOut(await childrenKeptOut(services.dataSource, principal), "alert.child_id");
  const alert = /^[0-9a-f-]{36}$/i.test(id)
    ? await alerts.createQueryBuilder("alert").where("alert.id = :id", { id }).andWhere(reach.condition, reach.parameters).andWhere(excluded.condition, excluded.parameters).getOne()
    : null;
  if (alert === null) throw new HubError(ErrorCode.NOT_FOUND, "No IG alert has this id.", { path: "id" });
  if (alert.status === IgAlertStatus.CLOSED) throw new HubError(ErrorCode.INVALID_INPUT, "This alert is already closed.", { path: "id" });
  const reviewed = { ...request, childSuis: alert.childSui === null ? [] : [alert.childSui], details: { alertId: alert.id, outcome } };
  // Nobody reviews their own emergency access, whatever roles they hold.
  if (alert.principalSub === principal.sub) {
    await refuseGovernanceRequest(services, reviewed, { code: ErrorCode.FORBIDDEN, problem: "OWN_BREAK_GLASS", rule: OWN_ALERT_RULE }, now);
    throw new HubError(ErrorCode.FORBIDDEN, "You may not review your own break-glass access: ask another IG lead.", { path: "id" });
  }
  await recordGovernanceWork(services, { ...reviewed, details: { ...reviewed.details, note: note.trim() } }, AuditOutcome.RECORDED, now);
  Object.assign(alert, { status: IgAlertStatus.CLOSED, outcome, reviewNote: note.trim(), closedBySub: principal.sub, closedAt: now });
  const closed = await alerts.save(alert);
  // Not justified, or misuse: a suspected personal data breach, on the 72-hour clock from now (`breaches/`).
  await breachFromAlert(services, principal, requestId, access, closed, now);
  return closed;
}
