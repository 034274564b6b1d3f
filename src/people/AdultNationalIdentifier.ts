import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Adult } from "./Adult";
import { type NationalIdentifierScheme } from "./NationalIdentifierScheme";

/**
 * A national identifier an agency reported for an adult (`NationalIdentifierScheme`). One value names
 * one adult: a later report giving it is linked to that adult (`AdultLinkMethod.IDENTIFIER`), unless
 * the rest of its identity says it cannot be them. Matching evidence: never disclosed.
 */
@Entity()
@Index(["scheme", "value"], { unique: true })
@Index(["adult"])
export class AdultNationalIdentifier {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @ManyToOne(() => Adult, { nullable: false, onDelete: "CASCADE" })
  adult: Adult;

  @Column({ type: "varchar", length: 16 })
  scheme: NationalIdentifierScheme;

  @Column({ type: "varchar", length: 16 })
  value: string;

  /** The agency whose report gave it. */
  @Column({ type: "varchar", length: 40 })
  reportedBy: string;

  @CreateDateColumn({ type: "timestamptz" })
  createdAt: Date;
}
