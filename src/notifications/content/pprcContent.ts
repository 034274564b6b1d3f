import { type AdultName } from "../../people/AdultName";
import { type SensitivityLabel } from "../../records/SensitivityLabel";
import { NameKind } from "../../people/NameKind";
import { type PprcNotificationSubmission } from "../PprcNotificationSubmission";
import { type ChildAtRiskFields, type PersonName, type PprcNotificationFields } from "./NotificationView";

/** Everything a PPRC notification could tell anyone, before any recipient's view is decided. */
export interface PprcContent {
  pprc: PprcNotificationFields;
  childrenAtRisk: ChildAtRiskFields[];
  /**
   * For each child, in order, the labels a field carries from what the prison reported beside the
   * field's own: the home local authority carries its address's labels (a LOCATION_WITHHELD refuge or
   * placement), so what is derived from a protected address goes only where its label allows (design
   * principle 8).
   */
  childFieldLabels: Partial<Record<keyof ChildAtRiskFields, SensitivityLabel[]>>[];
}

/**
 * The notification's full content: what the prison reported, the children as the hub linked them (the
 * SUI of a child the prison's record is linked to), and the prisoner's other names as the prison itself
 * reported them (a name reaches a reader only through the agency that gave it).
 */
export function pprcContent(notification: PprcNotificationSubmission, childSuis: readonly (string | null)[], prisonNames: readonly AdultName[]): PprcContent {
  const { prisoner } = notification;
  const aliases: PersonName[] = prisonNames
    .filter((name) => name.reportedBy === notification.agencyCode && name.kind !== NameKind.USUAL)
    .filter((name) => name.givenNames !== prisoner.givenNames.trim() || name.familyName !== prisoner.familyName.trim())
    .map(({ givenNames, familyName }) => ({ givenNames, familyName }));
  const address = notification.release?.address;
  return {
    pprc: {
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
    },
    childrenAtRisk: (notification.childrenAtRisk ?? []).map((child, index) => ({
      sui: childSuis[index] ?? null,
      givenNames: child.givenNames,
      familyName: child.familyName,
      dateOfBirth: child.dateOfBirth ?? null,
      homeLocalAuthority: child.address?.localAuthority ?? null,
      relationshipToPrisoner: child.relationshipToPrisoner,
    })),
    childFieldLabels: (notification.childrenAtRisk ?? []).map((child) => ({ homeLocalAuthority: [...(child.address?.labels ?? [])] })),
  };
}
