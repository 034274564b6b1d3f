import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AGENCY_TYPES, type AgencyType } from "../directory/AgencyType";
import { type Agency } from "../directory/Agency";
import { type ChildFile } from "../disclosure/ChildFile";
import { RESPONSE_KEY } from "../disclosure/recordPaths";
import { LAWFUL_BASES } from "../policy/LawfulBasis";
import { readValues } from "../policy/loadPolicyTestSuites";
import { type PolicySet } from "../policy/PolicySet";
import { PURPOSES } from "../policy/Purpose";
import { YamlNode } from "../policy/YamlNode";
import { AddressKind } from "../people/AddressKind";
import { NameKind } from "../people/NameKind";
import { type AgencyRecord } from "../records/AgencyRecord";
import { RECORD_FIELDS } from "../records/recordFields";
import { RECORD_TYPES, RECORD_TYPE_OF_AGENCY, type RecordType } from "../records/RecordType";
import { SENSITIVITY_LABELS, type SensitivityLabel } from "../records/SensitivityLabel";
import { decideSubjectAccess } from "./decideSubjectAccess";
import { factsHeld } from "./factsHeld";
import { type ItemReview } from "./ItemReview";
import { REQUESTER_STANDINGS, type RequesterStanding } from "./RequesterStanding";
import { EXEMPTION_DECISIONS, ItemOutcome, REVIEW_DECISIONS } from "./SubjectAccessDecision";
import { type DisclosureUnderReview, type SubjectAccessSubject } from "./SubjectAccessSubject";
import { NO_RIGHTS } from "../dataSubjectRights/RecordRights";

/** What a case expects of one item: its outcome, and for WITHHELD or REVIEW_REQUIRED the exemptions (ids, sorted) behind it. */
export type ItemExpectation = { outcome: typeof ItemOutcome.INCLUDED } | { outcome: typeof ItemOutcome.WITHHELD | typeof ItemOutcome.REVIEW_REQUIRED; exemptions: string[] };

export interface SubjectAccessPolicyTestCase {
  name: string;
  file: string;
  line: number;
  standing: RequesterStanding;
  subject: SubjectAccessSubject;
  reviews: Map<string, ItemReview>;
  /** Fixture key → the report's item path. */
  items: ReadonlyMap<string, string>;
  /** By fixture key: every item of the fixture, `"*"` expanded. */
  expected: Record<string, ItemExpectation>;
}

export interface SubjectAccessPolicyTestSuite {
  file: string;
  description: string | null;
  cases: SubjectAccessPolicyTestCase[];
}

/** The decisions for a case, by fixture key, in the expectation's shape. */
export function outcomesOf(policy: Pick<PolicySet, "subjectAccessExemptions">, testCase: SubjectAccessPolicyTestCase): Record<string, ItemExpectation> {
  const decisions = decideSubjectAccess(policy.subjectAccessExemptions, testCase.standing, testCase.subject, testCase.reviews);
  const actual: Record<string, ItemExpectation> = {};
  for (const [key, item] of testCase.items) {
    const decision = decisions.get(item);
    if (decision === undefined) throw new Error(`${testCase.file}: no decision for ${key} (${item})`);
    // An item an IG decision settled keeps its exemptions; what the case compares is what the policy named.
    actual[key] = decision.outcome === ItemOutcome.INCLUDED
      ? { outcome: ItemOutcome.INCLUDED }
      : { outcome: decision.outcome, exemptions: decision.exemptions.map(({ exemption }) => exemption.id).sort() };
  }
  return actual;
}

interface RecordFixture {
  key: string;
  recordType: RecordType;
  agency: string;
  agencyType: AgencyType;
  labels: SensitivityLabel[];
  fields: string[];
  fieldLabels: Record<string, SensitivityLabel[]>;
  values: Record<string, string | boolean>;
}

interface IdentityFixture {
  key: string;
  kind: "NAME" | "ADDRESS";
  labels: SensitivityLabel[];
  sources: string[];
}

