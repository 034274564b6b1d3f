import { Column, Entity, Index, ManyToOne } from "typeorm";
import { RecordDetails } from "./RecordDetails";
import { Adult } from "../../people/Adult";
import { type RoshGroup, type RoshLevel } from "./riskVocabulary";

/**
 * Probation's record of an offender connected to the child. MAPPA category 1–4 and level 1–3; sharing
 * under MAPPA is law-enforcement processing (DPA 2018 Part 3).
 */
@Entity()
export class ProbationRecord extends RecordDetails {
  @ManyToOne(() => Adult, { nullable: false, onDelete: "RESTRICT" })
  @Index()
  offender: Adult;

  @Column({ type: "varchar", length: 120, nullable: true })
  offenderManagerName: string | null;

  @Column({ type: "varchar", length: 254, nullable: true })
  offenderManagerContact: string | null;

  @Column({ type: "varchar", length: 16 })
  roshLevel: RoshLevel;

  @Column({ type: "text", array: true, default: () => "'{}'" })
  roshTo: RoshGroup[];

  @Column({ type: "smallint", nullable: true })
  mappaCategory: number | null;

  @Column({ type: "smallint", nullable: true })
  mappaLevel: number | null;

  @Column({ type: "text", nullable: true })
  riskManagementSummary: string | null;

  /** When probation's supervision of the offender ends (licence or order end): its involvement then lapses (policies/relationships.yaml). */
  @Column({ type: "date", nullable: true })
  supervisionEndDate: string | null;
}
