import { Column, Entity } from "typeorm";
import { type UnscheduledCareSetting } from "../../directory/UnscheduledCareSetting";
import { RecordDetails } from "./RecordDetails";

export interface HealthCondition {
  description: string;
  /** SNOMED CT concept id, where the agency has one. */
  snomedCode?: string;
  recordedOn?: string;
}

export { UnscheduledCareSetting } from "../../directory/UnscheduledCareSetting";

/** An unscheduled-care attendance: what CP-IS tells a child's social worker about today. */
export interface UnscheduledCareAttendance {
  attendedOn: string;
  setting: UnscheduledCareSetting;
  site: string;
  presentingComplaint?: string;
}

export const NamedProfessionalRole = {
  GP: "GP",
  HEALTH_VISITOR: "HEALTH_VISITOR",
  SCHOOL_NURSE: "SCHOOL_NURSE",
  MIDWIFE: "MIDWIFE",
  NAMED_NURSE_SAFEGUARDING: "NAMED_NURSE_SAFEGUARDING",
  PAEDIATRICIAN: "PAEDIATRICIAN",
  CAMHS_CLINICIAN: "CAMHS_CLINICIAN",
} as const;
export type NamedProfessionalRole = (typeof NamedProfessionalRole)[keyof typeof NamedProfessionalRole];

@Entity()
export class HealthRecord extends RecordDetails {
  /** ODS code of the GP practice the child is registered with. */
  @Column({ type: "varchar", length: 10, nullable: true })
  gpPracticeCode: string | null;

  @Column({ type: "varchar", length: 160, nullable: true })
  gpPracticeName: string | null;

  @Column({ type: "date", nullable: true })
  registeredOn: string | null;

  /** When the child left the practice: the practice's involvement with the child then lapses (policies/relationships.yaml). */
  @Column({ type: "date", nullable: true })
  deregisteredOn: string | null;

  @Column({ type: "varchar", length: 120, nullable: true })
  namedProfessionalName: string | null;

  @Column({ type: "varchar", length: 40, nullable: true })
  namedProfessionalRole: NamedProfessionalRole | null;

  @Column({ type: "varchar", length: 254, nullable: true })
  namedProfessionalContact: string | null;

  /** Special-category data (UK GDPR Art 9): diagnoses and conditions. */
  @Column({ type: "jsonb", default: () => "'[]'" })
  conditions: HealthCondition[];

  @Column({ type: "jsonb", default: () => "'[]'" })
  unscheduledCareAttendances: UnscheduledCareAttendance[];
}
