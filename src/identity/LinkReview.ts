import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { type LinkEvidence } from "./LinkEvidence";

export const LinkReviewStatus = {
  OPEN: "OPEN",
  /** A steward linked the record to this candidate. */
  LINKED: "LINKED",
  /** A steward decided the record is not this candidate's. */
  NOT_LINKED: "NOT_LINKED",
  /** A steward decided the record is about a child the hub did not know: a new child was created. */
  NEW_CHILD: "NEW_CHILD",
  /** Closed without a decision on this candidate: another review of the record decided it, or the agency resubmitted. */
  SUPERSEDED: "SUPERSEDED",
} as const;
export type LinkReviewStatus = (typeof LinkReviewStatus)[keyof typeof LinkReviewStatus];

/**
 * A possible link between a record and a candidate child, scored between the review and auto-link
 * thresholds (or ambiguous between two strong candidates), for a data steward to decide.
 */
@Entity()
@Index("IDX_link_review_open", ["openedAt", "id"], { where: `"status" = 'OPEN'` })
@Index("IDX_link_review_record_candidate", ["recordId", "candidateChildId"], { unique: true, where: `"status" = 'OPEN'` })
@Index(["recordId", "status"])
export class LinkReview {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ type: "uuid" })
  recordId: string;

  @Column({ type: "uuid" })
  candidateChildId: string;

  @Column({ type: "double precision" })
  score: number;

  @Column({ type: "jsonb" })
  evidence: LinkEvidence;

  @Column({ type: "varchar", length: 16 })
  status: LinkReviewStatus;

  @Column({ type: "timestamptz" })
  openedAt: Date;

  @Column({ type: "varchar", length: 200, nullable: true })
  resolvedBy: string | null;

  @Column({ type: "timestamptz", nullable: true })
  resolvedAt: Date | null;

  @Column({ type: "text", nullable: true })
  reason: string | null;
}
