import { ROLES } from "../auth/Role";
import { type DataSubjectRightsRule } from "../dataSubjectRights/DataSubjectRightsPolicy";
import { readDataSubjectRights } from "../dataSubjectRights/readDataSubjectRights";
import { AGENCY_TYPES } from "../directory/AgencyType";
import { RECORD_TYPES, type RecordType } from "../records/RecordType";
import { SENSITIVITY_LABELS } from "../records/SensitivityLabel";
import { AGREED_RECORD_TYPES, DECIDED_RECORD_TYPES, decidedFieldsOf } from "./decidedFields";
import { CHILD_DETAILS, type DecidedRecordType } from "./DisclosureSubject";
import { LAWFUL_BASES } from "./LawfulBasis";
import {
  CONSENT_REQUIREMENTS,
  PROVIDER_SCOPES,
  ProviderScope,
  type BreakGlassReasonRule,
  type BreakGlassRule,
  type ChildCompetenceRule,
  type CompetentAuthorityRule,
  type CriminalOffenceDataRule,
  type ContextConditions,
  type DataSharingAgreement,
  type FieldCondition,
  type InvolvementRule,
  type MashCaseRule,
  type HouseholdLinksRule,
  type CandidateComparisonsRule,
  type ConsultationAskersRule,
  type RoleHoldersRule,
  type PreBirthRule,
  type DerivedLabelRule,
  type GrantRule,
  type LabelPermit,
  type LabelRestriction,
  type LengthRule,
  type ConsentRecorderRule,
  type PolicyRule,
  type PurposeRule,
  type RestrictionRule,
  type SubjectAccessExemption,
  type SubjectAccessRule,
  type TimescaleEditionRule,
  type WorkingDaysRule,
} from "./PolicySet";
import { PURPOSES } from "./Purpose";
import { readTimescaleEdition, readWorkingDays } from "./readTimescales";
import { RELATIONSHIP_KINDS } from "./RelationshipKind";
import { ruleBase } from "./ruleBase";
import { SPECIAL_CATEGORY_CONDITIONS } from "./SpecialCategoryCondition";
import { type YamlMap, type YamlNode } from "./YamlNode";
import { readFieldCondition, readInvolvementRule } from "./readInvolvementRule";
import { readMashCase } from "./readMashCase";
import { readHouseholdLinks } from "./readHouseholdLinks";
import { readCandidateComparisons } from "./readCandidateComparisons";
import { readConsultationAskers } from "./readConsultationAskers";
import { readExclusionRecording } from "../exclusions/readExclusionRecording";
import { type ExclusionRecordingRule } from "../exclusions/ExclusionRecordingRule";
import { readRoleHolders } from "./readRoleHolders";
import { readSubjectAccess, readSubjectAccessExemption } from "./readSubjectAccess";
import { readCriminalOffenceData, readNotificationRoutingRule, readNotificationTypeRule } from "./readNotificationRouting";
import { type NotificationRoutingRule, type NotificationTypeRule } from "../notifications/routing/NotificationRoutingRule";
import { readRetentionHold, readRetentionMinimum, readRetentionRule } from "../retention/readRetentionPolicy";
import { type RetentionHold, type RetentionMinimum, type RetentionRule } from "../retention/RetentionPolicy";

/** A parsed value and the node it came from, so checks across files can still name a line. */
export interface Located<T> {
  value: T;
  node: YamlNode;
}