/** A disclosure, carrying fixture keys. */
type DisclosureFixture = Omit<DisclosureUnderReview, "item">;

interface SuiteFixture {
  records: Map<string, RecordFixture>;
  identity: Map<string, IdentityFixture>;
  disclosures: Map<string, DisclosureFixture>;
}

/**
 * Reads every `*.test.yaml` in `dir` (`policies/tests/subject-access/`). The fixture's records and
 * identity facts go through `factsHeld`, as a child's file does, so a field's labels are the ones a
 * disclosure would apply. Strict like the policies: an unknown key, record type, field, label,
 * standing, exemption id or fixture key is a PolicyError naming the file and line.
 */
export function loadSubjectAccessPolicySuites(dir: string, policy: Pick<PolicySet, "subjectAccessExemptions">): SubjectAccessPolicyTestSuite[] {
  const exemptionIds = policy.subjectAccessExemptions.map(({ id }) => id);
  return readdirSync(dir)
    .filter((name) => name.endsWith(".test.yaml"))
    .sort()
    .map((name) => readSuite(name, YamlNode.parse(join(dir, name), readFileSync(join(dir, name), "utf8")).root, exemptionIds));
}

function readSuite(file: string, root: YamlNode, exemptionIds: readonly string[]): SubjectAccessPolicyTestSuite {
  const map = root.map(["records", "cases"], ["description", "identity", "disclosures"]);
  const records = new Map(map.required("records").entries().map(([key, value]) => [key.string(), readRecord(key.string(), value)]));
  const identity = new Map((map.optional("identity")?.entries() ?? []).map(([key, value]) => [key.string(), readIdentity(key.string(), value, records)]));
  const items = itemsOf(records, identity);
  const disclosures = new Map((map.optional("disclosures")?.entries() ?? []).map(([key, value]) => [key.string(), readDisclosure(value, items)]));
  for (const key of disclosures.keys()) {
    if (items.has(key)) map.required("records").fail(`"${key}" names both a disclosure and a fact`);
    items.set(key, `disclosures[${key}]`);
  }
  const fixture = { records, identity, disclosures };
  const subject = subjectOf(fixture, items);
  const names = new Set<string>();
  const cases = map.required("cases").list().map((node) => {
    const testCase = readCase(file, node, { subject, items, exemptionIds });
    if (names.has(testCase.name)) node.fail(`a case named "${testCase.name}" already exists in this file`);
    names.add(testCase.name);
    return testCase;
  });
  if (cases.length === 0) map.required("cases").fail("a suite has at least one case");
  return { file, description: map.optional("description")?.string() ?? null, cases };
}

function readRecord(key: string, node: YamlNode): RecordFixture {
  const map = node.map(["recordType", "fields"], ["agency", "labels", "fieldLabels", "values"]);
  const recordType = map.required("recordType").oneOf(RECORD_TYPES, "record type");
  const catalogue = Object.keys(RECORD_FIELDS[recordType]);
  const values = readValues(map.optional("values"), recordType);
  const fields = [...new Set([...map.required("fields").listOf(catalogue, `${recordType} field`), ...Object.keys(values)])];
  const fieldLabels: Record<string, SensitivityLabel[]> = {};
  for (const [field, labels] of map.optional("fieldLabels")?.entries() ?? []) fieldLabels[field.oneOf(catalogue, `${recordType} field`)] = labels.listOf(SENSITIVITY_LABELS, "label");
  const agencyType = AGENCY_TYPES.find((type) => RECORD_TYPE_OF_AGENCY[type] === recordType) as AgencyType;
  return {
    key, recordType, agency: map.optional("agency")?.string() ?? `${recordType}-PROVIDER`, agencyType,
    labels: map.optional("labels")?.listOf(SENSITIVITY_LABELS, "label", { allowEmpty: true }) ?? [], fields, fieldLabels, values,
  };
}

