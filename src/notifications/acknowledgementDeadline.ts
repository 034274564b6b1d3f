import { type PolicySet } from "../policy/PolicySet";
import { deadline } from "../timescales/deadline";
import { type RoutedNotificationType } from "./NotificationType";

/** When a delivery of this type must be acknowledged: its timescale (timescales.yaml), from delivery. */
export function acknowledgementDeadline(policy: PolicySet, type: RoutedNotificationType, deliveredAt: Date): Date {
  const rule = policy.notificationTypes.get(type);
  // loadPolicies refuses routing for a type with no acknowledgement rule.
  if (rule === undefined) throw new Error(`no acknowledgement timescale for ${type} notifications`);
  return deadline(rule.acknowledgement, deliveredAt, policy).dueAt;
}
