import { type ExemptionClause, type DisclosureCondition, type SubjectAccessExemption } from "../policy/PolicySet";
import { type SensitivityLabel } from "../records/SensitivityLabel";
import { type ItemReview } from "./ItemReview";
import { type RequesterStanding } from "./RequesterStanding";
import { DisclosureReach, ExemptionDecision, ItemOutcome, PER_FACT_REACHES, ReviewDecision } from "./SubjectAccessDecision";
import { type DisclosureUnderReview, type RecordUnderReview, type SubjectAccessSubject } from "./SubjectAccessSubject";

/** An exemption that applies to an item, and what it does for this requester. */
export interface AppliedExemption {
  exemption: SubjectAccessExemption;
  decision: ExemptionDecision;
}

/** The decision on one item: the outcome, every exemption that applies, and the IG lead's decision when it settled the item. */
export interface ItemDecision {
  outcome: ItemOutcome;
  exemptions: readonly AppliedExemption[];
  /** For an item held for review: the exemptions a decision on it must answer. */
  awaiting: readonly AppliedExemption[];
  /**
   * What a decision on this item itself answers: the exemptions awaiting, or, for an item its own
   * decision settled, those that decision answered (a later one supersedes it). Empty where no decision
   * on the item can change anything: nothing held for review, or an exemption that withholds.
   */
  decidable: readonly AppliedExemption[];
  review: ItemReview | null;
}

type Subject =
  | { kind: "RECORD"; record: RecordUnderReview }
  | { kind: "FIELD"; record: RecordUnderReview; field: string; labels: readonly SensitivityLabel[] }
  | { kind: "IDENTITY"; labels: readonly SensitivityLabel[]; sources: readonly RecordUnderReview[] }
  | { kind: "DISCLOSURE"; disclosure: DisclosureUnderReview };

/**
 * Decides every item of a subject access report for a requester of this standing: each record, each
 * field of it, each identity fact and each disclosure, by the exemptions in policy, then the IG lead's
 * recorded decisions on items held for review.
 *
 * A disclosure is decided by what it carried, against the facts' labels now — not by a flag set for the
 * whole child when it happened: a school's ordinary read of a child who also has a forced-marriage
 * record carried nothing of that record and is released; the police read of the record is not. It
 * takes the exemptions of the facts it carried that reach disclosures, and (CARRYING_OR_TO_HOLDER,
 * SOLELY_CARRYING_OR_TO_HOLDER) of the records its recipient holds, besides those that apply to the
 * entry itself (law-enforcement processing, an entry that cannot be traced to what it carried). A
 * SOLELY_CARRYING exemption (a sealed or brokered record, an active investigation, a protected
 * location) takes the entry only when the entry itself would tell of what it withholds
 * (`wholeEntryExemptions`): otherwise its recipient, time and purpose are the requester's (Art 15(1)(c)),
 * and what it carried of the withheld fact stays out by that fact's own decision.
 */
