import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { BREAK_GLASS_WINDOW_MS } from "../alerts/raiseBreakGlassAlert";
import { IgAlertKind, IgAlertStatus } from "../alerts/IgAlert";
import { preparedStatement } from "../db/preparedStatement";

/**
 * Raises an IG alert (EXCLUDED_ACCESS) for each child an excluded caller just tried to read, or counts
 * the attempt against the caller's open alert for that child within the window, after the attempt's
 * audit entry (`disclosureId`) has committed. One statement, sent for every caller answered as a
 * stranger — with no children when nobody was excluded — so that the statements an excluded caller's
 * request costs are exactly those a stranger's cost (design §5: nothing about the answer tells them).
 * Prepared once per connection: a null answer sends it, and planning it each time cost more than running it.
 * The children are named by id (`IgAlert.childId`), so an attempt on a child awaiting an SUI is alerted too.
 */
export async function raiseExclusionAlerts(dataSource: DataSource, principal: Principal, excludedChildIds: readonly string[], disclosureId: string, justification: string, now: Date): Promise<void> {
  await preparedStatement(
    dataSource,
    "hub_exclusion_alerts_by_child",
    `WITH attempted AS (SELECT DISTINCT unnest($1::uuid[]) AS child_id),
     counted AS (
       UPDATE ig_alert a SET disclosure_count = a.disclosure_count + 1 FROM attempted t
        WHERE a.child_id = t.child_id AND a.kind = $7 AND a.principal_sub = $2 AND a.status = $8 AND a.window_ends_at > $6
        RETURNING a.child_id)
     INSERT INTO ig_alert (kind, child_id, principal_sub, principal_agency, first_disclosure_id, justification, raised_at, window_ends_at)
     SELECT $7, t.child_id, $2, $3, $4, $5, $6, $9 FROM attempted t WHERE t.child_id NOT IN (SELECT child_id FROM counted)`,
    [[...excludedChildIds], principal.sub, principal.agency, disclosureId, justification, now, IgAlertKind.EXCLUDED_ACCESS, IgAlertStatus.OPEN, new Date(now.getTime() + BREAK_GLASS_WINDOW_MS)],
  );
}
