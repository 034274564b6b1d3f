import { type RecordFactsInView } from "../policy/recordFactsInView";

/** A view already decided for its recipient: sections of one record's fields, or lists of them. */
export type DerivedView = Record<string, object | undefined>;

/** A section's entries: the one entry of a single section, or each entry of a list. */
export function entriesOf(section: object | undefined): Record<string, unknown>[] {
  if (section === undefined) return [];
  return Array.isArray(section) ? (section as Record<string, unknown>[]) : [section as Record<string, unknown>];
}

/** Every field name the view's sections carry. */
export function viewFields(view: DerivedView): Set<string> {
  return new Set(Object.values(view).flatMap((section) => entriesOf(section).flatMap((entry) => Object.keys(entry))));
}

/**
 * How a view told from some records carries their facts: the one rule for holding it to the rights over
 * them (`applyRecordRightsToView`) and for erasing a fact from a stored copy (`eraseFromView`).
 */
export interface FactsInView {
  /** The record field a view field carries, or null for a value only a right over the whole record reaches. */
  factOf: (viewField: string) => string | null;
  /** A right as it applies to this view: over the whole record (field null) where its fact may be anywhere in it. */
  rightIn: <T extends { field: string | null }>(right: T) => T;
}

/**
 * Where the kind of view declares which record fact each field carries (`policy/recordFactsInView`), a
 * right over one fact reaches exactly the fields carrying it — none, when the view does not carry it.
 * Otherwise the view does not say which record fact each of its values came from, so a fact is found by
 * its field's name; a right over a field neither in the view nor among what was withheld from it
 * (`withheldPaths`) is taken as over the whole record — the fact may be in the view under another name:
 * never too little.
 */
export function factsInView(view: DerivedView, withheldPaths: readonly string[], declared: RecordFactsInView | undefined): FactsInView {
  if (declared !== undefined) return { factOf: (viewField) => declared.fields[viewField] ?? null, rightIn: (right) => right };
  const known = new Set([...viewFields(view), ...withheldPaths.map((path) => path.slice(path.lastIndexOf(".") + 1))]);
  return {
    factOf: (viewField) => viewField,
    rightIn: (right) => (right.field !== null && !known.has(right.field) ? { ...right, field: null } : right),
  };
}
