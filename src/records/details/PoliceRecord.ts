import { Column, Entity } from "typeorm";
import { RecordDetails } from "./RecordDetails";

export const PoliceIncidentType = {
  CRIME: "CRIME",
  DOMESTIC_ABUSE: "DOMESTIC_ABUSE",
  MISSING_EPISODE: "MISSING_EPISODE",
  CHILD_CONCERN: "CHILD_CONCERN",
  SEXUAL_EXPLOITATION: "SEXUAL_EXPLOITATION",
  CRIMINAL_EXPLOITATION: "CRIMINAL_EXPLOITATION",
  ONLINE_HARM: "ONLINE_HARM",
  /** A registered sex offender's notice of staying 12 hours or more where a child lives. */
  SEX_OFFENDER_HOUSEHOLD_NOTIFICATION: "SEX_OFFENDER_HOUSEHOLD_NOTIFICATION",
  POLICE_PROTECTION: "POLICE_PROTECTION",
} as const;
export type PoliceIncidentType = (typeof PoliceIncidentType)[keyof typeof PoliceIncidentType];

export const ChildRoleInIncident = {
  VICTIM: "VICTIM",
  WITNESS: "WITNESS",
  SUSPECT: "SUSPECT",
  PERSON_AT_RISK: "PERSON_AT_RISK",
  MISSING_PERSON: "MISSING_PERSON",
  HOUSEHOLD_MEMBER: "HOUSEHOLD_MEMBER",
} as const;
export type ChildRoleInIncident = (typeof ChildRoleInIncident)[keyof typeof ChildRoleInIncident];

@Entity()
export class PoliceRecord extends RecordDetails {
  @Column({ type: "varchar", length: 48 })
  incidentType: PoliceIncidentType;

  @Column({ type: "varchar", length: 24 })
  childRole: ChildRoleInIncident;

  @Column({ type: "date", nullable: true })
  occurredOn: string | null;

  @Column({ type: "date" })
  reportedOn: string;

  @Column({ type: "varchar", length: 40, nullable: true })
  crimeReference: string | null;

  @Column({ type: "text", nullable: true })
  summary: string | null;

  /** Police intelligence: DPA 2018 Part 3 (labelled LAW_ENFORCEMENT by default). */
  @Column({ type: "text", nullable: true })
  intelligence: string | null;

  @Column({ type: "varchar", length: 120, nullable: true })
  officerName: string | null;

  @Column({ type: "varchar", length: 254, nullable: true })
  officerContact: string | null;

  /** Sharing anything that could reach the family would jeopardise it (DOMAIN rule 6). */
  @Column({ type: "boolean", default: false })
  activeInvestigation: boolean;
}
