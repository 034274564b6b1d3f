import { type AccessContext } from "../policy/AccessContext";
import { type Withholding } from "../policy/DisclosureDecision";
import { type RecordFactsInView } from "../policy/recordFactsInView";
import { applyRecordRights, type RestrictionView, type SupplementaryStatementView } from "./applyRecordRights";
import { type DataSubjectRightsRule } from "./DataSubjectRightsPolicy";
import { type DerivedView, factsInView, viewFields } from "./factsInView";
import { type RightsOverRecords } from "./rightsOverRecords";
import { coveredBy } from "./rightsTargets";

export interface ViewRightsApplied {
  view: DerivedView;
  /** What the rights withheld, in the view's own paths (`pprc.prisonNumber`, `childrenAtRisk[0].givenNames`). */
  withheld: Withholding[];
  statements: SupplementaryStatementView[];
  restrictions: RestrictionView[];
  statementIds: string[];
}

const ERASED = "erased at the holding agency's decision (UK GDPR Art 17; DPA 2018 s.47): no longer disclosed";

/**
 * Holds a view derived from agency records (a notification's content, told from the notifying agency's
 * records) to the rights over those records, as `applyRecordRights` holds a child's file: a restricted
 * fact is withheld unless the purpose the view was decided for is one its restriction allows; an erased
 * fact never leaves; a statement goes with the view when the fact it is about is in it.
 *
 * Each view field is held as the record fact it carries (`factsInView`): a right over one fact reaches
 * the fields carrying it, and a right over a whole record every field. Where the kind of view declares
 * which fact each field carries (`declared`), a right over a fact the view does not carry leaves it as
 * it is; otherwise a fact is found by its field's name, and a right over a field neither in the view nor
 * among what was withheld from it (`withheldPaths`) is taken as on the whole record — it withholds
 * everything, never too little. A stored view whose erased facts were replaced by their tombstone
 * (`eraseFromView`) keeps their fields, so it is held exactly as before.
 */
export function applyRecordRightsToView(rule: DataSubjectRightsRule, access: AccessContext, over: RightsOverRecords, sourceRecordIds: readonly string[], view: DerivedView, withheldPaths: readonly string[], declared?: RecordFactsInView): ViewRightsApplied {
  const fields = viewFields(view);
  const facts = factsInView(view, withheldPaths, declared);
  const sources = sourceRecordIds.flatMap((id) => {
    const path = over.paths.get(id);
    return path === undefined ? [] : [{ id, path }];
  });
  const ofSources = (entry: { recordId: string }) => sources.some((source) => source.id === entry.recordId);
  const paths = new Map(sources.map((source) => [source.id, source.path]));
  // A view field as the record path it discloses: the fact it carries, or the record itself.
  const toldAs = (record: string, field: string) => {
    const fact = facts.factOf(field);
    return fact === null ? record : `${record}.${fact}`;
  };
  const applied = applyRecordRights(rule, access, {
    statements: over.rights.statements.filter(ofSources).map(facts.rightIn),
    restrictions: over.rights.restrictions.filter(ofSources).map(facts.rightIn),
  }, paths, {
    outcome: "DECIDED", disclosed: [...new Set(sources.flatMap((source) => [...fields].map((field) => toldAs(source.path, field))))], withheld: [], brokered: [], sealed: [], grantingRules: [],
  });
  const withheldAs = new Map(applied.decision.withheld.map((withholding) => [withholding.path, withholding]));
  const reasons = new Map<string, Withholding>();
  for (const field of fields) {
    const reason = sources.map((source) => withheldAs.get(toldAs(source.path, field))).find((found) => found !== undefined);
    if (reason !== undefined) reasons.set(field, reason);
  }
  for (const erased of over.erased.filter(ofSources).map((fact) => facts.rightIn<{ recordId: string; field: string | null }>(fact))) {
    const record = paths.get(erased.recordId) ?? "";
    const target = erased.field === null ? record : `${record}.${erased.field}`;
    for (const field of fields) {
      if (coveredBy(toldAs(record, field), target)) reasons.set(field, { path: target, rule: rule.id, reason: ERASED });
    }
  }
  // A statement goes only beside a fact still in the view: not one erased after the restrictions were applied.
  const shown = sources.flatMap((source) => [...fields].filter((field) => !reasons.has(field)).map((field) => toldAs(source.path, field)));
  const statements = applied.statements.map((view, index) => ({ view, id: applied.statementIds[index] })).filter(({ view }) => shown.some((path) => coveredBy(path, view.path)));
  const withheld: Withholding[] = [];
  const governed: DerivedView = {};
  for (const [key, section] of Object.entries(view)) {
    if (section === undefined) continue;
    if (!Array.isArray(section)) {
      governed[key] = keep(section as Record<string, unknown>, key, reasons, withheld);
      continue;
    }
    const kept = (section as Record<string, unknown>[]).map((entry, index) => keep(entry, `${key}[${index}]`, reasons, withheld)).filter((entry) => Object.keys(entry).length > 0);
    if (kept.length > 0) governed[key] = kept;
  }
  return {
    view: governed, withheld, restrictions: applied.restrictions,
    statements: statements.map(({ view }) => view), statementIds: statements.map(({ id }) => id),
  };
}

function keep(entry: Record<string, unknown>, path: string, reasons: ReadonlyMap<string, Withholding>, withheld: Withholding[]): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(entry)) {
    const reason = reasons.get(field);
    if (reason === undefined) kept[field] = value;
    else withheld.push({ path: `${path}.${field}`, rule: reason.rule, reason: reason.reason });
  }
  return kept;
}
