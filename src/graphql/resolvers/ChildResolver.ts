import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { discloseChildRecord } from "../../disclosure/discloseChildRecord";
import { type ChildRecordView } from "../../disclosure/ChildRecordView";
import { type HubContext } from "../context";
import { AccessContextInput } from "../types/child/AccessContextInput";
import { ChildRecord } from "../types/child/ChildRecord";

@Resolver()
export class ChildResolver {
  @Query(() => ChildRecord, {
    nullable: true,
    description:
      "The linked, redacted, audited view of one child, for the purpose you state. Null when the hub holds no such child or you may see nothing of them (the two are indistinguishable).",
  })
  async child(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("sui", () => ID) sui: string,
    @Arg("access", () => AccessContextInput) access: AccessContextInput,
  ): Promise<ChildRecordView | null> {
    return discloseChildRecord({ dataSource, policy }, principal, requestId, sui, access);
  }
}
