import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { Agency } from "./Agency";
import { type DirectoryChangeSource } from "./DirectoryChangeSource";
import { type DirectoryEntry } from "./DirectoryEntry";

/**
 * One version of one agency's directory entry, as it stood from `validFrom` until the next version.
 * Written once, in the same transaction as the change to `agency`, and never updated or deleted (the
 * migration's triggers refuse both): routing decisions name the version they used, so the entry they
 * read must still be there to explain them. Deactivating an agency is a version too.
 */
@Entity()
export class AgencyVersion {
  @PrimaryColumn({ type: "varchar", length: 40 })
  agencyCode: string;

  @ManyToOne(() => Agency, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "agency_code" })
  agency?: Agency;

  /** 1 for the entry that created the agency, then one more for each change. */
  @PrimaryColumn({ type: "integer" })
  version: number;

  /** The full entry as it stood (`DirectoryEntry`), not a difference: a version reads on its own. */
  @Column({ type: "jsonb" })
  entry: DirectoryEntry;

  @Column({ type: "timestamptz" })
  validFrom: Date;

  /** Who made (or proposed) the change: the token's `sub` for the API, `command:<operating-system user>` for an import, `demo-loader`, `migration`. */
  @Column({ type: "varchar", length: 200 })
  changedBy: string;

  /** The changer's agency, when the change came through the API. */
  @Column({ type: "varchar", length: 40, nullable: true })
  changedByAgency: string | null;

  @Column({ type: "varchar", length: 16 })
  source: DirectoryChangeSource;

  /** The audit entry of the change (API and import changes), so the trail and the directory name each other. */
  @Column({ type: "uuid", nullable: true })
  auditEntryId: string | null;

  /** The second directory administrator who approved a change to routing fields (`routingFields.ts`); null for one that needed none. */
  @Column({ type: "varchar", length: 200, nullable: true })
  approvedBy: string | null;

  @Column({ type: "varchar", length: 40, nullable: true })
  approvedByAgency: string | null;

  /** The approved proposal this version is (`AgencyChangeProposal`). */
  @Column({ type: "uuid", nullable: true })
  proposalId: string | null;
}
