import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from "typeorm";

/** How the hub came to suspect the breach (issue 13 item 4). */
export const BreachSource = {
  /** A steward's split showed content went out through a wrong link (`identity/stewardship/wrongLinkReport`). */
  WRONG_LINK: "WRONG_LINK",
  /** An IG lead judged a break-glass access not justified (`alerts/`). */
  BREAK_GLASS_NOT_JUSTIFIED: "BREAK_GLASS_NOT_JUSTIFIED",
  /** An IG lead closed an alert as misuse (outcome BREACH_REPORTED). */
  ALERT_MISUSE: "ALERT_MISUSE",
  /** An IG lead opened it from what they learned elsewhere. */
  IG_LEAD: "IG_LEAD",
} as const;
export type BreachSource = (typeof BreachSource)[keyof typeof BreachSource];
export const BREACH_SOURCES = Object.values(BreachSource);

/** A breach, or one controller's part of it: OPEN on the 72-hour clock, or DECIDED. */
export const BreachStatus = { OPEN: "OPEN", DECIDED: "DECIDED" } as const;
export type BreachStatus = (typeof BreachStatus)[keyof typeof BreachStatus];

/** Whether the controlling agencies report it to the Information Commissioner (UK GDPR Art 33; DPA 2018 s.67). */
export const BreachDecision = { REPORT: "REPORT", NO_REPORT: "NO_REPORT" } as const;
export type BreachDecision = (typeof BreachDecision)[keyof typeof BreachDecision];
export const BREACH_DECISIONS = Object.values(BreachDecision);

/**
 * Whether the people affected are told (UK GDPR Art 34), and if not, why: telling them is not required
 * (no high risk, Art 34(3)), or it is restricted — it would put a child at risk (safeguarding) or
 * prejudice the prevention or detection of crime (DPA 2018 Sch.2 para 2 for Part 2 data, s.68(7) for
 * Part 3 data).
 */
export const SubjectNotice = {
  TELL: "TELL",
  NOT_REQUIRED: "NOT_REQUIRED",
  RESTRICTED_SAFEGUARDING: "RESTRICTED_SAFEGUARDING",
  RESTRICTED_CRIME: "RESTRICTED_CRIME",
} as const;
export type SubjectNotice = (typeof SubjectNotice)[keyof typeof SubjectNotice];
export const SUBJECT_NOTICES = Object.values(SubjectNotice);

/** Someone who received what they should not have: to be told, and asked to delete it. */
export interface BreachRecipient {
  sub: string;
  agency: string;
}

/**
 * A suspected personal data breach: what went out (the audit entries of the affected disclosures),
 * about whom, who received it, the agencies that control the data (the hub tells them; they report),
 * and the clock — 72 hours from awareness (`PERSONAL_DATA_BREACH_REPORT` in policies/timescales.yaml).
 * Each controlling agency decides its own part, once, with reasons (`ControllerPart.ts`); the breach is
 * OPEN until every part is decided. Every step on the audit trail first.
 */
@Entity()
@Index("IDX_personal_data_breach_source", ["source", "sourceId"], { unique: true })
@Index("IDX_personal_data_breach_status_due", ["status", "reportDueAt"])
export class PersonalDataBreach {
  /** Assigned before the audit entry is written, which names it. */
  @PrimaryColumn({ type: "uuid" })
  id: string;

  @Column({ type: "varchar", length: 32 })
  source: BreachSource;

  /** The split (identity change) or alert it came from; null when an IG lead opened it. */
  @Column({ type: "varchar", length: 64, nullable: true })
  sourceId: string | null;

  @Column({ type: "text" })
  description: string;

  @Column({ type: "varchar", length: 10, array: true })
  childSuis: string[];

  /** The audit entries of the disclosures affected. */
  @Column({ type: "uuid", array: true })
  disclosureIds: string[];

  @Column({ type: "jsonb" })
  recipients: BreachRecipient[];

  /** The agencies whose data went out or whose staff received it: the hub tells them; the controllers report. */
  @Column({ type: "varchar", length: 40, array: true })
  agenciesToTell: string[];

  /** Part 3 (law enforcement) data went out: reported under DPA 2018 s.67 rather than UK GDPR Art 33. */
  @Column({ type: "boolean" })
  lawEnforcement: boolean;

  /** When the controller became aware: the clock starts here. */
  @Column({ type: "timestamptz" })
  awareAt: Date;

  @Column({ type: "timestamptz" })
  reportDueAt: Date;

  @Column({ type: "varchar", length: 64 })
  timescaleEdition: string;

  @Column({ type: "varchar", length: 16 })
  status: BreachStatus;

  /** When the last controller decided its part (`ControllerPart.ts`): the breach closed. */
  @Column({ type: "timestamptz", nullable: true })
  decidedAt: Date | null;

  @Column({ type: "varchar", length: 200 })
  openedBySub: string;

  @Column({ type: "varchar", length: 40 })
  openedByAgency: string;

  @CreateDateColumn({ type: "timestamptz" })
  openedAt: Date;
}
