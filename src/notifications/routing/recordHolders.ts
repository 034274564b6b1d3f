import { RESTRICTING_LABELS } from "../../records/restrictedRecord";
import { SensitivityLabel } from "../../records/SensitivityLabel";
import { type OwnSealedRecord, type RoutingTarget } from "./routeNotification";

/**
 * An agency the hub's own records name as the one to tell of a child — the authority holding its plan,
 * the school it is on the roll of — and whether every record of it that does so is the agency's own
 * SEALED record; with its record (its reference, the child as it reported them, the SUI when it linked
 * the record by it), the one a sealed holder is told of the child by.
 */
export interface RecordHolder extends OwnSealedRecord {
  agencyCode: string;
  sealed: boolean;
}

/** The labels under which a record held never routes a notification, not even to its own agency: a brokered record signals only that an agency is involved. */
export const NEVER_ROUTING_LABELS: readonly SensitivityLabel[] = RESTRICTING_LABELS.filter((label) => label !== SensitivityLabel.SEALED);

/** The label under which a record routes to its own agency alone, the decision concealed. */
export const OWN_AGENCY_ONLY_LABELS: readonly SensitivityLabel[] = [SensitivityLabel.SEALED];

/**
 * Each agency holding a record that points routing to it, once, as a target named by its record. A
 * restricted record contributes nothing outside itself (design principle 8): routed through it, the
 * notifier's receipt would name the school or the authority of a child with a new identity. But a
 * SEALED record is visible to its own agency, and the duty is to tell the agency that holds the child
 * (the plan holder, the school): that agency is told, the decision `concealed` so that no receipt shows
 * it (`receiptRouting` answers it as for a child the hub does not hold there), and told of the child in
 * its sealed record's terms alone (the first of them, in the holders' order): the notifier names the
 * child as it knows them — perhaps the identity the seal keeps apart — and beside the agency's own
 * pupil or plan that would link the two (`decideRecipientView`). An agency that also holds the child
 * under an unrestricted record is named as usual. A brokered record never routes (the query leaves it
 * out: `NEVER_ROUTING_LABELS`).
 */
export function recordHolderTargets(holders: readonly RecordHolder[]): RoutingTarget[] {
  const codes = [...new Set(holders.map((holder) => holder.agencyCode))];
  return codes.map((agencyCode) => {
    const held = holders.filter((holder) => holder.agencyCode === agencyCode);
    if (held.some((holder) => !holder.sealed)) return { agencyCode };
    const [{ agencyReference, identity, sui }] = held;
    return { agencyCode, concealed: { agencyReference, identity, sui } };
  });
}
