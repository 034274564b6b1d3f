import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Adult } from "./Adult";

/**
 * An agency's own reference for an adult (a prison number, a probation case reference, a police
 * nominal id). An agency resubmitting the same reference means the same person.
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

  @CreateDateColumn({ type: "timestamptz" })
  createdAt: Date;
}
