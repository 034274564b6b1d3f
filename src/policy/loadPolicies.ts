import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import canonicalize from "canonicalize";
import { SENSITIVITY_LABELS } from "../records/SensitivityLabel";
import { type ContextConditions, type InvolvementRule, type PolicyRule, type PolicySet, type PurposeRule } from "./PolicySet";
import { RECORD_TYPES, type RecordType } from "../records/RecordType";
import { PolicyError } from "./PolicyError";
import { type Purpose } from "./Purpose";
import { readPolicyFile, type Located, type PolicyFragment } from "./readPolicyFile";
import { timescaleEditionsInOrder } from "./readTimescales";
import { YamlNode } from "./YamlNode";
import { checkNotificationRouting, notificationTypesByName } from "./checkNotificationRouting";
import { retentionPolicy } from "../retention/readRetentionPolicy";

type SingletonSection =
  | "justification" | "breakGlass" | "breakGlassReason" | "competentAuthorities" | "criminalOffenceData" | "consentBasis" | "noRelationship" | "noAgreement"
  | "workingDays" | "childCompetence" | "consentRecorders" | "mashCase" | "householdLinks" | "candidateComparisons" | "consultationAskers" | "preBirth" | "subjectAccess" | "dataSubjectRights" | "roleHolders" | "exclusionRecording";

/**
 * Reads every `*.yaml` in `dir` (not `tests/`), validates it strictly and returns the policy set the
 * engine decides with. Throws a PolicyError naming the file and line of the first problem; the hub
 * refuses to start on one (design §6).
 */
export function loadPolicies(dir: string): PolicySet {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".yaml"))
    .map((entry) => entry.name)
    .sort();
  if (names.length === 0) throw new PolicyError(dir, 0, 0, "no policy files (*.yaml): with no policy nothing could be disclosed");
  const contents: { file: string; content: unknown }[] = [];
  const fragments: PolicyFragment[] = [];
  for (const name of names) {
    const { root, content } = YamlNode.parse(join(dir, name), readFileSync(join(dir, name), "utf8"));
    if (root.isNull()) root.fail("the file is empty");
    fragments.push(readPolicyFile(root));
    contents.push({ file: name, content });
  }
  const merged = mergeFragments(fragments);
  checkRuleIdsAreUnique(merged);
  const singleton = <K extends SingletonSection>(section: K): PolicyFragment[K][number]["value"] => exactlyOne(dir, section, merged[section]);
  const purposes = purposesByName(merged.purposes);
  checkLabelsAreRestricted(dir, merged);
  checkSubjectAccessExemptions(dir, merged);
  const set: PolicySet = {
    version: createHash("sha256").update(canonicalize(contents) ?? "").digest("hex"),
    files: names,
    justification: singleton("justification"),
    breakGlass: singleton("breakGlass"),
    breakGlassReason: singleton("breakGlassReason"),
    competentAuthorities: singleton("competentAuthorities"),
    criminalOffenceData: singleton("criminalOffenceData"),
    consentBasis: singleton("consentBasis"),
    noRelationship: singleton("noRelationship"),
    noAgreement: singleton("noAgreement"),
    purposes,
    grants: merged.grants.map(({ value }) => value),
    restrictions: merged.restrictions.map(({ value }) => value),
    permits: merged.permits.map(({ value }) => value),
    agreements: merged.agreements.map(({ value }) => value),
    involvement: involvementByRecordType(dir, merged.involvement),
    workingDays: singleton("workingDays"),
    timescaleEditions: timescaleEditionsInOrder(dir, merged.timescaleEditions),
    childCompetence: singleton("childCompetence"),
    consentRecorders: singleton("consentRecorders"),
    mashCase: singleton("mashCase"),
    householdLinks: singleton("householdLinks"),
    candidateComparisons: singleton("candidateComparisons"),
    consultationAskers: singleton("consultationAskers"),
    preBirth: singleton("preBirth"),
    derivedLabels: merged.derivedLabels.map(({ value }) => value),
    subjectAccess: singleton("subjectAccess"),
    subjectAccessExemptions: merged.subjectAccessExemptions.map(({ value }) => value),
    notificationRouting: merged.notificationRouting.map(({ value }) => value),
    notificationTypes: notificationTypesByName(merged.notificationTypes, merged.notificationRouting),
    retention: retentionPolicy(dir, merged.retention, merged.retentionMinima, merged.retentionHolds),
    dataSubjectRights: singleton("dataSubjectRights"),
    roleHolders: singleton("roleHolders"),
    exclusionRecording: singleton("exclusionRecording"),
  };
  checkRulesCanApply(merged, set);
  checkNotificationRouting(merged.notificationRouting, set);
  return set;
}

function mergeFragments([merged, ...rest]: PolicyFragment[]): PolicyFragment {
  for (const fragment of rest) {
    for (const key of Object.keys(merged) as (keyof PolicyFragment)[]) {
      (merged[key] as Located<unknown>[]).push(...(fragment[key] as Located<unknown>[]));
    }
  }
  return merged;
}

