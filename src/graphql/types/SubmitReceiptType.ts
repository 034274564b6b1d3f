import { Field, ID, Int, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { LinkMethod, LinkOrigin, LinkState } from "../../identity/linkVocabulary";
import { LinkOutcome } from "../../identity/LinkOutcome";
import { RecordType } from "../../records/RecordType";
import { SubmitOutcome } from "../../records/SubmitReceipt";

@ObjectType({ description: "How the submitted record is linked to its child." })
export class RecordLink {
  @Field(() => LinkMethod)
  method: LinkMethod;

  @Field(() => LinkState)
  state: LinkState;

  @Field(() => LinkOrigin)
  origin: LinkOrigin;

  @Field(() => LinkOutcome)
  outcome: LinkOutcome;
}

@ObjectType("SubmitReceipt", { description: "What the hub did with a submitted record. It says nothing of what others hold." })
export class SubmitReceiptType {
  @Field(() => ID)
  recordId: string;

  @Field(() => String)
  agencyReference: string;

  @Field(() => RecordType)
  recordType: RecordType;

  @Field(() => SubmitOutcome)
  outcome: SubmitOutcome;

  @Field(() => Int, { description: "Increments each time a resubmission changes the record." })
  version: number;

  @Field(() => RecordLink)
  link: RecordLink;

  @Field(() => DateTimeResolver)
  receivedAt: Date;
}
