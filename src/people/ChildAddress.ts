import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { Child } from "./Child";
import { type AddressKind } from "./AddressKind";
import { type SensitivityLabel } from "../records/SensitivityLabel";
import { AgencyRecord } from "../records/AgencyRecord";

/**
 * An address one agency record reported for a child, kept as history: one row per record and address,
 * with the details that record gave (design principle 8) — it reaches a caller only through that
 * record, so what a sealed record adds to an address (a flat number, a town, an authority) never
 * reaches someone who sees only another record reporting the same street. Labels such as
 * LOCATION_WITHHELD travel with the address, and a record that withholds its location protects every
 * address it reports; once any record protects a location it stays protected for every caller, so a
 * refuge or an unaccompanied child's placement is withheld wherever the address, or anything derived
 * from it (the child's local authority), would otherwise be shown.
 */
@Entity()
@Index(["child", "sourceRecord", "kind", "line1", "postcode"], { unique: true })
export class ChildAddress {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @ManyToOne(() => Child, (child) => child.addresses, { nullable: false, onDelete: "CASCADE" })
  child: Child;

  @Column({ type: "varchar", length: 16 })
  kind: AddressKind;

  @Column({ type: "varchar", length: 120 })
  line1: string;

  @Column({ type: "varchar", length: 120, nullable: true })
  line2: string | null;

  @Column({ type: "varchar", length: 80, nullable: true })
  town: string | null;

  /** Normalised "AA9A 9AA": upper case, one space before the inward code. Indexed: the household view finds who lives at an address by it. */
  @Index("IDX_child_address_postcode")
  @Column({ type: "varchar", length: 8, default: "" })
  postcode: string;

  @Column({ type: "varchar", length: 9, nullable: true })
  localAuthority: string | null;

  @Column({ type: "text", array: true, default: () => "'{}'" })
  labels: SensitivityLabel[];

  @Column({ type: "varchar", length: 40, nullable: true })
  reportedBy: string | null;

  /**
   * The agency record that reported this address; the row goes with it when it moves to another child.
   * Checked at commit: a new record's address is written as its child is found, before the record is.
   */
  @ManyToOne(() => AgencyRecord, { nullable: false, onDelete: "CASCADE", deferrable: "INITIALLY DEFERRED" })
  // Found by its record when the record moves or is matched: an index, so that costs the record's rows, not the table.
  @Index()
  sourceRecord: AgencyRecord;

  @Column({ type: "date", nullable: true })
  validFrom: string | null;

  @CreateDateColumn({ type: "timestamptz" })
  firstReportedAt: Date;

  @UpdateDateColumn({ type: "timestamptz" })
  lastReportedAt: Date;
}
