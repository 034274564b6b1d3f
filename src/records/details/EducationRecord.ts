import { Column, Entity } from "typeorm";
import { RecordDetails } from "./RecordDetails";

export const RollStatus = {
  ON_ROLL: "ON_ROLL",
  /** Left at a non-standard point: the school must tell the local authority. */
  LEFT_NON_STANDARD: "LEFT_NON_STANDARD",
  LEFT: "LEFT",
  ELECTIVE_HOME_EDUCATION: "ELECTIVE_HOME_EDUCATION",
  CHILD_MISSING_EDUCATION: "CHILD_MISSING_EDUCATION",
  PERMANENTLY_EXCLUDED: "PERMANENTLY_EXCLUDED",
} as const;
export type RollStatus = (typeof RollStatus)[keyof typeof RollStatus];

export const SenStatus = { NONE: "NONE", SEN_SUPPORT: "SEN_SUPPORT", EHC_PLAN: "EHC_PLAN" } as const;
export type SenStatus = (typeof SenStatus)[keyof typeof SenStatus];

export const ExclusionType = { SUSPENSION: "SUSPENSION", PERMANENT: "PERMANENT" } as const;
export type ExclusionType = (typeof ExclusionType)[keyof typeof ExclusionType];

export interface Exclusion {
  type: ExclusionType;
  startDate: string;
  days?: number;
  reason?: string;
}

export const ConcernCategory = {
  PHYSICAL_ABUSE: "PHYSICAL_ABUSE",
  EMOTIONAL_ABUSE: "EMOTIONAL_ABUSE",
  SEXUAL_ABUSE: "SEXUAL_ABUSE",
  NEGLECT: "NEGLECT",
  DOMESTIC_ABUSE: "DOMESTIC_ABUSE",
  FORCED_MARRIAGE: "FORCED_MARRIAGE",
  HONOUR_BASED_ABUSE: "HONOUR_BASED_ABUSE",
  FEMALE_GENITAL_MUTILATION: "FEMALE_GENITAL_MUTILATION",
  CHILD_SEXUAL_EXPLOITATION: "CHILD_SEXUAL_EXPLOITATION",
  CHILD_CRIMINAL_EXPLOITATION: "CHILD_CRIMINAL_EXPLOITATION",
  RADICALISATION: "RADICALISATION",
  MENTAL_HEALTH: "MENTAL_HEALTH",
  OTHER: "OTHER",
} as const;
export type ConcernCategory = (typeof ConcernCategory)[keyof typeof ConcernCategory];

/** A safeguarding concern the school has recorded (e.g. a child's disclosure to a teacher). */
export interface SafeguardingConcern {
  recordedOn: string;
  category: ConcernCategory;
  summary: string;
}

@Entity()
export class EducationRecord extends RecordDetails {
  @Column({ type: "varchar", length: 32 })
  rollStatus: RollStatus;

  @Column({ type: "date", nullable: true })
  onRollFrom: string | null;

  @Column({ type: "date", nullable: true })
  leftOn: string | null;

  /** numeric(5,2): PostgreSQL returns numeric as text, turned back into a number here. */
  @Column({
    type: "numeric",
    precision: 5,
    scale: 2,
    nullable: true,
    transformer: { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) },
  })
  attendancePercent: number | null;

  @Column({ type: "jsonb", default: () => "'[]'" })
  exclusions: Exclusion[];

  @Column({ type: "varchar", length: 16, default: "NONE" })
  senStatus: SenStatus;

  @Column({ type: "varchar", length: 120, nullable: true })
  dslName: string | null;

  @Column({ type: "varchar", length: 254, nullable: true })
  dslContact: string | null;

  @Column({ type: "jsonb", default: () => "'[]'" })
  safeguardingConcerns: SafeguardingConcern[];
}
