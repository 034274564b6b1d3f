import { type PolicySet } from "../policy/PolicySet";
import { deadline } from "../timescales/deadline";
import { type RoutedNotificationType } from "./NotificationType";

/**
 * When a delivery of this type must be acknowledged: its timescale (timescales.yaml), from delivery;
 * null for a type that is only for information, which is never escalated.
 */
export function acknowledgementDeadline(policy: PolicySet, type: RoutedNotificationType, deliveredAt: Date): Date | null {
  const rule = policy.notificationTypes.get(type);
  // loadPolicies refuses routing for a type with no notificationTypes entry.
  if (rule === undefined) throw new Error(`no notificationTypes entry for ${type} notifications`);
  return rule.acknowledgement === null ? null : deadline(rule.acknowledgement, deliveredAt, policy).dueAt;
}
