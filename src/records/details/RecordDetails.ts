import { JoinColumn, OneToOne, PrimaryColumn } from "typeorm";
import { AgencyRecord } from "../AgencyRecord";

/** The detail row of an agency record: shares the index entry's id, and goes when it goes. */
export abstract class RecordDetails {
  @PrimaryColumn({ type: "uuid" })
  recordId: string;

  @OneToOne(() => AgencyRecord, { onDelete: "CASCADE" })
  @JoinColumn({ name: "record_id" })
  record: AgencyRecord;
}
