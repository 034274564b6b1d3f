import { type Principal } from "../auth/Principal";
import { ROLES } from "../auth/Role";
import { AGENCY_TYPES, type AgencyType } from "../directory/AgencyType";
import { RECORD_FIELDS } from "../records/recordFields";
import { RECORD_FIELD_VALUES, type FieldValue } from "../records/recordFieldValues";
import { RECORD_TYPE_OF_AGENCY, RECORD_TYPES, type RecordType } from "../records/RecordType";
import { SENSITIVITY_LABELS, type SensitivityLabel } from "../records/SensitivityLabel";
import { type AccessContext } from "./AccessContext";
import { ACCESS_PROBLEMS } from "./AccessProblem";
import { CONSENT_STATES } from "./ConsentState";
import { AGREED_RECORD_TYPES, decidedFieldLabels, decidedFieldsOf, recordLabelsOnField } from "./decidedFields";
import { isNotificationRecordType } from "./notificationFields";
import { DEFAULT_DENY } from "./defaultDeny";
import { CHILD_DETAILS, type DecidedRecordType, type DisclosureSubject, type RecordSubject } from "./DisclosureSubject";
import { LAWFUL_BASES } from "./LawfulBasis";
import { type PolicySet } from "./PolicySet";
import { DISCLOSED, type ExpectedOutcome, type InvolvementTestCase, type PolicyTestCase, type PolicyTestSuite, type ReferralWindowTestCase } from "./PolicyTestSuite";
import { REFERRAL_STAGES } from "../referrals/ReferralStage";
import { parseHubInstant } from "../timescales/londonTime";
import { PURPOSES } from "./Purpose";
import { RELATIONSHIP_KINDS } from "./RelationshipKind";
import { SPECIAL_CATEGORY_CONDITIONS } from "./SpecialCategoryCondition";
import { type YamlMap, type YamlNode } from "./YamlNode";
import { namedOnce, readTestSuiteFiles } from "./testSuiteFiles";
import { withDerivedLabels } from "./withDerivedLabels";

/** The demo data set's reference day: cases decide on it unless they say otherwise, so suites never drift with the clock. */
export const DEFAULT_TEST_DAY = "2026-11-01";

/** Long enough for break-glass, so a case only states a justification when the justification is the point. */
export const DEFAULT_TEST_JUSTIFICATION = "Stated need for this policy test case, recorded verbatim in the audit trail.";

const AGENCY_TYPE_OF_RECORD = Object.fromEntries(
  AGENCY_TYPES.map((agencyType) => [RECORD_TYPE_OF_AGENCY[agencyType], agencyType]),
) as Record<RecordType, AgencyType>;

/**
 * Reads every `*.test.yaml` in `dir` against a loaded policy set. Strict like the policies: an unknown
 * key, principal, resource, record key, field, label, problem code or rule id is a PolicyError naming
 * the file and line, so a typo cannot turn a case into one that passes for the wrong reason.
 */
export function loadPolicyTestSuites(dir: string, policy: PolicySet): PolicyTestSuite[] {
  const ruleIds = new Set([DEFAULT_DENY, ...allRuleIds(policy)]);
  return readTestSuiteFiles(dir).map(({ file, root }) => readSuite(file, root, ruleIds, policy));
}

function allRuleIds(policy: PolicySet): string[] {
  return [
    policy.justification, policy.breakGlass, policy.breakGlassReason, policy.competentAuthorities, policy.consentBasis,
    policy.noRelationship, policy.noAgreement, ...policy.purposes.values(), ...policy.grants, ...policy.restrictions,
    ...policy.permits, ...policy.agreements, ...policy.involvement.values(), policy.childCompetence, policy.consentRecorders, policy.mashCase, ...policy.derivedLabels,
  ].map((rule) => rule.id);
}

