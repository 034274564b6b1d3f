import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Adult } from "./Adult";
import { type NameKind } from "./NameKind";

/**
 * An adult's names over time, as each agency reported them: the first an agency gives is its USUAL name
 * for the person, a later one (a PPRC's change of name) an ALIAS of the same person. A name reaches a
 * reader only through the agency that reported it.
 */
@Entity()
@Index(["adult", "givenNames", "familyName", "reportedBy"], { unique: true })
export class AdultName {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @ManyToOne(() => Adult, (adult) => adult.names, { nullable: false, onDelete: "CASCADE" })
  adult: Adult;

  @Column({ type: "varchar", length: 100 })
  givenNames: string;

  @Column({ type: "varchar", length: 100 })
  familyName: string;

  @Column({ type: "varchar", length: 16 })
  kind: NameKind;

  @Column({ type: "varchar", length: 40, nullable: true })
  reportedBy: string | null;

  /**
   * Reported only in sealed or brokered records: shown only through a restricted record of its agency,
   * never through the agency's ordinary record of the same person (a restricted record contributes
   * nothing outside itself). Cleared once an unrestricted record reports the same name.
   */
  @Column({ type: "boolean", default: false })
  restricted: boolean;

  @CreateDateColumn({ type: "timestamptz" })
  firstReportedAt: Date;
}
