/**
 * The kinds of routed notification (HUB.md §9). PPRC: a prison's notification about a prisoner assessed
 * as a person posing a risk to children. ESCALATION: a notification left unacknowledged past its
 * deadline, raised to the recipient agency's escalation contact and its IG leads.
 */
export const NotificationType = {
  PPRC: "PPRC",
  ESCALATION: "ESCALATION",
} as const;
export type NotificationType = (typeof NotificationType)[keyof typeof NotificationType];
export const NOTIFICATION_TYPES = Object.values(NotificationType);

/** The notification types agencies send, which routing rules route (an escalation is the hub's own). */
export const ROUTED_NOTIFICATION_TYPES = [NotificationType.PPRC] as const;
export type RoutedNotificationType = (typeof ROUTED_NOTIFICATION_TYPES)[number];
