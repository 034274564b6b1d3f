import { type Principal } from "../auth/Principal";
import { AuditOutcome } from "../audit/AuditOutcome";
import { type GovernanceServices } from "../audit/governanceAccess";
import { IgAlertKind, IgAlertOutcome, type IgAlert } from "../alerts/IgAlert";
import { type AccessContext } from "../policy/AccessContext";
import { openSuspectedBreach } from "./openSuspectedBreach";
import { BreachSource, type PersonalDataBreach } from "./PersonalDataBreach";

/** What each kind of alert was raised for, as a breach's description says it. */
const ALERT_KIND_IN_WORDS: Record<IgAlertKind, string> = {
  [IgAlertKind.BREAK_GLASS]: "break-glass access",
  [IgAlertKind.EXCLUDED_ACCESS]: "attempt on a file the caller is excluded from",
  [IgAlertKind.EXCLUDED_AGENCY]: "a notification not delivered to an agency excluded from the child",
};

/**
 * An alert closed as not justified (break-glass) or as misuse is a suspected breach, known of from the
 * review: its disclosures are the break-glass reads of the child by that caller in the alert's window.
 * A justified alert is none.
 */
export async function breachFromAlert(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, alert: IgAlert, now: Date): Promise<PersonalDataBreach | null> {
  const source = alert.outcome === IgAlertOutcome.BREACH_REPORTED ? BreachSource.ALERT_MISUSE
    : alert.outcome === IgAlertOutcome.NOT_JUSTIFIED && alert.kind === IgAlertKind.BREAK_GLASS ? BreachSource.BREAK_GLASS_NOT_JUSTIFIED : null;
  if (source === null) return null;
  const rows: { id: string }[] = alert.kind !== IgAlertKind.BREAK_GLASS ? [] : await services.dataSource.query(
    // From the disclosure that raised the alert (its entry is stamped when the request began, before the alert was raised) to the window's end.
    // Entries name the child by the SUI it holds now, if any; the one that raised the alert may predate it (a child then awaiting one).
    `SELECT id FROM disclosure_audit WHERE principal_sub = $1 AND (id = $4 OR child_suis @> ARRAY[$2::text]) AND break_glass AND outcome = $3
       AND occurred_at >= (SELECT occurred_at FROM disclosure_audit WHERE id = $4) AND occurred_at <= $5 ORDER BY occurred_at, id`,
    [alert.principalSub, alert.childSui, AuditOutcome.DISCLOSED, alert.firstDisclosureId, alert.windowEndsAt],
  );
  const what = ALERT_KIND_IN_WORDS[alert.kind];
  return openSuspectedBreach(services, principal, requestId, access, {
    source, sourceId: alert.id, description: `IG alert ${alert.id} (${what}) closed ${alert.outcome}: ${alert.reviewNote ?? ""}`.trim(),
    disclosureIds: rows.map((row) => row.id), childSuis: alert.childSui === null ? [] : [alert.childSui], awareAt: now,
  }, now);
}

/** A split whose wrong-link report shows content went out (or may have: entries before record-level detail) is a suspected breach, known of at the split. */
export async function breachFromWrongLink(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, report: { change: { id: string; decidedAt: Date }; childSui: string | null; disclosures: { disclosureId: string; carried: string }[] }, now: Date): Promise<PersonalDataBreach | null> {
  const carried = report.disclosures.filter((disclosure) => disclosure.carried !== "NOT_CARRIED").map((disclosure) => disclosure.disclosureId);
  if (carried.length === 0) return null;
  return openSuspectedBreach(services, principal, requestId, access, {
    source: BreachSource.WRONG_LINK, sourceId: report.change.id, description: `Records wrongly linked to a child went out before split ${report.change.id} undid the link.`,
    disclosureIds: carried, childSuis: report.childSui === null ? [] : [report.childSui], awareAt: report.change.decidedAt,
  }, now);
}