/** The sections a policy file may hold. Lists concatenate across files; the others appear exactly once. */
export interface PolicyFragment {
  justification: Located<LengthRule>[];
  breakGlass: Located<BreakGlassRule>[];
  breakGlassReason: Located<BreakGlassReasonRule>[];
  competentAuthorities: Located<CompetentAuthorityRule>[];
  criminalOffenceData: Located<CriminalOffenceDataRule>[];
  consentBasis: Located<PolicyRule>[];
  noRelationship: Located<RestrictionRule>[];
  noAgreement: Located<RestrictionRule>[];
  purposes: Located<PurposeRule>[];
  grants: Located<GrantRule>[];
  restrictions: Located<LabelRestriction>[];
  permits: Located<LabelPermit>[];
  agreements: Located<DataSharingAgreement>[];
  involvement: Located<InvolvementRule>[];
  workingDays: Located<WorkingDaysRule>[];
  timescaleEditions: Located<TimescaleEditionRule>[];
  childCompetence: Located<ChildCompetenceRule>[];
  consentRecorders: Located<ConsentRecorderRule>[];
  mashCase: Located<MashCaseRule>[];
  householdLinks: Located<HouseholdLinksRule>[];
  candidateComparisons: Located<CandidateComparisonsRule>[];
  consultationAskers: Located<ConsultationAskersRule>[];
  preBirth: Located<PreBirthRule>[];
  derivedLabels: Located<DerivedLabelRule>[];
  subjectAccess: Located<SubjectAccessRule>[];
  subjectAccessExemptions: Located<SubjectAccessExemption>[];
  notificationRouting: Located<NotificationRoutingRule>[];
  notificationTypes: Located<NotificationTypeRule>[];
  retention: Located<RetentionRule>[];
  retentionMinima: Located<RetentionMinimum>[];
  retentionHolds: Located<RetentionHold>[];
  dataSubjectRights: Located<DataSubjectRightsRule>[];
  roleHolders: Located<RoleHoldersRule>[];
  exclusionRecording: Located<ExclusionRecordingRule>[];
}

const SECTIONS = [
  "description", "justification", "breakGlass", "breakGlassReason", "competentAuthorities", "criminalOffenceData", "consentBasis",
  "noRelationship", "noAgreement", "purposes", "grants", "restrictions", "permits", "agreements", "involvement",
  "workingDays", "timescaleEditions", "childCompetence", "consentRecorders", "mashCase", "householdLinks", "candidateComparisons", "consultationAskers", "preBirth", "derivedLabels",
  "subjectAccess", "subjectAccessExemptions", "notificationRouting", "notificationTypes", "dataSubjectRights",
  "retention", "retentionMinima", "retentionHolds", "roleHolders", "exclusionRecording",
] as const;

/** Reads one policy file's sections, strictly: every name is checked against the hub's vocabulary. */
export function readPolicyFile(root: YamlNode): PolicyFragment {
  const sections = root.map([], SECTIONS);
  sections.optional("description")?.string();
  const one = <T>(key: string, read: (node: YamlNode) => T): Located<T>[] => {
    const node = sections.optional(key);
    return node ? [{ value: read(node), node }] : [];
  };
  const many = <T>(key: string, read: (node: YamlNode) => T): Located<T>[] =>
    (sections.optional(key)?.list() ?? []).map((node) => ({ value: read(node), node }));
  return {
    justification: one("justification", readLengthRule),
    breakGlass: one("breakGlass", readBreakGlass),
    breakGlassReason: one("breakGlassReason", readBreakGlassReason),
    competentAuthorities: one("competentAuthorities", readCompetentAuthorities),
    criminalOffenceData: one("criminalOffenceData", readCriminalOffenceData),
    consentBasis: one("consentBasis", (node) => ruleBase(node, node.map(["id", "description"]))),
    noRelationship: one("noRelationship", readRestriction),
    noAgreement: one("noAgreement", readRestriction),
    purposes: many("purposes", readPurpose),
    grants: many("grants", readGrant),
    restrictions: many("restrictions", readLabelRestriction),
    permits: many("permits", readPermit),
    agreements: many("agreements", readAgreement),
    involvement: many("involvement", readInvolvementRule),
    workingDays: one("workingDays", readWorkingDays),
    timescaleEditions: many("timescaleEditions", readTimescaleEdition),
    childCompetence: one("childCompetence", readChildCompetence),
    consentRecorders: one("consentRecorders", readConsentRecorders),
    mashCase: one("mashCase", readMashCase),
    householdLinks: one("householdLinks", readHouseholdLinks),
    candidateComparisons: one("candidateComparisons", readCandidateComparisons),
    consultationAskers: one("consultationAskers", readConsultationAskers),
    preBirth: one("preBirth", readPreBirth),
    derivedLabels: many("derivedLabels", readDerivedLabel),
    subjectAccess: one("subjectAccess", readSubjectAccess),
    subjectAccessExemptions: many("subjectAccessExemptions", readSubjectAccessExemption),
    notificationRouting: many("notificationRouting", readNotificationRoutingRule),
    notificationTypes: many("notificationTypes", readNotificationTypeRule),
    retention: many("retention", readRetentionRule),
    retentionMinima: many("retentionMinima", readRetentionMinimum),
    retentionHolds: many("retentionHolds", readRetentionHold),
    dataSubjectRights: one("dataSubjectRights", readDataSubjectRights),
    roleHolders: one("roleHolders", readRoleHolders),
    exclusionRecording: one("exclusionRecording", readExclusionRecording),
  };
}

