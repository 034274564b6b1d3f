import { Field, ID, Int, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { LinkMethod, LinkOrigin, LinkState } from "../../identity/linkVocabulary";
import { LinkOutcome } from "../../identity/LinkOutcome";
import { RecordType } from "../../records/RecordType";
import { SubmitOutcome } from "../../records/SubmitReceipt";

@ObjectType({
  description:
    "What a receipt says of the submitted record's link: the same for every record submitted with an SUI, and for every one without, whatever the hub holds. How the hub linked it (by the SUI, to a child it matched, held for a data steward, or a new child awaiting an SUI) is not told: the submitter chooses the SUI, name, date of birth and postcode it sends, so telling it would answer whether the hub holds such a child. Data stewards see each link in their audited linkReviews and linkHistory.",
})
export class RecordLink {
  @Field(() => LinkMethod, { description: "What the hub links the record by: SUI when the record carried one, PROBABILISTIC (the child's names, date of birth, sex and postcode) when it did not." })
  method: LinkMethod;

  @Field(() => LinkState, { description: "Always POSSIBLE: whether and to whom the record is linked is not told.", deprecationReason: "Always POSSIBLE: a receipt does not say how the record was linked." })
  state: LinkState;

  @Field(() => LinkOrigin, { description: "Always AUTO.", deprecationReason: "Always AUTO: a receipt does not say who decided the record's link." })
  origin: LinkOrigin;

  @Field(() => LinkOutcome, { description: "Always RECEIVED: the hub holds the record and links it to its child itself." })
  outcome: LinkOutcome;
}

@ObjectType("SubmitReceipt", { description: "What the hub did with a submitted record. It says nothing of what others hold: not even whether the hub already held the child." })
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
