import { type AccessContext } from "../policy/AccessContext";
import { type Withholding } from "../policy/DisclosureDecision";
import { applyRecordRights, type RestrictionView, type SupplementaryStatementView } from "./applyRecordRights";
import { type DataSubjectRightsRule } from "./DataSubjectRightsPolicy";
import { type DerivedView, factInView, viewFields } from "./factsInView";
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
 * A fact is found in the view by its field's name (`factInView`): a restriction, erasure or statement
 * on a field neither in the view nor among what was withheld from it (`withheldPaths`) is taken as on
 * the whole record — it withholds everything, never too little. A stored view whose erased facts were
 * replaced by their tombstone (`eraseFromView`) keeps their fields, so it is held exactly as before.
 */
export function applyRecordRightsToView(rule: DataSubjectRightsRule, access: AccessContext, over: RightsOverRecords, sourceRecordIds: readonly string[], view: DerivedView, withheldPaths: readonly string[]): ViewRightsApplied {
  const fields = viewFields(view);
  const named = factInView(view, withheldPaths);
  const sources = sourceRecordIds.flatMap((id) => {
    const path = over.paths.get(id);
    return path === undefined ? [] : [{ id, path }];
  });
  const ofSources = (entry: { recordId: string }) => sources.some((source) => source.id === entry.recordId);
  const paths = new Map(sources.map((source) => [source.id, source.path]));
  const applied = applyRecordRights(rule, access, {
    statements: over.rights.statements.filter(ofSources).map(named),
    restrictions: over.rights.restrictions.filter(ofSources).map(named),
  }, paths, {
    outcome: "DECIDED", disclosed: sources.flatMap((source) => [...fields].map((field) => `${source.path}.${field}`)), withheld: [], brokered: [], sealed: [], grantingRules: [],
  });
  const reasons = new Map(applied.decision.withheld.map((withholding) => [withholding.path.slice(withholding.path.lastIndexOf(".") + 1), withholding]));
  for (const erased of over.erased.filter(ofSources).map(named)) {
    const target = erased.field === null ? paths.get(erased.recordId) ?? "" : `${paths.get(erased.recordId)}.${erased.field}`;
    for (const field of fields) {
      if (coveredBy(`${paths.get(erased.recordId)}.${field}`, target)) reasons.set(field, { path: target, rule: rule.id, reason: ERASED });
    }
  }
  // A statement goes only beside a fact still in the view: not one erased after the restrictions were applied.
  const shown = sources.flatMap((source) => [...fields].filter((field) => !reasons.has(field)).map((field) => `${source.path}.${field}`));
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
