import { AbilityBuilder, createMongoAbility, subject, type ForcedSubject, type MongoAbility } from "@casl/ability";
import { AGENCY_TYPES, type AgencyType } from "../directory/AgencyType";
import { AGREED_RECORD_TYPES, recordLabelsOnField } from "./decidedFields";
import { isNotificationRecordType } from "./notificationFields";
import { SensitivityLabel } from "../records/SensitivityLabel";
import { abilityContextKey, type AbilityContext } from "./AbilityContext";
import { CHILD_DETAILS, type DecidedRecordType, type FieldSubject, type RecordSubject } from "./DisclosureSubject";
import { type FieldValue } from "../records/recordFieldValues";
import {
  ProviderScope,
  type ContextConditions,
  type DataSharingAgreement,
  type LabelPermit,
  type PolicySet,
} from "./PolicySet";

/** What CASL sees of one field: where it comes from, how it is labelled (record labels included), and its record's testable values. */
export interface FieldFacts {
  recordType: DecidedRecordType;
  field: string;
  labels: readonly SensitivityLabel[];
  providerAgencyType: AgencyType | null;
  providerAgencyCode: string | null;
  attributes: Readonly<Record<string, FieldValue>>;
}

/** What CASL sees of one record, to decide whether it is sealed or brokered as a whole. */
export type RecordFacts = Omit<FieldFacts, "field">;

/** `read` a Field: disclose it. `open` a Record: show it at all (not sealed, not brokered). */
export type DisclosureAbility = MongoAbility<["read", "Field" | (FieldFacts & ForcedSubject<"Field">)] | ["open", "Record" | (RecordFacts & ForcedSubject<"Record">)]>;

/** The rule CASL finds most relevant: a grant (`inverted: false`), a restriction, or none (default deny). */
export interface RelevantRule {
  inverted: boolean;
  reason: string | undefined;
}

const MAX_CACHED_ABILITIES = 10_000;
const MAX_REMEMBERED_ANSWERS = 20_000;
const cache = new WeakMap<PolicySet, Map<string, DisclosureRules>>();

/** The key an `open` answer is remembered under beside the fields' (no field is named with a NUL). */
const OPEN = "\u0000open";

/**
 * A compiled ability and the answers it has given. The rules compare a record's provider with the
 * caller's agency and nothing else, so an answer holds for every field with the same record type,
 * field name, labels, provider agency type, "own agency or not" and testable values: CASL is asked once per such field
 * and its answer remembered, which keeps a hundred-field decision well under a millisecond. Answers
 * are kept by the record's kind (type, provider, values), then its labels, then the field: a record
 * finds its kind's answers once, and each field looks up only its labels and name.
 */
export class DisclosureRules {
  private answers = new Map<string, Map<string, Map<string, RelevantRule | null>>>();
  private remembered = 0;
  private recordAnswers = new WeakMap<RecordSubject, Map<string, Map<string, RelevantRule | null>>>();

  constructor(
    private readonly ability: DisclosureAbility,
    private readonly agency: string,
  ) {}

  /** The most relevant `open` rule for a record: a SEALED or BROKERED restriction, the relationship rule, or none. */
  recordRule(record: RecordSubject): RelevantRule | null {
    return this.answer(record, labelsKey(record.labels, []), OPEN, () =>
      this.ability.relevantRuleFor("open", subject("Record", recordFacts(record, record.labels))));
  }

  /**
   * The most relevant `read` rule for a field; the record's labels count as the field's, but for a
   * protected location, which counts only on the fields that say where someone is (`recordLabelsOnField`).
   * The answer is remembered by the record's labels and the field's name, which decide that too.
   */
  fieldRule(record: RecordSubject, field: FieldSubject): RelevantRule | null {
    return this.answer(record, labelsKey(record.labels, field.labels), field.field, () =>
      this.ability.relevantRuleFor("read", subject("Field", { ...recordFacts(record, [...new Set([...recordLabelsOnField(record.recordType, field.field, record.labels), ...field.labels])]), field: field.field })));
  }

