import { NotificationRecordType } from "../../policy/notificationFields";
import { type ChildIdentitySubmission } from "../../records/AgencyRecordSubmission";
import { type OwnSealedRecord } from "../routing/routeNotification";
import { type ContentEntry, type ContentSection } from "./NotificationContent";

/**
 * The child a notification is about (`NOTIFIED_CHILD`), as the notifying agency identified them and the
 * hub linked them: SUI, names, date of birth (or expected date) and home authority — the authority
 * carrying its address's labels, so what is derived from a protected address goes only where its label
 * allows.
 */
export function notifiedChildSection(child: ChildIdentitySubmission, sui: string | null): ContentSection {
  return { key: "child", recordType: NotificationRecordType.NOTIFIED_CHILD, many: false, entries: [notifiedChild(child, sui)] };
}

/**
 * The child as an agency's own SEALED record holds them (design principle 8): its reference for the
 * record and the identity that record reported (the SUI only when the record was linked by it) — what
 * an agency that knows the child only by that record is told, instead of the child as the notifier named
 * them (`decideRecipientView`).
 */
export function childInOwnRecord(record: OwnSealedRecord): ContentEntry {
  const entry = notifiedChild(record.identity, record.sui);
  return { ...entry, values: { agencyReference: record.agencyReference, ...entry.values } };
}

function notifiedChild(child: ChildIdentitySubmission, sui: string | null): ContentEntry {
  return {
    values: {
      sui, givenNames: child.givenNames, familyName: child.familyName, dateOfBirth: child.dateOfBirth ?? null,
      expectedDateOfBirth: child.expectedDateOfBirth ?? null, homeLocalAuthority: child.address?.localAuthority ?? null,
    },
    valueLabels: { homeLocalAuthority: [...(child.address?.labels ?? [])] },
  };
}

/** An address as a notification's content carries it (its labels go beside it, in `valueLabels`). */
export function addressValue(address: { line1: string; line2?: string | null; town?: string | null; postcode?: string | null; localAuthority?: string | null } | null | undefined): Record<string, unknown> | null {
  return address ? { line1: address.line1, line2: address.line2 ?? null, town: address.town ?? null, postcode: address.postcode ?? null, localAuthority: address.localAuthority ?? "" } : null;
}
