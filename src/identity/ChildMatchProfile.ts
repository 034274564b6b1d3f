import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * Everything the matcher compares about one child, in one row: every name and postcode the hub has
 * been told, the date of birth and sex. Derived from `child`, `child_name` and `child_address` by
 * `matchProfiles.ts` whenever they change; never edited on its own.
 */
@Entity()
export class ChildMatchProfile {
  @PrimaryColumn({ type: "uuid" })
  childId: string;

  @Column({ type: "text", array: true })
  givenNames: string[];

  @Column({ type: "text", array: true })
  familyNames: string[];

  @Column({ type: "date", nullable: true })
  dateOfBirth: string | null;

  @Column({ type: "varchar", length: 16 })
  sex: string;

  @Column({ type: "text", array: true })
  postcodes: string[];
}
