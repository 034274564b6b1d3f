import { Column, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm";

/** Facts about this database itself (e.g. when the demo data set was loaded), one row a key. */
@Entity()
export class HubMetadata {
  @PrimaryColumn({ type: "varchar", length: 64 })
  key: string;

  @Column({ type: "jsonb" })
  value: Record<string, unknown>;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
