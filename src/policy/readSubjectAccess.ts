import { RECORD_FIELDS } from "../records/recordFields";
import { RECORD_TYPES, type RecordType } from "../records/RecordType";
import { SENSITIVITY_LABELS } from "../records/SensitivityLabel";
import { REQUESTER_STANDINGS, type RequesterStanding } from "../subjectAccess/RequesterStanding";
import {
  DISCLOSURE_REACHES, DisclosureReach, EXEMPTION_DECISIONS, EXEMPTION_REVIEWS, ExemptionDecision, ExemptionReview, PER_FACT_REACHES, type ExemptionDecision as Decision,
} from "../subjectAccess/SubjectAccessDecision";
import { LAWFUL_BASES } from "./LawfulBasis";
import { type DisclosureCondition, type ExemptionClause, type FieldCondition, type SubjectAccessExemption, type SubjectAccessRule } from "./PolicySet";
import { PURPOSES, type Purpose } from "./Purpose";
import { readFieldCondition } from "./readInvolvementRule";
import { ruleBase } from "./ruleBase";
import { type YamlNode } from "./YamlNode";

/** An opinion older than this could never be relied on; a policy saying otherwise is a mistake. */
const MAX_OPINION_MONTHS = 6;

/**
 * `subjectAccess:` (policies/subject-access.yaml): the lengths the case's records must have, and the
 * statements UK GDPR Art 15(1) requires besides the data — the purposes in plain words (one for every
 * purpose a disclosure can state, so no recipient is listed without why), retention and rights.
 */
export function readSubjectAccess(node: YamlNode): SubjectAccessRule {
  const map = node.map([
    "id", "description", "requesterBasisMinimumLength", "extensionReasonMinimumLength", "decisionReasonMinimumLength",
    "healthOpinionValidForMonths", "purposes", "retention", "rights",
  ]);
  const months = map.required("healthOpinionValidForMonths");
  const healthOpinionValidForMonths = months.integer(1);
  // DPA 2018 Sch.3 para 6(2)(b): an opinion obtained within the last six months.
  if (healthOpinionValidForMonths > MAX_OPINION_MONTHS) months.fail(`DPA 2018 Sch.3 para 6(2)(b) allows an opinion at most ${MAX_OPINION_MONTHS} months old`);
  return {
    ...ruleBase(node, map),
    requesterBasisMinimumLength: map.required("requesterBasisMinimumLength").integer(1),
    extensionReasonMinimumLength: map.required("extensionReasonMinimumLength").integer(1),
    decisionReasonMinimumLength: map.required("decisionReasonMinimumLength").integer(1),
    healthOpinionValidForMonths,
    purposes: readPurposeStatements(map.required("purposes")),
    retention: map.required("retention").string(),
    rights: map.required("rights").string(),
  };
}

function readPurposeStatements(node: YamlNode): SubjectAccessRule["purposes"] {
  const map = node.map(["general", ...PURPOSES]);
  return { general: map.required("general").string(), byPurpose: new Map(PURPOSES.map((purpose): [Purpose, string] => [purpose, map.required(purpose).string()])) };
}

/** One `subjectAccessExemptions:` entry: what it withholds or holds for review, for whom, and when. */
export function readSubjectAccessExemption(node: YamlNode): SubjectAccessExemption {
  const map = node.map(["id", "description", "title", "citation", "when"], ["decision", "decisions", "review", "reachesDisclosures", "wholeWhen"]);
  const decisions = readDecisions(node, map.optional("decision"), map.optional("decisions"));
  const review = map.optional("review")?.oneOf(EXEMPTION_REVIEWS, "review") ?? ExemptionReview.IG_LEAD;
  const reviewNode = map.optional("review");
  if (reviewNode && review !== ExemptionReview.IG_LEAD && ![...decisions.values()].includes(ExemptionDecision.REVIEW_REQUIRED)) {
    reviewNode.fail(`review ${review} settles items held for review, and this exemption holds none (no REVIEW_REQUIRED decision)`);
  }
  const whenNode = map.required("when");
  const when = whenNode.list().map(readClause);
  if (when.length === 0) whenNode.fail("an exemption applies in at least one case");
  const reachNode = map.optional("reachesDisclosures");
  const reachesDisclosures = reachNode?.oneOf(DISCLOSURE_REACHES, "disclosure reach") ?? DisclosureReach.NONE;
  if (reachNode && reachesDisclosures !== DisclosureReach.NONE && when.every((clause) => clause.disclosures !== null)) {
    reachNode.fail('"reachesDisclosures" carries a fact\'s exemption to the disclosures of it: this exemption applies to no fact');
  }
  const wholeNode = map.optional("wholeWhen");
  const wholeWhen = wholeNode?.list().map((clause) => readDisclosureCondition(clause, { attributedOnly: true })) ?? [];
  if (wholeNode && !PER_FACT_REACHES.includes(reachesDisclosures)) {
    wholeNode.fail(`"wholeWhen" names the disclosures withheld whole though only their part carried the fact: it goes with reachesDisclosures ${PER_FACT_REACHES.join(" or ")}`);
  }
  if (wholeNode && wholeWhen.length === 0) wholeNode.fail("expected at least one disclosure clause, or leave \"wholeWhen\" out");
  return {
    ...ruleBase(node, map),
    title: map.required("title").string(),
    citation: map.required("citation").string(),
    decisions,
    review,
    reachesDisclosures,
    wholeWhen,
    when,
  };
}