function readSuite(name: string, root: YamlNode, ruleIds: ReadonlySet<string>, policy: PolicySet): PolicyTestSuite {
  const map = root.map([], ["description", "at", "principals", "resources", "cases", "involvementCases", "referralCases"]);
  const day = map.optional("at")?.date() ?? DEFAULT_TEST_DAY;
  const unique = namedOnce();
  let cases: PolicyTestCase[] = [];
  const casesNode = map.optional("cases");
  if (casesNode) {
    const principals = new Map(map.required("principals").entries().map(([key, value]) => [key.string(), readPrincipal(key.string(), value)]));
    // As the hub builds a subject: with the labels records carry because of what they say (an active investigation).
    const resources = new Map(map.required("resources").entries().map(([key, value]) => [key.string(), withDerivedLabels(policy, readResource(value))]));
    cases = casesNode.list().map((node) => unique(node, readCase(name, node, { principals, resources, ruleIds, day })));
    if (cases.length === 0) casesNode.fail("a suite has at least one case");
  } else if (map.has("principals") || map.has("resources")) {
    root.fail('"principals" and "resources" go with "cases"');
  }
  const involvementCases = (map.optional("involvementCases")?.list() ?? []).map((node) => unique(node, readInvolvementCase(name, node, ruleIds, day)));
  const referralCases = (map.optional("referralCases")?.list() ?? []).map((node) => unique(node, readReferralCase(name, node)));
  if (cases.length === 0 && involvementCases.length === 0 && referralCases.length === 0) root.fail('a suite has at least one case ("cases", "involvementCases" or "referralCases")');
  return { file: name, description: map.optional("description")?.string() ?? null, cases, involvementCases, referralCases };
}

/**
 * `referralCases:` — a referral at a `stage`, received at `receivedAt` (London wall-clock time unless it
 * carries an offset); expected: the instant research under it lapses unless it is decided first.
 */
function readReferralCase(file: string, node: YamlNode): ReferralWindowTestCase {
  const map = node.map(["name", "stage", "receivedAt", "expect"]);
  const expect = map.required("expect").map(["researchUntil"]);
  return {
    name: map.required("name").string(),
    file,
    line: node.line,
    stage: map.required("stage").oneOf(REFERRAL_STAGES, "referral stage"),
    receivedAt: readInstant(map.required("receivedAt")),
    expected: { researchUntil: readInstant(expect.required("researchUntil")) },
  };
}

function readInstant(node: YamlNode): Date {
  const instant = parseHubInstant(node.string());
  if (!(instant instanceof Date)) node.fail(instant.problem);
  return instant;
}

/**
 * `involvementCases:` — a record of a type, in a state (its `details`, and `updatedOn`: when the hub
 * learnt of it), on a day (`at`); expected: whether it still founds its agency's involvement, and the
 * rule that decides it.
 */
function readInvolvementCase(file: string, node: YamlNode, ruleIds: ReadonlySet<string>, suiteDay: string): InvolvementTestCase {
  const map = node.map(["name", "recordType", "details", "expect"], ["updatedOn", "at"]);
  const recordType = map.required("recordType").oneOf(RECORD_TYPES, "record type");
  const details: Record<string, string | boolean> = {};
  for (const [key, value] of map.required("details").entries()) {
    const field = key.oneOf(Object.keys(RECORD_FIELDS[recordType]), `${recordType} field`);
    if (!value.isScalarValue() || value.isNull()) value.fail("expected a single value");
    details[field] = value.isBoolean() ? value.boolean() : value.string();
  }
  const day = map.optional("at")?.date() ?? suiteDay;
  const expect = map.required("expect").map(["involved", "rule"]);
  return {
    name: map.required("name").string(),
    file,
    line: node.line,
    recordType,
    details,
    updatedAt: new Date(`${map.optional("updatedOn")?.date() ?? day}T12:00:00Z`),
    at: new Date(`${day}T12:00:00Z`),
    expected: { involved: expect.required("involved").boolean(), rule: readRuleId(expect.required("rule"), ruleIds) },
  };
}

