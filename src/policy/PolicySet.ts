import { type Relationship } from "../people/Relationship";
import { type Role } from "../auth/Role";
import { type AgencyType } from "../directory/AgencyType";
import { type RecordType } from "../records/RecordType";
import { type FieldValue } from "../records/recordFieldValues";
import { type ReferralStage } from "../referrals/ReferralStage";
import { type TimescaleId } from "../timescales/TimescaleId";
import { type SensitivityLabel } from "../records/SensitivityLabel";
import { type TimescaleEdition } from "../timescales/Timescale";
import { type WorkingDayCalendar } from "../timescales/workingDays";
import { type DecidedRecordType } from "./DisclosureSubject";
import { type LawfulBasis } from "./LawfulBasis";
import { type Purpose } from "./Purpose";
import { type RelationshipKind } from "./RelationshipKind";
import { type SpecialCategoryCondition } from "./SpecialCategoryCondition";
import { type RequesterStanding } from "../subjectAccess/RequesterStanding";
import { type NotificationRoutingRule, type NotificationTypeRule } from "../notifications/routing/NotificationRoutingRule";
import { type RoutedNotificationType } from "../notifications/NotificationType";
import { type RetentionPolicy } from "../retention/RetentionPolicy";
import { type DataSubjectRightsRule } from "../dataSubjectRights/DataSubjectRightsPolicy";
import { type DisclosureReach, type ExemptionDecision, type ExemptionReview } from "../subjectAccess/SubjectAccessDecision";
import { type CandidateComparison } from "./CandidateComparison";
import { type ChildField } from "./DisclosureSubject";
import { type ExclusionRecordingRule } from "../exclusions/ExclusionRecordingRule";

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

/**
 * Grants reading fields of record types. `relationships: null` means no relationship is needed.
 * `where` narrows a record type to the records whose field has one of the values (Operation Encompass:
 * only domestic abuse incidents reach a school).
 */
export interface GrantRule extends PolicyRule, ContextConditions {
  relationships: RelationshipKind[] | null;
  provider: ProviderScope;
  fields: ReadonlyMap<DecidedRecordType, readonly string[]>;
  where: ReadonlyMap<RecordType, FieldCondition>;
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
  /** Agency record types, or a notification's content (`notificationFields.ts`). */
  recordTypes: Exclude<DecidedRecordType, "CHILD">[];
  /** First and last day in force (inclusive), YYYY-MM-DD; `activeTo` null while open-ended. */
  activeFrom: string;
  activeTo: string | null;
}

/** A field of a record and the values that make the condition hold. */
export interface FieldCondition {
  field: string;
  values: readonly FieldValue[];
}

/**
 * When a record's agency stops being involved with the child (policies/relationships.yaml): when
 * `endedWhen` holds, the `endedOn` date (else `endsOn`; else the day the hub was told); otherwise the
 * `endsOn` date (an end the agency expects: a release, the end of an order); otherwise the
 * `lastActivityOn` date unless `continuesWhile` holds. Involvement lapses `lapsesAfterDays` after it.
 */
export interface InvolvementRule extends PolicyRule {
  recordType: RecordType;
  endsOn: string | null;
  endedWhen: FieldCondition | null;
  /** The date field that says when the involvement ended, once `endedWhen` holds (default `endsOn`). */
  endedOn: string | null;
  /** A date field, or LAST_UPDATE: when the hub last heard from the agency about the record. */
  lastActivityOn: string | null;
  continuesWhile: FieldCondition | PresenceCondition | null;
  lapsesAfterDays: number;
  /** Days after the last activity, when the end is an activity rather than an end date (default `lapsesAfterDays`). */
  activityLapsesAfterDays: number;
}

/**
 * A label a record carries because of what it says, whether or not its agency labelled it (labels.yaml
 * `derivedLabels`): a police record of an active investigation must not reach the family.
 */
export interface DerivedLabelRule extends PolicyRule {
  label: SensitivityLabel;
  recordType: RecordType;
  when: FieldCondition;
}

