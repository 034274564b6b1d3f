import { type Principal } from "../auth/Principal";
import { addAdultAlias } from "../people/addAdultAlias";
import { AdultName } from "../people/AdultName";
import { pprcContent } from "./content/pprcContent";
import { type NotificationReceipt } from "./NotificationReceipt";
import { type NotificationServices } from "./NotificationServices";
import { NotificationType } from "./NotificationType";
import { PprcEvent } from "./PprcEvent";
import { type PprcNotificationSubmission } from "./PprcNotificationSubmission";
import { recordPprcFacts, type PprcFacts } from "./recordPprcFacts";
import { pprcRoutingFacts } from "./routing/routePprcNotification";
import { type RoutedEvent } from "./submission/RoutedEvent";
import { submitNotification } from "./submission/submitNotification";
import { validatePprcNotification } from "./validatePprcNotification";

export type { NotificationServices } from "./NotificationServices";

/**
 * A prison's PPRC notification as a routed event (DOMAIN.md "Who must tell whom", scenarios 1 and 2):
 * the prison's record of the PPRC and each child stored as any record is — children linked by SUI or
 * matched, the prisoner matched to the adult the hub holds (`recordPprcFacts`); the content as the
 * prison reported it, with the prisoner's other names the prison gave (`content/pprcContent`); routed
 * by the prisoner's home area, each child's and the release area, and the prisoner's age; a request to
 * change name an ALIAS of the same person, in the transaction that writes the notification.
 */
export const PPRC_NOTIFICATION: RoutedEvent<PprcNotificationSubmission, PprcFacts> = {
  type: NotificationType.PPRC,
  label: "a PPRC notification",
  validate: (notification, now) => validatePprcNotification(notification, now),
  eventOf: (notification) => notification.event,
  recordFacts: ({ dataSource }, principal, notification, now) => recordPprcFacts(dataSource, principal, notification, now),
  async content({ dataSource }, notification, facts) {
    const names = await dataSource.getRepository(AdultName).find({ where: { adult: { id: facts.adultId } } });
    return pprcContent(notification, facts.childSuis, names);
  },
  routingFacts: (_services, notification) => pprcRoutingFacts({
    event: notification.event,
    eventDate: notification.eventDate,
    prisonerDateOfBirth: notification.prisoner.dateOfBirth,
    prisonerHomeLocalAuthority: notification.prisoner.homeLocalAuthority ?? null,
    releaseLocalAuthority: notification.release?.address.localAuthority ?? null,
    childHomeLocalAuthorities: (notification.childrenAtRisk ?? []).map((child) => child.address?.localAuthority ?? null),
  }),
  async alsoInTransaction(manager, notification, facts) {
    if (notification.event === PprcEvent.NAME_CHANGE_REQUEST && notification.requestedName) {
      await addAdultAlias(manager, facts.adultId, notification.requestedName, notification.agencyCode);
    }
  },
};

/** A prison notifies a PPRC event: `submitNotification` with the PPRC definition. */
export function submitPprcNotification(services: NotificationServices, principal: Principal, requestId: string, notification: PprcNotificationSubmission, now = new Date()): Promise<NotificationReceipt> {
  return submitNotification(services, PPRC_NOTIFICATION, principal, requestId, notification, now);
}
