import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { type AdultLinkEvidence } from "./AdultLinkEvidence";

export const AdultLinkReviewStatus = {
  OPEN: "OPEN",
  /** A steward decided the two are one person: the adult was merged into the candidate. */
  SAME_PERSON: "SAME_PERSON",
  /** A steward decided they are two people: never proposed again. */
  NOT_SAME_PERSON: "NOT_SAME_PERSON",
  /** Closed without a decision: one of the two was merged into someone else, or another review decided it. */
  SUPERSEDED: "SUPERSEDED",
} as const;
export type AdultLinkReviewStatus = (typeof AdultLinkReviewStatus)[keyof typeof AdultLinkReviewStatus];

/**
 * A person an agency reported who may be an adult the hub already holds: scored between the review and
 * auto-link thresholds, ambiguous, or giving a national identifier of another adult with an identity
 * that disagrees. Until a steward decides, the reported person is an adult of their own (`adultId`), so
 * nothing of one reaches the other's agencies.
 */
@Entity()
@Index("IDX_adult_link_review_open", ["openedAt", "id"], { where: `"status" = 'OPEN'` })
@Index("IDX_adult_link_review_pair", ["adultId", "candidateAdultId"], { unique: true, where: `"status" = 'OPEN'` })
@Index(["candidateAdultId"])
export class AdultLinkReview {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  /** The adult created for the reported person. */
  @Column({ type: "uuid" })
  adultId: string;

  /** The adult the hub already held who may be the same person. */
  @Column({ type: "uuid" })
  candidateAdultId: string;

  @Column({ type: "double precision" })
  score: number;

  @Column({ type: "jsonb" })
  evidence: AdultLinkEvidence;

  @Column({ type: "varchar", length: 16 })
  status: AdultLinkReviewStatus;

  @Column({ type: "timestamptz" })
  openedAt: Date;

  @Column({ type: "varchar", length: 200, nullable: true })
  resolvedBy: string | null;

  @Column({ type: "timestamptz", nullable: true })
  resolvedAt: Date | null;

  @Column({ type: "text", nullable: true })
  reason: string | null;
}
