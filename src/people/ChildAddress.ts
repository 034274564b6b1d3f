import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { Child } from "./Child";
import { type AddressKind } from "./AddressKind";
import { type SensitivityLabel } from "../records/SensitivityLabel";

/**
 * An address reported for a child, kept as history (the latest report wins as "current"). Labels such as
 * LOCATION_WITHHELD travel with the address, so a refuge or an unaccompanied child's placement is
 * withheld wherever the address would otherwise be shown.
 */
@Entity()
@Index(["child", "kind", "line1", "postcode"], { unique: true })
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

  /** Normalised "AA9A 9AA": upper case, one space before the inward code. */
  @Column({ type: "varchar", length: 8, default: "" })
  postcode: string;

  @Column({ type: "varchar", length: 9, nullable: true })
  localAuthority: string | null;

  @Column({ type: "text", array: true, default: () => "'{}'" })
  labels: SensitivityLabel[];

  @Column({ type: "varchar", length: 40, nullable: true })
  reportedBy: string | null;

  @Column({ type: "date", nullable: true })
  validFrom: string | null;

  @CreateDateColumn({ type: "timestamptz" })
  firstReportedAt: Date;

  @UpdateDateColumn({ type: "timestamptz" })
  lastReportedAt: Date;
}
