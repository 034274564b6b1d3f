import { type Principal } from "../../auth/Principal";
import { Agency } from "../../directory/Agency";
import { NotificationRecordType } from "../../policy/notificationFields";
import { SocialCareStatus } from "../../records/details/SocialCareRecord";
import { londonDateOf } from "../../timescales/londonTime";
import { notifiedChildSection } from "../content/notifiedChildSection";
import { type NotificationReceipt } from "../NotificationReceipt";
import { type NotificationServices } from "../NotificationServices";
import { NotificationType } from "../NotificationType";
import { RoutingArea } from "../routing/RoutingArea";
import { checkChildOnDay, checkPastDate, checkReference, checkText, invalid, NotificationProblem } from "../submission/NotificationProblem";
import { type NotificationFacts, type RoutedEvent } from "../submission/RoutedEvent";
import { assertChildrenHeld, storeNotifiedRecords } from "../submission/storeNotifiedRecords";
import { submitNotification } from "../submission/submitNotification";
import { MEMBER_OF_PUBLIC, type MashReferralTransferSubmission } from "./MashReferralTransferSubmission";

interface TransferFacts extends NotificationFacts {
  childSui: string | null;
}

const REFERRAL_TRANSFERRED = "REFERRAL_TRANSFERRED";

/** Everything about the transfer that can be refused before the hub touches what it holds. */
function validate(notification: MashReferralTransferSubmission, now: Date): void {
  checkReference(notification.reference, "notification.reference");
  checkPastDate(notification.receivedOn, "notification.receivedOn", now);
  checkText(notification.concern, "notification.concern", "the concern as referred");
  if (notification.referrerType === MEMBER_OF_PUBLIC && notification.referrerContact) {
    throw invalid("notification.referrerContact", NotificationProblem.NOT_FOR_THIS_EVENT, "A member of the public's identity is not passed on: the receiving MASH asks yours.");
  }
  // A referral may be about an unborn child (a pre-birth referral): an expected date of birth stands.
  checkChildOnDay(notification.child, "notification.child", notification.receivedOn, "a referral", { unbornAllowed: true });
  if (!notification.child.address?.localAuthority) {
    throw invalid("notification.child.address.localAuthority", NotificationProblem.AREA_REQUIRED, "Give the child's home address with its local authority (ONS code): that authority's MASH is passed the referral.");
  }
}

/**
 * A MASH passes a referral about a child living elsewhere to that authority's MASH, as a routed event
 * (DOMAIN.md "Who must tell whom", MASH): the authority's system, or its MASH practitioners, social
 * workers and managers for a child its records hold under the referral's reference, tell the hub; the
 * sending authority's record of the referral is stored through the record path (closed the day it is
 * passed on: it researches the child only while its own referral is open), and the children's social
 * care serving the child's home (`CHILD_HOME`) is told, to decide it within REFERRAL_DECISION (`due`).
 * A child living in an area the sending authority serves is its own referral (`SAME_AUTHORITY`).
 */
export const MASH_REFERRAL_TRANSFER: RoutedEvent<MashReferralTransferSubmission, TransferFacts> = {
  type: NotificationType.MASH_REFERRAL_TRANSFER,
  label: "a referral passed to another authority's MASH",
  validate,
  eventOf: () => REFERRAL_TRANSFERRED,
  async recordFacts({ dataSource }, principal, notification, now) {
    const sending = await dataSource.getRepository(Agency).findOneByOrFail({ code: notification.agencyCode });
    const home = notification.child.address?.localAuthority ?? "";
    if (sending.servedLocalAuthorities.includes(home)) {
      throw invalid("notification.child.address.localAuthority", NotificationProblem.SAME_AUTHORITY, "The child lives in an area your authority serves: the referral is yours to decide.");
    }
    await assertChildrenHeld(dataSource, principal, notification.agencyCode, [{ reference: notification.reference, sui: notification.child.sui, path: "notification.child" }],
      NotificationProblem.CHILD_NOT_HELD_BY_AGENCY, "A practitioner may name only a child your authority's records already hold, by the referral's reference and the child's SUI; your authority's system reports any other.");
    const [stored] = await storeNotifiedRecords(dataSource, principal, [{
      path: "notification",
      submission: {
        agencyCode: notification.agencyCode, agencyReference: notification.reference, child: notification.child,
        socialCare: { status: SocialCareStatus.REFERRAL, startDate: notification.receivedOn, endDate: londonDateOf(now), responsibleLocalAuthority: home },
      },
    }], now);
    return { adultId: null, recordIds: [stored.recordId], childSui: stored.childSui };
  },
  content(_services, notification, facts) {
    return Promise.resolve({
      sections: [
        notifiedChildSection(notification.child, facts.childSui),
        {
          key: "mashReferral", recordType: NotificationRecordType.MASH_REFERRAL_TRANSFER, many: false,
          entries: [{
            values: {
              receivedOn: notification.receivedOn, sendingAuthority: notification.agencyCode, referrerAgencyType: notification.referrerType,
              referrerContact: notification.referrerContact ?? null, concernCategory: notification.concernCategory, concern: notification.concern,
              sendingMashContact: notification.sendingMashContact ?? null,
            },
          }],
        },
      ],
    });
  },
  routingFacts: (_services, notification) => ({
    notificationType: NotificationType.MASH_REFERRAL_TRANSFER, event: REFERRAL_TRANSFERRED, subjectAge: null,
    targets: { [RoutingArea.CHILD_HOME]: [{ localAuthority: notification.child.address?.localAuthority ?? null }] },
  }),
};

/** A MASH passes a referral about a child living elsewhere to that authority's MASH: `submitNotification` with this definition. */
export function submitMashReferralTransfer(services: NotificationServices, principal: Principal, requestId: string, notification: MashReferralTransferSubmission, now = new Date()): Promise<NotificationReceipt> {
  return submitNotification(services, MASH_REFERRAL_TRANSFER, principal, requestId, notification, now);
}
