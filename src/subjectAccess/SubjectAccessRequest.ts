import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from "typeorm";
import { type ChildCompetence } from "../consent/ChildCompetence";
import { type RequesterStanding } from "./RequesterStanding";

/** Whether the request is still being answered. */
export const SubjectAccessStatus = { OPEN: "OPEN", CLOSED: "CLOSED" } as const;
export type SubjectAccessStatus = (typeof SubjectAccessStatus)[keyof typeof SubjectAccessStatus];

/** How a request ended. */
export const SubjectAccessClosure = {
  /** The response was sent. */
  RESPONDED: "RESPONDED",
  /** The requester withdrew it. */
  WITHDRAWN: "WITHDRAWN",
  /** Refused as manifestly unfounded or excessive (UK GDPR Art 12(5)(b)), the requester told why and of their right to complain. */
  REFUSED: "REFUSED",
} as const;
export type SubjectAccessClosure = (typeof SubjectAccessClosure)[keyof typeof SubjectAccessClosure];
export const SUBJECT_ACCESS_CLOSURES = Object.values(SubjectAccessClosure);

/**
 * A subject access request about a child (UK GDPR Art 15), as a case an IG lead opens: who asked and
 * in what right, when it arrived, and when it is due — the month counted as policy data
 * (`SUBJECT_ACCESS_REQUEST` in policies/timescales.yaml), extended at most once, with the reasons
 * (Art 12(3)). Every change is on the audit trail first. The child is named by SUI whether or not the
 * hub holds a record of them: "we hold nothing" is an answer too.
 */
@Entity()
@Index("IDX_subject_access_request_reference", ["reference"], { unique: true })
@Index("IDX_subject_access_request_status_due", ["status", "dueAt", "id"])
@Index("IDX_subject_access_request_sui", ["sui"])
export class SubjectAccessRequest {
  /** Assigned before the audit entry is written, which names it. */
  @PrimaryColumn({ type: "uuid" })
  id: string;

  /** The IG office's own reference for the request: the caseReference its work states. */
  @Column({ type: "varchar", length: 64 })
  reference: string;

  @Column({ type: "varchar", length: 10 })
  sui: string;

  @Column({ type: "varchar", length: 40 })
  requesterStanding: RequesterStanding;

  /** Who asked, as the request names them. Personal data: never logged, never on the audit trail. */
  @Column({ type: "varchar", length: 200 })
  requesterName: string;

  /** How a parent's parental responsibility, or a representative's authority from the child, was confirmed. */
  @Column({ type: "text", nullable: true })
  requesterBasis: string | null;

  /** The child's capacity to exercise the right (their own request, or the authority they gave); null for a parent's request. */
  @Column({ type: "varchar", length: 32, nullable: true })
  childCompetence: ChildCompetence | null;

  /** The IG lead's written assessment, when the child's competence was assessed rather than presumed. */
  @Column({ type: "text", nullable: true })
  competenceAssessment: string | null;

  /** When the controller received the request: the month runs from its day. */
  @Column({ type: "timestamptz" })
  receivedAt: Date;

  /** The edition of guidance the clock was counted under. */
  @Column({ type: "varchar", length: 64 })
  timescaleEdition: string;

  /** The end of the first month. */
  @Column({ type: "timestamptz" })
  originalDueAt: Date;

  /** When the answer is due now: the first month's end, or the extension's. */
  @Column({ type: "timestamptz" })
  dueAt: Date;

  @Column({ type: "integer", nullable: true })
  extensionMonths: number | null;

  @Column({ type: "text", nullable: true })
  extensionReason: string | null;

  @Column({ type: "timestamptz", nullable: true })
  extendedAt: Date | null;

  @Column({ type: "varchar", length: 200, nullable: true })
  extendedBySub: string | null;

  @Column({ type: "varchar", length: 16 })
  status: SubjectAccessStatus;

  @Column({ type: "varchar", length: 16, nullable: true })
  closure: SubjectAccessClosure | null;

  @Column({ type: "text", nullable: true })
  closureNote: string | null;

  @Column({ type: "timestamptz", nullable: true })
  closedAt: Date | null;

  @Column({ type: "varchar", length: 200, nullable: true })
  closedBySub: string | null;

  @Column({ type: "varchar", length: 200 })
  openedBySub: string;

  @Column({ type: "varchar", length: 40 })
  openedByAgency: string;

  @CreateDateColumn({ type: "timestamptz" })
  openedAt: Date;
}
