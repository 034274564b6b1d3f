import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, Check } from "typeorm";
import { type Sex } from "./Sex";
import { ChildName } from "./ChildName";
import { ChildAddress } from "./ChildAddress";

/**
 * A child the hub knows of, identified by the SUI (NHS number). `sui` is null only for a child known
 * from records that arrived without one (an unborn child, a record awaiting a match): such a child is
 * awaiting an SUI.
 */
@Entity()
// The children merged into one, followed at every read that leaves out what an exclusion covers (`hub_children_covered`, migration 46).
@Index("IDX_child_merged_into", ["mergedIntoId"], { where: `"merged_into_id" IS NOT NULL` })
@Check("child_birth_date_known", `"date_of_birth" IS NOT NULL OR "expected_date_of_birth" IS NOT NULL`)
export class Child {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ type: "varchar", length: 10, nullable: true, unique: true })
  sui: string | null;

  @Column({ type: "varchar", length: 100 })
  givenNames: string;

  @Column({ type: "varchar", length: 100 })
  familyName: string;

  /** Null for an unborn child, who has an expected date of birth instead. */
  @Column({ type: "date", nullable: true })
  dateOfBirth: string | null;

  @Column({ type: "date", nullable: true })
  expectedDateOfBirth: string | null;

  @Column({ type: "varchar", length: 16 })
  sex: Sex;

  /**
   * Set when a data steward merged this child into another (`identity/mergeChildren.ts`): the child is
   * retired, its records moved to the survivor, and it is never matched or disclosed again.
   */
  @Column({ type: "uuid", nullable: true })
  mergedIntoId: string | null;

  @OneToMany(() => ChildName, (name) => name.child)
  names: ChildName[];

  @OneToMany(() => ChildAddress, (address) => address.child)
  addresses: ChildAddress[];

  @CreateDateColumn({ type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
