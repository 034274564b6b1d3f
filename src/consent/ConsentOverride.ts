import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Child } from "../people/Child";

/**
 * A children's social care manager's decision to share without consent because there is reasonable
 * cause to believe the child is at risk of significant harm, or asking would increase the risk,
 * prejudice an investigation or cause delay (Working Together; DOMAIN rule 3). The reason is recorded
 * and every disclosure made under it names it in the audit trail.
 */
@Entity()
@Index(["child", "recordedAt"])
export class ConsentOverride {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @ManyToOne(() => Child, { nullable: false, onDelete: "RESTRICT" })
  child: Child;

  @Column({ type: "text" })
  reason: string;

  @Column({ type: "varchar", length: 200 })
  authorisedBySub: string;

  @Column({ type: "varchar", length: 40 })
  authorisedByAgency: string;

  /**
   * The records about this child the manager's agency held, confirmed by the SUI or a steward, when the
   * override was authorised: it stands while one of them is still this child's, or when there were
   * none (the agency's involvement came from elsewhere, such as a referral it is working). Null only on
   * overrides authorised before the hub kept it whose records the migration DecisionsRecordedThrough
   * could not find: those no longer stand.
   */
  @Column({ type: "uuid", array: true, nullable: true })
  recordedThrough: string[] | null;

  /** When the override must be reviewed; after it, disclosures no longer rest on it. */
  @Column({ type: "timestamptz" })
  reviewBy: Date;

  @CreateDateColumn({ type: "timestamptz" })
  recordedAt: Date;
}
