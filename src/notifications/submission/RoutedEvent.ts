import { type EntityManager } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { type NotificationContent } from "../content/NotificationContent";
import { type NotificationServices } from "../NotificationServices";
import { type RoutedNotificationType } from "../NotificationType";
import { type RoutingFacts } from "../routing/routeNotification";

/** What every routed notification carries: the notifying agency, and its own reference for the event (a resubmission is the same notification). */
export interface RoutedSubmission {
  agencyCode: string;
  reference: string;
}

/** Who a notification is about, as the hub now holds them: what the notification row keeps. */
export interface NotificationFacts {
  /** The adult it is about (a prisoner, an offender), where there is one. */
  adultId: string | null;
  /** The notifying agency's records the facts were stored as (the record path), in order. */
  recordIds: string[];
}

/**
 * The code half of a routed notification type; the data half — who submits it, its routing rules,
 * timescales and the grants of its content — is in policies/notification-routing.yaml, and its fields
 * and their labels in `policy/notificationFields.ts`. `submitNotification` runs the pipeline: who may
 * submit (data), then `validate`, `recordFacts`, `content`, `routingFacts`, and each recipient's view
 * decided, audited and delivered.
 */
export interface RoutedEvent<S extends RoutedSubmission, F extends NotificationFacts> {
  type: RoutedNotificationType;
  /** The notification in words, for refusals: "a PPRC notification". */
  label: string;
  /** Everything refusable before the hub touches what it holds: INVALID_INPUT with `path` and a stable `problem`. */
  validate(submission: S, now: Date): void;
  /** The event it tells of (one of its type's events). */
  eventOf(submission: S): string;
  /** Store the facts through the record path (`records/submitRecords`), as the notifying agency's own records. */
  recordFacts(services: NotificationServices, principal: Principal, submission: S, now: Date): Promise<F>;
  /** Everything it could tell anyone, before any recipient's view is decided. */
  content(services: NotificationServices, submission: S, facts: F): Promise<NotificationContent>;
  /** Where each of its routing areas points. */
  routingFacts(services: NotificationServices, submission: S, facts: F, content: NotificationContent, now: Date): Promise<RoutingFacts> | RoutingFacts;
  /** What else the notification changes, in the transaction that writes it (a requested name becomes an alias). */
  alsoInTransaction?(manager: EntityManager, submission: S, facts: F): Promise<void>;
}
