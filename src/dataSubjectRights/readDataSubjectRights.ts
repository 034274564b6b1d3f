import { PURPOSES, type Purpose } from "../policy/Purpose";
import { ruleBase } from "../policy/ruleBase";
import { type YamlNode } from "../policy/YamlNode";
import { RECORD_TYPES } from "../records/RecordType";
import { SENSITIVITY_LABELS } from "../records/SensitivityLabel";
import { type DataSubjectRightsRule, type ErasureClause } from "./DataSubjectRightsPolicy";
import { ERASURE_REGIMES, RESTRICTION_GROUNDS, type RestrictionGround } from "./RightsVocabulary";

const CLAUSE_ID = /^[A-Z][A-Z0-9_]*$/;

/** Reads `dataSubjectRights:` strictly: every ground has its purposes, every regime its grounds. */
export function readDataSubjectRights(node: YamlNode): DataSubjectRightsRule {
  const map = node.map([
    "id", "description", "statementMinimumLength", "reasonMinimumLength", "evidential", "partThreeLabels", "restrictionPurposes", "erasureGrounds", "erasureExemptions",
  ]);
  const evidential = map.required("evidential").map(["recordTypes", "labels"]);
  const purposes = map.required("restrictionPurposes").map(RESTRICTION_GROUNDS);
  const restrictionPurposes = new Map(RESTRICTION_GROUNDS.map((ground): [RestrictionGround, Purpose[]] => [ground, purposes.required(ground).listOf(PURPOSES, "purpose", { allowEmpty: true })]));
  const groundsNode = map.required("erasureGrounds");
  const exemptionsNode = map.required("erasureExemptions");
  const erasureGrounds = groundsNode.list().map(readClause);
  const erasureExemptions = exemptionsNode.list().map(readClause);
  const ids = [...erasureGrounds, ...erasureExemptions].map((clause) => clause.id);
  if (new Set(ids).size !== ids.length) groundsNode.fail("every erasure ground and exemption needs its own id");
  for (const regime of ERASURE_REGIMES) {
    if (!erasureGrounds.some((clause) => clause.regime === regime)) groundsNode.fail(`no erasure ground under ${regime}: such a request could never be decided`);
  }
  return {
    ...ruleBase(node, map),
    statementMinimumLength: map.required("statementMinimumLength").integer(1),
    reasonMinimumLength: map.required("reasonMinimumLength").integer(1),
    evidential: {
      recordTypes: evidential.required("recordTypes").listOf(RECORD_TYPES, "record type", { allowEmpty: true }),
      labels: evidential.required("labels").listOf(SENSITIVITY_LABELS, "label", { allowEmpty: true }),
    },
    partThreeLabels: map.required("partThreeLabels").listOf(SENSITIVITY_LABELS, "label"),
    restrictionPurposes,
    erasureGrounds,
    erasureExemptions,
  };
}

function readClause(node: YamlNode): ErasureClause {
  const map = node.map(["id", "regime", "citation", "title"]);
  const idNode = map.required("id");
  const id = idNode.string();
  if (!CLAUSE_ID.test(id)) idNode.fail(`erasure clause id "${id}" must be upper-case words joined by underscores (it is an API value)`);
  return { id, regime: map.required("regime").oneOf(ERASURE_REGIMES, "erasure regime"), citation: map.required("citation").string(), title: map.required("title").string() };
}
