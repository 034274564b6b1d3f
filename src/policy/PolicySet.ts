import { type Role } from "../auth/Role";
import { type AgencyType } from "../directory/AgencyType";
import { type RecordType } from "../records/RecordType";
import { type SensitivityLabel } from "../records/SensitivityLabel";
import { type DecidedRecordType } from "./DisclosureSubject";
import { type LawfulBasis } from "./LawfulBasis";
import { type Purpose } from "./Purpose";
import { type RelationshipKind } from "./RelationshipKind";
import { type SpecialCategoryCondition } from "./SpecialCategoryCondition";

/** Where a rule was written, so a decision can be traced back to a line of `policies/`. */
export interface PolicySource {
  file: string;
  line: number;
}

/** What every policy rule carries: a stable id (audited on every decision) and why it exists. */
export interface PolicyRule {
  id: string;
  description: string;
  source: PolicySource;
}

/** A rule that withholds: its plain-words `reason` is what the recipient reads in `redactions`. */
export interface RestrictionRule extends PolicyRule {
  reason: string;
}

/** Whether a purpose rests on consent (DOMAIN.md rule 3). */
export const ConsentRequirement = {
  /** The purpose is voluntary and rests on consent: it needs consent GIVEN (e.g. early help). */
  REQUIRED: "REQUIRED",
  /** Consent is sought; a refusal or withdrawal on record stops it unless a CSC manager has recorded a safeguarding override. */
  OVERRIDABLE: "OVERRIDABLE",
  /** Safeguarding: proceeds without consent, the reason being the stated justification. */
  NOT_REQUIRED: "NOT_REQUIRED",
} as const;
export type ConsentRequirement = (typeof ConsentRequirement)[keyof typeof ConsentRequirement];
export const CONSENT_REQUIREMENTS = Object.values(ConsentRequirement);

/** Which roles may state a purpose, on which lawful bases and Art 9 conditions, with what consent. */
export interface PurposeRule extends PolicyRule {
  purpose: Purpose;
  roles: Role[];
  lawfulBases: LawfulBasis[];
  specialCategoryConditions: SpecialCategoryCondition[];
  consent: ConsentRequirement;
  /** Roles that must state a case reference for this purpose (a MASH triaging a referral). */
  caseReferenceRequiredFor: Role[];
}

/** Whose records a rule reaches: any agency's, or only the caller's own agency's. */
export const ProviderScope = {
  ANY: "ANY",
  /** The caller's own agency already holds the record: returning it discloses nothing new. */
  OWN_AGENCY: "OWN_AGENCY",
} as const;
export type ProviderScope = (typeof ProviderScope)[keyof typeof ProviderScope];
export const PROVIDER_SCOPES = Object.values(ProviderScope);

/** The context conditions grants and permits share; `null` means "any". */
export interface ContextConditions {
  roles: Role[];
  agencyTypes: AgencyType[] | null;
  purposes: Purpose[];
  lawfulBases: LawfulBasis[] | null;
}

/** Grants reading fields of record types. `relationships: null` means no relationship is needed. */
export interface GrantRule extends PolicyRule, ContextConditions {
  relationships: RelationshipKind[] | null;
  provider: ProviderScope;
  fields: ReadonlyMap<DecidedRecordType, readonly string[]>;
}

/** Lets fields carrying these labels through, in a context; otherwise the label's restriction withholds them. */
export interface LabelPermit extends PolicyRule, ContextConditions {
  labels: SensitivityLabel[];
  /** One of these Art 9 / Sch.1 conditions must be stated; null when none is needed. */
  specialCategoryConditions: SpecialCategoryCondition[] | null;
  relationships: RelationshipKind[] | null;
  caseReferenceRequired: boolean;
  provider: ProviderScope;
}

/** Withholds every field (and, for SEALED/BROKERED, every record) carrying `label` unless a permit lets it through. */
export interface LabelRestriction extends RestrictionRule {
  label: SensitivityLabel;
}

/** A data sharing agreement: records of these types, held by these agency types, may go to those for these purposes. */
export interface DataSharingAgreement extends PolicyRule {
  providers: AgencyType[];
  recipients: AgencyType[];
  purposes: Purpose[];
  recordTypes: RecordType[];
  /** First and last day in force (inclusive), YYYY-MM-DD; `activeTo` null while open-ended. */
  activeFrom: string;
  activeTo: string | null;
}

export interface LengthRule extends PolicyRule {
  minimumLength: number;
}

export interface BreakGlassRule extends PolicyRule {
  roles: Role[];
  purposes: Purpose[];
}

export interface CompetentAuthorityRule extends PolicyRule {
  agencyTypes: AgencyType[];
}

/** Everything `policies/` says, validated, with the version hash stored on every audit entry. */
export interface PolicySet {
  /** SHA-256 hex over the canonical content of the policy files, sorted by name. */
  version: string;
  files: string[];
  justification: LengthRule;
  breakGlass: BreakGlassRule;
  breakGlassReason: LengthRule;
  competentAuthorities: CompetentAuthorityRule;
  consentBasis: PolicyRule;
  purposes: ReadonlyMap<Purpose, PurposeRule>;
  grants: readonly GrantRule[];
  noRelationship: RestrictionRule;
  /** In file order: a later restriction's reason is the one given when several labels withhold a field. */
  restrictions: readonly LabelRestriction[];
  permits: readonly LabelPermit[];
  agreements: readonly DataSharingAgreement[];
  noAgreement: RestrictionRule;
}