function readPrincipal(name: string, node: YamlNode): Principal {
  const map = node.map(["roles", "agencyType"], ["agency", "localAuthority"]);
  const agencyType = map.required("agencyType").oneOf(AGENCY_TYPES, "agency type");
  return {
    sub: `policy-test:${name}`,
    name: `Policy test principal ${name}`,
    agency: map.optional("agency")?.string() ?? `${agencyType}-CALLER`,
    agencyType,
    roles: map.required("roles").listOf(ROLES, "role"),
    localAuthority: map.optional("localAuthority")?.string() ?? "E06000060",
    team: null,
    tokenId: null,
  };
}

function readLabels(node: YamlNode | undefined): SensitivityLabel[] {
  return node?.listOf(SENSITIVITY_LABELS, "label", { allowEmpty: true }) ?? [];
}

/** `fieldLabels:` maps a field of the record type to the labels the agency added to it. */
function readFieldLabels(node: YamlNode | undefined, recordType: DecidedRecordType): Map<string, SensitivityLabel[]> {
  const fields = decidedFieldsOf(recordType);
  return new Map((node?.entries() ?? []).map(([key, value]) => [key.oneOf(fields, `${recordType} field`), readLabels(value)]));
}

function readResource(node: YamlNode): DisclosureSubject {
  const map = node.map([], ["relationships", "consent", "consentOverride", "openCaseReference", "childNotYetBorn", "child", "records"]);
  const childMap = map.optional("child")?.map([], ["labels", "fieldLabels"]);
  const records: RecordSubject[] = [expandRecord(CHILD_DETAILS, CHILD_DETAILS, null, null, readLabels(childMap?.optional("labels")), readFieldLabels(childMap?.optional("fieldLabels"), CHILD_DETAILS))];
  for (const recordNode of map.optional("records")?.list() ?? []) {
    const record = recordNode.map(["recordType"], ["key", "agency", "providerAgencyType", "labels", "fieldLabels", "values"]);
    const recordType = record.required("recordType").oneOf(AGREED_RECORD_TYPES, "record type");
    const key = record.optional("key")?.string() ?? recordType;
    if (key.includes(".") || key === "*") record.optional("key")?.fail(`a record key may not contain "." or be "*"`);
    if (records.some((existing) => existing.path === key)) {
      recordNode.fail(`record key "${key}" is already used in this resource; give each record of a type its own "key"`);
    }
    // A notification's content is the notifying agency's: a prison's, for a PPRC notification.
    const providerAgencyType = record.optional("providerAgencyType")?.oneOf(AGENCY_TYPES, "agency type") ?? (isNotificationRecordType(recordType) ? "PRISON" : AGENCY_TYPE_OF_RECORD[recordType]);
    const agency = record.optional("agency")?.string() ?? `${providerAgencyType}-PROVIDER`;
    records.push({
      ...expandRecord(key, recordType, providerAgencyType, agency, readLabels(record.optional("labels")), readFieldLabels(record.optional("fieldLabels"), recordType)),
      attributes: isNotificationRecordType(recordType) ? {} : readValues(record.optional("values"), recordType),
    });
  }
  return {
    relationships: map.optional("relationships")?.listOf(RELATIONSHIP_KINDS, "relationship kind", { allowEmpty: true }) ?? [],
    consent: map.optional("consent")?.oneOf(CONSENT_STATES, "consent state") ?? "NOT_RECORDED",
    consentOverride: map.optional("consentOverride")?.boolean() ?? false,
    openCaseReference: map.optional("openCaseReference")?.boolean() ?? false,
    childNotYetBorn: map.optional("childNotYetBorn")?.boolean() ?? false,
    records,
  };
}

/** `values:` the record's testable field values (`records/recordFieldValues.ts`), e.g. `{ incidentType: DOMESTIC_ABUSE }`. */
export function readValues(node: YamlNode | undefined, recordType: RecordType): Record<string, FieldValue> {
  const testable = RECORD_FIELD_VALUES[recordType];
  const values: Record<string, FieldValue> = {};
  for (const [key, value] of node?.entries() ?? []) {
    const field = key.oneOf(Object.keys(testable), `${recordType} testable field`);
    const possible = testable[field] ?? [];
    const read = value.isBoolean() ? value.boolean() : value.string();
    if (!possible.includes(read)) value.fail(`${recordType}.${field} cannot be ${String(read)}; expected one of: ${possible.join(", ")}`);
    values[field] = read;
  }
  return values;
}

