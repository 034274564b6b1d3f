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
 * Where a right over a record's fact is found in a view told from the record. The view does not say
 * which record fact each of its values came from, so a fact is found by its field's name; a right over
 * a field neither in the view nor among what was withheld from it (`withheldPaths`) is taken as over
 * the whole record (field null) — the fact may be in the view under another name: never too little.
 */
export function factInView(view: DerivedView, withheldPaths: readonly string[]): <T extends { field: string | null }>(right: T) => T {
  const known = new Set([...viewFields(view), ...withheldPaths.map((path) => path.slice(path.lastIndexOf(".") + 1))]);
  return (right) => (right.field !== null && !known.has(right.field) ? { ...right, field: null } : right);
}