export function decideSubjectAccess(
  exemptions: readonly SubjectAccessExemption[],
  standing: RequesterStanding,
  subject: SubjectAccessSubject,
  reviews: ReadonlyMap<string, ItemReview>,
): Map<string, ItemDecision> {
  const applying = (found: Subject): AppliedExemption[] =>
    exemptions.flatMap((exemption) => {
      const decision = exemption.decisions.get(standing);
      return decision !== undefined && exemption.when.some((clause) => clauseHolds(clause, found)) ? [{ exemption, decision }] : [];
    });
  const decisions = new Map<string, ItemDecision>();
  const matched = new Map<string, AppliedExemption[]>();
  const records = new Map(subject.records.map((record) => [record.recordId, record]));
  // The agencies holding the records each item came from: a disclosure of the item to one of them names where it is kept.
  const holders = new Map<string, readonly string[]>();

  for (const record of subject.records) {
    const recordLevel = applying({ kind: "RECORD", record });
    matched.set(record.item, recordLevel);
    holders.set(record.item, [record.agencyCode]);
    decisions.set(record.item, settle(recordLevel, reviews.get(record.item)));
    for (const field of record.fields) {
      const applied = union(applying({ kind: "FIELD", record, field: field.field, labels: field.labels }), recordLevel);
      matched.set(field.item, applied);
      holders.set(field.item, [record.agencyCode]);
      decisions.set(field.item, settle(applied, reviews.get(field.item), { applied: recordLevel, review: reviews.get(record.item) }));
    }
  }
  for (const fact of subject.identity) {
    const sources = fact.sources.flatMap((id) => records.get(id) ?? []);
    const applied = applying({ kind: "IDENTITY", labels: fact.labels, sources });
    matched.set(fact.item, applied);
    holders.set(fact.item, sources.map((source) => source.agencyCode));
    decisions.set(fact.item, settle(applied, reviews.get(fact.item)));
  }
  // A record's own item stands for its existence; where one of its fields went out too, the fields are what the entry told.
  const recordOfField = new Map(subject.records.flatMap((record) => record.fields.map((field) => [field.item, record.item] as const)));
  for (const disclosure of subject.disclosures) {
    const reaching = (item: string, reaches: readonly DisclosureReach[]) => (matched.get(item) ?? []).filter(({ exemption }) => reaches.includes(exemption.reachesDisclosures));
    const carried = disclosure.carried.flatMap((item) => reaching(item, [DisclosureReach.CARRYING, DisclosureReach.CARRYING_OR_TO_HOLDER]));
    const whole = wholeEntryExemptions(disclosure, disclosure.carried.map((item) => ({ item, applied: reaching(item, PER_FACT_REACHES) })), holders);
    const toHolder = subject.records
      .filter((record) => record.agencyCode === disclosure.recipientAgency)
      .flatMap((record) => reaching(record.item, [DisclosureReach.CARRYING_OR_TO_HOLDER, DisclosureReach.SOLELY_CARRYING_OR_TO_HOLDER]));
    const told = disclosure.carried.filter((item) => !disclosure.carried.some((other) => recordOfField.get(other) === item));
    const nothingReleased = disclosure.unattributed ? [] : everyFactWithheld(told.map((item) => decisions.get(item)));
    const applied = union(nothingReleased, applying({ kind: "DISCLOSURE", disclosure }), carried, whole, toHolder);
    decisions.set(disclosure.item, settle(applied, reviews.get(disclosure.item)));
  }
  return decisions;
}

/**
 * Where every fact a disclosure told is withheld, the exemptions that withheld them, each withholding
 * the entry: whatever their mix — a third party's details beside an active investigation, a fact the
 * IG lead withheld on review beside one an exemption withholds — nothing of the entry is left to
 * release, so the entry is withheld, not INCLUDED with nothing in it (Art 15(4); the release could
 * not list it without pointing to what is withheld). A fact withheld on review names the exemptions
 * the decision answered. Empty where the entry told nothing, or one fact is released or awaits a
 * decision: then each fact's part stays out by its own decision, as before.
 */
function everyFactWithheld(facts: readonly (ItemDecision | undefined)[]): AppliedExemption[] {
  if (facts.length === 0 || facts.some((fact) => fact?.outcome !== ItemOutcome.WITHHELD)) return [];
  return union(...(facts as ItemDecision[]).map(({ exemptions, review }) => {
    const withholding = exemptions.filter(({ decision }) => decision === ExemptionDecision.WITHHELD);
    const grounds = withholding.length > 0 ? withholding : exemptions.filter(({ exemption }) => review?.exemptions.includes(exemption.id) === true);
    return grounds.map(({ exemption }) => ({ exemption, decision: ExemptionDecision.WITHHELD }));
  }));
}

/**
 * The outcome of the exemptions that apply, and of the IG lead's decisions: any exemption that
 * withholds, withholds; any that holds for review holds the item until a decision answering every one
 * of them is recorded. A field's record-level exemptions are also answered by a decision on the record
 * (withholding the record withholds its fields).
 */
function settle(applied: readonly AppliedExemption[], own: ItemReview | undefined, record?: { applied: readonly AppliedExemption[]; review: ItemReview | undefined }): ItemDecision {
  const decided = (outcome: ItemOutcome, review: ItemReview | null = null, pending: readonly AppliedExemption[] = []): ItemDecision => ({
    outcome, exemptions: applied, awaiting: outcome === ItemOutcome.REVIEW_REQUIRED ? pending : [], decidable: pending, review,
  });
  if (applied.some(({ decision }) => decision === ExemptionDecision.WITHHELD)) return decided(ItemOutcome.WITHHELD);
  let pending = applied.filter(({ decision }) => decision === ExemptionDecision.REVIEW_REQUIRED);
  if (pending.length === 0) return decided(ItemOutcome.INCLUDED);
  if (record) {
    const recordPending = record.applied.filter(({ decision }) => decision === ExemptionDecision.REVIEW_REQUIRED);
    const recordReview = record.review;
    if (recordReview !== undefined && recordPending.length > 0 && answers(recordReview, recordPending)) {
      if (recordReview.decision === ReviewDecision.WITHHOLD) return decided(ItemOutcome.WITHHELD, recordReview);
      const answered = new Set(recordPending.map(({ exemption }) => exemption.id));
      pending = pending.filter(({ exemption }) => !answered.has(exemption.id));
      if (pending.length === 0) return decided(ItemOutcome.INCLUDED, recordReview);
    }
  }
  if (own !== undefined && answers(own, pending)) return decided(own.decision === ReviewDecision.INCLUDE ? ItemOutcome.INCLUDED : ItemOutcome.WITHHELD, own, pending);
  return decided(ItemOutcome.REVIEW_REQUIRED, null, pending);
}

