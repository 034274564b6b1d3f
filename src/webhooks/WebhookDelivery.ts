import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { WebhookStatus } from "./WebhookStatus";

/**
 * One notification delivery sent to its agency's registered endpoint. Its id is the Standard Webhooks
 * `webhook-id`: the same on every attempt and replay, so a receiver that deduplicates by it processes
 * the delivery once. No body is kept: each attempt builds it from the delivery as it leaves the hub
 * then — what the recipient's inbox shows of it, held to the rights and exclusions in force
 * (`deliverWebhook`) — and signs and sends those bytes. A failure is
 * kept as a code only (`TIMEOUT`, `HTTP_503`…): a receiver's answer never reaches the database or logs.
 */
@Entity()
@Index(["status", "createdAt"])
export class WebhookDelivery {
  @PrimaryColumn("uuid")
  id: string;

  /** The notification delivery this sends (one webhook per delivery). */
  @Index({ unique: true })
  @Column({ type: "uuid" })
  deliveryId: string;

  @Column({ type: "varchar", length: 40 })
  recipientAgency: string;

  /** The SUIs the body carries, so an IG lead's list of dead deliveries is kept to the children they answer for. */
  @Column({ type: "text", array: true, default: () => "'{}'" })
  childSuis: string[];

  @Column({ type: "varchar", length: 12, default: WebhookStatus.PENDING })
  status: WebhookStatus;

  /** Attempts begun since it was enqueued (or last replayed): one a sender died in counts. */
  @Column({ type: "integer", default: 0 })
  attempts: number;

  /** The last attempt's failure, as a code (never the receiver's answer). */
  @Column({ type: "varchar", length: 40, nullable: true })
  lastFailure: string | null;

  @Column({ type: "timestamptz" })
  createdAt: Date;

  @Column({ type: "timestamptz", nullable: true })
  lastAttemptAt: Date | null;

  @Column({ type: "timestamptz", nullable: true })
  deliveredAt: Date | null;

  @Column({ type: "timestamptz", nullable: true })
  deadAt: Date | null;

  /** How many times an IG lead replayed it after it was DEAD. */
  @Column({ type: "integer", default: 0 })
  replays: number;
}
