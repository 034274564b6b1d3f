import { Column, Entity, Index, OneToMany, PrimaryColumn } from "typeorm";
import { type NotificationType } from "./NotificationType";
import { type PprcEvent } from "./PprcEvent";
import { NotificationDelivery } from "./NotificationDelivery";
import { type RoutingDecision } from "./routing/routePprcNotification";

/**
 * One notification as it reached the hub (a prison's PPRC event) or as the hub raised it (an
 * escalation), with how it was routed. What each recipient received is on its `NotificationDelivery`;
 * the notification itself keeps no content, only the references that explain it.
 */
@Entity()
@Index(["sourceAgency", "sourceReference"], { unique: true, where: `"source_reference" IS NOT NULL` })
export class Notification {
  @PrimaryColumn("uuid")
  id: string;

  @Column({ type: "varchar", length: 16 })
  type: NotificationType;

  @Column({ type: "varchar", length: 24, nullable: true })
  event: PprcEvent | null;

  /** The notifying agency's code; HUB for the hub's own escalations. */
  @Column({ type: "varchar", length: 40 })
  sourceAgency: string;

  /** The notifying agency's own reference for the event: a resubmission of it is the same notification. */
  @Column({ type: "varchar", length: 64, nullable: true })
  sourceReference: string | null;

  /** The `sub` of whoever submitted it (a prison OMU officer or the prison's system). */
  @Column({ type: "varchar", length: 200 })
  submittedBy: string;

  @Column({ type: "timestamptz" })
  receivedAt: Date;

  /** The adult the notification is about (the prisoner), as the hub holds them. */
  @Column({ type: "uuid", nullable: true })
  @Index()
  adultId: string | null;

  /** The prison's records of the PPRC and each identified child (their ids), through which the children were linked. */
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
