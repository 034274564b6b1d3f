import { Column, Entity } from "typeorm";
import { RecordDetails } from "./RecordDetails";
import { type RoshLevel } from "./riskVocabulary";

export const YouthJusticeDisposal = {
  OUT_OF_COURT_DISPOSAL: "OUT_OF_COURT_DISPOSAL",
  REFERRAL_ORDER: "REFERRAL_ORDER",
  YOUTH_REHABILITATION_ORDER: "YOUTH_REHABILITATION_ORDER",
  DETENTION_AND_TRAINING_ORDER: "DETENTION_AND_TRAINING_ORDER",
  BAIL_SUPERVISION: "BAIL_SUPERVISION",
  REMAND: "REMAND",
} as const;
export type YouthJusticeDisposal = (typeof YouthJusticeDisposal)[keyof typeof YouthJusticeDisposal];

export const ConcernLevel = { LOW: "LOW", MEDIUM: "MEDIUM", HIGH: "HIGH", VERY_HIGH: "VERY_HIGH" } as const;
export type ConcernLevel = (typeof ConcernLevel)[keyof typeof ConcernLevel];

/** The youth justice service's (YOT's) record of the child themself. */
@Entity()
export class YouthJusticeRecord extends RecordDetails {
  @Column({ type: "varchar", length: 40 })
  disposal: YouthJusticeDisposal;

  @Column({ type: "date" })
  startDate: string;

  @Column({ type: "date", nullable: true })
  endDate: string | null;

  @Column({ type: "varchar", length: 120, nullable: true })
  caseworkerName: string | null;

  @Column({ type: "varchar", length: 254, nullable: true })
  caseworkerContact: string | null;

  @Column({ type: "varchar", length: 16, nullable: true })
  riskOfSeriousHarm: RoshLevel | null;

  /** The child's own safety and wellbeing concern level. */
  @Column({ type: "varchar", length: 16, nullable: true })
  safetyAndWellbeing: ConcernLevel | null;

  @Column({ type: "text", nullable: true })
  summary: string | null;
}
