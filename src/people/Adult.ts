import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { type Sex } from "./Sex";
import { AdultName } from "./AdultName";
import { AdultIdentifier } from "./AdultIdentifier";

/**
 * An adult connected to a child: a parent or carer, a household member, or a person posing a risk to
 * children (a PPRC, an offender under MAPPA). In a child's record every adult other than a
 * professional acting officially is a third party.
 */
@Entity()
export class Adult {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ type: "varchar", length: 100 })
  givenNames: string;

  @Column({ type: "varchar", length: 100 })
  familyName: string;

  @Column({ type: "date", nullable: true })
  dateOfBirth: string | null;

  @Column({ type: "varchar", length: 16 })
  sex: Sex;

  /** ONS code of the local authority the adult lives in (for a prisoner, their home area). */
  @Column({ type: "varchar", length: 9, nullable: true })
  homeLocalAuthority: string | null;

  @OneToMany(() => AdultName, (name) => name.adult)
  names: AdultName[];

  @OneToMany(() => AdultIdentifier, (identifier) => identifier.adult)
  identifiers: AdultIdentifier[];

  /** A steward merged this adult into another: never matched again, every reference moved there. */
  @Column({ type: "uuid", nullable: true })
  mergedIntoId: string | null;

  @CreateDateColumn({ type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
