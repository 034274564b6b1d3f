import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, CreateDateColumn, UpdateDateColumn } from "typeorm";
import { Child } from "./Child";
import { type NameKind } from "./NameKind";

/** Every name an agency has reported for a child, with who reported it: the child's name history. */
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

  @CreateDateColumn({ type: "timestamptz" })
  firstReportedAt: Date;

  @UpdateDateColumn({ type: "timestamptz" })
  lastReportedAt: Date;
}
