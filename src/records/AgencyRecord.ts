import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { Child } from "../people/Child";
import { Agency } from "../directory/Agency";
import { type RecordType } from "./RecordType";
import { type SensitivityLabel } from "./SensitivityLabel";
import { type ReportedIdentity } from "../identity/ReportedIdentity";
import { type LinkEvidence } from "../identity/LinkEvidence";
import { type LinkMethod, type LinkOrigin, type LinkState } from "../identity/linkVocabulary";

/** Field name → labels, for the fields of the record's detail type (see `recordFields.ts`). */
export type FieldLabels = Partial<Record<string, SensitivityLabel[]>>;

/**
 * The index entry for one record an agency holds about a child: whose it is, the agency's own
 * reference (the pointer back to the full record, which stays with the agency — design principle 1),
 * its labels and how it is linked to the child. The safeguarding-relevant facts sit in the detail
 * table of its `recordType`, keyed by the same id.
 */
@Entity()
@Index(["agency", "agencyReference"], { unique: true })
export class AgencyRecord {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @ManyToOne(() => Agency, { nullable: false, onDelete: "RESTRICT" })
  agency: Agency;

  @Column({ type: "varchar", length: 64 })
  agencyReference: string;

  @Column({ type: "varchar", length: 16 })
  recordType: RecordType;

  /**
   * The child the record is linked to; null while a link review is open (the record then counts as
   * nobody's, and is disclosed as nobody's, until a data steward decides).
   */
  @ManyToOne(() => Child, { nullable: true, onDelete: "RESTRICT" })
  @Index()
  child: Child | null;

  /** The child's identity as this record reported it (for review and re-matching). */
  @Column({ type: "jsonb" })
  reportedIdentity: ReportedIdentity;

  /** Labels on the whole record (e.g. SEALED, BROKERED, WITHHOLD_FROM_FAMILY). */
  @Column({ type: "text", array: true, default: () => "'{}'" })
  labels: SensitivityLabel[];

  /** Labels on individual fields, merged over the record type's defaults. */
  @Column({ type: "jsonb", default: () => "'{}'" })
  fieldLabels: FieldLabels;

  @Column({ type: "varchar", length: 16 })
  linkMethod: LinkMethod;

  @Column({ type: "varchar", length: 16 })
  linkState: LinkState;

  @Column({ type: "varchar", length: 16 })
  linkOrigin: LinkOrigin;

  /** Who decided the link: the submitting principal for an SUI link, a steward for a manual one. */
  @Column({ type: "varchar", length: 200 })
  linkDecidedBy: string;

  @Column({ type: "timestamptz" })
  linkDecidedAt: Date;

  /** The score and per-field weights behind a probabilistic link; null for SUI and manual links. */
  @Column({ type: "jsonb", nullable: true })
  linkEvidence: LinkEvidence | null;

  /** When the agency says the facts were true (its own record's date), if it gave one. */
  @Column({ type: "timestamptz", nullable: true })
  recordedAt: Date | null;

  /** SHA-256 of the submitted content, so an identical resubmission is recognised and changes nothing. */
  @Column({ type: "char", length: 64 })
  contentHash: string;

  /** Incremented on every resubmission that changes the record. */
  @Column({ type: "integer", default: 1 })
  version: number;

  @CreateDateColumn({ type: "timestamptz" })
  receivedAt: Date;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
