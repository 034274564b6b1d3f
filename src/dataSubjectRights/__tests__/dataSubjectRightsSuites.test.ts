import { readFileSync } from "node:fs";
import { join } from "node:path";
import { HubError } from "../../errors/HubError";
import { type AccessContext } from "../../policy/AccessContext";
import { loadPolicies } from "../../policy/loadPolicies";
import { PURPOSES, type Purpose } from "../../policy/Purpose";
import { YamlNode } from "../../policy/YamlNode";
import { RECORD_TYPES } from "../../records/RecordType";
import { SENSITIVITY_LABELS } from "../../records/SensitivityLabel";
import { applyRecordRights } from "../applyRecordRights";
import { erasureOutcome } from "../erasureOutcome";
import { isEvidential, rightsTarget } from "../heldRecord";
import { ERASURE_OUTCOMES, ERASURE_REGIMES, RESTRICTION_GROUNDS, RestrictionGround, RestrictionKind } from "../RightsVocabulary";

// The real policy and its suite (policies/tests/data-subject-rights/): a mistake in either fails here with its file and line.
const POLICY_DIR = join(__dirname, "..", "..", "..", "policies");
const policy = loadPolicies(POLICY_DIR);
const rule = policy.dataSubjectRights;
const file = join(POLICY_DIR, "tests", "data-subject-rights", "data-subject-rights.test.yaml");
const { root } = YamlNode.parse(file, readFileSync(file, "utf8"));
const suite = root.map(["description", "restrictions", "rectification", "erasure"]);

const RECORD = "00000000-0000-4000-8000-000000000001";
const held = (map: ReturnType<YamlNode["map"]>) => {
  const recordType = map.required("recordType").oneOf(RECORD_TYPES, "record type");
  const field = map.required("field").string();
  const labels = map.optional("labels")?.listOf(SENSITIVITY_LABELS, "label") ?? [];
  return rightsTarget({ id: RECORD, recordType, agencyCode: "AGENCY", labels: [], fieldLabels: { [field]: labels }, sui: null }, field);
};
const access = (purpose: Purpose, breakGlass: boolean): AccessContext => ({ purpose, lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: null, justification: "policy suite", caseReference: null, breakGlass });

describe("data-subject-rights: restrictions", () => {
  const grounds = new Set<RestrictionGround>();
  for (const node of suite.required("restrictions").list()) {
    const map = node.map(["name", "ground", "purpose", "expected"], ["breakGlass"]);
    const ground = map.required("ground").oneOf(RESTRICTION_GROUNDS, "ground");
    const purpose = map.required("purpose").oneOf(PURPOSES, "purpose");
    const breakGlass = map.optional("breakGlass")?.boolean() ?? false;
    const expected = map.required("expected").oneOf(["DISCLOSED", "WITHHELD"], "expectation");
    grounds.add(ground);
    test(`${map.required("name").string()} (line ${node.line})`, () => {
      const path = `socialCare[${RECORD}].status`;
      const kind = ground === RestrictionGround.OBJECTION_PENDING ? RestrictionKind.OBJECTION : RestrictionKind.RESTRICTION;
      const rights = { statements: [], restrictions: [{ id: "r", recordId: RECORD, field: "status", kind, ground, allowedPurposes: rule.restrictionPurposes.get(ground) ?? [], restrictedAt: new Date() }] };
      const applied = applyRecordRights(rule, access(purpose, breakGlass), rights, new Map([[RECORD, `socialCare[${RECORD}]`]]), { outcome: "DECIDED", disclosed: [path], withheld: [], brokered: [], sealed: [], grantingRules: [] });
      if (expected === "DISCLOSED") {
        expect(applied.decision.disclosed).toEqual([path]);
        expect(applied.restrictions).toEqual([expect.objectContaining({ path, ground })]);
      } else {
        expect(applied.decision.disclosed).toEqual([]);
        expect(applied.decision.withheld).toEqual([expect.objectContaining({ path, rule: rule.id })]);
        expect(applied.restrictions).toEqual([]);
      }
    });
  }
  test("every ground is exercised", () => expect(RESTRICTION_GROUNDS.filter((ground) => !grounds.has(ground))).toEqual([]));
});

describe("data-subject-rights: rectification", () => {
  for (const node of suite.required("rectification").list()) {
    const map = node.map(["name", "recordType", "field", "expected"], ["labels"]);
    const target = held(map);
    const expected = map.required("expected").oneOf(["ACCEPTED", "REFUSED"], "expectation");
    test(`${map.required("name").string()} (line ${node.line})`, () => expect(isEvidential(rule, target) ? "REFUSED" : "ACCEPTED").toBe(expected));
  }
});

describe("data-subject-rights: erasure", () => {
  const named = new Set<string>();
  for (const node of suite.required("erasure").list()) {
    const map = node.map(["name", "recordType", "field", "expected"], ["labels", "groundsMet", "exemptionsApplying"]);
    const target = held(map);
    const groundsMet = map.optional("groundsMet")?.list().map((item) => item.string()) ?? [];
    const exemptionsApplying = map.optional("exemptionsApplying")?.list().map((item) => item.string()) ?? [];
    for (const id of [...groundsMet, ...exemptionsApplying]) named.add(id);
    const expectedNode = map.required("expected");
    const expected = expectedNode.isScalarValue()
      ? expectedNode.string()
      : (({ regime, outcome }) => ({ regime: regime.oneOf(ERASURE_REGIMES, "regime"), outcome: outcome.oneOf(ERASURE_OUTCOMES, "outcome") }))(((m) => ({ regime: m.required("regime"), outcome: m.required("outcome") }))(expectedNode.map(["regime", "outcome"])));
    test(`${map.required("name").string()} (line ${node.line})`, () => {
      let decided: unknown;
      try {
        const { regime, outcome } = erasureOutcome(rule, target.labels, groundsMet, exemptionsApplying);
        decided = { regime, outcome };
      } catch (error) {
        if (!(error instanceof HubError)) throw error;
        decided = error.details.problem;
      }
      expect(decided).toEqual(expected);
    });
  }
  test("every ground and exemption is exercised", () => {
    expect([...rule.erasureGrounds, ...rule.erasureExemptions].map(({ id }) => id).filter((id) => !named.has(id))).toEqual([]);
  });
});