function readIdentity(key: string, node: YamlNode, records: ReadonlyMap<string, RecordFixture>): IdentityFixture {
  const map = node.map(["kind", "sources"], ["labels"]);
  const kind = map.required("kind").oneOf(["NAME", "ADDRESS"] as const, "identity fact kind");
  const labelsNode = map.optional("labels");
  if (labelsNode && kind !== "ADDRESS") labelsNode.fail("only an address carries labels of its own");
  const sources = map.required("sources").listOf([...records.keys()], "record");
  return { key, kind, labels: labelsNode?.listOf(SENSITIVITY_LABELS, "label", { allowEmpty: true }) ?? [], sources };
}

function readDisclosure(node: YamlNode, items: ReadonlyMap<string, string>): DisclosureFixture {
  const map = node.map(["recipient"], ["lawfulBasis", "purpose", "carried", "unattributed"]);
  return {
    recipientAgency: map.required("recipient").string(),
    lawfulBasis: map.optional("lawfulBasis")?.oneOf(LAWFUL_BASES, "lawful basis") ?? null,
    purpose: map.optional("purpose")?.oneOf(PURPOSES, "purpose") ?? null,
    carried: map.optional("carried")?.listOf([...items.keys()], "fixture fact", { allowEmpty: true }) ?? [],
    unattributed: map.optional("unattributed")?.boolean() ?? false,
  };
}

/** Each fixture key and the item path the report gives it. */
function itemsOf(records: ReadonlyMap<string, RecordFixture>, identity: ReadonlyMap<string, IdentityFixture>): Map<string, string> {
  const items = new Map<string, string>();
  for (const record of records.values()) {
    const path = `${RESPONSE_KEY[record.recordType]}[${record.key}]`;
    items.set(record.key, path);
    for (const field of record.fields) items.set(`${record.key}.${field}`, `${path}.${field}`);
  }
  for (const fact of identity.values()) items.set(fact.key, fact.kind === "NAME" ? `demographics.names[${fact.key}]` : `demographics.addresses[${fact.key}]`);
  return items;
}

/** The fixture as a child's file, through `factsHeld`, and its disclosures. */
function subjectOf(fixture: SuiteFixture, items: ReadonlyMap<string, string>): SubjectAccessSubject {
  const at = new Date("2026-11-01T12:00:00Z");
  const records = Object.fromEntries(RECORD_TYPES.map((type) => [type, [] as ChildFile["records"][RecordType]])) as ChildFile["records"];
  for (const record of fixture.records.values()) {
    const details: Record<string, unknown> = Object.fromEntries(record.fields.map((field) => [field, "held"]));
    Object.assign(details, record.values);
    records[record.recordType].push({
      record: { id: record.key, recordType: record.recordType, labels: record.labels, fieldLabels: record.fieldLabels, agencyReference: record.key, recordedAt: null, receivedAt: at, updatedAt: at } as AgencyRecord,
      agency: { code: record.agency, name: record.agency, type: record.agencyType } as Agency,
      details,
    });
  }
  const facts = [...fixture.identity.values()];
  const file = {
    identity: {
      usual: { givenNames: "Fixture", familyName: "Child", dateOfBirth: null, expectedDateOfBirth: null, sex: "NOT_KNOWN" },
      names: facts.filter((fact) => fact.kind === "NAME").map((fact) => ({ id: fact.key, givenNames: fact.key, familyName: "Fixture", kind: NameKind.ALIAS, sources: fact.sources })),
      // As the hub holds addresses: one row per reporting record, alike rows shown as one address (named
      // by its first row's id, the fixture's key); each fixture address at a postcode of its own.
      addresses: facts.filter((fact) => fact.kind === "ADDRESS").flatMap((fact, index) => fact.sources.map((source, nth) => ({
        id: nth === 0 ? fact.key : `${fact.key}@${source}`, kind: AddressKind.HOME, line1: fact.key, line2: null, town: null, postcode: `ZZ99 ${index}ZZ`,
        localAuthority: null, labels: fact.labels, validFrom: null, firstReportedAt: at, sourceRecordId: source,
      }))),
      reports: [...fixture.records.values()].map((record) => ({ recordId: record.key, labels: record.labels, identity: { givenNames: "Fixture", familyName: "Child", dateOfBirth: null, expectedDateOfBirth: null, sex: "NOT_KNOWN", postcode: null, address: null } })),
    },
    records,
    consentOverride: null,
    // The rights over records (statements, restrictions) are not part of a subject access case.
    rights: NO_RIGHTS,
  } as unknown as ChildFile;
  const { underReview } = factsHeld(file, "EVERY_AGENCY");
  const disclosures = [...fixture.disclosures.entries()].map(([key, disclosure]): DisclosureUnderReview => ({
    ...disclosure, item: items.get(key) as string, carried: disclosure.carried.map((fact) => items.get(fact) as string),
  }));
  return { ...underReview, disclosures };
}