/** `preBirth:` (policies/relationships.yaml): the relationships that open the file of a child not yet born. */
function readPreBirth(node: YamlNode): PreBirthRule {
  const map = node.map(["id", "description", "relationships"]);
  return { ...ruleBase(node, map), relationships: map.required("relationships").listOf(RELATIONSHIP_KINDS, "relationship kind") };
}

function readLengthRule(node: YamlNode): LengthRule {
  const map = node.map(["id", "description", "minimumLength"]);
  return { ...ruleBase(node, map), minimumLength: map.required("minimumLength").integer(1) };
}

function readBreakGlassReason(node: YamlNode): BreakGlassReasonRule {
  const map = node.map(["id", "description", "minimumLength", "minimumDistinctWords", "minimumDistinctLetters"]);
  return {
    ...ruleBase(node, map),
    minimumLength: map.required("minimumLength").integer(1),
    minimumDistinctWords: map.required("minimumDistinctWords").integer(1),
    minimumDistinctLetters: map.required("minimumDistinctLetters").integer(1),
  };
}

function readBreakGlass(node: YamlNode): BreakGlassRule {
  const map = node.map(["id", "description", "roles", "purposes"]);
  return {
    ...ruleBase(node, map),
    roles: map.required("roles").listOf(ROLES, "role"),
    purposes: map.required("purposes").listOf(PURPOSES, "purpose"),
  };
}

function readCompetentAuthorities(node: YamlNode): CompetentAuthorityRule {
  const map = node.map(["id", "description", "agencyTypes"]);
  return { ...ruleBase(node, map), agencyTypes: map.required("agencyTypes").listOf(AGENCY_TYPES, "agency type") };
}

function readRestriction(node: YamlNode): RestrictionRule {
  const map = node.map(["id", "description", "reason"]);
  return { ...ruleBase(node, map), reason: map.required("reason").string() };
}

function readLabelRestriction(node: YamlNode): LabelRestriction {
  const map = node.map(["id", "description", "label", "reason"]);
  return {
    ...ruleBase(node, map),
    label: map.required("label").oneOf(SENSITIVITY_LABELS, "label"),
    reason: map.required("reason").string(),
  };
}

