import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { WebhookStatus } from "../../../webhooks/WebhookStatus";
import { PageInfo } from "../../pagination";

@ObjectType("WebhookDelivery", { description: "A notification delivery sent to an agency's webhook endpoint: where it went and how it fared, never its content." })
export class WebhookDeliveryNode {
  @Field(() => ID, { description: "The Standard Webhooks `webhook-id`: the same on every attempt and replay." }) id: string;
  @Field(() => ID, { description: "The notification delivery it sends (the recipient's inbox item)." }) deliveryId: string;
  @Field(() => String) recipientAgency: string;
  @Field(() => WebhookStatus) status: WebhookStatus;
  @Field(() => Int) attempts: number;
  @Field(() => String, { nullable: true, description: "The last attempt's failure as a code (TIMEOUT, HTTP_503, CONNECTION_ECONNREFUSED, ENDPOINT_NOT_PUBLIC, REDIRECT_NOT_FOLLOWED, NO_ENDPOINT…): never the receiver's answer." }) lastFailure: string | null;
  @Field(() => DateTimeResolver) createdAt: Date;
  @Field(() => DateTimeResolver, { nullable: true }) lastAttemptAt: Date | null;
  @Field(() => DateTimeResolver, { nullable: true }) deadAt: Date | null;
  @Field(() => Int) replays: number;
}

@ObjectType()
export class WebhookDeliveryConnection {
  @Field(() => [WebhookDeliveryNode]) nodes: WebhookDeliveryNode[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}
