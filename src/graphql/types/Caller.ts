import { Field, ObjectType } from "type-graphql";
import { AgencyType } from "../../directory/AgencyType";
import { Role } from "../../auth/Role";

@ObjectType({ description: "The verified caller, as the hub understood the token." })
export class Caller {
  @Field(() => String)
  sub: string;

  @Field(() => String)
  name: string;

  @Field(() => String)
  agency: string;

  @Field(() => AgencyType)
  agencyType: AgencyType;

  @Field(() => [Role])
  roles: Role[];

  @Field(() => String, { description: "ONS code of the local authority the caller works for." })
  localAuthority: string;

  @Field(() => String, { nullable: true })
  team: string | null;
}
