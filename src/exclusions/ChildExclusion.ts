import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** Who an exclusion keeps out of a child's file: one member of staff, a team of an agency, or a whole agency. */
export const ExclusionKind = { STAFF: "STAFF", TEAM: "TEAM", AGENCY: "AGENCY" } as const;
export type ExclusionKind = (typeof ExclusionKind)[keyof typeof ExclusionKind];
export const EXCLUSION_KINDS = Object.values(ExclusionKind);

/**
 * A named-staff exclusion (DOMAIN need-to-know rules; complex abuse: implicated staff and their line
 * managers): the people, teams or agencies who must not see one child's file, recorded by a CSC manager
 * or IG lead. Keyed by the hub's child (`childId`), not the SUI: it follows the child through a merge
 * (moved to the survivor, as consent is) and stays with it through a split or a change of SUI, so a child
 * neither escapes nor loses it. Never deleted: lifting one records who lifted it, when and why.
 */
@Entity()
@Index("IDX_child_exclusion_sui", ["sui"])
@Index("IDX_child_exclusion_child", ["childId"])
@Check("child_exclusion_team_keyed", `("team" IS NULL) = ("team_key" IS NULL)`)
export class ChildExclusion {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  /** The child kept out of: what every reading path asks by. */
  @Column({ type: "uuid" })
  childId: string;

  /** The SUI the child held when the exclusion was recorded; null for a child then awaiting one (named by the recording agency's own reference). */
  @Column({ type: "varchar", length: 10, nullable: true })
  sui: string | null;

  @Column({ type: "varchar", length: 8 })
  kind: ExclusionKind;

  /** STAFF: the token subject (`sub`) of the person kept out. */
  @Column({ type: "varchar", length: 200, nullable: true })
  subjectSub: string | null;

  /** TEAM and AGENCY: the agency's code; STAFF: the agency the person is kept out as staff of (null on one recorded before STAFF named it: read as the recorder's, `STAFF_AGENCY_SQL`). */
  @Column({ type: "varchar", length: 40, nullable: true })
  agencyCode: string | null;

  /** TEAM: the token's `team` claim. */
  @Column({ type: "varchar", length: 100, nullable: true })
  team: string | null;

  /**
   * TEAM: `teamKey(team)` (`excludes.ts`), worked out in JavaScript when it is recorded, for a query to
   * compare with the caller's (`keptOutCondition`): SQL never works out a team's key, as its spaces and
   * case are not JavaScript's and depend on the database's locale. Held whenever `team` is, and only then (a check constraint).
   */
  @Column({ type: "text", nullable: true })
  teamKey: string | null;

  @Column({ type: "text" })
  reason: string;

  @Column({ type: "varchar", length: 200 })
  recordedBySub: string;

  @Column({ type: "varchar", length: 40 })
  recordedByAgency: string;

  @CreateDateColumn({ type: "timestamptz" })
  recordedAt: Date;

  @Column({ type: "timestamptz", nullable: true })
  liftedAt: Date | null;

  @Column({ type: "varchar", length: 200, nullable: true })
  liftedBySub: string | null;

  @Column({ type: "text", nullable: true })
  liftReason: string | null;
}