function answers(review: ItemReview | undefined, pending: readonly AppliedExemption[]): boolean {
  return review !== undefined && pending.every(({ exemption }) => review.exemptions.includes(exemption.id));
}

/**
 * The SOLELY_CARRYING exemptions of what a disclosure carried that take the whole entry, because the
 * entry itself would tell of what they withhold: everything it carried is theirs (it is all the
 * withheld fact); it carried their fact to the agency that holds it (the investigating force, the
 * agency that reported a protected address); or it was made on a basis or for a purpose they name in
 * `wholeWhen` (a law-enforcement read, a strategy discussion, about an investigation). Any other
 * leaves out only its own part of the entry — the items it matched, left out of the release's
 * categories by their own decisions — and the entry's recipient, time and purpose are released.
 */
function wholeEntryExemptions(disclosure: DisclosureUnderReview, carried: readonly { item: string; applied: readonly AppliedExemption[] }[], holders: ReadonlyMap<string, readonly string[]>): AppliedExemption[] {
  return union(...carried.map(({ applied }) => applied)).filter(({ exemption }) => {
    const theirs = carried.filter(({ applied }) => applied.some((other) => other.exemption.id === exemption.id));
    return theirs.length === carried.length
      || theirs.some(({ item }) => (holders.get(item) ?? []).includes(disclosure.recipientAgency))
      || exemption.wholeWhen.some((condition) => disclosureHolds(condition, disclosure));
  });
}

function union(...lists: readonly (readonly AppliedExemption[])[]): AppliedExemption[] {
  const byId = new Map<string, AppliedExemption>();
  for (const applied of lists.flat()) if (!byId.has(applied.exemption.id)) byId.set(applied.exemption.id, applied);
  return [...byId.values()];
}

const anyOf = (labels: readonly SensitivityLabel[], wanted: readonly SensitivityLabel[]): boolean => labels.some((label) => wanted.includes(label));

/**
 * Whether a clause applies to an item. Every key the clause names must hold. Identity facts have no
 * record type or fields, and have `recordLabels` only when every record that reported them carries one:
 * a name reported also by an unrestricted record is no secret.
 */
function clauseHolds(clause: ExemptionClause, subject: Subject): boolean {
  if (clause.disclosures !== null) return subject.kind === "DISCLOSURE" && disclosureHolds(clause.disclosures, subject.disclosure);
  if (subject.kind === "DISCLOSURE") return false;
  if (subject.kind === "IDENTITY") {
    if (clause.recordTypes !== null || clause.fields !== null || clause.where !== null) return false;
    if (clause.labels !== null && !anyOf(subject.labels, clause.labels)) return false;
    const recordLabels = clause.recordLabels;
    return recordLabels === null || (subject.sources.length > 0 && subject.sources.every((source) => anyOf(source.labels, recordLabels)));
  }
  const { record } = subject;
  if (clause.fields !== null && (subject.kind !== "FIELD" || !(clause.fields.get(record.recordType) ?? []).includes(subject.field))) return false;
  if (clause.recordTypes !== null && !clause.recordTypes.includes(record.recordType)) return false;
  if (clause.where !== null) {
    const condition = clause.where.get(record.recordType);
    const value = condition === undefined ? undefined : record.attributes[condition.field];
    if (condition === undefined || value === undefined || !condition.values.includes(value)) return false;
  }
  if (clause.recordLabels !== null && !anyOf(record.labels, clause.recordLabels)) return false;
  return clause.labels === null || anyOf(subject.kind === "FIELD" ? subject.labels : record.labels, clause.labels);
}

function disclosureHolds(condition: DisclosureCondition, disclosure: DisclosureUnderReview): boolean {
  if (condition.unattributed && !disclosure.unattributed) return false;
  if (condition.lawfulBases !== null && (disclosure.lawfulBasis === null || !condition.lawfulBases.includes(disclosure.lawfulBasis))) return false;
  return condition.purposes === null || (disclosure.purpose !== null && condition.purposes.includes(disclosure.purpose));
}
