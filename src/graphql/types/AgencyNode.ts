import { Field, Int, ObjectType } from "type-graphql";
import { AgencyType } from "../../directory/AgencyType";
import { UnscheduledCareSetting } from "../../directory/UnscheduledCareSetting";
import { PageInfo } from "../pagination";

@ObjectType("Agency", { description: "An organisation in the hub's directory. Organisational contacts only." })
export class AgencyNode {
  @Field(() => String, { description: "Directory code, also the `agency` claim of the agency's tokens." })
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => AgencyType)
  type: AgencyType;

  @Field(() => String, { nullable: true, description: "ONS code of the local authority the agency sits in." })
  localAuthority: string | null;

  @Field(() => [String], { description: "ONS codes of the local authorities the agency serves (several for a police force or a prison's resettlement area)." })
  servedLocalAuthorities: string[];

  @Field(() => String, { nullable: true })
  policeForceArea: string | null;

  @Field(() => String, { nullable: true, description: "Organisational secure mailbox." })
  contactEmail: string | null;

  @Field(() => String, { nullable: true })
  contactPhone: string | null;

  @Field(() => String, { nullable: true, description: "Organisational mailbox for escalations." })
  escalationEmail: string | null;

  @Field(() => String, { nullable: true })
  escalationPhone: string | null;

  @Field(() => String, { nullable: true, description: "The registered webhook endpoint: shown only to directory administrators and the agency itself (null to anyone else, as when there is none)." })
  webhookUrl: string | null;

  @Field(() => UnscheduledCareSetting, { nullable: true, description: "A HEALTH agency that is an unscheduled-care setting (CP-IS)." })
  unscheduledCareSetting: UnscheduledCareSetting | null;

  @Field(() => Int, { description: "The directory version this entry is (see `agencyHistory`)." })
  version: number;

  @Field(() => Boolean)
  active: boolean;
}

@ObjectType({ description: "A page of the directory." })
export class AgencyConnection {
  @Field(() => [AgencyNode])
  nodes: AgencyNode[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int)
  totalCount: number;
}
