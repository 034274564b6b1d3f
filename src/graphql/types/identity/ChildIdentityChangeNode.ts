import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { IdentityChangeKind } from "../../../identity/ChildIdentityChange";
import { CarriedRecords } from "../../../identity/stewardship/wrongLinkReport";

@ObjectType("ChildIdentityChange", { description: "A data steward's merge or split, with the records it moved." })
export class ChildIdentityChangeNode {
  @Field(() => ID) id: string;
  @Field(() => IdentityChangeKind) kind: IdentityChangeKind;
  @Field(() => ID, { description: "MERGE: the child merged away. SPLIT: the child the records were taken from." }) fromChildId: string;
  @Field(() => ID, { description: "MERGE: the surviving child. SPLIT: the child the records went to." }) toChildId: string;
  @Field(() => [ID]) recordIds: string[];
  @Field(() => String) decidedBy: string;
  @Field(() => DateTimeResolver) decidedAt: Date;
  @Field(() => String) reason: string;
}

@ObjectType({ description: "One disclosure that went out through a link later undone." })
export class WrongLinkDisclosure {
  @Field(() => ID, { description: "The audit entry." }) disclosureId: string;
  @Field(() => DateTimeResolver) occurredAt: Date;
  @Field(() => String) operation: string;
  @Field(() => String) principalSub: string;
  @Field(() => String) principalAgency: string;
  @Field(() => String) principalAgencyType: string;
  @Field(() => String, { nullable: true }) purpose: string | null;
  @Field(() => Boolean) breakGlass: boolean;
  @Field(() => CarriedRecords) carried: CarriedRecords;
  @Field(() => [ID], { description: "The wrongly linked records whose content it carried." }) recordIds: string[];
}

@ObjectType({ description: "Every disclosure that went out through the links a split undid, for the IG lead to act on." })
export class WrongLinkReportNode {
  @Field(() => ChildIdentityChangeNode) change: ChildIdentityChangeNode;
  @Field(() => String, { nullable: true }) childSui: string | null;
  @Field(() => [WrongLinkDisclosure]) disclosures: WrongLinkDisclosure[];
  @Field(() => ID, { description: "The audit entry of this report." }) reportId: string;
}