function readPurpose(node: YamlNode): PurposeRule {
  const map = node.map(
    ["id", "description", "purpose", "roles", "lawfulBases", "specialCategoryConditions", "consent"],
    ["caseReferenceRequiredFor"],
  );
  const roles = map.required("roles").listOf(ROLES, "role", { allowEmpty: true });
  const caseReferenceNode = map.optional("caseReferenceRequiredFor");
  const caseReferenceRequiredFor = caseReferenceNode?.listOf(ROLES, "role") ?? [];
  for (const role of caseReferenceRequiredFor) {
    if (!roles.includes(role)) caseReferenceNode?.fail(`role "${role}" needs a case reference for a purpose it may not state`);
  }
  return {
    ...ruleBase(node, map),
    purpose: map.required("purpose").oneOf(PURPOSES, "purpose"),
    roles,
    lawfulBases: map.required("lawfulBases").listOf(LAWFUL_BASES, "lawful basis"),
    specialCategoryConditions: map.required("specialCategoryConditions").listOf(SPECIAL_CATEGORY_CONDITIONS, "special-category condition", { allowEmpty: true }),
    consent: map.required("consent").oneOf(CONSENT_REQUIREMENTS, "consent requirement"),
    caseReferenceRequiredFor,
  };
}

function readContextConditions(map: YamlMap): ContextConditions {
  return {
    roles: map.required("roles").listOf(ROLES, "role"),
    agencyTypes: map.optional("agencyTypes")?.listOf(AGENCY_TYPES, "agency type") ?? null,
    purposes: map.required("purposes").listOf(PURPOSES, "purpose"),
    lawfulBases: map.optional("lawfulBases")?.listOf(LAWFUL_BASES, "lawful basis") ?? null,
  };
}

function readGrant(node: YamlNode): GrantRule {
  const map = node.map(["id", "description", "roles", "purposes", "fields"], ["agencyTypes", "lawfulBases", "relationships", "relationshipRequired", "provider", "where"]);
  const relationshipRequired = map.optional("relationshipRequired")?.boolean() ?? true;
  const relationshipsNode = map.optional("relationships");
  if (relationshipRequired && !relationshipsNode) node.fail('a grant names the relationships it needs ("relationships"), or says "relationshipRequired: false"');
  if (!relationshipRequired && relationshipsNode) relationshipsNode.fail('"relationships" contradicts "relationshipRequired: false"');
  const provider = map.optional("provider")?.oneOf(PROVIDER_SCOPES, "provider scope") ?? ProviderScope.ANY;
  const fields = readGrantedFields(map.required("fields"));
  if (provider === ProviderScope.OWN_AGENCY && fields.has(CHILD_DETAILS)) {
    map.required("fields").fail(`${CHILD_DETAILS} is the hub's own index, never an agency's own record: a grant for OWN_AGENCY records cannot name it`);
  }
  const where = new Map<RecordType, FieldCondition>();
  for (const [key, value] of map.optional("where")?.entries() ?? []) {
    const recordType = key.oneOf(RECORD_TYPES, "record type");
    if (!fields.has(recordType)) key.fail(`"where" names ${recordType}, which the grant's "fields" do not`);
    where.set(recordType, readFieldCondition(value, recordType));
  }
  return {
    ...ruleBase(node, map),
    ...readContextConditions(map),
    relationships: relationshipsNode?.listOf(RELATIONSHIP_KINDS, "relationship kind") ?? null,
    provider,
    fields,
    where,
  };
}

/** `fields:` maps a record type (or CHILD) to the field names it grants, or to ALL of the catalogue's. */
function readGrantedFields(node: YamlNode): Map<DecidedRecordType, readonly string[]> {
  const fields = new Map<DecidedRecordType, readonly string[]>();
  for (const [key, value] of node.entries()) {
    const recordType = key.oneOf(DECIDED_RECORD_TYPES, "record type");
    const catalogue = decidedFieldsOf(recordType);
    if (value.isScalarValue() && !value.isNull()) {
      if (value.string() !== "ALL") value.fail(`expected a list of ${recordType} fields or ALL`);
      fields.set(recordType, catalogue);
    } else {
      fields.set(recordType, value.listOf(catalogue, `${recordType} field`));
    }
  }
  if (fields.size === 0) node.fail("a grant names at least one record type");
  return fields;
}