/** A field of a record that holds a value (a registration date: the child is registered). */
export interface PresenceCondition {
  field: string;
  present: true;
}

/** `lastActivityOn: LAST_UPDATE`: the record's activity is when its agency last told the hub of it. */
export const LAST_UPDATE = "LAST_UPDATE";

/** Which agency types hold each role (policies/roles.yaml `roleHolders`); every role is named. */
export interface RoleHoldersRule extends PolicyRule {
  holders: ReadonlyMap<Role, readonly AgencyType[]>;
}

/** How long a referral at one stage keeps a MASH case open (policies/relationships.yaml `mashCase`). */
export interface ReferralWindow {
  stage: ReferralStage;
  timescale: TimescaleId;
  /** Working days after the timescale's due instant (or its extension) that research stays open. */
  graceWorkingDays: number;
  /** Count to the end of the timescale's extension (an EPO extended once), where it has one. */
  throughExtension: boolean;
  /** Who may open a referral at this stage in the hub (`openReferral`); none: only the authority's own system records it. */
  openedInHubBy: Role[];
}

/** Which relationships open the file of a child not yet born (policies/relationships.yaml `preBirth`). */
export interface PreBirthRule extends PolicyRule {
  relationships: RelationshipKind[];
}

/** Why the household view places a child with another: the same current home, or an adult a record of each names. */
export const HOUSEHOLD_LINK_KINDS = ["SAME_ADDRESS", "LINKED_ADULT"] as const;
export type HouseholdLinkKind = (typeof HOUSEHOLD_LINK_KINDS)[number];

/**
 * What places a child in another's household through an adult (policies/household.yaml
 * `householdLinks`): the relationships that count (a parent, not a professional contact), how recent
 * each record naming the adult must be, how many children one adult may bring in before the view says
 * there are too many to list, and which placements open a member's file under the referral (MASH_CASE).
 */
export interface HouseholdLinksRule extends PolicyRule {
  adultRelationships: Relationship[];
  recordWithinDays: number;
  maxChildrenPerAdult: number;
  opensMemberFiles: HouseholdLinkKind[];
}

/** What a search candidate's `why` may say of one comparison: only to a searcher shown `detail`, and no finer than `finestLevel`. */
export interface ComparisonDisclosure {
  /** The candidate detail (a CHILD field) the comparison tells the searcher about. */
  detail: ChildField;
  /** The finest nested level reported (`CandidateComparison.ts` NESTED_LEVELS); a finer agreement is reported as it. Null: as compared. */
  finestLevel: string | null;
}

/**
 * What a search's `why` may report (policies/search.yaml `candidateComparisons`): a level tells the
 * searcher about a detail of the candidate, so it is given — and ranks — only as far as the policy
 * discloses that detail to them. A comparison not named is never reported.
 */
export interface CandidateComparisonsRule extends PolicyRule {
  comparisons: ReadonlyMap<CandidateComparison, ComparisonDisclosure>;
}

/**
 * Who may ask a MASH for advice without naming the child (policies/consultations.yaml
 * `consultationAskers`), in order: a person holding several of the roles asks in the first listed.
 */
export interface ConsultationAskersRule extends PolicyRule {
  roles: Role[];
  /** Who at the MASH reads a consultation and answers it: the deliveries are decided for this role, and only a person holding it advises. */
  advisingRole: Role;
}

/** When a MASH case reference opens research: an open referral, within its stage's window. */
export interface MashCaseRule extends PolicyRule {
  windows: ReadonlyMap<ReferralStage, ReferralWindow>;
}

export interface LengthRule extends PolicyRule {
  minimumLength: number;
}

/**
 * What makes a break-glass reason one IG can review afterwards (scenario 9): long enough, and written
 * in enough different words and letters that it is an account of the emergency, not one character or
 * one word repeated to the length.
 */
