import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { AgencyType } from "../../../directory/AgencyType";
import { NotificationOutcome } from "../../../notifications/NotificationReceipt";
import { RoutingArea } from "../../../notifications/routing/RoutingArea";

@ObjectType({ description: "An agency told, and the routing rules (policies/notification-routing.yaml) that chose it." })
export class NotificationRecipient {
  @Field(() => String) agencyCode: string;
  @Field(() => AgencyType) agencyType: AgencyType;
  @Field(() => [String]) rules: string[];
}

@ObjectType({ description: "A routing rule that told no agency: none of its type serves the area or is the agency named (NO_AGENCY), or the notification does not say the area (AREA_UNKNOWN)." })
export class UnroutedDecision {
  @Field(() => String) rule: string;
  @Field(() => RoutingArea) area: RoutingArea;
  @Field(() => String, { nullable: true }) localAuthority: string | null;
  @Field(() => String, { nullable: true, description: "The agency the notification's facts named, where the area points at one (a pupil's school)." }) agency?: string;
  @Field(() => String) outcome: string;
}

@ObjectType({ description: "What the notifying agency learns: which agencies were told, by which rule, and which rules told no one." })
export class NotificationReceiptType {
  @Field(() => ID) notificationId: string;
  @Field(() => String) reference: string;
  @Field(() => NotificationOutcome) outcome: NotificationOutcome;
  @Field(() => DateTimeResolver) receivedAt: Date;
  @Field(() => [NotificationRecipient]) recipients: NotificationRecipient[];
  @Field(() => [UnroutedDecision]) unrouted: UnroutedDecision[];
}