interface CaseScope {
  subject: SubjectAccessSubject;
  items: ReadonlyMap<string, string>;
  exemptionIds: readonly string[];
}

function readCase(file: string, node: YamlNode, scope: CaseScope): SubjectAccessPolicyTestCase {
  const map = node.map(["name", "requester", "expect"], ["reviews"]);
  const reviews = new Map<string, ItemReview>();
  for (const reviewNode of map.optional("reviews")?.list() ?? []) {
    const review = reviewNode.map(["item", "decision", "answers"]);
    const item = scope.items.get(review.required("item").oneOf([...scope.items.keys()], "fixture item")) as string;
    reviews.set(item, {
      item, decision: review.required("decision").oneOf(REVIEW_DECISIONS, "review decision"), exemptions: review.required("answers").listOf(scope.exemptionIds, "exemption"),
      reason: "Decided in a policy test case.", healthOpinion: null, decidedBySub: "policy-test", decidedAt: new Date("2026-11-01T12:00:00Z"),
    });
  }
  return {
    name: map.required("name").string(),
    file,
    line: node.line,
    standing: map.required("requester").oneOf(REQUESTER_STANDINGS, "requester standing"),
    subject: scope.subject,
    reviews,
    items: scope.items,
    expected: readExpectations(map.required("expect"), scope),
  };
}

/**
 * `key: INCLUDED`, or `key: { WITHHELD: [exemption ids] }` / `{ REVIEW_REQUIRED: [...] }`; `"*"` for
 * every item not named. Every item of the fixture must be covered, so a case cannot pass by saying nothing.
 */
function readExpectations(node: YamlNode, scope: CaseScope): Record<string, ItemExpectation> {
  const named: Record<string, ItemExpectation> = {};
  let rest: ItemExpectation | null = null;
  for (const [key, value] of node.entries()) {
    const expectation = readExpectation(value, scope.exemptionIds);
    if (key.string() === "*") rest = expectation;
    else named[key.oneOf([...scope.items.keys()], "fixture item")] = expectation;
  }
  const expected: Record<string, ItemExpectation> = {};
  for (const key of scope.items.keys()) {
    const expectation = named[key] ?? rest;
    if (expectation === null) node.fail(`the case says nothing of "${key}": name it, or give "*"`);
    expected[key] = expectation;
  }
  return expected;
}

function readExpectation(node: YamlNode, exemptionIds: readonly string[]): ItemExpectation {
  if (node.isScalarValue()) {
    node.oneOf([ItemOutcome.INCLUDED], "outcome (WITHHELD and REVIEW_REQUIRED name their exemptions)");
    return { outcome: ItemOutcome.INCLUDED };
  }
  const [entry, more] = node.entries();
  if (entry === undefined || more !== undefined) node.fail("expected INCLUDED, or one of WITHHELD or REVIEW_REQUIRED with its exemptions");
  const [outcome, exemptions] = entry;
  return { outcome: outcome.oneOf(EXEMPTION_DECISIONS, "outcome"), exemptions: exemptions.listOf(exemptionIds, "exemption").sort() };
}
