import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, CreateDateColumn, UpdateDateColumn } from "typeorm";
import { Child } from "./Child";
import { type NameKind } from "./NameKind";

/**
 * Every name an agency has reported for a child: the child's name history. `sources` are the agency
 * records that reported the name (design principle 8): the name reaches a caller only through one of
 * those records that the caller may see, so a sealed new identity never surfaces as an alias.
 */
@Entity()
@Index(["child", "givenNames", "familyName"], { unique: true })
export class ChildName {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @ManyToOne(() => Child, (child) => child.names, { nullable: false, onDelete: "CASCADE" })
  child: Child;

  @Column({ type: "varchar", length: 100 })
  givenNames: string;

  @Column({ type: "varchar", length: 100 })
  familyName: string;

  @Column({ type: "varchar", length: 16 })
  kind: NameKind;

  @Column({ type: "varchar", length: 40, nullable: true })
  reportedBy: string | null;

  /** The agency records that reported this name. Only those still linked to the child count. */
  @Column({ type: "uuid", array: true, default: () => "'{}'" })
  sources: string[];

  @CreateDateColumn({ type: "timestamptz" })
  firstReportedAt: Date;

  @UpdateDateColumn({ type: "timestamptz" })
  lastReportedAt: Date;
}
