import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { Child } from "../people/Child";

/**
 * That an agency has held a SEALED or BROKERED record tied to a child: written by the database itself
 * (migration 54's trigger on `agency_record`) whenever such a record is stored, labelled or linked, and
 * never removed while the child is in the hub. The trail reads it (`trailReach`'s `restrictedHolderRow`)
 * to keep that agency's rows about the child from every other agency's IG lead — so a row stays kept
 * after the record itself is gone (retention, erasure, a split) or its label is lifted: the row's acting
 * agency still names the school of a child with a new identity, or the clinic a child attends, whatever
 * later became of the record (HUB.md principles 5 and 8). It holds no content: an agency code and a child.
 */
@Entity()
export class RestrictedHolding {
  @PrimaryColumn("uuid")
  childId: string;

  @PrimaryColumn({ type: "varchar", length: 40 })
  agencyCode: string;

  @ManyToOne(() => Child, { nullable: false, onDelete: "CASCADE" })
  @JoinColumn({ name: "child_id" })
  child: Child;

  /** When the hub first saw the agency hold such a record of the child. */
  @CreateDateColumn({ type: "timestamptz" })
  firstHeldAt: Date;
}