  private answer(record: RecordSubject, labels: string, field: string, ask: () => RelevantRule | null): RelevantRule | null {
    let byLabels = this.recordAnswers.get(record);
    if (byLabels === undefined) {
      const key = `${record.recordType}\u0000${record.providerAgencyType}\u0000${record.providerAgencyCode === this.agency}\u0000${attributesKey(record.attributes)}`;
      byLabels = this.answers.get(key) ?? new Map<string, Map<string, RelevantRule | null>>();
      this.answers.set(key, byLabels);
      this.recordAnswers.set(record, byLabels);
    }
    let byField = byLabels.get(labels);
    if (byField === undefined) {
      byField = new Map<string, RelevantRule | null>();
      byLabels.set(labels, byField);
    }
    const known = byField.get(field);
    if (known !== undefined) return known;
    const rule = ask();
    const answer = rule && { inverted: rule.inverted, reason: rule.reason };
    if (this.remembered >= MAX_REMEMBERED_ANSWERS) this.forget();
    byField.set(field, answer);
    this.remembered += 1;
    return answer;
  }

  /** Starts again from nothing: the maps a record found stay with it, but no longer count here. */
  private forget(): void {
    this.answers = new Map();
    this.recordAnswers = new WeakMap();
    this.remembered = 0;
  }
}

function recordFacts(record: RecordSubject, labels: readonly SensitivityLabel[]): RecordFacts {
  return { recordType: record.recordType, labels, providerAgencyType: record.providerAgencyType, providerAgencyCode: record.providerAgencyCode, attributes: record.attributes };
}

/** The record's testable values in a stable order: part of what an answer depends on. */
function attributesKey(attributes: Readonly<Record<string, FieldValue>>): string {
  const keys = Object.keys(attributes);
  return keys.length === 0 ? "" : JSON.stringify(keys.sort().map((key) => [key, attributes[key]]));
}

/** The distinct labels of a field and its record, in a stable order. */
function labelsKey(recordLabels: readonly SensitivityLabel[], fieldLabels: readonly SensitivityLabel[]): string {
  if (recordLabels.length === 0 && fieldLabels.length < 2) return fieldLabels[0] ?? "";
  return [...new Set([...recordLabels, ...fieldLabels])].sort().join();
}

/**
 * The CASL ability for one request context, compiled from the policy set and cached by everything it
 * depends on (`AbilityContext`).
 */
export function disclosureAbility(policy: PolicySet, context: AbilityContext): DisclosureRules {
  let abilities = cache.get(policy);
  if (!abilities) {
    abilities = new Map();
    cache.set(policy, abilities);
  }
  const key = abilityContextKey(context);
  const cached = abilities.get(key);
  if (cached) return cached;
  const rules = new DisclosureRules(compileDisclosureAbility(policy, context), context.agency);
  if (abilities.size >= MAX_CACHED_ABILITIES) abilities.delete(abilities.keys().next().value as string);
  abilities.set(key, rules);
  return rules;
}

/**
 * Compiles the policy set into CASL rules for one request context. Every rule carries its policy rule
 * id as its reason. Order is priority (CASL lets a later rule win): grants (`can`), then label
 * restrictions in policy order, then data sharing agreements, then the relationship rule, and SEALED
 * last of all, because a sealed record must leave no trace whatever else applies (design principle 5).
 */
export function compileDisclosureAbility(policy: PolicySet, context: AbilityContext): DisclosureAbility {
  const { can, cannot, build } = new AbilityBuilder<DisclosureAbility>(createMongoAbility);
  const grants = policy.grants.filter((grant) => inContext(grant, context) && hasRelationship(grant.relationships, context));
  for (const grant of grants) {
    const own = grant.provider === ProviderScope.OWN_AGENCY ? { providerAgencyCode: context.agency } : {};
    for (const [recordType, fields] of grant.fields) {
      const where = recordType === CHILD_DETAILS || isNotificationRecordType(recordType) ? undefined : grant.where.get(recordType);
      const only = where ? { [`attributes.${where.field}`]: { $in: [...where.values] } } : {};
      can("read", "Field", { recordType, field: { $in: [...fields] }, ...own, ...only }).because(grant.id);
    }
  }

  const sealed = restrictionOf(policy, SensitivityLabel.SEALED);
  const brokered = restrictionOf(policy, SensitivityLabel.BROKERED);
  for (const restriction of policy.restrictions) {
    if (restriction === sealed) continue;
    const withheld = withheldWhere(policy, restriction.label, context);
    if (withheld) cannot("read", "Field", withheld).because(restriction.id);
  }
  const brokeredWhere = withheldWhere(policy, brokered.label, context);
  if (brokeredWhere) cannot("open", "Record", brokeredWhere).because(brokered.id);

  for (const providerAgencyType of AGENCY_TYPES) {
    const covered = coveredRecordTypes(policy.agreements, providerAgencyType, context);
    if (AGREED_RECORD_TYPES.every((recordType) => covered.includes(recordType))) continue;
    cannot("read", "Field", { providerAgencyType, recordType: { $nin: covered }, providerAgencyCode: { $ne: context.agency } }).because(policy.noAgreement.id);
  }

  const needsNoRelationship = grants.some((grant) => grant.relationships === null);
  if (context.relationships.length === 0 && !needsNoRelationship) {
    cannot("read", "Field").because(policy.noRelationship.id);
    cannot("open", "Record").because(policy.noRelationship.id);
  }

  const sealedWhere = withheldWhere(policy, sealed.label, context);
  if (sealedWhere) {
    cannot("read", "Field", sealedWhere).because(sealed.id);
    cannot("open", "Record", sealedWhere).because(sealed.id);
  }
  return build();
}

