import { Column, Entity } from "typeorm";
import { RecordDetails } from "./RecordDetails";

/** Children Act 1989: s.17 child in need, s.47 → child protection plan, s.20/s.31 looked after, care leaver. */
export const SocialCareStatus = {
  REFERRAL: "REFERRAL",
  /** A strategy discussion held on reasonable cause to suspect significant harm (Working Together 2023 ch.3). */
  STRATEGY_DISCUSSION: "STRATEGY_DISCUSSION",
  /** Enquiries under Children Act 1989 s.47, started by a strategy discussion. */
  SECTION_47_ENQUIRY: "SECTION_47_ENQUIRY",
  ASSESSMENT: "ASSESSMENT",
  CHILD_IN_NEED: "CHILD_IN_NEED",
  CHILD_PROTECTION_PLAN: "CHILD_PROTECTION_PLAN",
  LOOKED_AFTER: "LOOKED_AFTER",
  CARE_LEAVER: "CARE_LEAVER",
  CLOSED: "CLOSED",
} as const;
export type SocialCareStatus = (typeof SocialCareStatus)[keyof typeof SocialCareStatus];

export const PlanCategory = {
  PHYSICAL_ABUSE: "PHYSICAL_ABUSE",
  EMOTIONAL_ABUSE: "EMOTIONAL_ABUSE",
  SEXUAL_ABUSE: "SEXUAL_ABUSE",
  NEGLECT: "NEGLECT",
} as const;
export type PlanCategory = (typeof PlanCategory)[keyof typeof PlanCategory];

export const LegalStatus = {
  SECTION_20_ACCOMMODATED: "SECTION_20_ACCOMMODATED",
  SECTION_31_CARE_ORDER: "SECTION_31_CARE_ORDER",
  SECTION_38_INTERIM_CARE_ORDER: "SECTION_38_INTERIM_CARE_ORDER",
  SECTION_44_EMERGENCY_PROTECTION_ORDER: "SECTION_44_EMERGENCY_PROTECTION_ORDER",
  SECTION_46_POLICE_PROTECTION: "SECTION_46_POLICE_PROTECTION",
  PLACEMENT_ORDER: "PLACEMENT_ORDER",
  REMANDED: "REMANDED",
} as const;
export type LegalStatus = (typeof LegalStatus)[keyof typeof LegalStatus];

@Entity()
export class SocialCareRecord extends RecordDetails {
  @Column({ type: "varchar", length: 32 })
  status: SocialCareStatus;

  /** Required for a child protection plan. */
  @Column({ type: "varchar", length: 32, nullable: true })
  planCategory: PlanCategory | null;

  /** Required for a looked-after child. */
  @Column({ type: "varchar", length: 48, nullable: true })
  legalStatus: LegalStatus | null;

  @Column({ type: "date" })
  startDate: string;

  @Column({ type: "date", nullable: true })
  endDate: string | null;

  @Column({ type: "varchar", length: 120, nullable: true })
  allocatedWorkerName: string | null;

  @Column({ type: "varchar", length: 254, nullable: true })
  allocatedWorkerContact: string | null;

  @Column({ type: "varchar", length: 120, nullable: true })
  allocatedTeam: string | null;

  /** The responsible local authority (which may differ from where a looked-after child lives). */
  @Column({ type: "varchar", length: 9 })
  responsibleLocalAuthority: string;

  @Column({ type: "text", nullable: true })
  summary: string | null;
}