function readPermit(node: YamlNode): LabelPermit {
  const map = node.map(
    ["id", "description", "labels", "roles", "purposes"],
    ["agencyTypes", "lawfulBases", "specialCategoryConditions", "relationships", "caseReferenceRequired", "provider"],
  );
  return {
    ...ruleBase(node, map),
    ...readContextConditions(map),
    labels: map.required("labels").listOf(SENSITIVITY_LABELS, "label"),
    specialCategoryConditions: map.optional("specialCategoryConditions")?.listOf(SPECIAL_CATEGORY_CONDITIONS, "special-category condition") ?? null,
    relationships: map.optional("relationships")?.listOf(RELATIONSHIP_KINDS, "relationship kind") ?? null,
    caseReferenceRequired: map.optional("caseReferenceRequired")?.boolean() ?? false,
    provider: map.optional("provider")?.oneOf(PROVIDER_SCOPES, "provider scope") ?? ProviderScope.ANY,
  };
}

function readDerivedLabel(node: YamlNode): DerivedLabelRule {
  const map = node.map(["id", "description", "label", "recordType", "when"]);
  const recordType = map.required("recordType").oneOf(RECORD_TYPES, "record type");
  return {
    ...ruleBase(node, map),
    label: map.required("label").oneOf(SENSITIVITY_LABELS, "label"),
    recordType,
    when: readFieldCondition(map.required("when"), recordType),
  };
}

function readAgreement(node: YamlNode): DataSharingAgreement {
  const map = node.map(["id", "description", "providers", "recipients", "purposes", "recordTypes", "activeFrom"], ["activeTo"]);
  const activeFrom = map.required("activeFrom").date();
  const activeToNode = map.optional("activeTo");
  const activeTo = activeToNode && !activeToNode.isNull() ? activeToNode.date() : null;
  if (activeTo !== null && activeTo < activeFrom) activeToNode?.fail(`agreement ends (${activeTo}) before it starts (${activeFrom})`);
  return {
    ...ruleBase(node, map),
    providers: map.required("providers").listOf(AGENCY_TYPES, "agency type"),
    recipients: map.required("recipients").listOf(AGENCY_TYPES, "agency type"),
    purposes: map.required("purposes").listOf(PURPOSES, "purpose"),
    recordTypes: map.required("recordTypes").listOf(AGREED_RECORD_TYPES, "record type"),
    activeFrom,
    activeTo,
  };
}

/** A child is a person under 18 (Children Act 1989 s.105): no age rule reaches beyond it. */
const ADULTHOOD = 18;

function readChildCompetence(node: YamlNode): ChildCompetenceRule {
  const map = node.map(["id", "description", "presumedCompetentFromAge", "managerConfirmationBelowAge", "confirmingRoles", "assessmentMinimumLength"]);
  const presumedNode = map.required("presumedCompetentFromAge");
  const presumedCompetentFromAge = presumedNode.integer(1);
  if (presumedCompetentFromAge > ADULTHOOD) presumedNode.fail(`a child is under ${ADULTHOOD}: presumedCompetentFromAge cannot be ${presumedCompetentFromAge}`);
  const floorNode = map.required("managerConfirmationBelowAge");
  const managerConfirmationBelowAge = floorNode.integer(0);
  if (managerConfirmationBelowAge > presumedCompetentFromAge) {
    floorNode.fail(`managerConfirmationBelowAge (${managerConfirmationBelowAge}) is above presumedCompetentFromAge (${presumedCompetentFromAge}): a presumed-competent child needs no confirmation`);
  }
  return {
    ...ruleBase(node, map),
    presumedCompetentFromAge,
    managerConfirmationBelowAge,
    confirmingRoles: map.required("confirmingRoles").listOf(ROLES, "role"),
    assessmentMinimumLength: map.required("assessmentMinimumLength").integer(1),
  };
}

function readConsentRecorders(node: YamlNode): ConsentRecorderRule {
  const map = node.map(["id", "description", "recordTypes"]);
  return { ...ruleBase(node, map), recordTypes: map.required("recordTypes").listOf(RECORD_TYPES, "record type") };
}
