import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Adult } from "./Adult";
import { type NameKind } from "./NameKind";

/** An adult's names over time. A PPRC's change of name becomes an ALIAS of the same person. */
@Entity()
@Index(["adult", "givenNames", "familyName"], { unique: true })
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

  @CreateDateColumn({ type: "timestamptz" })
  firstReportedAt: Date;
}
