import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { type HealthProfessionalOpinion } from "./ItemReview";
import { type ReviewDecision } from "./SubjectAccessDecision";
import { SubjectAccessRequest } from "./SubjectAccessRequest";

/**
 * The IG lead's decision on one item of a request's report that an exemption held for review, with the
 * exemptions it answered, the reason and (for health data) the health professional's opinion. Never
 * changed: a later decision on the same item supersedes it, and both stay.
 */
@Entity()
@Index("IDX_subject_access_item_decision_item", ["requestId", "item", "decidedAt"])
export class SubjectAccessItemDecision {
  /** Assigned before the audit entry is written, which names it. */
  @PrimaryColumn({ type: "uuid" })
  id: string;

  @Column({ type: "uuid" })
  requestId: string;

  @ManyToOne(() => SubjectAccessRequest, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "request_id" })
  request?: SubjectAccessRequest;

  /** The item's path in the report, e.g. `health[<recordId>].conditions`, `disclosures[<auditEntryId>]`. */
  @Column({ type: "varchar", length: 200 })
  item: string;

  @Column({ type: "varchar", length: 16 })
  decision: ReviewDecision;

  /** The exemption ids the decision answered. */
  @Column({ type: "text", array: true })
  exemptions: string[];

  @Column({ type: "text" })
  reason: string;

  @Column({ type: "jsonb", nullable: true })
  healthOpinion: HealthProfessionalOpinion | null;

  @Column({ type: "varchar", length: 200 })
  decidedBySub: string;

  @Column({ type: "timestamptz" })
  decidedAt: Date;
}