export interface BreakGlassReasonRule extends LengthRule {
  /** Different words of two or more letters, in any case. */
  minimumDistinctWords: number;
  /** Different letters, in any case. */
  minimumDistinctLetters: number;
}

export interface BreakGlassRule extends PolicyRule {
  roles: Role[];
  purposes: Purpose[];
}

export interface CompetentAuthorityRule extends PolicyRule {
  agencyTypes: AgencyType[];
}

/**
 * UK GDPR Art 10 as lawful-bases.yaml states it: criminal-offence data reaches an agency that is not a
 * competent authority only under one of `conditions` (DPA 2018 s.10(5), Sch.1), and competent
 * authorities share it under `competentAuthorityBasis` (DPA 2018 Part 3).
 */
export interface CriminalOffenceDataRule extends PolicyRule {
  conditions: SpecialCategoryCondition[];
  competentAuthorityBasis: LawfulBasis;
}

/** England's working days (`workingDays`): the calendar every timescale in working days is counted on. */
export interface WorkingDaysRule extends PolicyRule {
  calendar: WorkingDayCalendar;
}

/** One edition of guidance's timescales (`timescaleEditions`), in force from `effectiveFrom` until the next edition's. */
export interface TimescaleEditionRule extends PolicyRule, TimescaleEdition {}

/** Everything `policies/` says, validated, with the version hash stored on every audit entry. */
export interface PolicySet {
  /** SHA-256 hex over the canonical content of the policy files, sorted by name. */
  version: string;
  files: string[];
  justification: LengthRule;
  breakGlass: BreakGlassRule;
  breakGlassReason: BreakGlassReasonRule;
  competentAuthorities: CompetentAuthorityRule;
  criminalOffenceData: CriminalOffenceDataRule;
  consentBasis: PolicyRule;
  purposes: ReadonlyMap<Purpose, PurposeRule>;
  grants: readonly GrantRule[];
  noRelationship: RestrictionRule;
  /** In file order: a later restriction's reason is the one given when several labels withhold a field. */
  restrictions: readonly LabelRestriction[];
  permits: readonly LabelPermit[];
  agreements: readonly DataSharingAgreement[];
  noAgreement: RestrictionRule;
  /** One per record type: when the involvement a record founds lapses. */
  involvement: ReadonlyMap<RecordType, InvolvementRule>;
  workingDays: WorkingDaysRule;
  /** Oldest first; `src/timescales/deadline.ts` picks the one in force. */
  timescaleEditions: readonly TimescaleEditionRule[];
  childCompetence: ChildCompetenceRule;
  consentRecorders: ConsentRecorderRule;
  mashCase: MashCaseRule;
  householdLinks: HouseholdLinksRule;
  candidateComparisons: CandidateComparisonsRule;
  consultationAskers: ConsultationAskersRule;
  preBirth: PreBirthRule;
  derivedLabels: readonly DerivedLabelRule[];
  subjectAccess: SubjectAccessRule;
  /** In file order. Default deny for labels: every sensitivity label is named by at least one. */
  subjectAccessExemptions: readonly SubjectAccessExemption[];
  /** The notification duties, in file order (policies/notification-routing.yaml). */
  notificationRouting: readonly NotificationRoutingRule[];
  /** Each routed notification type's acknowledgement deadline and the events that ask for a reply. */
  notificationTypes: ReadonlyMap<RoutedNotificationType, NotificationTypeRule>;
  /** How long what records report is kept after their end, the statutory minima, and the holds in force (`retention/`). */
  retention: RetentionPolicy;
  /** Rectification, restriction, objection and erasure (`dataSubjectRights/`, policies/data-subject-rights.yaml). */
  dataSubjectRights: DataSubjectRightsRule;
  /** Which agency types hold each role (policies/roles.yaml): the gate refuses a token naming a role its agency cannot hold. */
  roleHolders: RoleHoldersRule;
  /** Who records and lifts named-staff exclusions, and over whom (policies/exclusions.yaml, `exclusions/`). */
  exclusionRecording: ExclusionRecordingRule;
}

