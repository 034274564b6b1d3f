import { Entity, Index, PrimaryColumn } from "typeorm";

/**
 * A blocking key of a child (`blockingKeys.ts`): the matcher looks up only the children that share a
 * key with an incoming record, so its cost grows with the candidates, not with the registry.
 */
@Entity()
@Index(["childId"])
export class ChildMatchKey {
  @PrimaryColumn({ type: "text" })
  key: string;

  @PrimaryColumn({ type: "uuid" })
  childId: string;
}
