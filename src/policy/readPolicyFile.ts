import { ROLES } from "../auth/Role";
import { AGENCY_TYPES } from "../directory/AgencyType";
import { RECORD_TYPES } from "../records/RecordType";
import { SENSITIVITY_LABELS } from "../records/SensitivityLabel";
import { DEFAULT_DENY } from "./defaultDeny";
import { DECIDED_RECORD_TYPES, decidedFieldsOf } from "./decidedFields";
import { CHILD_DETAILS, type DecidedRecordType } from "./DisclosureSubject";
import { LAWFUL_BASES } from "./LawfulBasis";
import {
  CONSENT_REQUIREMENTS,
  PROVIDER_SCOPES,
  ProviderScope,
  type BreakGlassRule,
  type CompetentAuthorityRule,
  type ContextConditions,
  type DataSharingAgreement,
  type GrantRule,
  type LabelPermit,
  type LabelRestriction,
  type LengthRule,
  type PolicyRule,
  type PurposeRule,
  type RestrictionRule,
} from "./PolicySet";
import { PURPOSES } from "./Purpose";
import { RELATIONSHIP_KINDS } from "./RelationshipKind";
import { SPECIAL_CATEGORY_CONDITIONS } from "./SpecialCategoryCondition";
import { type YamlMap, type YamlNode } from "./YamlNode";

/** A parsed value and the node it came from, so checks across files can still name a line. */
export interface Located<T> {
  value: T;
  node: YamlNode;
}

/** The sections a policy file may hold. Lists concatenate across files; the others appear exactly once. */
export interface PolicyFragment {
  justification: Located<LengthRule>[];
  breakGlass: Located<BreakGlassRule>[];
  breakGlassReason: Located<LengthRule>[];
  competentAuthorities: Located<CompetentAuthorityRule>[];
  consentBasis: Located<PolicyRule>[];
  noRelationship: Located<RestrictionRule>[];
  noAgreement: Located<RestrictionRule>[];
  purposes: Located<PurposeRule>[];
  grants: Located<GrantRule>[];
  restrictions: Located<LabelRestriction>[];
  permits: Located<LabelPermit>[];
  agreements: Located<DataSharingAgreement>[];
}

const SECTIONS = [
  "description", "justification", "breakGlass", "breakGlassReason", "competentAuthorities", "consentBasis",
  "noRelationship", "noAgreement", "purposes", "grants", "restrictions", "permits", "agreements",
] as const;

const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

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
    breakGlassReason: one("breakGlassReason", readLengthRule),
    competentAuthorities: one("competentAuthorities", readCompetentAuthorities),
    consentBasis: one("consentBasis", (node) => ruleBase(node, node.map(["id", "description"]))),
    noRelationship: one("noRelationship", readRestriction),
    noAgreement: one("noAgreement", readRestriction),
    purposes: many("purposes", readPurpose),
    grants: many("grants", readGrant),
    restrictions: many("restrictions", readLabelRestriction),
    permits: many("permits", readPermit),
    agreements: many("agreements", readAgreement),
  };
}

function ruleBase(node: YamlNode, map: YamlMap): PolicyRule {
  const idNode = map.required("id");
  const id = idNode.string();
  if (!RULE_ID.test(id)) idNode.fail(`rule id "${id}" must be lower-case words joined by hyphens`);
  if (id === DEFAULT_DENY) idNode.fail(`rule id "${DEFAULT_DENY}" is reserved for fields no rule granted`);
  return { id, description: map.required("description").string(), source: { file: node.file, line: node.line } };
}

function readLengthRule(node: YamlNode): LengthRule {
  const map = node.map(["id", "description", "minimumLength"]);
  return { ...ruleBase(node, map), minimumLength: map.required("minimumLength").integer(1) };
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
  const map = node.map(["id", "description", "roles", "purposes", "fields"], ["agencyTypes", "lawfulBases", "relationships", "relationshipRequired", "provider"]);
  const relationshipRequired = map.optional("relationshipRequired")?.boolean() ?? true;
  const relationshipsNode = map.optional("relationships");
  if (relationshipRequired && !relationshipsNode) node.fail('a grant names the relationships it needs ("relationships"), or says "relationshipRequired: false"');
  if (!relationshipRequired && relationshipsNode) relationshipsNode.fail('"relationships" contradicts "relationshipRequired: false"');
  const provider = map.optional("provider")?.oneOf(PROVIDER_SCOPES, "provider scope") ?? ProviderScope.ANY;
  const fields = readGrantedFields(map.required("fields"));
  if (provider === ProviderScope.OWN_AGENCY && fields.has(CHILD_DETAILS)) {
    map.required("fields").fail(`${CHILD_DETAILS} is the hub's own index, never an agency's own record: a grant for OWN_AGENCY records cannot name it`);
  }
  return {
    ...ruleBase(node, map),
    ...readContextConditions(map),
    relationships: relationshipsNode?.listOf(RELATIONSHIP_KINDS, "relationship kind") ?? null,
    provider,
    fields,
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
    recordTypes: map.required("recordTypes").listOf(RECORD_TYPES, "record type"),
    activeFrom,
    activeTo,
  };
}