/**
 * When a child's own consent decision governs (src/consent/decideChildCompetence.ts): presumed from
 * `presumedCompetentFromAge` (Mental Capacity Act 2005), below it only on the recorder's written
 * assessment (Gillick), and below `managerConfirmationBelowAge` only when one of `confirmingRoles`
 * records the decision.
 */
export interface ChildCompetenceRule extends PolicyRule {
  presumedCompetentFromAge: number;
  managerConfirmationBelowAge: number;
  confirmingRoles: Role[];
  assessmentMinimumLength: number;
}

/** A parent's consent is recorded only by an agency holding a confirmed record about the child of one of these types. */
export interface ConsentRecorderRule extends PolicyRule {
  recordTypes: RecordType[];
}

/**
 * How the hub answers a subject access request (policies/subject-access.yaml): what the requester's
 * standing and the IG lead's decisions must record, and the statements UK GDPR Art 15(1) requires
 * besides the data itself.
 */
export interface SubjectAccessRule extends PolicyRule {
  /** How a parent's parental responsibility, or a representative's authority, was confirmed. */
  requesterBasisMinimumLength: number;
  /** Why the one extension is needed (Art 12(3): complexity, number of requests). */
  extensionReasonMinimumLength: number;
  /** Why the IG lead included or withheld an item held for review. */
  decisionReasonMinimumLength: number;
  /** How old a health professional's opinion may be and still be relied on (DPA 2018 Sch.3 para 6(2)(b)). */
  healthOpinionValidForMonths: number;
  /** Art 15(1)(a): why the hub processes the child's data, in plain words, in general and per purpose stated. */
  purposes: { general: string; byPurpose: ReadonlyMap<Purpose, string> };
  /** Art 15(1)(d): how long the data is kept. */
  retention: string;
  /** Art 15(1)(e), (f), (h): the other rights, the right to complain, automated decisions. */
  rights: string;
}

/** What an exemption clause tests of a disclosure (an audit entry) itself; null keys test nothing. */
export interface DisclosureCondition {
  lawfulBases: LawfulBasis[] | null;
  purposes: Purpose[] | null;
  /** The hub cannot tell from the entry what it carried (no record ids, or records no longer the child's). */
  unattributed: boolean;
}

/**
 * One way an exemption applies: every key given must hold (lists: any of). A fact clause tests facts
 * held — a record, a field of one, an identity fact — and a disclosure clause tests an audit entry.
 */
export interface ExemptionClause {
  /** The item's own effective labels (a field's include its record's, as for disclosure). */
  labels: SensitivityLabel[] | null;
  /** The record's labels; an identity fact matches when every record that reported it has one. */
  recordLabels: SensitivityLabel[] | null;
  recordTypes: RecordType[] | null;
  /** Only these fields (field items only). */
  fields: ReadonlyMap<RecordType, readonly string[]> | null;
  /** Only records whose field has one of these values. */
  where: ReadonlyMap<RecordType, FieldCondition> | null;
  disclosures: DisclosureCondition | null;
}

/** A UK GDPR / DPA 2018 exemption from the right of access, as the hub applies it. */
export interface SubjectAccessExemption extends PolicyRule {
  /** Plain words for the IG lead: "Information about other people". */
  title: string;
  /** The provision, e.g. "DPA 2018 Sch.2 para 16". */
  citation: string;
  /** What it does for each standing of requester; a standing not listed is not affected. */
  decisions: ReadonlyMap<RequesterStanding, ExemptionDecision>;
  review: ExemptionReview;
  reachesDisclosures: DisclosureReach;
  /**
   * For a reach that leaves out only a disclosure's part (SOLELY_CARRYING…): the disclosures that
   * carried the fact and are withheld whole all the same, because what they were made for tells of it
   * (any clause; in a clause every key holds). Empty otherwise.
   */
  wholeWhen: readonly DisclosureCondition[];
  when: readonly ExemptionClause[];
}
