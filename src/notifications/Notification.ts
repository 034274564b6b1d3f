import { Column, Entity, Index, OneToMany, PrimaryColumn } from "typeorm";
import { type NotificationType } from "./NotificationType";
import { NotificationDelivery } from "./NotificationDelivery";
import { type RoutingDecision } from "./routing/routeNotification";

/**
 * One notification as it reached the hub (an agency's routed event: a prison's PPRC notification…) or
 * as the hub raised it (an escalation), with how it was routed. What each recipient received is on its `NotificationDelivery`;
 * the notification itself keeps no content, only the references that explain it.
 */
@Entity()
@Index(["sourceAgency", "sourceReference"], { unique: true, where: `"source_reference" IS NOT NULL` })
export class Notification {
  @PrimaryColumn("uuid")
  id: string;

  @Column({ type: "varchar", length: 40 })
  type: NotificationType;

  /** The event it tells of, one of its type's (`RoutedEventVocabulary.ts`); null for an escalation. */
  @Column({ type: "varchar", length: 40, nullable: true })
  event: string | null;

  /** The notifying agency's code; HUB for the hub's own escalations. */
  @Column({ type: "varchar", length: 40 })
  sourceAgency: string;

  /** The notifying agency's own reference for the event: a resubmission of it is the same notification. */
  @Column({ type: "varchar", length: 64, nullable: true })
  sourceReference: string | null;

  /**
   * What the notifying agency said under its reference (`submission/notificationContentHash.ts`): the
   * same reference is the same notification only with the same content. Null for the hub's own
   * escalations, and for notifications stored before it was kept.
   */
  @Column({ type: "char", length: 64, nullable: true })
  contentHash: string | null;

  /** The `sub` of whoever submitted it (an officer, or the agency's system). */
  @Column({ type: "varchar", length: 200 })
  submittedBy: string;

  @Column({ type: "timestamptz" })
  receivedAt: Date;

  /** The adult the notification is about (a prisoner, an offender), as the hub holds them. */
  @Column({ type: "uuid", nullable: true })
  @Index()
  adultId: string | null;

  /** The notifying agency's records its facts were stored as (a prison's of the PPRC and each child), through which the children were linked. */
  @Column({ type: "uuid", array: true, default: () => "'{}'" })
  recordIds: string[];

  /** Every routing rule's finding: the agencies it chose, or that it found none (an explanation, never content). */
  @Column({ type: "jsonb" })
  routing: RoutingDecision[];

  /** For an escalation: the delivery left unacknowledged past its deadline. */
  @Column({ type: "uuid", nullable: true })
  escalatesDeliveryId: string | null;

  @Column({ type: "varchar", length: 64 })
  policyVersion: string;

  @OneToMany(() => NotificationDelivery, (delivery) => delivery.notification)
  deliveries: NotificationDelivery[];
}
