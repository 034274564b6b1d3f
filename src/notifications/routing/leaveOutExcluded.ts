import { type AgencyKeptOut } from "../../exclusions/agenciesKeptOut";
import { type NotificationRouting, type RoutedRecipient } from "./routeNotification";

/** A recipient routing chose and an agency-wide exclusion left out, with the exclusions that did. */
export interface ExcludedRecipient {
  recipient: RoutedRecipient;
  keptOut: AgencyKeptOut[];
}

/**
 * Routing as it stands once agency-wide exclusions are applied (exclusions/, DOMAIN need-to-know): an
 * agency an AGENCY exclusion keeps out of any child the notification is about is not told at all —
 * no delivery is made to it, so nobody there is handed a notification about a child they are kept out
 * of, none goes unacknowledged for want of a reader, and none is escalated to its IG leads. Each
 * rule's decision records the agencies it left out (`excluded`), and a rule all of whose agencies were
 * left out has the outcome EXCLUDED, so the explanation of the routing stays whole.
 *
 * A notification about several children is withheld from the agency as a whole: its delivery names
 * every child it is about (`child_ids`), as the inbox and webhook judge it, and its content's common
 * sections (the prisoner, the offender, the household) are about each child at once. The duty towards
 * the other children is the exclusion's recorders' to meet another way: they are alerted.
 */
export function leaveOutExcluded(routing: NotificationRouting, keptOut: readonly AgencyKeptOut[]): { routing: NotificationRouting; excluded: ExcludedRecipient[] } {
  const out = new Set(keptOut.map((exclusion) => exclusion.agencyCode));
  if (out.size === 0) return { routing, excluded: [] };
  const decisions = routing.decisions.map((decision) => {
    const excluded = decision.agencies.filter((code) => out.has(code));
    if (excluded.length === 0) return decision;
    const agencies = decision.agencies.filter((code) => !out.has(code));
    return { ...decision, outcome: agencies.length > 0 ? decision.outcome : ("EXCLUDED" as const), agencies, excluded };
  });
  return {
    routing: { recipients: routing.recipients.filter((recipient) => !out.has(recipient.agencyCode)), decisions },
    excluded: routing.recipients.filter((recipient) => out.has(recipient.agencyCode))
      .map((recipient) => ({ recipient, keptOut: keptOut.filter((exclusion) => exclusion.agencyCode === recipient.agencyCode) })),
  };
}