function exactlyOne<T>(dir: string, section: string, found: Located<T>[]): T {
  const [first, second] = found;
  if (!first) throw new PolicyError(dir, 0, 0, `no policy file defines "${section}"; it is required`);
  if (second) second.node.fail(`"${section}" is already defined at ${first.node.file}:${first.node.line}`);
  return first.value;
}

/** Rule ids are what the audit trail records: one id, one rule, across every file. */
function checkRuleIdsAreUnique(merged: PolicyFragment): void {
  const seen = new Map<string, YamlNode>();
  for (const located of Object.values(merged).flat() as Located<PolicyRule>[]) {
    const earlier = seen.get(located.value.id);
    if (earlier) located.node.fail(`rule id "${located.value.id}" is already used at ${earlier.file}:${earlier.line}`);
    seen.set(located.value.id, located.node);
  }
}

/** Every record type says when the involvement it founds lapses: none is forgotten, none said twice. */
function involvementByRecordType(dir: string, found: Located<InvolvementRule>[]): Map<RecordType, InvolvementRule> {
  const rules = new Map<RecordType, InvolvementRule>();
  for (const { value, node } of found) {
    if (rules.has(value.recordType)) node.fail(`${value.recordType} already has an involvement rule`);
    rules.set(value.recordType, value);
  }
  const missing = RECORD_TYPES.filter((type) => !rules.has(type));
  if (missing.length > 0) throw new PolicyError(dir, 0, 0, `no involvement rule for record type(s) ${missing.join(", ")}: every record type must say when the involvement it founds lapses`);
  return rules;
}

function purposesByName(found: Located<PurposeRule>[]): Map<Purpose, PurposeRule> {
  const purposes = new Map<Purpose, PurposeRule>();
  for (const { value, node } of found) {
    if (purposes.has(value.purpose)) node.fail(`purpose ${value.purpose} is defined twice`);
    purposes.set(value.purpose, value);
  }
  return purposes;
}

/** Default deny for labels: a label nobody restricts would be disclosed wherever a field is granted. */
function checkLabelsAreRestricted(dir: string, merged: PolicyFragment): void {
  const restricted = new Set<string>();
  for (const { value, node } of merged.restrictions) {
    if (restricted.has(value.label)) node.fail(`label ${value.label} already has a restriction`);
    restricted.add(value.label);
  }
  const missing = SENSITIVITY_LABELS.filter((label) => !restricted.has(label));
  if (missing.length > 0) throw new PolicyError(dir, 0, 0, `no restriction for label(s) ${missing.join(", ")}: every label must say what withholds it`);
}

/**
 * Default deny for a subject access report too: every label marks something a report may have to
 * withhold, so every label is named by some exemption; and a disclosure the hub cannot attribute to the
 * facts it carried must be held for someone to look at, so some exemption says what to do with it.
 */
function checkSubjectAccessExemptions(dir: string, merged: PolicyFragment): void {
  const clauses = merged.subjectAccessExemptions.flatMap(({ value }) => value.when);
  const named = new Set(clauses.flatMap((clause) => [...(clause.labels ?? []), ...(clause.recordLabels ?? [])]));
  const missing = SENSITIVITY_LABELS.filter((label) => !named.has(label));
  if (missing.length > 0) throw new PolicyError(dir, 0, 0, `no subject access exemption names label(s) ${missing.join(", ")}: every label must say what a subject access report does with it`);
  if (!clauses.some((clause) => clause.disclosures?.unattributed === true)) {
    throw new PolicyError(dir, 0, 0, 'no subject access exemption applies to a disclosure the hub cannot attribute ("disclosures: { unattributed: true }"): such a disclosure would be released unread');
  }
}

/**
 * A grant or permit no role may ever use (its roles may state none of its purposes), or naming a role
 * none of its agency types holds, is a mistake, not a rule.
 */
function checkRulesCanApply(merged: PolicyFragment, set: PolicySet): void {
  const usable = (rule: Pick<ContextConditions, "roles" | "purposes">): boolean =>
    rule.purposes.some((purpose) => rule.roles.some((role) => set.purposes.get(purpose)?.roles.includes(role)));
  for (const { value, node } of [...merged.grants, ...merged.permits, ...merged.breakGlass]) {
    if (!usable(value)) node.fail(`rule "${value.id}" can never apply: none of its roles may state any of its purposes`);
  }
  // A role no agency type the rule names can hold (policies/roles.yaml) is a mistake in the rule: the gate refuses every token that would use it.
  for (const { value, node } of [...merged.grants, ...merged.permits]) {
    const types = value.agencyTypes;
    const unheld = types === null ? [] : value.roles.filter((role) => !types.some((type) => set.roleHolders.holders.get(role)?.includes(type)));
    if (unheld.length > 0) node.fail(`rule "${value.id}" names role(s) ${unheld.join(", ")} that none of its agency types (${(types ?? []).join(", ")}) can hold (policies/roles.yaml)`);
  }
}
