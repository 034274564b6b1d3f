import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, VirtualColumn } from "typeorm";

export const IgAlertStatus = { OPEN: "OPEN", CLOSED: "CLOSED" } as const;
export type IgAlertStatus = (typeof IgAlertStatus)[keyof typeof IgAlertStatus];

/**
 * What raised the alert: an emergency (break-glass) disclosure, or an attempt to read a child's file by
 * someone a named-staff exclusion keeps out of it (`exclusions/`), who was answered as a stranger is; or
 * (EXCLUDED_AGENCY) a notification duty towards an agency an agency-wide exclusion keeps out of the
 * child — a delivery routing left out, an escalation not sent — for the IG leads of the agency that
 * recorded the exclusion to meet another way (`raiseExcludedAgencyAlerts`).
 */
export const IgAlertKind = { BREAK_GLASS: "BREAK_GLASS", EXCLUDED_ACCESS: "EXCLUDED_ACCESS", EXCLUDED_AGENCY: "EXCLUDED_AGENCY" } as const;
export type IgAlertKind = (typeof IgAlertKind)[keyof typeof IgAlertKind];

/** What the IG lead concluded on review. BREACH_REPORTED: unauthorised access, reported within 72 hours (UK GDPR Art 33). */
export const IgAlertOutcome = { JUSTIFIED: "JUSTIFIED", NOT_JUSTIFIED: "NOT_JUSTIFIED", BREACH_REPORTED: "BREACH_REPORTED" } as const;
export type IgAlertOutcome = (typeof IgAlertOutcome)[keyof typeof IgAlertOutcome];

/**
 * A break-glass access (or an excluded caller's attempt) awaiting review by an information governance lead. One alert covers one
 * caller's emergency access to one child for a time-boxed window; every disclosure in the window is
 * on the audit trail flagged break-glass and counted here.
 *
 * Keyed by the hub's child (`childId`, migration 46), not its SUI: a child awaiting an SUI is alerted
 * like any other, an SUI arriving leaves the window where it was, and a merge moves the alert to the
 * survivor (`identity/stewardship/mergeChildren`, as exclusions move).
 */
@Entity()
@Index(["status", "raisedAt"])
@Index("IDX_ig_alert_window", ["principalSub", "childId", "windowEndsAt"])
@Index("IDX_ig_alert_child", ["childId"])
export class IgAlert {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ type: "varchar", length: 16, default: IgAlertKind.BREAK_GLASS })
  kind: IgAlertKind;

  /** The child the access was to. */
  @Column({ type: "uuid" })
  childId: string;

  /** The SUI the child holds now, read with the alert; null while the child awaits one. */
  @VirtualColumn({ type: "varchar", query: (alert) => `SELECT alerted.sui FROM child alerted WHERE alerted.id = ${alert}.child_id` })
  childSui: string | null;

  @Column({ type: "varchar", length: 200 })
  principalSub: string;

  @Column({ type: "varchar", length: 40 })
  principalAgency: string;

  /** The audit entry of the disclosure that opened the window. */
  @Column({ type: "uuid" })
  firstDisclosureId: string;

  @Column({ type: "integer", default: 1 })
  disclosureCount: number;

  @Column({ type: "text" })
  justification: string;

  @CreateDateColumn({ type: "timestamptz" })
  raisedAt: Date;

  /** Until when further break-glass reads of this child by this caller fall under this alert. */
  @Column({ type: "timestamptz" })
  windowEndsAt: Date;

  @Column({ type: "varchar", length: 16, default: IgAlertStatus.OPEN })
  status: IgAlertStatus;

  @Column({ type: "varchar", length: 24, nullable: true })
  outcome: IgAlertOutcome | null;

  @Column({ type: "text", nullable: true })
  reviewNote: string | null;

  @Column({ type: "varchar", length: 200, nullable: true })
  closedBySub: string | null;

  @Column({ type: "timestamptz", nullable: true })
  closedAt: Date | null;
}
