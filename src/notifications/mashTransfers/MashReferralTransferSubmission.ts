import { AgencyType } from "../../directory/AgencyType";
import { type ChildIdentitySubmission } from "../../records/AgencyRecordSubmission";
import { type ConcernCategory } from "../../records/details/EducationRecord";

export const MEMBER_OF_PUBLIC = "MEMBER_OF_PUBLIC";
/** Who made the referral: an agency of one of the hub's types, or a member of the public (whose identity is never passed on). */
export const ReferrerType = { ...AgencyType, MEMBER_OF_PUBLIC } as const;
export type ReferrerType = (typeof ReferrerType)[keyof typeof ReferrerType];

/**
 * A MASH passes a referral (a "contact") about a child living in another authority's area to that
 * authority's MASH (DOMAIN.md "Who must tell whom", MASH), carrying only what the receiving MASH needs
 * to decide it: the child, when the contact came and from whom (a professional's organisational
 * contact, never a member of the public's identity), the concern, and whom to ask at the sending MASH.
 * Its own research across agencies stays with it. The GraphQL input implements this shape.
 */
export interface MashReferralTransferSubmission {
  agencyCode: string;
  /** The sending MASH's own reference for the referral: resubmitting it is the same notification. */
  reference: string;
  /** YYYY-MM-DD: the day the referral reached the sending MASH. */
  receivedOn: string;
  referrerType: ReferrerType;
  /** Organisational: the referring professional's team mailbox or duty line; none for a member of the public. */
  referrerContact?: string | null;
  concernCategory: ConcernCategory;
  /** The concern as referred. Free text. */
  concern: string;
  /** Organisational: the sending MASH's duty line or mailbox. */
  sendingMashContact?: string | null;
  /** The child, with the home address in the receiving authority's area. */
  child: ChildIdentitySubmission;
}
