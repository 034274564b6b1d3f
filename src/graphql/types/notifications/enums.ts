import { registerEnumType } from "type-graphql";
import { DeliveryAudience } from "../../../notifications/DeliveryAudience";
import { NotificationStatus } from "../../../notifications/inbox/NotificationStatus";
import { NotificationOutcome } from "../../../notifications/NotificationReceipt";
import { NotificationType } from "../../../notifications/NotificationType";
import { PprcEvent } from "../../../notifications/PprcEvent";
import { RoutingArea } from "../../../notifications/routing/RoutingArea";

const ENUMS: [object, string, string][] = [
  [PprcEvent, "PprcEvent", "What a prison tells others about a PPRC: reception, transfer, release on temporary licence, release, a request to change name, a change of status."],
  [NotificationType, "NotificationType", "PPRC: a prison's notification about a person posing a risk to children. UNSCHEDULED_CARE_ATTENDANCE: a child on a plan attended unscheduled care (CP-IS). PLAN_ACCESS: a clinician in unscheduled care viewed a child's plan (CP-IS). CHILD_ON_PLAN_MOVED: a child on another authority's plan moved into your area. OPERATION_ENCOMPASS: a domestic abuse incident involving your pupil. CHILD_VICTIM: the police refer a victim under 18. ESCALATION: a notification left unacknowledged past its deadline."],
  [NotificationStatus, "NotificationStatus", "Whether the recipient agency has acknowledged a notification."],
  [NotificationOutcome, "NotificationOutcome", "CREATED: routed and delivered; UNCHANGED: this reference was already notified, nothing was sent again."],
  [DeliveryAudience, "NotificationAudience", "Who at the agency reads it: its STAFF, or (an escalation) its IG_LEADS."],
  [RoutingArea, "RoutingArea", "Whose area a routing rule looked for recipients in."],
];

for (const [enumObject, name, description] of ENUMS) registerEnumType(enumObject, { name, description });
