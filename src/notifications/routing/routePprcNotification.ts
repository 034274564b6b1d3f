import { NotificationType } from "../NotificationType";
import { type PprcEvent } from "../PprcEvent";
import { type NotificationRoutingRule } from "./NotificationRoutingRule";
import { type RecipientLookup } from "./recipientAgencies";
import { isUnder18, routeNotification, type NotificationRouting, type RoutingFacts } from "./routeNotification";
import { RoutingArea, SubjectAge } from "./RoutingArea";

/** What routing reads of a PPRC notification: the event, the prisoner's age and the areas involved. */
export interface PprcRoutingFacts {
  event: PprcEvent;
  /** YYYY-MM-DD: the prisoner's age is taken on this day. */
  eventDate: string;
  prisonerDateOfBirth: string;
  prisonerHomeLocalAuthority: string | null;
  releaseLocalAuthority: string | null;
  /** Each identified child's home local authority, in the order given; null where not known. */
  childHomeLocalAuthorities: readonly (string | null)[];
}

/**
 * A PPRC event's routing facts: the prisoner's age on the day (probation for an adult, the YOT under
 * 18), the prisoner's home area, each identified child's home area and, for a release, the release
 * address's area. A PPRC notification always names the prisoner's home and the release area, known or
 * not (unknown is recorded as such); a release area only where the event has one.
 */
export function pprcRoutingFacts(facts: PprcRoutingFacts): RoutingFacts {
  return {
    notificationType: NotificationType.PPRC,
    event: facts.event,
    subjectAge: isUnder18(facts.prisonerDateOfBirth, facts.eventDate) ? SubjectAge.UNDER_18 : SubjectAge.ADULT,
    targets: {
      [RoutingArea.PRISONER_HOME]: [{ localAuthority: facts.prisonerHomeLocalAuthority }],
      [RoutingArea.CHILD_HOME]: facts.childHomeLocalAuthorities.map((localAuthority) => ({ localAuthority })),
      [RoutingArea.RELEASE_ADDRESS]: [{ localAuthority: facts.releaseLocalAuthority }],
    },
  };
}

/** Who must be told of a PPRC event (DOMAIN.md "Who must tell whom"): `routeNotification` on its facts. */
export function routePprcNotification(rules: readonly NotificationRoutingRule[], facts: PprcRoutingFacts, lookup: RecipientLookup): Promise<NotificationRouting> {
  return routeNotification(rules, pprcRoutingFacts(facts), lookup);
}
