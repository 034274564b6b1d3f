import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { type HubContext } from "../../src/graphql/context";
import { AgencyRecordInput } from "../../src/graphql/types/AgencyRecordInput";
import { SubmitReceiptType } from "../../src/graphql/types/SubmitReceiptType";
import { defaultMatchWeights } from "../../src/identity/matching/defaultMatchWeights";
import { lookUpAgency, prepareSubmission } from "../../src/records/prepareSubmission";
import { storeRecords } from "../../src/records/storeRecords";
import { arrivalStamp } from "../../src/records/arrivalStamp";
import { receiptOf } from "../../src/records/SubmitReceipt";

/** unique_violation, serialization_failure, deadlock_detected. */
const RETRIED = new Set(["23505", "40001", "40P01"]);

/**
 * The import benchmark's baselines, never part of the hub's schema: `submitRecord` as the hub stored
 * records before submissions were grouped — the same checks and the same storing and linking, each
 * record in a transaction of its own, retried once after a race — and `noop`, a mutation through the
 * same HTTP, token and GraphQL stack that does nothing, the ceiling for any mutation.
 */
@Resolver()
export class BaselineSubmitResolver {
  @Mutation(() => SubmitReceiptType)
  async submitRecord(@Ctx() { dataSource, principal }: HubContext, @Arg("record", () => AgencyRecordInput) record: AgencyRecordInput): Promise<SubmitReceiptType> {
    const item = await prepareSubmission(lookUpAgency(dataSource), principal, record, new Date(), defaultMatchWeights());
    const store = async () => receiptOf((await dataSource.transaction((manager) => storeRecords(manager, [{ ...item, receivedAt: arrivalStamp() }])))[0], item.sui !== null);
    try {
      return await store();
    } catch (error) {
      if (!RETRIED.has((error as { driverError?: { code?: string } }).driverError?.code ?? "")) throw error;
      return store();
    }
  }

  @Mutation(() => Boolean)
  noop(@Ctx() { principal }: HubContext, @Arg("record", () => AgencyRecordInput) record: AgencyRecordInput): boolean {
    return principal.agency === record.agencyCode;
  }

  @Query(() => Boolean)
  ready(): boolean {
    return true;
  }
}
