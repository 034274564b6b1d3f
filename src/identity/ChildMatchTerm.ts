import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * How many children's match profiles hold a value (`matching/matchTerms.ts`): a first given name, a
 * family name or a date of birth, and per field how many children have one at all. The matcher's
 * term-frequency adjustment reads it, so a shared common surname weighs less than a shared rare one.
 * Maintained with the profiles, never edited on its own.
 */
@Entity()
export class ChildMatchTerm {
  @PrimaryColumn({ type: "text" })
  term: string;

  @Column({ type: "integer" })
  children: number;
}
