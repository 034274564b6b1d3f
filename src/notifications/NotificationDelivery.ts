import { Column, Entity, Index, ManyToOne, PrimaryColumn } from "typeorm";
import { type Role } from "../auth/Role";
import { type LawfulBasis } from "../policy/LawfulBasis";
import { type Purpose } from "../policy/Purpose";
import { type SpecialCategoryCondition } from "../policy/SpecialCategoryCondition";
import { type Withholding } from "../policy/DisclosureDecision";
import { type TimescaleId } from "../timescales/TimescaleId";
import { type DeliveryAudience } from "./DeliveryAudience";
import { Notification } from "./Notification";
import { type NotificationView } from "./content/NotificationView";

/**
 * What one agency received of one notification: its own view, decided for its agency type and the
 * routing rule's purpose (only the fields it may see; `redactions` says what was withheld and why), the
 * rules that chose it, the disclosure audit entry written before the row existed, and whether the agency
 * has acknowledged it.
 */
@Entity()
@Index(["recipientAgency", "deliveredAt", "id"])
@Index(["acknowledgeBy"], { where: `"acknowledged_at" IS NULL AND "escalated_at" IS NULL` })
export class NotificationDelivery {
  @PrimaryColumn("uuid")
  id: string;

  @ManyToOne(() => Notification, (notification) => notification.deliveries, { nullable: false, onDelete: "RESTRICT" })
  notification: Notification;

  @Column({ type: "uuid" })
  notificationId: string;

  @Column({ type: "varchar", length: 40 })
  recipientAgency: string;

  /** Who at the agency reads it: its staff, or (an escalation) its IG leads. */
  @Column({ type: "varchar", length: 16 })
  audience: DeliveryAudience;

  /**
   * The role its view was decided for (the routing rule's `decidedAs`; IG_LEAD for an escalation): only
   * the agency's staff in that role read it, and its own system (`inbox/inboxAccess.ts`). Null only for
   * a delivery made before the role was kept whose rule was unknown: its agency's system alone reads it.
   */
  @Column({ type: "varchar", length: 32, nullable: true })
  decidedAs: Role | null;

  /** The routing rules that chose this agency, in policy order; the first decided its view. */
  @Column({ type: "text", array: true })
  routingRules: string[];

  @Column({ type: "varchar", length: 40 })
  purpose: Purpose;

  @Column({ type: "varchar", length: 24 })
  lawfulBasis: LawfulBasis;

  @Column({ type: "varchar", length: 32, nullable: true })
  specialCategoryCondition: SpecialCategoryCondition | null;

  /** The recipient's view: only what it may see. */
  @Column({ type: "jsonb" })
  content: NotificationView;

  @Column({ type: "jsonb" })
  redactions: Withholding[];

  /** The SUIs the view carries. */
  @Column({ type: "text", array: true, default: () => "'{}'" })
  childSuis: string[];

  /**
   * The children the delivery is about, by id — the children of the notification's records and those
   * holding `childSuis` — whether or not they hold an SUI (a child awaiting one, an unborn child on a
   * pre-birth plan): what a named-staff exclusion is matched against (`exclusions/`).
   */
  @Column({ type: "uuid", array: true, default: () => "'{}'" })
  childIds: string[];

  /** The disclosure audit entry of this delivery: committed before the row was written (no audit, no disclosure). */
  @Column({ type: "uuid" })
  disclosureId: string;

  /**
   * Where it was addressed: an escalation, to the agency's escalation contact (organisational, never a
   * person's); a delivery to one person (audience ADDRESSEE), that person's token subject — the one
   * member of staff who reads it (`inbox/inboxAccess.ts`).
   */
  @Column({ type: "varchar", length: 254, nullable: true })
  contact: string | null;

  @Column({ type: "timestamptz" })
  deliveredAt: Date;

  /** When the agency must have acknowledged it (timescales.yaml); null for what is not escalated. */
  @Column({ type: "timestamptz", nullable: true })
  acknowledgeBy: Date | null;

  /** What the recipient must have done by when, where its duty sets a time (a transfer-in conference): `dueFor` names the timescale. */
  @Column({ type: "timestamptz", nullable: true })
  dueBy: Date | null;

  @Column({ type: "varchar", length: 48, nullable: true })
  dueFor: TimescaleId | null;

  /** The notifying agency asks for a reply (a request to change name consults CSC). */
  @Column({ type: "boolean", default: false })
  responseRequested: boolean;

  @Column({ type: "timestamptz", nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: "varchar", length: 200, nullable: true })
  acknowledgedBy: string | null;

  /** The agency's reply, when one was asked for. Recorded verbatim. */
  @Column({ type: "text", nullable: true })
  response: string | null;

  /** When it was escalated, unacknowledged past `acknowledgeBy`. */
  @Column({ type: "timestamptz", nullable: true })
  escalatedAt: Date | null;
}
