import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import { AgencyType } from "../../directory/AgencyType";
import { listAgencies } from "../../directory/listAgencies";
import { type HubContext } from "../context";
import { ArgumentRules } from "../input/ArgumentRules";
import { CodeCursor, pageSize } from "../pagination";
import { MAX } from "../types/limits";
import { AgencyConnection } from "../types/AgencyNode";

const AGENCIES = new CodeCursor("agency", MAX.code);

@Resolver()
export class DirectoryResolver {
  @Query(() => AgencyConnection, { description: "The agency directory (organisations only, no personal data), in code order." })
  @ArgumentRules({ after: AGENCIES.rule })
  async agencies(
    @Ctx() { dataSource }: HubContext,
    @Arg("type", () => AgencyType, { nullable: true }) type: AgencyType | null,
    @Arg("localAuthority", () => String, { nullable: true }) localAuthority: string | null,
    @Arg("includeInactive", () => Boolean, { nullable: true }) includeInactive: boolean | null,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<AgencyConnection> {
    const limit = pageSize(first);
    const page = await listAgencies(dataSource, { type, localAuthority, includeInactive }, limit, AGENCIES.decode(after));
    const last = page.agencies.at(-1);
    return {
      nodes: page.agencies,
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? AGENCIES.encode(last.code) : null },
    };
  }
}
