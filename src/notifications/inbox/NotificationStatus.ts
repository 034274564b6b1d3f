/** Where a delivery stands with its recipient: not yet acknowledged, or acknowledged. */
export const NotificationStatus = {
  UNACKNOWLEDGED: "UNACKNOWLEDGED",
  ACKNOWLEDGED: "ACKNOWLEDGED",
} as const;
export type NotificationStatus = (typeof NotificationStatus)[keyof typeof NotificationStatus];

export function statusOf(delivery: { acknowledgedAt: Date | null }): NotificationStatus {
  return delivery.acknowledgedAt === null ? NotificationStatus.UNACKNOWLEDGED : NotificationStatus.ACKNOWLEDGED;
}