/** A record as the caller would build it: every catalogue field, each with its effective labels and the record's (a protected location's only where it says where someone is). */
function expandRecord(
  key: string,
  recordType: DecidedRecordType,
  providerAgencyType: AgencyType | null,
  providerAgencyCode: string | null,
  labels: SensitivityLabel[],
  fieldLabels: Map<string, SensitivityLabel[]>,
): RecordSubject {
  return {
    path: key,
    recordType,
    providerAgencyType,
    providerAgencyCode,
    labels,
    attributes: {},
    fields: decidedFieldsOf(recordType).map((field) => {
      const added = fieldLabels.get(field) ?? [];
      const own = decidedFieldLabels(recordType, field, added);
      return { path: `${key}.${field}`, recordType, field, labels: [...new Set([...own, ...recordLabelsOnField(recordType, field, labels)])] };
    }),
  };
}

interface SuiteScope {
  principals: ReadonlyMap<string, Principal>;
  resources: ReadonlyMap<string, DisclosureSubject>;
  ruleIds: ReadonlySet<string>;
  day: string;
}

function readCase(file: string, node: YamlNode, scope: SuiteScope): PolicyTestCase {
  const map = node.map(["name", "principal", "resource", "access", "expect"], ["at"]);
  const name = map.required("name").string();
  const principalNode = map.required("principal");
  const principalName = principalNode.string();
  const principal = scope.principals.get(principalName) ?? principalNode.fail(`unknown principal "${principalName}"; this file names: ${[...scope.principals.keys()].join(", ")}`);
  const resourceNode = map.required("resource");
  const resourceName = resourceNode.string();
  const subject = scope.resources.get(resourceName) ?? resourceNode.fail(`unknown resource "${resourceName}"; this file names: ${[...scope.resources.keys()].join(", ")}`);
  const day = map.optional("at")?.date() ?? scope.day;
  return {
    name,
    file,
    line: node.line,
    principalName,
    principal,
    resourceName,
    subject,
    access: readAccess(map.required("access")),
    at: new Date(`${day}T12:00:00Z`),
    expected: readExpectation(map.required("expect"), subject, scope.ruleIds),
  };
}

function readAccess(node: YamlNode): AccessContext {
  const map = node.map(["purpose", "lawfulBasis"], ["specialCategoryCondition", "justification", "caseReference", "breakGlass"]);
  const justification = map.optional("justification");
  return {
    purpose: map.required("purpose").oneOf(PURPOSES, "purpose"),
    lawfulBasis: map.required("lawfulBasis").oneOf(LAWFUL_BASES, "lawful basis"),
    specialCategoryCondition: map.optional("specialCategoryCondition")?.oneOf(SPECIAL_CATEGORY_CONDITIONS, "special-category condition") ?? null,
    // A case may state a blank or short justification on purpose, to test the refusal.
    justification: justification === undefined ? DEFAULT_TEST_JUSTIFICATION : justification.text(),
    caseReference: map.optional("caseReference")?.text() ?? null,
    breakGlass: map.optional("breakGlass")?.boolean() ?? false,
  };
}

function readRuleId(node: YamlNode, ruleIds: ReadonlySet<string>): string {
  const id = node.string();
  if (!ruleIds.has(id)) node.fail(`unknown rule id "${id}": no policy rule has it`);
  return id;
}

