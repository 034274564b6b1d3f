import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { type LinkMethod, type LinkOrigin } from "./linkVocabulary";
import { type LinkEvidence } from "./LinkEvidence";

export const LinkAction = {
  /** The record now counts as this child's. */
  LINKED: "LINKED",
  /** The record no longer counts as this child's (a split, a steward moving it, a re-match). */
  UNLINKED: "UNLINKED",
  /** The record may be this child's: a link review is open. */
  PROPOSED: "PROPOSED",
  /** A steward decided the record is not this child's: automation will not propose it again. */
  REJECTED: "REJECTED",
} as const;
export type LinkAction = (typeof LinkAction)[keyof typeof LinkAction];

/**
 * One change to how a record is linked: the governed history behind `agency_record`'s current link
 * (HUB.md §8). Rows are only ever added. The wrong-link report reads when a record became and stopped
 * being a child's from here.
 */
@Entity()
@Index(["recordId", "decidedAt"])
@Index(["childId", "decidedAt"])
export class RecordLinkEvent {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ type: "uuid" })
  recordId: string;

  @Column({ type: "uuid", nullable: true })
  childId: string | null;

  @Column({ type: "varchar", length: 16 })
  action: LinkAction;

  @Column({ type: "varchar", length: 16 })
  method: LinkMethod;

  @Column({ type: "varchar", length: 16 })
  origin: LinkOrigin;

  /** The score and per-field weights, for a probabilistic decision. */
  @Column({ type: "jsonb", nullable: true })
  evidence: LinkEvidence | null;

  @Column({ type: "varchar", length: 200 })
  decidedBy: string;

  @Column({ type: "timestamptz" })
  decidedAt: Date;

  /** A steward's reason, verbatim; for automation, which rule decided. */
  @Column({ type: "text", nullable: true })
  reason: string | null;

  /** The link review, merge or split this change was part of. */
  @Column({ type: "uuid", nullable: true })
  causeId: string | null;
}
