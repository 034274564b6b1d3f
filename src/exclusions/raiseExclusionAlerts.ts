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
 */
export async function raiseExclusionAlerts(dataSource: DataSource, principal: Principal, excludedSuis: readonly string[], disclosureId: string, justification: string, now: Date): Promise<void> {
  await preparedStatement(
    dataSource,
    "hub_exclusion_alerts",
    `WITH attempted AS (SELECT DISTINCT unnest($1::text[]) AS sui),
     counted AS (
       UPDATE ig_alert a SET disclosure_count = a.disclosure_count + 1 FROM attempted t
        WHERE a.child_sui = t.sui AND a.kind = $7 AND a.principal_sub = $2 AND a.status = $8 AND a.window_ends_at > $6
        RETURNING a.child_sui)
     INSERT INTO ig_alert (kind, child_sui, principal_sub, principal_agency, first_disclosure_id, justification, raised_at, window_ends_at)
     SELECT $7, t.sui, $2, $3, $4, $5, $6, $9 FROM attempted t WHERE t.sui NOT IN (SELECT child_sui FROM counted)`,
    [[...excludedSuis], principal.sub, principal.agency, disclosureId, justification, now, IgAlertKind.EXCLUDED_ACCESS, IgAlertStatus.OPEN, new Date(now.getTime() + BREAK_GLASS_WINDOW_MS)],
  );
}
