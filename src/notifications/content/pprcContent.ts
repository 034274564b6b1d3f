import { type AdultName } from "../../people/AdultName";
import { NameKind } from "../../people/NameKind";
import { NotificationRecordType } from "../../policy/notificationFields";
import { type PprcNotificationSubmission } from "../PprcNotificationSubmission";
import { RoutingArea } from "../routing/RoutingArea";
import { type NotificationContent } from "./NotificationContent";
import { type ChildAtRiskFields, type PersonName, type PprcNotificationFields } from "./NotificationView";

/**
 * The notification's full content: what the prison reported (`pprc`, a PPRC_NOTIFICATION), the children
 * as the hub linked them (`childrenAtRisk`, each a CHILD_AT_RISK: the SUI of a child the prison's record
 * is linked to), and the prisoner's other names as the prison itself reported them (a name reaches a
 * reader only through the agency that gave it; one it gave only in a restricted record, never). A child's home local authority carries its address's
 * labels (a LOCATION_WITHHELD refuge or placement), so what is derived from a protected address goes
 * only where its label allows (design principle 8).
 */
export function pprcContent(notification: PprcNotificationSubmission, childSuis: readonly (string | null)[], prisonNames: readonly AdultName[]): NotificationContent {
  const { prisoner } = notification;
  const aliases: PersonName[] = prisonNames
    // Never a name the prison reported only in a sealed or brokered record: a notification is no restricted record.
    .filter((name) => name.reportedBy === notification.agencyCode && name.kind !== NameKind.USUAL && !name.restricted)
    .filter((name) => name.givenNames !== prisoner.givenNames.trim() || name.familyName !== prisoner.familyName.trim())
    .map(({ givenNames, familyName }) => ({ givenNames, familyName }));
  const address = notification.release?.address;
  const pprc: PprcNotificationFields = {
    event: notification.event,
    eventDate: notification.eventDate,
    establishment: notification.establishment,
    destinationEstablishment: notification.destinationEstablishment ?? null,
    returnDate: notification.returnDate ?? null,
    pprcStatus: notification.pprcStatus,
    mappaCategory: notification.mappa?.category ?? null,
    mappaLevel: notification.mappa?.level ?? null,
    prisonerGivenNames: prisoner.givenNames,
    prisonerFamilyName: prisoner.familyName,
    prisonerAliases: aliases,
    prisonerDateOfBirth: prisoner.dateOfBirth,
    prisonNumber: prisoner.prisonNumber.toUpperCase(),
    prisonerHomeLocalAuthority: prisoner.homeLocalAuthority ?? null,
    releaseDate: notification.release?.date ?? null,
    releaseAddress: address ? { line1: address.line1, line2: address.line2 ?? null, town: address.town ?? null, postcode: address.postcode ?? null, localAuthority: address.localAuthority ?? "" } : null,
    requestedName: notification.requestedName ? { givenNames: notification.requestedName.givenNames, familyName: notification.requestedName.familyName } : null,
    offenderManagementUnitContact: notification.offenderManagementUnitContact ?? null,
  };
  return {
    sections: [
      { key: "pprc", recordType: NotificationRecordType.PPRC_NOTIFICATION, many: false, entries: [{ values: { ...pprc } }] },
      {
        key: "childrenAtRisk", recordType: NotificationRecordType.CHILD_AT_RISK, many: true,
        entries: (notification.childrenAtRisk ?? []).map((child, index) => {
          const values: ChildAtRiskFields = {
            sui: childSuis[index] ?? null,
            givenNames: child.givenNames,
            familyName: child.familyName,
            dateOfBirth: child.dateOfBirth ?? null,
            homeLocalAuthority: child.address?.localAuthority ?? null,
            relationshipToPrisoner: child.relationshipToPrisoner,
          };
          return {
            values: { ...values }, valueLabels: { homeLocalAuthority: [...(child.address?.labels ?? [])] },
            // Its home authority is told of this child (CHILD_HOME); another child's is not.
            about: { area: RoutingArea.CHILD_HOME, localAuthority: child.address?.localAuthority ?? null },
          };
        }),
      },
    ],
  };
}
