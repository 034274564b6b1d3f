import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Adult } from "./Adult";
import { type AdultLinkMethod } from "./AdultLinkMethod";
import { type Sex } from "./Sex";

/**
 * An agency's own reference for an adult (a prison number, a probation case reference, a police
 * nominal id), and the person as that agency last reported them. An agency resubmitting the same
 * reference means the same person. The adult may be held by several agencies' references: how each
 * came to name the adult is its `linkMethod`.
 */
@Entity()
@Index(["agencyCode", "reference"], { unique: true })
export class AdultIdentifier {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @ManyToOne(() => Adult, (adult) => adult.identifiers, { nullable: false, onDelete: "CASCADE" })
  adult: Adult;

  @Column({ type: "varchar", length: 40 })
  agencyCode: string;

  @Column({ type: "varchar", length: 64 })
  reference: string;

  @Column({ type: "varchar", length: 16, default: "FOUNDED" })
  linkMethod: AdultLinkMethod;

  /** The date of birth this agency gave (each agency's own: another's never shows through it). */
  @Column({ type: "date", nullable: true })
  dateOfBirth: string | null;

  @Column({ type: "varchar", length: 16, nullable: true })
  sex: Sex | null;

  /** The postcode this agency gave for where the person lives, if any (matching evidence). */
  @Column({ type: "varchar", length: 8, nullable: true })
  postcode: string | null;

  /**
   * Reported only on sealed or brokered records: the person stays with those records. Their facts
   * never enter blocking keys or scores, and they are never linked to another agency's adult.
   */
  @Column({ type: "boolean", default: false })
  restricted: boolean;

  @CreateDateColumn({ type: "timestamptz" })
  createdAt: Date;
}
