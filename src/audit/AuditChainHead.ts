import { Column, Entity, PrimaryColumn } from "typeorm";
import { bigintAsNumber } from "./bigintAsNumber";

/**
 * The newest entry of one audit chain. A writer locks its chain's row (`FOR UPDATE`) for the few
 * milliseconds it takes to insert the next entry and advance the head, so writes on one chain queue on
 * this row and writes on different chains do not wait for each other (HUB.md §10). The verifier checks
 * the last entry of each chain against its head, which is how a deleted tail is found.
 */
@Entity({ name: "audit_chain_head" })
export class AuditChainHead {
  @PrimaryColumn({ type: "smallint" })
  chainId: number;

  /** The sequence number of the newest entry; 0 while the chain is empty. */
  @Column({ type: "bigint", transformer: bigintAsNumber })
  sequence: number;

  /** The newest entry's hash; the genesis value while the chain is empty. */
  @Column({ type: "char", length: 64 })
  hash: string;
}
