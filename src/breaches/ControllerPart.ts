import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { type BreachDecision, type BreachStatus, type PersonalDataBreach, type SubjectNotice } from "./PersonalDataBreach";

/**
 * One controlling agency's part of a breach, and its decision on it. Each agency is the controller of
 * its own records (UK GDPR Art 4(7)), so each decides for itself whether the breach is reported to the
 * Information Commissioner (Art 33; DPA 2018 s.67 for Part 3 data) and whether the people affected are
 * told (Art 34): one agency's decision neither decides nor stops another's clock. The decision's text is
 * that agency's, read only by its own IG leads (`breachPart.ts`). A breach is DECIDED once every part is.
 */
@Entity("breach_controller_part")
@Index("IDX_breach_controller_part_agency_status", ["agency", "status"])
export class ControllerPart {
  @PrimaryColumn({ type: "uuid" })
  breachId: string;

  /** The controlling agency whose part this is. */
  @PrimaryColumn({ type: "varchar", length: 40 })
  agency: string;

  @Column({ type: "varchar", length: 16 })
  status: BreachStatus;

  /**
   * When this controller became aware (UK GDPR Art 33(1)): its 72 hours run from here. The opening
   * agency's, when it says; every other controller's, when the hub told it — recorded the breach with
   * this part open in its IG leads' log (`openSuspectedBreach`).
   */
  @Column({ type: "timestamptz" })
  awareAt: Date;

  @Column({ type: "timestamptz" })
  reportDueAt: Date;

  @Column({ type: "varchar", length: 64 })
  timescaleEdition: string;

  @Column({ type: "varchar", length: 16, nullable: true })
  decision: BreachDecision | null;

  @Column({ type: "varchar", length: 32, nullable: true })
  subjectNotice: SubjectNotice | null;

  @Column({ type: "text", nullable: true })
  decisionReasons: string | null;

  /** The ICO's reference for the agency's report (REPORT only). */
  @Column({ type: "varchar", length: 64, nullable: true })
  icoReference: string | null;

  /** When the agency reported it to the ICO (REPORT only): the clock is met or missed by this instant. */
  @Column({ type: "timestamptz", nullable: true })
  reportedAt: Date | null;

  @Column({ type: "timestamptz", nullable: true })
  decidedAt: Date | null;

  @Column({ type: "varchar", length: 200, nullable: true })
  decidedBySub: string | null;
}

/**
 * The agencies that each decide a part: every agency whose records went out in the affected
 * disclosures or whose staff received them (`agenciesToTell`); a breach the trail names no disclosure
 * of (children only) is the opening agency's to decide.
 */
export function controllersOf(breach: Pick<PersonalDataBreach, "agenciesToTell" | "openedByAgency">): string[] {
  return breach.agenciesToTell.length > 0 ? [...breach.agenciesToTell] : [breach.openedByAgency];
}