function inContext(rule: ContextConditions, context: AbilityContext): boolean {
  return (
    rule.roles.some((role) => context.roles.includes(role)) &&
    (rule.agencyTypes === null || rule.agencyTypes.includes(context.agencyType)) &&
    rule.purposes.includes(context.purpose) &&
    (rule.lawfulBases === null || rule.lawfulBases.includes(context.lawfulBasis))
  );
}

function hasRelationship(needed: LabelPermit["relationships"], context: AbilityContext): boolean {
  return needed === null || needed.some((kind) => context.relationships.includes(kind));
}

function permitApplies(permit: LabelPermit, context: AbilityContext): boolean {
  return (
    inContext(permit, context) &&
    hasRelationship(permit.relationships, context) &&
    (permit.specialCategoryConditions === null ||
      (context.specialCategoryCondition !== null && permit.specialCategoryConditions.includes(context.specialCategoryCondition))) &&
    (!permit.caseReferenceRequired || context.openCaseReference)
  );
}

/**
 * Where a label still withholds, given the permits that apply: nowhere (null) when one applies to any
 * agency's records; every record but the caller's own when only OWN_AGENCY permits apply; else everywhere.
 */
function withheldWhere(policy: PolicySet, label: SensitivityLabel, context: AbilityContext): LabelConditions | null {
  const permits = policy.permits.filter((permit) => permit.labels.includes(label) && permitApplies(permit, context));
  if (permits.some((permit) => permit.provider === ProviderScope.ANY)) return null;
  if (permits.length > 0) return { labels: label, providerAgencyCode: { $ne: context.agency } };
  return { labels: label };
}

/** Whether a permit lets fields carrying `label` through in this context, whichever agency's records they are. */
export function labelPermitted(policy: PolicySet, label: SensitivityLabel, context: AbilityContext): boolean {
  return withheldWhere(policy, label, context) === null;
}

/** CASL conditions on a field's or record's labels: an array field matches when it contains `labels`. */
interface LabelConditions {
  labels: SensitivityLabel;
  providerAgencyCode?: { $ne: string };
}

function restrictionOf(policy: PolicySet, label: SensitivityLabel): PolicySet["restrictions"][number] {
  const restriction = policy.restrictions.find((candidate) => candidate.label === label);
  if (!restriction) throw new Error(`policy set has no restriction for ${label}; loadPolicies guarantees one`);
  return restriction;
}

/** The record types held by `provider` that some agreement in force lets reach the caller for the purpose. */
function coveredRecordTypes(agreements: readonly DataSharingAgreement[], provider: AgencyType, context: AbilityContext): DecidedRecordType[] {
  const covered = new Set<DecidedRecordType>();
  for (const agreement of agreements) {
    const inForce = agreement.activeFrom <= context.day && (agreement.activeTo === null || context.day <= agreement.activeTo);
    if (inForce && agreement.providers.includes(provider) && agreement.recipients.includes(context.agencyType) && agreement.purposes.includes(context.purpose)) {
      for (const recordType of agreement.recordTypes) covered.add(recordType);
    }
  }
  return [...covered];
}
