import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { BREAK_GLASS_WINDOW_MS } from "../alerts/raiseBreakGlassAlert";
import { IgAlertKind, IgAlertStatus } from "../alerts/IgAlert";
import { preparedStatement } from "../db/preparedStatement";
import { type EntryCompanion, type EntryCompanionKind } from "../audit/EntryCompanion";

/**
 * The one rule for an excluded caller's attempt: an IG alert (EXCLUDED_ACCESS) for each child attempted,
 * or the attempts counted against the caller's open alert for that child within the window. Several
 * attempts by one caller on one child written together (a batch of entries) count as that many on one
 * alert, opened by the first of them in the batch (the rows' order).
 */
export const EXCLUDED_ACCESS_ALERTS: EntryCompanionKind = {
  name: "excluded_access",
  sql: (rows) => `
  excluded_access_attempt AS (
    SELECT a.principal_sub, a.child_id, count(DISTINCT a.disclosure_id)::int AS attempts,
      (array_agg(a.principal_agency ORDER BY a.n))[1] AS principal_agency, (array_agg(a.disclosure_id ORDER BY a.n))[1] AS first_disclosure_id,
      (array_agg(a.justification ORDER BY a.n))[1] AS justification, (array_agg(a.raised_at ORDER BY a.n))[1] AS raised_at,
      (array_agg(a.window_ends_at ORDER BY a.n))[1] AS window_ends_at
    FROM (SELECT e.n, r.* FROM jsonb_array_elements(${rows}) WITH ORDINALITY AS e(row, n),
            jsonb_to_record(e.row) AS r(child_id uuid, principal_sub text, principal_agency text, disclosure_id uuid, justification text, raised_at timestamptz, window_ends_at timestamptz)) a
    GROUP BY a.principal_sub, a.child_id),
  excluded_access_counted AS (
    UPDATE ig_alert g SET disclosure_count = g.disclosure_count + t.attempts FROM excluded_access_attempt t
     WHERE g.child_id = t.child_id AND g.kind = '${IgAlertKind.EXCLUDED_ACCESS}' AND g.principal_sub = t.principal_sub AND g.status = '${IgAlertStatus.OPEN}' AND g.window_ends_at > t.raised_at
     RETURNING g.child_id, g.principal_sub),
  excluded_access_raised AS (
    INSERT INTO ig_alert (kind, child_id, principal_sub, principal_agency, first_disclosure_id, disclosure_count, justification, raised_at, window_ends_at)
    SELECT '${IgAlertKind.EXCLUDED_ACCESS}', t.child_id, t.principal_sub, t.principal_agency, t.first_disclosure_id, t.attempts, t.justification, t.raised_at, t.window_ends_at
      FROM excluded_access_attempt t
     WHERE NOT EXISTS (SELECT 1 FROM excluded_access_counted c WHERE c.child_id = t.child_id AND c.principal_sub = t.principal_sub))`,
};

/**
 * The alerts an attempt raises, written with its audit entry (`audit/EntryCompanion`): in the statement
 * that inserts the entry, so they commit with it and cost no round trip. Given for every caller answered
 * as a stranger — with no children when nobody was excluded — so that an excluded caller's request
 * sends exactly the statements a stranger's does (design §5: nothing about the answer tells them).
 * The children are named by id (`IgAlert.childId`), so an attempt on a child awaiting an SUI is alerted too.
 */
export function exclusionAlerts(principal: Principal, excludedChildIds: readonly string[], justification: string, now: Date): EntryCompanion {
  return { kind: EXCLUDED_ACCESS_ALERTS, rows: alertRows(principal, excludedChildIds, justification, now) };
}

/**
 * The same alerts for an attempt whose audit entry (`disclosureId`) has already committed, as one
 * statement of its own (prepared once per connection, `db/preparedStatement`), sent with no children
 * when nobody was excluded, for the same reason.
 */
export async function raiseExclusionAlerts(dataSource: DataSource, principal: Principal, excludedChildIds: readonly string[], disclosureId: string, justification: string, now: Date): Promise<void> {
  const rows = alertRows(principal, excludedChildIds, justification, now).map((row) => ({ ...row, disclosure_id: disclosureId }));
  await preparedStatement(dataSource, "hub_exclusion_alerts_by_child", `WITH ${EXCLUDED_ACCESS_ALERTS.sql("$1::jsonb")} SELECT`, [JSON.stringify(rows)]);
}

function alertRows(principal: Principal, excludedChildIds: readonly string[], justification: string, now: Date): Record<string, unknown>[] {
  const windowEndsAt = new Date(now.getTime() + BREAK_GLASS_WINDOW_MS).toISOString();
  return [...new Set(excludedChildIds)].map((childId) => ({
    child_id: childId, principal_sub: principal.sub, principal_agency: principal.agency, justification, raised_at: now.toISOString(), window_ends_at: windowEndsAt,
  }));
}
