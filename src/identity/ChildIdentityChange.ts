import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

export const IdentityChangeKind = {
  /** Two children were one: the second's records moved to the first, which it now points to. */
  MERGE: "MERGE",
  /** Some of a child's records were someone else's: they moved to another (often a new) child. */
  SPLIT: "SPLIT",
} as const;
export type IdentityChangeKind = (typeof IdentityChangeKind)[keyof typeof IdentityChangeKind];

/** A data steward's merge or split, with the records it moved: the children's identity history. */
@Entity()
@Index(["fromChildId", "decidedAt"])
@Index(["toChildId", "decidedAt"])
export class ChildIdentityChange {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ type: "varchar", length: 8 })
  kind: IdentityChangeKind;

  /** MERGE: the child merged away. SPLIT: the child the records were taken from. */
  @Column({ type: "uuid" })
  fromChildId: string;

  /** MERGE: the surviving child. SPLIT: the child the records went to. */
  @Column({ type: "uuid" })
  toChildId: string;

  /** The SUI the first child had when the change was made (a later merge may take it away): the wrong-link report reads disclosures by it. */
  @Column({ type: "varchar", length: 10, nullable: true })
  fromChildSui: string | null;

  @Column({ type: "uuid", array: true })
  recordIds: string[];

  @Column({ type: "varchar", length: 200 })
  decidedBy: string;

  @Column({ type: "timestamptz" })
  decidedAt: Date;

  @Column({ type: "text" })
  reason: string;
}
