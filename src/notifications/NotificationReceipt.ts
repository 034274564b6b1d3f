import { type AgencyType } from "../directory/AgencyType";
import { type RoutingDecision } from "./routing/routeNotification";

export const NotificationOutcome = {
  /** A new notification: routed and delivered. */
  CREATED: "CREATED",
  /** The agency's reference was already notified: nothing was routed or delivered again. */
  UNCHANGED: "UNCHANGED",
} as const;
export type NotificationOutcome = (typeof NotificationOutcome)[keyof typeof NotificationOutcome];

/**
 * What the notifying agency learns: its notification's id, which agencies were told and by which rule
 * (directory entries, never personal data), and the rules that found no agency to tell.
 */
export interface NotificationReceipt {
  notificationId: string;
  reference: string;
  outcome: NotificationOutcome;
  receivedAt: Date;
  recipients: { agencyCode: string; agencyType: AgencyType; rules: string[] }[];
  unrouted: RoutingDecision[];
}
