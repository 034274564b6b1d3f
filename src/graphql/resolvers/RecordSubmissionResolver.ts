import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { submitRecord } from "../../records/submitRecord";
import { type HubContext } from "../context";
import { AgencyRecordInput } from "../types/AgencyRecordInput";
import { SubmitReceiptType } from "../types/SubmitReceiptType";

@Resolver()
export class RecordSubmissionResolver {
  @Mutation(() => SubmitReceiptType, {
    description: "An agency system pushes one of its records; the hub links it to the child by SUI, or without one by probabilistic matching (auto-link, a data steward's review, or a new child awaiting an SUI). The receipt does not say which: it is the same whatever the hub holds. Only AGENCY_SYSTEM callers of the record's own agency.",
  })
  async submitRecord(@Ctx() { dataSource, principal }: HubContext, @Arg("record", () => AgencyRecordInput) record: AgencyRecordInput): Promise<SubmitReceiptType> {
    return submitRecord(dataSource, principal, record);
  }
}
