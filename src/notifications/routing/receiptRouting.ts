import { type AgencyType } from "../../directory/AgencyType";
import { RoutingArea } from "./RoutingArea";
import { type RoutingDecision, unroutedOf } from "./routeNotification";

/** A recipient as the notifier's receipt names it: a directory entry and the rules that chose it. */
export interface ReceiptRecipient {
  agencyCode: string;
  agencyType: AgencyType;
  rules: string[];
}

/**
 * The areas whose targets routing takes from the hub's own records of the child, not from what the
 * notifier said — the authority holding its plan, the schools it is on the roll of — and what each
 * gives for a child the hub does not hold: a new child holds no plan (no decision at all) and is on no
 * school's roll (`AREA_UNKNOWN`, the rule's area not known).
 */
const HELD_AREAS: ReadonlyMap<RoutingArea, "NONE" | "AREA_UNKNOWN"> = new Map([
  [RoutingArea.PLAN_HOLDER, "NONE"],
  [RoutingArea.SCHOOL, "AREA_UNKNOWN"],
]);

/**
 * What the notifier's receipt says of routing (who was told, which duties reached no one), from the
 * routing as it stands and the recipients told. Routing and delivery are never changed by it: only what
 * the notifier learns.
 *
 * - A decision `concealed` (an agency told from its own SEALED record: the plan holder, the school) is
 *   never shown: the notifier must not learn that a restricted record exists. It is answered as its area
 *   is for a child the hub does not hold there (`HELD_AREAS`) — a pupil whose only school holds it under
 *   a sealed record reads as a pupil on no school's roll (`AREA_UNKNOWN`) — unless the rule also found
 *   an agency there that is shown (a school on whose open roll the pupil is too).
 * - A notifier `keptOut` of a child the notification is about (a standing exclusion of its agency, its
 *   team or the person: `excludes`) is answered as a stranger notifying of a child the hub does not hold
 *   would be: every decision in an area the hub's records of the child point to (`HELD_AREAS`) is
 *   answered as that area is for an unheld child, so the receipt tells nothing of the child's plans or
 *   schools. Areas the notification itself gives (a home authority, a release address) stand. Nor is
 *   it shown a duty an agency-wide exclusion stopped (`unroutedOf`): a stranger would not meet one.
 * - Otherwise each duty an agency-wide exclusion stopped is shown as not met (`unroutedOf`, EXCLUDED).
 */
export function receiptRouting(decisions: readonly RoutingDecision[], recipients: readonly ReceiptRecipient[], keptOut: boolean): { recipients: ReceiptRecipient[]; unrouted: RoutingDecision[] } {
  const answeredAsUnheld = (decision: RoutingDecision) => decision.concealed === true || (keptOut && HELD_AREAS.has(decision.area));
  const standing = decisions.filter((decision) => !answeredAsUnheld(decision));
  const shown: RoutingDecision[] = [];
  const answeredUnknown = new Set<string>();
  for (const decision of decisions) {
    if (!answeredAsUnheld(decision)) {
      shown.push(decision);
      continue;
    }
    if (HELD_AREAS.get(decision.area) !== "AREA_UNKNOWN" || answeredUnknown.has(decision.rule)) continue;
    if (standing.some((other) => other.rule === decision.rule && other.area === decision.area)) continue;
    answeredUnknown.add(decision.rule);
    shown.push({ rule: decision.rule, area: decision.area, localAuthority: null, outcome: "AREA_UNKNOWN", agencies: [] });
  }
  return {
    recipients: recipients.flatMap((recipient) => {
      const rules = recipient.rules.filter((rule) => shown.some((decision) => decision.rule === rule && decision.agencies.includes(recipient.agencyCode)));
      return rules.length === 0 ? [] : [{ agencyCode: recipient.agencyCode, agencyType: recipient.agencyType, rules }];
    }),
    unrouted: unroutedOf(shown, !keptOut),
  };
}
