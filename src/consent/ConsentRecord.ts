import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Child } from "../people/Child";
import { type Purpose } from "../policy/Purpose";

/** Who gave (or refused) consent: the child themself, or a person with parental responsibility. */
export const ConsentGiver = { CHILD: "CHILD", PERSON_WITH_PARENTAL_RESPONSIBILITY: "PERSON_WITH_PARENTAL_RESPONSIBILITY" } as const;
export type ConsentGiver = (typeof ConsentGiver)[keyof typeof ConsentGiver];

export const ConsentDecision = { GIVEN: "GIVEN", REFUSED: "REFUSED", WITHDRAWN: "WITHDRAWN" } as const;
export type ConsentDecision = (typeof ConsentDecision)[keyof typeof ConsentDecision];

/**
 * One consent decision about sharing a child's information, as a practitioner recorded it. Never
 * edited: a change of mind is a new record (a withdrawal, a fresh consent), so the history stands.
 */
@Entity()
@Index(["child", "recordedAt"])
export class ConsentRecord {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @ManyToOne(() => Child, { nullable: false, onDelete: "RESTRICT" })
  child: Child;

  @Column({ type: "varchar", length: 40 })
  givenBy: ConsentGiver;

  /** For a child's own decision: assessed competent (Gillick under 16, Mental Capacity Act 16+). */
  @Column({ type: "boolean", default: false })
  childCompetent: boolean;

  /**
   * For a parent's decision, which person with parental responsibility (e.g. "mother", "father",
   * "special guardian"): one person's later decision replaces their own earlier one, not another's.
   */
  @Column({ type: "varchar", length: 120, nullable: true })
  giverDescription: string | null;

  @Column({ type: "varchar", length: 16 })
  decision: ConsentDecision;

  /** The purposes the decision covers. */
  @Column({ type: "text", array: true })
  purposes: Purpose[];

  @Column({ type: "text", nullable: true })
  note: string | null;

  @Column({ type: "varchar", length: 200 })
  recordedBySub: string;

  @Column({ type: "varchar", length: 40 })
  recordedByAgency: string;

  @CreateDateColumn({ type: "timestamptz" })
  recordedAt: Date;
}