function readExpectation(node: YamlNode, subject: DisclosureSubject, ruleIds: ReadonlySet<string>): ExpectedOutcome {
  const map = node.map([], ["refused", "rule", "disclosed", "withheld", "brokered", "sealed", "grantingRules"]);
  const refused = map.optional("refused");
  if (refused) {
    for (const key of ["disclosed", "withheld", "brokered", "sealed", "grantingRules"]) {
      if (map.has(key)) node.fail(`a refused case expects no "${key}"`);
    }
    const rule = map.optional("rule");
    return { refused: refused.oneOf(ACCESS_PROBLEMS, "problem code"), rule: rule ? readRuleId(rule, ruleIds) : null };
  }
  if (map.has("rule")) node.fail('"rule" goes with "refused"');
  return readFieldExpectation(map, node, subject, ruleIds);
}

/**
 * Expands `disclosed` and `withheld` into one decision per field. A key is `KEY.field`, `KEY.*` (every
 * field of that record) or, in `withheld`, `*` (every field not otherwise named); the most specific
 * key wins. Every field of every record that is not sealed or brokered must be decided by some key.
 */
function readFieldExpectation(map: YamlMap, node: YamlNode, subject: DisclosureSubject, ruleIds: ReadonlySet<string>): ExpectedOutcome {
  const recordKeys = (listNode: YamlNode | undefined): string[] =>
    (listNode?.list() ?? []).map((item) => {
      const key = item.string();
      if (!subject.records.some((record) => record.path === key || record.fields.some((field) => field.path === key))) {
        item.fail(`unknown record key "${key}"; this resource has: ${subject.records.map((record) => record.path).join(", ")}`);
      }
      return key;
    });
  const brokered = recordKeys(map.optional("brokered"));
  const sealed = recordKeys(map.optional("sealed"));
  const decisions = new Map<string, { value: string; node: YamlNode }>();
  const expect = (keyNode: YamlNode, value: string): void => {
    const key = keyNode.string();
    checkFieldKey(keyNode, key, subject, value !== DISCLOSED);
    if (decisions.has(key)) keyNode.fail(`"${key}" is expected twice`);
    decisions.set(key, { value, node: keyNode });
  };
  for (const item of map.optional("disclosed")?.list() ?? []) expect(item, DISCLOSED);
  for (const [key, value] of map.optional("withheld")?.entries() ?? []) expect(key, readRuleId(value, ruleIds));

  const fields: Record<string, string> = {};
  const unspecified: string[] = [];
  for (const record of subject.records) {
    if (brokered.includes(record.path) || sealed.includes(record.path)) continue;
    for (const field of record.fields) {
      if (sealed.includes(field.path)) continue;
      const decision = decisions.get(field.path) ?? decisions.get(`${record.path}.*`) ?? decisions.get("*");
      if (decision) fields[field.path] = decision.value;
      else unspecified.push(field.path);
    }
  }
  if (unspecified.length > 0) node.fail(`no expectation for ${unspecified.join(", ")}: name them in "disclosed" or "withheld" (a "KEY.*" or "*" key covers many)`);
  const granting = map.optional("grantingRules");
  return {
    fields,
    brokered: brokered.sort(),
    sealed: sealed.sort(),
    grantingRules: granting ? granting.list().map((item) => readRuleId(item, ruleIds)).sort() : null,
  };
}

function checkFieldKey(node: YamlNode, key: string, subject: DisclosureSubject, wildcardAllowed: boolean): void {
  if (key === "*") {
    if (!wildcardAllowed) node.fail('"*" may only be a "withheld" key');
    return;
  }
  const dot = key.indexOf(".");
  const recordKey = dot < 0 ? key : key.slice(0, dot);
  const field = dot < 0 ? "" : key.slice(dot + 1);
  const record = subject.records.find((candidate) => candidate.path === recordKey);
  if (!record) node.fail(`unknown record key "${recordKey}" in "${key}"; this resource has: ${subject.records.map((candidate) => candidate.path).join(", ")}`);
  if (field === "*") return;
  if (!record.fields.some((candidate) => candidate.field === field)) {
    node.fail(`unknown ${record.recordType} field "${field}" in "${key}"; expected one of: ${record.fields.map((candidate) => candidate.field).join(", ")}`);
  }
}
