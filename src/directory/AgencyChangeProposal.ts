import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { type DirectoryChangeSource } from "./DirectoryChangeSource";
import { type DirectoryEntry } from "./DirectoryEntry";

export const AgencyChangeStatus = {
  /** Waiting for a second directory administrator; routing still reads the agency's current version. */
  PENDING: "PENDING",
  /** Approved by another administrator: it became version `version` of the agency. */
  APPROVED: "APPROVED",
  /** Rejected (by any administrator, the proposer too), with the reason: nothing was written. */
  REJECTED: "REJECTED",
} as const;
export type AgencyChangeStatus = (typeof AgencyChangeStatus)[keyof typeof AgencyChangeStatus];

/**
 * A change to an agency's routing fields (`routingFields.ts`), or a new agency, proposed by one
 * directory administrator (or an import's operator) and waiting for a second, different one. Holds the
 * whole entry as proposed and the version it was proposed against: approving it writes that entry as
 * the next version only while that version is still current, so nobody approves a change over one
 * they never saw. One pending proposal per agency at a time. Kept after it is decided, as the record
 * of who proposed and who approved or rejected what.
 */
@Entity()
@Index("IDX_agency_change_proposal_pending", ["agencyCode"], { unique: true, where: `"status" = 'PENDING'` })
export class AgencyChangeProposal {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  /** No foreign key: a proposal to create an agency names a code the directory does not hold yet. */
  @Column({ type: "varchar", length: 40 })
  agencyCode: string;

  /** The agency's version the change was compared with (0: a new agency). */
  @Column({ type: "integer" })
  baseVersion: number;

  @Column({ type: "jsonb" })
  entry: DirectoryEntry;

  @Column({ type: "jsonb" })
  changedFields: (keyof DirectoryEntry)[];

  @Column({ type: "varchar", length: 16 })
  status: AgencyChangeStatus;

  @Column({ type: "varchar", length: 16 })
  source: DirectoryChangeSource;

  /** A token's `sub` for the API; `command:<operating-system user>` for an import. */
  @Column({ type: "varchar", length: 200 })
  proposedBy: string;

  @Column({ type: "varchar", length: 40, nullable: true })
  proposedByAgency: string | null;

  @Column({ type: "timestamptz" })
  proposedAt: Date;

  /** The proposal's audit entry (API and import proposals). */
  @Column({ type: "uuid", nullable: true })
  proposalAuditEntryId: string | null;

  @Column({ type: "varchar", length: 200, nullable: true })
  decidedBy: string | null;

  @Column({ type: "varchar", length: 40, nullable: true })
  decidedByAgency: string | null;

  @Column({ type: "timestamptz", nullable: true })
  decidedAt: Date | null;

  @Column({ type: "uuid", nullable: true })
  decisionAuditEntryId: string | null;

  @Column({ type: "text", nullable: true })
  decisionReason: string | null;

  /** The version an approval wrote. */
  @Column({ type: "integer", nullable: true })
  version: number | null;
}
