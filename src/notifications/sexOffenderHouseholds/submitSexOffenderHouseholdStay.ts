import { type Principal } from "../../auth/Principal";
import { NotificationRecordType } from "../../policy/notificationFields";
import { ChildRoleInIncident, PoliceIncidentType } from "../../records/details/PoliceRecord";
import { addressValue, notifiedChildSection } from "../content/notifiedChildSection";
import { type NotificationReceipt } from "../NotificationReceipt";
import { type NotificationServices } from "../NotificationServices";
import { NotificationType } from "../NotificationType";
import { RoutingArea } from "../routing/RoutingArea";
import { heldAdult } from "../submission/heldAdult";
import { checkChildOnDay, checkOffenderBirthDate, checkPastDate, checkReference, checkText, invalid, NotificationProblem } from "../submission/NotificationProblem";
import { type NotificationFacts, type RoutedEvent } from "../submission/RoutedEvent";
import { storeNotifiedRecords } from "../submission/storeNotifiedRecords";
import { submitNotification } from "../submission/submitNotification";
import { type SexOffenderHouseholdStaySubmission } from "./SexOffenderHouseholdStaySubmission";

interface StayFacts extends NotificationFacts {
  childSui: string | null;
}

const HOUSEHOLD_STAY = "HOUSEHOLD_STAY";
/** What the notice says of the adult: criminal-offence data (UK GDPR Art 10). */
const REGISTERED_SEX_OFFENDER = "REGISTERED_SEX_OFFENDER";

/** Everything about the notice that can be refused before the hub touches what it holds. */
function validate(notification: SexOffenderHouseholdStaySubmission, now: Date): void {
  checkReference(notification.reference, "notification.reference");
  checkPastDate(notification.notifiedOn, "notification.notifiedOn", now);
  checkPastDate(notification.stayStartedOn, "notification.stayStartedOn", now);
  const { offender } = notification;
  checkReference(offender.reference, "notification.offender.reference");
  checkText(offender.givenNames, "notification.offender.givenNames", "the offender's given names");
  checkText(offender.familyName, "notification.offender.familyName", "the offender's family name");
  checkOffenderBirthDate(offender.dateOfBirth, "notification.offender.dateOfBirth", now);
  checkChildOnDay(notification.child, "notification.child", notification.stayStartedOn, "a household stay notice", now);
  if (!notification.child.address?.localAuthority) {
    throw invalid("notification.child.address.localAuthority", NotificationProblem.AREA_REQUIRED, "Give the household's address with its local authority (ONS code): that authority's children's social care is told.");
  }
}

/**
 * A registered sex offender's stay of 12 hours or more in a household where a child lives, as a routed
 * event (DOMAIN.md "Who must tell whom", police): a force's system tells the hub, one notification per
 * child; it is stored as the force's police record of the child (`SEX_OFFENDER_HOUSEHOLD_NOTIFICATION`,
 * the child a person at risk, the offender a related adult posing a risk to the child, matched to the
 * adult the hub holds), and children's social care of the household's authority (`CHILD_HOME`) is told.
 * It reads the child, who the offender is and that they are a registered sex offender (criminal-offence
 * data, under the Sch.1 para 18 safeguarding condition), the stay, the household's address (as its
 * labels allow) and whom to contact at the force — never the PNC id or intelligence.
 */
export const SEX_OFFENDER_HOUSEHOLD_STAY: RoutedEvent<SexOffenderHouseholdStaySubmission, StayFacts> = {
  type: NotificationType.SEX_OFFENDER_HOUSEHOLD_STAY,
  label: "a registered sex offender's household stay",
  validate,
  eventOf: () => HOUSEHOLD_STAY,
  async recordFacts({ dataSource }, principal, notification, now) {
    const { offender } = notification;
    const [stored] = await storeNotifiedRecords(dataSource, principal, [{
      path: "notification",
      submission: {
        agencyCode: notification.agencyCode, agencyReference: notification.reference, child: notification.child,
        relatedAdults: [{
          reference: offender.reference, givenNames: offender.givenNames, familyName: offender.familyName, dateOfBirth: offender.dateOfBirth, sex: offender.sex,
          relationship: notification.relationshipToChild, posesRiskToChild: true, homeLocalAuthority: notification.child.address?.localAuthority ?? null,
          postcode: notification.child.address?.postcode ?? null, pncId: offender.pncId ?? null,
        }],
        police: {
          incidentType: PoliceIncidentType.SEX_OFFENDER_HOUSEHOLD_NOTIFICATION, childRole: ChildRoleInIncident.PERSON_AT_RISK, occurredOn: notification.stayStartedOn,
          reportedOn: notification.notifiedOn, crimeReference: null, summary: null, intelligence: notification.intelligence ?? null,
          officerName: notification.officerName ?? null, officerContact: notification.officerContact ?? null, activeInvestigation: false,
        },
      },
    }], now);
    return { adultId: await heldAdult(dataSource, notification.agencyCode, offender.reference), recordIds: [stored.recordId], childSui: stored.childSui };
  },
  content(_services, notification, facts) {
    const { offender, child } = notification;
    return Promise.resolve({
      sections: [
        notifiedChildSection(child, facts.childSui),
        {
          key: "householdStay", recordType: NotificationRecordType.SEX_OFFENDER_HOUSEHOLD_STAY, many: false,
          entries: [{
            values: {
              offenderStatus: REGISTERED_SEX_OFFENDER, offenderGivenNames: offender.givenNames, offenderFamilyName: offender.familyName, offenderDateOfBirth: offender.dateOfBirth,
              relationshipToChild: notification.relationshipToChild, stayStartedOn: notification.stayStartedOn,
              notifiedOn: notification.notifiedOn, householdAddress: addressValue(child.address), intelligence: notification.intelligence ?? null,
              officerName: notification.officerName ?? null, officerContact: notification.officerContact ?? null,
            },
            // The household is the child's home: a refuge's address goes only where its label allows.
            valueLabels: { householdAddress: [...(child.address?.labels ?? [])] },
          }],
        },
      ],
    });
  },
  routingFacts: (_services, notification) => ({
    notificationType: NotificationType.SEX_OFFENDER_HOUSEHOLD_STAY, event: HOUSEHOLD_STAY, subjectAge: null,
    targets: { [RoutingArea.CHILD_HOME]: [{ localAuthority: notification.child.address?.localAuthority ?? null }] },
  }),
};

/** A force's system tells children's social care of a registered sex offender's stay in a child's household: `submitNotification` with this definition. */
export function submitSexOffenderHouseholdStay(services: NotificationServices, principal: Principal, requestId: string, notification: SexOffenderHouseholdStaySubmission, now = new Date()): Promise<NotificationReceipt> {
  return submitNotification(services, SEX_OFFENDER_HOUSEHOLD_STAY, principal, requestId, notification, now);
}