/** `decision: WITHHELD` for every standing of requester, or `decisions: { STANDING: DECISION }` for the standings listed. */
function readDecisions(node: YamlNode, one: YamlNode | undefined, some: YamlNode | undefined): Map<RequesterStanding, Decision> {
  if ((one === undefined) === (some === undefined)) node.fail('an exemption states "decision" (for every requester) or "decisions" (per standing), not both');
  if (one) {
    const decision = one.oneOf(EXEMPTION_DECISIONS, "exemption decision");
    return new Map(REQUESTER_STANDINGS.map((standing): [RequesterStanding, Decision] => [standing, decision]));
  }
  const decisions = new Map<RequesterStanding, Decision>();
  for (const [key, value] of (some as YamlNode).entries()) decisions.set(key.oneOf(REQUESTER_STANDINGS, "requester standing"), value.oneOf(EXEMPTION_DECISIONS, "exemption decision"));
  if (decisions.size === 0) (some as YamlNode).fail("expected at least one requester standing");
  return decisions;
}

const FACT_KEYS = ["labels", "recordLabels", "recordTypes", "fields", "where"] as const;

function readClause(node: YamlNode): ExemptionClause {
  const map = node.map([], [...FACT_KEYS, "disclosures"]);
  const disclosuresNode = map.optional("disclosures");
  const factKeys = FACT_KEYS.filter((key) => map.has(key));
  if (disclosuresNode && factKeys.length > 0) node.fail(`a clause tests a disclosure ("disclosures") or facts held (${FACT_KEYS.join(", ")}), not both`);
  if (!disclosuresNode && factKeys.length === 0) node.fail(`a clause names at least one of: ${[...FACT_KEYS, "disclosures"].join(", ")}`);
  const recordTypes = map.optional("recordTypes")?.listOf(RECORD_TYPES, "record type") ?? null;
  const fields = map.optional("fields") ? readFields(map.required("fields")) : null;
  const where = map.optional("where") ? readWhere(map.required("where")) : null;
  for (const [name, byType] of [["fields", fields], ["where", where]] as const) {
    const outside = [...(byType?.keys() ?? [])].filter((type) => recordTypes !== null && !recordTypes.includes(type));
    if (outside.length > 0) map.required(name).fail(`"${name}" names ${outside.join(", ")}, which the clause's "recordTypes" leave out: it could never apply`);
  }
  return {
    labels: map.optional("labels")?.listOf(SENSITIVITY_LABELS, "label") ?? null,
    recordLabels: map.optional("recordLabels")?.listOf(SENSITIVITY_LABELS, "label") ?? null,
    recordTypes,
    fields,
    where,
    disclosures: disclosuresNode ? readDisclosureCondition(disclosuresNode) : null,
  };
}

/** `fields:` maps a record type to field names from the record catalogue. */
function readFields(node: YamlNode): Map<RecordType, readonly string[]> {
  const fields = new Map<RecordType, readonly string[]>();
  for (const [key, value] of node.entries()) {
    const type = key.oneOf(RECORD_TYPES, "record type");
    fields.set(type, value.listOf(Object.keys(RECORD_FIELDS[type]), `${type} field`));
  }
  if (fields.size === 0) node.fail("expected at least one record type");
  return fields;
}

/** `where:` maps a record type to `{ field, values }`, a field policies may test. */
function readWhere(node: YamlNode): Map<RecordType, FieldCondition> {
  const where = new Map<RecordType, FieldCondition>();
  for (const [key, value] of node.entries()) {
    const type = key.oneOf(RECORD_TYPES, "record type");
    where.set(type, readFieldCondition(value, type));
  }
  if (where.size === 0) node.fail("expected at least one record type");
  return where;
}

/**
 * A disclosure clause: its lawful bases, purposes, or that the hub cannot tell what it carried. In
 * `wholeWhen` (`attributedOnly`) only the first two: a disclosure it is asked of is one known to have
 * carried the fact.
 */
function readDisclosureCondition(node: YamlNode, { attributedOnly } = { attributedOnly: false }): DisclosureCondition {
  const map = node.map([], attributedOnly ? ["lawfulBases", "purposes"] : ["lawfulBases", "purposes", "unattributed"]);
  const unattributedNode = map.optional("unattributed");
  const unattributed = unattributedNode?.boolean() ?? false;
  if (unattributedNode && !unattributed) unattributedNode.fail('"unattributed: false" tests nothing: leave it out');
  const condition = {
    lawfulBases: map.optional("lawfulBases")?.listOf(LAWFUL_BASES, "lawful basis") ?? null,
    purposes: map.optional("purposes")?.listOf(PURPOSES, "purpose") ?? null,
    unattributed,
  };
  if (condition.lawfulBases === null && condition.purposes === null && !unattributed) node.fail(attributedOnly ? 'a disclosure clause names "lawfulBases" or "purposes"' : 'a disclosure clause names "lawfulBases", "purposes" or "unattributed: true"');
  return condition;
}
