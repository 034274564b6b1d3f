import { Entity, Index, PrimaryColumn } from "typeorm";

/**
 * A blocking key of an adult (the children's key families, `matching/blockingKeys.ts`, over the names,
 * dates of birth and postcodes agencies reported for the adult on unrestricted records): a reported
 * person is scored only against the adults sharing a key with them.
 */
@Entity()
@Index(["adultId"])
export class AdultMatchKey {
  @PrimaryColumn({ type: "text" })
  key: string;

  @PrimaryColumn({ type: "uuid" })
  adultId: string;
}
