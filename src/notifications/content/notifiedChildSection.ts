import { NotificationRecordType } from "../../policy/notificationFields";
import { type ChildIdentitySubmission } from "../../records/AgencyRecordSubmission";
import { type ContentSection } from "./NotificationContent";

/**
 * The child a notification is about (`NOTIFIED_CHILD`), as the notifying agency identified them and the
 * hub linked them: SUI, names, date of birth (or expected date) and home authority — the authority
 * carrying its address's labels, so what is derived from a protected address goes only where its label
 * allows.
 */
export function notifiedChildSection(child: ChildIdentitySubmission, sui: string | null): ContentSection {
  return {
    key: "child", recordType: NotificationRecordType.NOTIFIED_CHILD, many: false,
    entries: [{
      values: {
        sui, givenNames: child.givenNames, familyName: child.familyName, dateOfBirth: child.dateOfBirth ?? null,
        expectedDateOfBirth: child.expectedDateOfBirth ?? null, homeLocalAuthority: child.address?.localAuthority ?? null,
      },
      valueLabels: { homeLocalAuthority: [...(child.address?.labels ?? [])] },
    }],
  };
}

/** An address as a notification's content carries it (its labels go beside it, in `valueLabels`). */
export function addressValue(address: { line1: string; line2?: string | null; town?: string | null; postcode?: string | null; localAuthority?: string | null } | null | undefined): Record<string, unknown> | null {
  return address ? { line1: address.line1, line2: address.line2 ?? null, town: address.town ?? null, postcode: address.postcode ?? null, localAuthority: address.localAuthority ?? "" } : null;
}
