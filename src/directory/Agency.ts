import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from "typeorm";
import { type AgencyType } from "./AgencyType";

/**
 * An organisation in the directory: who may submit records, and whom notifications are routed to.
 * Holds organisational contact details only, never a person's.
 */
@Entity()
@Index(["type", "localAuthority"])
export class Agency {
  /** The organisation's code, e.g. `LA-E06000060`, `POLICE-43`, `HMP-BMI`; also the `agency` token claim. */
  @PrimaryColumn({ type: "varchar", length: 40 })
  code: string;

  @Column({ type: "varchar", length: 200 })
  name: string;

  @Column({ type: "varchar", length: 32 })
  type: AgencyType;

  /** ONS code of the local authority the agency serves or sits in. */
  @Column({ type: "varchar", length: 9, nullable: true })
  localAuthority: string | null;

  @Column({ type: "varchar", length: 80, nullable: true })
  policeForceArea: string | null;

  /** An organisational secure mailbox, never a person's address. */
  @Column({ type: "varchar", length: 254, nullable: true })
  contactEmail: string | null;

  @Column({ type: "varchar", length: 40, nullable: true })
  contactPhone: string | null;

  @Column({ type: "boolean", default: true })
  active: boolean;

  @CreateDateColumn({ type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
