import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from "typeorm";
import { type AgencyType } from "./AgencyType";
import { type UnscheduledCareSetting } from "./UnscheduledCareSetting";

/**
 * An organisation in the directory as it stands now: who may submit records, and whom notifications
 * are routed to. Holds organisational contact details only, never a person's. Every change to a row
 * is also written as an immutable `AgencyVersion`, and `version` names the one this row is; change it
 * only through `writeDirectoryEntry`, so the two never disagree.
 */
@Entity()
@Index(["type", "localAuthority"])
@Index("IDX_agency_served_local_authorities", ["servedLocalAuthorities"], { type: "gin" })
export class Agency {
  /** The organisation's code, e.g. `LA-E06000060`, `POLICE-43`, `HMP-BMI`; also the `agency` token claim. */
  @PrimaryColumn({ type: "varchar", length: 40 })
  code: string;

  @Column({ type: "varchar", length: 200 })
  name: string;

  @Column({ type: "varchar", length: 32 })
  type: AgencyType;

  /** ONS code of the local authority the agency sits in (null for one that sits in none of its own, such as a police force). */
  @Column({ type: "varchar", length: 9, nullable: true })
  localAuthority: string | null;

  /**
   * ONS codes of every local authority the agency serves: routing reads these. One for a council, a
   * school or a GP practice; several for a police force or a prison's resettlement area.
   */
  @Column({ type: "varchar", length: 9, array: true, default: () => "'{}'" })
  servedLocalAuthorities: string[];

  @Column({ type: "varchar", length: 80, nullable: true })
  policeForceArea: string | null;

  /** An organisational secure mailbox, never a person's address. */
  @Column({ type: "varchar", length: 254, nullable: true })
  contactEmail: string | null;

  @Column({ type: "varchar", length: 40, nullable: true })
  contactPhone: string | null;

  /** Where an unacknowledged notification is escalated: an organisational mailbox (a duty manager's team, not a person). */
  @Column({ type: "varchar", length: 254, nullable: true })
  escalationEmail: string | null;

  @Column({ type: "varchar", length: 40, nullable: true })
  escalationPhone: string | null;

  /** A health agency that is an unscheduled-care setting (CP-IS): an attendance or a plan viewed there tells the plan's authority. */
  @Column({ type: "varchar", length: 32, nullable: true })
  unscheduledCareSetting: UnscheduledCareSetting | null;

  /** The agency's registered webhook endpoint (`webhookEndpoint.ts` rules); null: inbox only. */
  @Column({ type: "varchar", length: 2048, nullable: true })
  webhookUrl: string | null;

  @Column({ type: "boolean", default: true })
  active: boolean;

  /** The directory version this row is (`agency_version.version`). */
  @Column({ type: "integer", default: 1 })
  version: number;

  @CreateDateColumn({ type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
