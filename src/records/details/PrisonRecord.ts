import { Column, Entity, Index, ManyToOne } from "typeorm";
import { RecordDetails } from "./RecordDetails";
import { Adult } from "../../people/Adult";

/** A prisoner assessed as a *potential* or *confirmed* person posing a risk to children. */
export const PprcStatus = { POTENTIAL: "POTENTIAL", CONFIRMED: "CONFIRMED", NO_LONGER_PPRC: "NO_LONGER_PPRC" } as const;
export type PprcStatus = (typeof PprcStatus)[keyof typeof PprcStatus];

/** The prison (the submitting agency) holding a prisoner connected to the child. */
@Entity()
export class PrisonRecord extends RecordDetails {
  @ManyToOne(() => Adult, { nullable: false, onDelete: "RESTRICT" })
  @Index()
  prisoner: Adult;

  /** The prison number, e.g. A1234BC. */
  @Column({ type: "varchar", length: 12 })
  prisonNumber: string;

  @Column({ type: "varchar", length: 16 })
  pprcStatus: PprcStatus;

  @Column({ type: "date", nullable: true })
  pprcAssessedOn: string | null;

  @Column({ type: "date", nullable: true })
  expectedReleaseDate: string | null;

  @Column({ type: "varchar", length: 254, nullable: true })
  offenderManagementUnitContact: string | null;
}
