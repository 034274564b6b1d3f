import { type AgencyType } from "../directory/AgencyType";
import { type AddressKind } from "../people/AddressKind";
import { type Sex } from "../people/Sex";
import { type Purpose } from "../policy/Purpose";
import { type RelationshipKind } from "../policy/RelationshipKind";
import { type Withholding } from "../policy/DisclosureDecision";
import { type RecordType } from "../records/RecordType";
import { type SocialCareStatus } from "../records/details/SocialCareRecord";
import { type LinkMethod, type LinkState } from "../identity/linkVocabulary";
import { type RestrictionView, type SupplementaryStatementView } from "../dataSubjectRights/applyRecordRights";

/** An organisation as a disclosure names it: who holds the record and how to reach them. */
export interface AgencyReference {
  code: string;
  name: string;
  type: AgencyType;
  contactEmail: string | null;
  contactPhone: string | null;
}

export interface AddressView {
  /** The address's identity, as redaction paths name it (`demographics.addresses[<id>]`). */
  id: string;
  /** Null when withheld: that it is a refuge or a placement is part of what the label protects. */
  kind: AddressKind | null;
  line1: string | null;
  line2: string | null;
  town: string | null;
  postcode: string | null;
  localAuthority: string | null;
  validFrom: string | null;
  /** True when the address is withheld (e.g. LOCATION_WITHHELD): nothing of it is shown. */
  withheld: boolean;
}

export interface DemographicsView {
  givenNames: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  sex: Sex | null;
  localAuthority: string | null;
  aliases: string[] | null;
  addresses: AddressView[];
}

/** The parts every disclosed agency record has; its facts follow, each null when withheld. */
export interface RecordView {
  recordId: string;
  recordType: RecordType;
  agency: AgencyReference;
  /** Null unless some of the record's content was disclosed. */
  agencyReference: string | null;
  recordedAt: Date | null;
  updatedAt: Date;
  linkMethod: LinkMethod;
  linkState: LinkState;
  [field: string]: unknown;
}

/** A brokered record: an agency of this type is involved, and this is whom to contact. Never the content. */
export interface RestrictedInvolvementView {
  agencyType: AgencyType;
  contactEmail: string | null;
  contactPhone: string | null;
}

/** The linked, redacted view of one child across agencies, for one purpose (HUB.md §5). */
export interface ChildRecordView {
  sui: string;
  disclosureId: string;
  purpose: Purpose;
  relationships: RelationshipKind[];
  demographics: DemographicsView;
  safeguardingStatuses: SocialCareStatus[];
  socialCare: RecordView[];
  police: RecordView[];
  health: RecordView[];
  education: RecordView[];
  probation: RecordView[];
  prison: RecordView[];
  youthJustice: RecordView[];
  restrictedInvolvement: RestrictedInvolvementView[];
  redactions: Withholding[];
  /** Statements the owning agency attached to what was disclosed (UK GDPR Art 16). */
  supplementaryStatements: SupplementaryStatementView[];
  /** Disclosed facts whose processing is restricted (Arts 18(2), 21): use them only for the purpose stated. */
  restrictions: RestrictionView[];
}
