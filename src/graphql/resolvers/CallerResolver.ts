import { Ctx, Query, Resolver } from "type-graphql";
import { type HubContext } from "../context";
import { Caller } from "../types/Caller";

@Resolver()
export class CallerResolver {
  @Query(() => Caller, { description: "The verified caller: who the hub takes you to be." })
  me(@Ctx() { principal }: HubContext): Caller {
    const { sub, name, agency, agencyType, roles, localAuthority, team } = principal;
    return { sub, name, agency, agencyType, roles, localAuthority, team };
  }
}
