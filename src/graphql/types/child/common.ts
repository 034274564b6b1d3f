import { Field, ID, InterfaceType, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { AgencyType } from "../../../directory/AgencyType";
import { AddressKind } from "../../../people/AddressKind";
import { Sex } from "../../../people/Sex";
import { RecordType } from "../../../records/RecordType";
import { LinkMethod, LinkState } from "../../../identity/linkVocabulary";
import { LocalDateResolver } from "graphql-scalars";

@ObjectType({ description: "The organisation holding a record, and how to reach it." })
export class AgencyContact {
  @Field(() => String) code: string;
  @Field(() => String) name: string;
  @Field(() => AgencyType) type: AgencyType;
  @Field(() => String, { nullable: true }) contactEmail: string | null;
  @Field(() => String, { nullable: true }) contactPhone: string | null;
}

@ObjectType({ description: "An address of the child, as the records you may see report it. A withheld address shows nothing but that it is withheld (see redactions)." })
export class ChildAddressView {
  @Field(() => ID, { description: "The address, as a redaction path names it: demographics.addresses[<id>]." }) id: string;
  @Field(() => AddressKind, { nullable: true, description: "Null when withheld: that an address is a refuge or a placement is part of what its label protects." }) kind: AddressKind | null;
  @Field(() => String, { nullable: true }) line1: string | null;
  @Field(() => String, { nullable: true }) line2: string | null;
  @Field(() => String, { nullable: true }) town: string | null;
  @Field(() => String, { nullable: true }) postcode: string | null;
  @Field(() => String, { nullable: true }) localAuthority: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: "When the child began living there, as the earliest record reporting it says." }) validFrom: string | null;
  @Field(() => Boolean) withheld: boolean;
}

@ObjectType({ description: "Who the child is, as the records you may see report them: a fact only a record hidden from you reports is not here at all. Each field is null when withheld (see redactions) or unknown to you." })
export class Demographics {
  @Field(() => String, { nullable: true }) givenNames: string | null;
  @Field(() => String, { nullable: true }) familyName: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) dateOfBirth: string | null;
  @Field(() => Sex, { nullable: true }) sex: Sex | null;
  @Field(() => String, { nullable: true, description: "Where the child lives (ONS code), from the current home or placement; withheld with it when that is a protected location." }) localAuthority: string | null;
  @Field(() => [String], { nullable: true, description: "Other names agencies know the child by." }) aliases: string[] | null;
  @Field(() => [ChildAddressView]) addresses: ChildAddressView[];
}

@ObjectType({ description: "An adult a record is about (an offender, a prisoner): a third party in the child's record." })
export class PersonView {
  @Field(() => String) givenNames: string;
  @Field(() => String) familyName: string;
  @Field(() => LocalDateResolver, { nullable: true }) dateOfBirth: string | null;
  @Field(() => [String]) aliases: string[];
}

@ObjectType({ description: "A withheld field, and the rule that withheld it." })
export class Redaction {
  @Field(() => String, { description: "Where in this response, e.g. police[0].intelligence." }) path: string;
  @Field(() => String) reason: string;
  @Field(() => String, { description: "The policy rule id." }) rule: string;
}

@ObjectType({ description: "A brokered record: an agency of this type is involved; contact it. Never the content." })
export class RestrictedInvolvement {
  @Field(() => AgencyType) agencyType: AgencyType;
  @Field(() => String, { nullable: true }) contactEmail: string | null;
  @Field(() => String, { nullable: true }) contactPhone: string | null;
}

const VIEW_TYPE_NAME: Record<RecordType, string> = {
  SOCIAL_CARE: "SocialCareRecordView",
  POLICE: "PoliceRecordView",
  HEALTH: "HealthRecordView",
  EDUCATION: "EducationRecordView",
  PROBATION: "ProbationRecordView",
  PRISON: "PrisonRecordView",
  YOUTH_JUSTICE: "YouthJusticeRecordView",
};

/** The parts every agency record in a disclosure has (each record type extends it). */
@InterfaceType("AgencyRecordView", {
  description: "What every agency record in a disclosure has.",
  resolveType: (value: { recordType: RecordType }) => VIEW_TYPE_NAME[value.recordType],
})
export abstract class AgencyRecordView {
  @Field(() => ID) recordId: string;
  @Field(() => RecordType) recordType: RecordType;
  @Field(() => AgencyContact) agency: AgencyContact;
  @Field(() => String, { nullable: true, description: "The agency's own reference: the pointer to its full record. Null unless some of the record's content was disclosed to you." }) agencyReference: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) recordedAt: Date | null;
  @Field(() => DateTimeResolver) updatedAt: Date;
  @Field(() => LinkMethod) linkMethod: LinkMethod;
  @Field(() => LinkState) linkState: LinkState;
}
