import { type RecordFactsInView } from "../policy/recordFactsInView";
import { type DerivedView, entriesOf, factsInView } from "./factsInView";

/**
 * What an erased fact's value becomes in a stored copy of it (a delivery's view): the tombstone — that a
 * fact was erased, and by which erasure decision — never its content. The field stays, so the view is
 * still read (`factsInView`) and held (`applyRecordRightsToView`: an erased fact is withheld) as before.
 */
export interface ErasedFactMarker {
  erasedBy: string;
}

export function isErasedFactMarker(value: unknown): value is ErasedFactMarker {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as { erasedBy?: unknown }).erasedBy === "string";
}

/**
 * A stored view told from a record, with a fact of the record erased (UK GDPR Art 17; DPA 2018 s.47):
 * every value the fact is found as in the view (`factsInView`: the fields the kind of view declares
 * carry it; undeclared, by its field's name, or every value of the view when it may be there under
 * another name) replaced by the tombstone of `decisionId`. Null when the view carries nothing of the
 * fact (nothing to write).
 */
export function eraseFromView(view: DerivedView, withheldPaths: readonly string[], field: string, decisionId: string, declared?: RecordFactsInView): DerivedView | null {
  const facts = factsInView(view, withheldPaths, declared);
  const found = facts.rightIn<{ field: string | null }>({ field }).field;
  let erased = false;
  const erase = (entry: Record<string, unknown>) => Object.fromEntries(Object.entries(entry).map(([name, value]) => {
    if ((found !== null && facts.factOf(name) !== found) || value === null || isErasedFactMarker(value)) return [name, value];
    erased = true;
    return [name, { erasedBy: decisionId } satisfies ErasedFactMarker];
  }));
  const kept = Object.fromEntries(Object.entries(view).map(([key, section]) => [key,
    section === undefined ? section : Array.isArray(section) ? entriesOf(section).map(erase) : erase(section as Record<string, unknown>)]));
  return erased ? kept : null;
}
