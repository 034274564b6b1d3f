import { Field, ID, Int, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { IgAlertKind, IgAlertOutcome, IgAlertStatus } from "../../../alerts/IgAlert";
import { PageInfo } from "../../pagination";

@ObjectType("IgAlert", { description: "A break-glass access awaiting (or after) review by an IG lead." })
export class IgAlertNode {
  @Field(() => ID) id: string;
  @Field(() => IgAlertKind, { description: "BREAK_GLASS: an emergency disclosure; EXCLUDED_ACCESS: a caller a named-staff exclusion keeps out tried to read the child (answered as a stranger; disclosureCount counts the attempts); EXCLUDED_AGENCY: a notification about the child was not delivered (or an overdue one not escalated) to an agency an agency-wide exclusion keeps out of the child — raised for the agency that recorded the exclusion and, when routing stopped a statutory duty, for the notifying agency and the child's lead agency: the duty to tell that agency is to be met another way (principalSub is the hub's part that stopped it, principalAgency your agency, firstDisclosureId the refused entry)." }) kind: IgAlertKind;
  @Field(() => ID, { description: "The hub's child the access was to: the key entries about a child awaiting an SUI name it by." }) childId: string;
  @Field(() => String, { nullable: true, description: "The SUI the child holds now; null while the child awaits one." }) childSui: string | null;
  @Field(() => String) principalSub: string;
  @Field(() => String) principalAgency: string;
  @Field(() => ID, { description: "The audit entry of the disclosure that raised the alert." }) firstDisclosureId: string;
  @Field(() => Int) disclosureCount: number;
  @Field(() => String) justification: string;
  @Field(() => DateTimeResolver) raisedAt: Date;
  @Field(() => DateTimeResolver) windowEndsAt: Date;
  @Field(() => IgAlertStatus) status: IgAlertStatus;
  @Field(() => IgAlertOutcome, { nullable: true }) outcome: IgAlertOutcome | null;
  @Field(() => String, { nullable: true }) reviewNote: string | null;
  @Field(() => String, { nullable: true }) closedBySub: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) closedAt: Date | null;
}

@ObjectType()
export class IgAlertConnection {
  @Field(() => [IgAlertNode]) nodes: IgAlertNode[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}
