import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { type ReferralDecision, type ReferralSource, type ReferralStage } from "./ReferralStage";

/**
 * A referral a MASH practitioner opened in the hub, under the local authority's case reference: the
 * fact a MASH case reference is checked against (design §6: "a case reference is a claim the hub checks
 * against the referrals it holds, never a password"). It names the child by SUI whether or not the hub
 * holds a record of them yet, or names none until a search under it finds the child (`bindReferral.ts`). Referrals an authority's own system records arrive as social care records
 * of status REFERRAL and are read from those (`openReferralNamed.ts`). Never deleted: a decision closes it, and a decided referral is never reopened.
 */
@Entity()
@Index("IDX_referral_authority_reference", ["localAuthority", "reference"], { unique: true })
@Index("IDX_referral_sui", ["sui"])
export class Referral {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  /** Null until the MASH opens the child a search under it showed (`bindReferral.ts`): a referral often comes before the child is identified. */
  @Column({ type: "varchar", length: 10, nullable: true })
  sui: string | null;

  /** The children searches under this referral showed: the only ones opening a child may bind it to. */
  @Column({ type: "varchar", length: 10, array: true, default: () => "'{}'" })
  searchedSuis: string[];

  /**
   * The children a household view under this referral showed (`search/viewHousehold.ts`): the only
   * children besides its own whose file its case reference opens (MASH_CASE). Never the referral's own child.
   */
  @Column({ type: "varchar", length: 10, array: true, default: () => "'{}'" })
  @Index("IDX_referral_household_suis", { synchronize: false })
  householdSuis: string[];

  /** When opening a searched child bound it to that child (null: opened naming the child, or not yet bound). */
  @Column({ type: "timestamptz", nullable: true })
  boundAt: Date | null;

  /** ONS code of the authority whose MASH holds it (the opener's). */
  @Column({ type: "varchar", length: 9 })
  localAuthority: string;

  @Column({ type: "varchar", length: 64 })
  reference: string;

  @Column({ type: "varchar", length: 24 })
  stage: ReferralStage;

  @Column({ type: "varchar", length: 24 })
  referralSource: ReferralSource;

  /** When the referral reached the authority. */
  @Column({ type: "timestamptz" })
  receivedAt: Date;

  /** When it reached its current stage: the stage's window runs from here (for a referral, its receipt). */
  @Column({ type: "timestamptz" })
  stageStartedAt: Date;

  @Column({ type: "varchar", length: 200 })
  openedBySub: string;

  @Column({ type: "varchar", length: 40 })
  openedByAgency: string;

  @Column({ type: "timestamptz", nullable: true })
  decidedAt: Date | null;

  @Column({ type: "varchar", length: 40, nullable: true })
  decision: ReferralDecision | null;

  @CreateDateColumn({ type: "timestamptz" })
  openedAt: Date;
}
