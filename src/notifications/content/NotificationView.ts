/**
 * What a recipient receives of a notification: only the fields its view was decided to hold, by the
 * content's sections (`NotificationContent`). A field the recipient may not see is absent (it reads
 * null), and listed in the delivery's redactions.
 */
export interface NotificationView {
  pprc?: Partial<PprcNotificationFields>;
  childrenAtRisk?: Partial<ChildAtRiskFields>[];
  escalation?: EscalationFields;
  [section: string]: object | undefined;
}

export interface PersonName {
  givenNames: string;
  familyName: string;
}

export interface AddressFields {
  line1: string;
  line2: string | null;
  town: string | null;
  postcode: string | null;
  localAuthority: string;
}

/** Every field of `PPRC_NOTIFICATION` (policy/notificationFields.ts), as the content holds it before any decision. */
export interface PprcNotificationFields {
  event: string;
  eventDate: string;
  establishment: string;
  destinationEstablishment: string | null;
  returnDate: string | null;
  pprcStatus: string;
  mappaCategory: number | null;
  mappaLevel: number | null;
  prisonerGivenNames: string;
  prisonerFamilyName: string;
  prisonerAliases: PersonName[];
  prisonerDateOfBirth: string;
  prisonNumber: string;
  prisonerHomeLocalAuthority: string | null;
  releaseDate: string | null;
  releaseAddress: AddressFields | null;
  requestedName: PersonName | null;
  offenderManagementUnitContact: string | null;
}

/** Every field of `CHILD_AT_RISK`. */
export interface ChildAtRiskFields {
  sui: string | null;
  givenNames: string;
  familyName: string;
  dateOfBirth: string | null;
  homeLocalAuthority: string | null;
  relationshipToPrisoner: string;
}

/** What an escalation says: which delivery went unacknowledged, never its content. */
export interface EscalationFields {
  deliveryId: string;
  notificationId: string;
  notificationType: string;
  event: string | null;
  deliveredAt: string;
  acknowledgeBy: string;
  routingRules: string[];
}
