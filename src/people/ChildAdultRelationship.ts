import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { Child } from "./Child";
import { Adult } from "./Adult";
import { type Relationship } from "./Relationship";
import { AgencyRecord } from "../records/AgencyRecord";

/**
 * An adult's relationship to a child as one agency record reports it. `posesRiskToChild` marks an
 * identified child at risk from this adult (a PPRC's identified child), which routes notifications
 * to the child's home area as well as the adult's.
 */
@Entity()
@Index(["child", "adult", "sourceRecord"], { unique: true })
export class ChildAdultRelationship {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  /** The child of the source record; moves with it (a link review, merge or split), null while it is nobody's. */
  @ManyToOne(() => Child, { nullable: true, onDelete: "CASCADE" })
  child: Child | null;

  @ManyToOne(() => Adult, { nullable: false, onDelete: "CASCADE" })
  @Index()
  adult: Adult;

  /**
   * The source record's agency's reference for the adult (`AdultIdentifier.reference`): which of the
   * agency's references the relationship came through, so a steward's split moves it with that reference.
   */
  @Column({ type: "varchar", length: 64, nullable: true })
  adultReference: string | null;

  @Column({ type: "varchar", length: 32 })
  relationship: Relationship;

  @Column({ type: "boolean", default: false })
  parentalResponsibility: boolean;

  @Column({ type: "boolean", default: false })
  posesRiskToChild: boolean;

  @ManyToOne(() => AgencyRecord, { nullable: false, onDelete: "CASCADE" })
  // Found by its record when the record is resubmitted or linked: an index, so that costs the record's rows, not the table.
  @Index()
  sourceRecord: AgencyRecord;

  @CreateDateColumn({ type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
