import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { type IdentityChangeKind } from "../ChildIdentityChange";

/** A data steward's merge or split of adults, with the agency references it moved: the adults' identity history. */
@Entity()
@Index(["fromAdultId", "decidedAt"])
@Index(["toAdultId", "decidedAt"])
export class AdultIdentityChange {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ type: "varchar", length: 8 })
  kind: IdentityChangeKind;

  /** MERGE: the adult merged away. SPLIT: the adult the references were taken from. */
  @Column({ type: "uuid" })
  fromAdultId: string;

  /** MERGE: the surviving adult. SPLIT: the adult the references went to. */
  @Column({ type: "uuid" })
  toAdultId: string;

  /** The agency references (`AdultIdentifier` ids) that moved. */
  @Column({ type: "uuid", array: true })
  identifierIds: string[];

  @Column({ type: "varchar", length: 200 })
  decidedBy: string;

  @Column({ type: "timestamptz" })
  decidedAt: Date;

  @Column({ type: "text" })
  reason: string;
}
