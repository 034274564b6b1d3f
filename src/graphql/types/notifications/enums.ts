import { registerEnumType } from "type-graphql";
import { DeliveryAudience } from "../../../notifications/DeliveryAudience";
import { NotificationStatus } from "../../../notifications/inbox/NotificationStatus";
import { NotificationOutcome } from "../../../notifications/NotificationReceipt";
import { NotificationType } from "../../../notifications/NotificationType";
import { PprcEvent } from "../../../notifications/PprcEvent";
import { RoutingArea } from "../../../notifications/routing/RoutingArea";
import { RemovalGround } from "../../../notifications/childrenMissingEducation/PupilRemovedFromRollSubmission";
import { ReferrerType } from "../../../notifications/mashTransfers/MashReferralTransferSubmission";

const ENUMS: [object, string, string][] = [
  [PprcEvent, "PprcEvent", "What a prison tells others about a PPRC: reception, transfer, release on temporary licence, release, a request to change name, a change of status."],
  [NotificationType, "NotificationType", "PPRC: a prison's notification about a person posing a risk to children. UNSCHEDULED_CARE_ATTENDANCE: a child on a plan attended unscheduled care (CP-IS). PLAN_ACCESS: a clinician in unscheduled care viewed a child's plan (CP-IS). CHILD_ON_PLAN_MOVED: a child on another authority's plan moved into your area. OPERATION_ENCOMPASS: a domestic abuse incident involving your pupil. CHILD_VICTIM: the police refer a victim under 18. SEX_OFFENDER_HOUSEHOLD_STAY: a registered sex offender stayed 12 hours or more in a household with a child. PUPIL_REMOVED_FROM_ROLL: a school removed a pupil from its roll at a non-standard point. OFFENDER_MOVED_AUTHORITY: an offender posing a risk to an identified child moved into your area. PROBATION_SAFEGUARDING_ENQUIRY: probation's child safeguarding enquiry at sentencing, answered the same day. SAFEGUARDING_ENQUIRY_RESPONSE: children's social care's answer to your agency's enquiry. MASH_REFERRAL_TRANSFER: another authority's MASH passes you a referral about a child living in your area. ESCALATION: a notification left unacknowledged past its deadline."],
  [NotificationStatus, "NotificationStatus", "Whether the recipient agency has acknowledged a notification."],
  [NotificationOutcome, "NotificationOutcome", "CREATED: routed and delivered; UNCHANGED: this reference was already notified, nothing was sent again."],
  [DeliveryAudience, "NotificationAudience", "Who at the agency reads it: its STAFF, (an escalation) its IG_LEADS, or one ADDRESSEE (a consultation's advice, to the practitioner who asked)."],
  [RoutingArea, "RoutingArea", "Whose area a routing rule looked for recipients in."],
  [RemovalGround, "RemovalGround", "Why a pupil's name was removed from a school's admission register at a non-standard point."],
  [ReferrerType, "ReferrerType", "Who made a referral: an agency of one of the hub's types, or a member of the public (whose identity is never passed on)."],
];

for (const [enumObject, name, description] of ENUMS) registerEnumType(enumObject, { name, description });
