import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { Purpose } from "../../../policy/Purpose";
import { ErasureOutcome, ErasureRegime, RestrictionDecision, RestrictionGround, RestrictionKind, RestrictionStatus } from "../../../dataSubjectRights/RightsVocabulary";

registerEnumType(RestrictionKind, { name: "RestrictionKind", description: "A restriction of processing asked for as such (UK GDPR Art 18), or an objection (Art 21), which restricts while it is decided." });
registerEnumType(RestrictionGround, { name: "RestrictionGround", description: "Why processing is restricted: UK GDPR Art 18(1)(a)-(d), or DPA 2018 s.47(2) for Part 3 data kept as evidence." });
registerEnumType(RestrictionStatus, { name: "RestrictionStatus", description: "Whether a restriction is still in force." });
registerEnumType(RestrictionDecision, { name: "RestrictionDecision", description: "KEEP a restriction (an objection upheld, a dispute still open) or LIFT it (the person is told first, Art 18(3))." });
registerEnumType(ErasureRegime, { name: "ErasureRegime", description: "The law an erasure is decided under: UK GDPR Art 17, or DPA 2018 s.47 for law-enforcement (Part 3) data." });
registerEnumType(ErasureOutcome, { name: "ErasureOutcome", description: "ERASED: a ground met and no exemption applies, and the fact left the hub. REFUSED: kept, with the reasons recorded." });

@ObjectType({ description: "A statement the agency holding a record attached to it, or to one fact of it, at the person's request (UK GDPR Art 16): read it with what it is about." })
export class SupplementaryStatementNode {
  @Field(() => String, { description: "The record (`police[<id>]`) or fact (`police[<id>].summary`) it is about." }) path: string;
  @Field(() => String) statement: string;
  @Field(() => String, { description: "The agency holding the record, on whose behalf it was attached." }) agencyCode: string;
  @Field(() => DateTimeResolver) attachedAt: Date;
}

@ObjectType({ description: "A disclosed fact whose processing is restricted (UK GDPR Arts 18(2), 21): use it only for the purpose you stated." })
export class ProcessingRestrictionNode {
  @Field(() => String, { description: "The record or fact restricted." }) path: string;
  @Field(() => RestrictionKind) kind: RestrictionKind;
  @Field(() => RestrictionGround) ground: RestrictionGround;
  @Field(() => DateTimeResolver) since: Date;
}

@ObjectType({ description: "A supplementary statement attached; audited with the recipients to tell (Art 19)." })
export class SupplementaryStatementReceiptNode {
  @Field(() => ID) id: string;
  @Field(() => String) path: string;
  @Field(() => DateTimeResolver) attachedAt: Date;
  @Field(() => [String], { description: "Agencies the fact was disclosed to, for you to tell (UK GDPR Art 19). A recipient the trail keeps to its own agency (a sealed or brokered holder) is told by the hub and never named here." }) recipientsToTell: string[];
}

@ObjectType({ description: "A restriction of processing or objection, as recorded or decided." })
export class RestrictionReceiptNode {
  @Field(() => ID) id: string;
  @Field(() => String) path: string;
  @Field(() => RestrictionKind) kind: RestrictionKind;
  @Field(() => RestrictionGround) ground: RestrictionGround;
  @Field(() => RestrictionStatus) status: RestrictionStatus;
  @Field(() => [Purpose], { description: "The purposes the fact is still disclosed for while restricted (break-glass always)." }) allowedPurposes: Purpose[];
  @Field(() => DateTimeResolver) restrictedAt: Date;
  @Field(() => [String], { description: "Agencies the fact was disclosed to, for you to tell (UK GDPR Art 19). A recipient the trail keeps to its own agency (a sealed or brokered holder) is told by the hub and never named here." }) recipientsToTell: string[];
}

@ObjectType({ description: "An erasure request decided: the decision and its reasons stay on the trail, the fact's content does not." })
export class ErasureReceiptNode {
  @Field(() => ID) id: string;
  @Field(() => String) path: string;
  @Field(() => ErasureRegime) regime: ErasureRegime;
  @Field(() => ErasureOutcome) outcome: ErasureOutcome;
  @Field(() => DateTimeResolver) decidedAt: Date;
  @Field(() => [String], { description: "Agencies the erased fact was disclosed to, for you to tell (UK GDPR Art 19). A recipient the trail keeps to its own agency (a sealed or brokered holder) is told by the hub and never named here." }) recipientsToTell: string[];
}
