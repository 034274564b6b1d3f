import { type PolicySet } from "../policy/PolicySet";
import { type Purpose } from "../policy/Purpose";
import { type AppliedExemption, type ItemDecision } from "./decideSubjectAccess";
import { type DisclosedPath, type DisclosureMade } from "./disclosuresMade";
import { type FactSource, type FactsHeld, type HeldRights } from "./factsHeld";
import { ExemptionReview, ItemOutcome } from "./SubjectAccessDecision";
import {
  type DecisionView, type ExemptionView, type PurposeStatement, type ReleasedSource, type ReviewedDisclosure, type ReviewedIdentityFact, type ReviewedRecord,
  type SubjectAccessRelease, type SubjectAccessReview,
} from "./SubjectAccessReport";
import { type SubjectAccessCase } from "./subjectAccessCase";

export interface ReportParts {
  request: SubjectAccessCase;
  facts: FactsHeld;
  disclosures: readonly DisclosureMade[];
  decisions: ReadonlyMap<string, ItemDecision>;
  producedAt: Date;
}

/**
 * The IG lead's review: every fact held, every record field and every disclosure, each with its
 * decision, the exemptions behind it, and whether it goes into the release. What is released is
 * decided here once, so the review shows exactly what `releaseCopy` will contain. An item is built
 * without its value, which is added only when nothing withholds it (the item, or the record a field is
 * of): a WITHHELD item never carries what it withholds, to the IG lead either (deny by default).
 */
export function buildSubjectAccessReview(policy: Pick<PolicySet, "subjectAccess">, parts: ReportParts): SubjectAccessReview {
  const { decisions } = parts;
  const decisionOf = (item: string): ItemDecision => decisions.get(item) ?? { outcome: ItemOutcome.REVIEW_REQUIRED, exemptions: [], awaiting: [], decidable: [], review: null };
  const included = (item: string) => decisionOf(item).outcome === ItemOutcome.INCLUDED;
  const contentOf = (item: string, ...holding: string[]): unknown =>
    [item, ...holding].some((each) => decisionOf(each).outcome === ItemOutcome.WITHHELD) ? null : (parts.facts.contents.get(item) ?? null);

  const records: ReviewedRecord[] = parts.facts.records.map((record) => {
    const fields = record.fields.map((field) => ({ ...field, value: contentOf(field.item, record.item), decision: view(decisionOf(field.item), included(field.item) && included(record.item)) }));
    const agencyReference = contentOf(record.item) as string | null;
    return { ...record, agencyReference, fields, decision: view(decisionOf(record.item), included(record.item) && fields.some((field) => field.decision.released)) };
  });
  const releasedRecords = new Set(records.filter((record) => record.decision.released).map((record) => record.item));
  const sourceView = (source: FactSource) => ({ ...source, released: releasedRecords.has(source.recordItem) });

  const identity: ReviewedIdentityFact[] = parts.facts.identity.map((fact) => {
    const sources = fact.sources.map(sourceView);
    return { ...fact, value: contentOf(fact.item), sources, decision: view(decisionOf(fact.item), included(fact.item) && sources.some((source) => source.released)) };
  });
  const releasedItems = new Set([
    ...releasedRecords,
    ...records.flatMap((record) => record.fields.filter((field) => field.decision.released).map((field) => field.item)),
    ...identity.filter((fact) => fact.decision.released).map((fact) => fact.item),
  ]);

  const disclosures: ReviewedDisclosure[] = parts.disclosures.map(({ disclosed, carried, ...disclosure }) => {
    const decision = decisionOf(disclosure.item);
    const releasedCategories = unique(disclosed.filter((path) => pathReleased(path, decision, releasedItems)).map((path) => path.category));
    return {
      ...disclosure,
      categories: unique(disclosed.map((path) => path.category)),
      releasedCategories,
      withheldParts: carried
        .map((item) => ({ item, decision: decisionOf(item) }))
        .filter(({ decision: part }) => part.outcome !== ItemOutcome.INCLUDED)
        .map(({ item, decision: part }) => ({ item, outcome: part.outcome, exemptions: part.exemptions.map(exemptionView) })),
      decision: view(decision, decision.outcome === ItemOutcome.INCLUDED && releasedCategories.length > 0),
    };
  });

  const all = [...records.flatMap((record) => [record.decision, ...record.fields.map((field) => field.decision)]), ...identity.map((fact) => fact.decision), ...disclosures.map((entry) => entry.decision)];
  const count = (outcome: ItemOutcome) => all.filter((decision) => decision.outcome === outcome).length;
  return {
    request: parts.request,
    producedAt: parts.producedAt,
    identity,
    records,
    disclosures,
    purposes: purposeStatements(policy, disclosures.map((entry) => entry.purpose)),
    retention: policy.subjectAccess.retention,
    rights: policy.subjectAccess.rights,
    counts: { included: count(ItemOutcome.INCLUDED), withheld: count(ItemOutcome.WITHHELD), reviewRequired: count(ItemOutcome.REVIEW_REQUIRED) },
  };
}

/** The copy for the requester: the released items of the review, without a decision, an exemption, an id or a count. */
export function releaseCopy(policy: Pick<PolicySet, "subjectAccess">, review: SubjectAccessReview): SubjectAccessRelease {
  const recipients = review.disclosures.filter((entry) => entry.decision.released);
  return {
    reference: review.request.reference,
    sui: review.request.sui,
    producedAt: review.producedAt,
    identity: review.identity
      .filter((fact) => fact.decision.released)
      .map((fact) => ({ kind: fact.kind, value: fact.value, sources: fact.sources.filter((source) => source.released).map(releasedSource) })),
    records: review.records
      .filter((record) => record.decision.released)
      .map((record) => ({
        recordType: record.source.recordType,
        source: releasedSource(record.source),
        // Released: INCLUDED, so its reference is there.
        agencyReference: record.agencyReference ?? "",
        fields: record.fields.filter((field) => field.decision.released).map((field) => ({ field: field.field, value: field.value })),
        rights: releasedRights(record),
      })),
    recipients: recipients.map((entry) => ({
      occurredAt: entry.occurredAt,
      agencyCode: entry.recipient.agencyCode,
      agencyName: entry.recipient.agencyName,
      agencyType: entry.recipient.agencyType,
      roles: entry.recipient.roles,
      purpose: entry.purpose,
      lawfulBasis: entry.lawfulBasis,
      categories: entry.releasedCategories,
    })),
    purposes: purposeStatements(policy, recipients.map((entry) => entry.purpose)),
    retention: review.retention,
    rights: review.rights,
  };
}

/**
 * Whether the release lists what this path carried: a field released (or, for an empty field or the
 * agency's reference, its record released); an address released; any identity fact of its kind that
 * the entry's records reported released. A path the hub cannot attribute is listed only once the IG
 * lead, having read the entry, included it.
 */
function pathReleased(path: DisclosedPath, decision: ItemDecision, released: ReadonlySet<string>): boolean {
  if (!path.attributed) return decision.outcome === ItemOutcome.INCLUDED;
  return path.listedWith.some((item) => released.has(item));
}

function exemptionView({ exemption: rule, decision: what }: AppliedExemption): ExemptionView {
  return { id: rule.id, title: rule.title, citation: rule.citation, decision: what };
}

function view(decision: ItemDecision, released: boolean): DecisionView {
  return {
    outcome: decision.outcome,
    exemptions: decision.exemptions.map(exemptionView),
    awaiting: decision.awaiting.map(exemptionView),
    healthOpinionRequired: decision.awaiting.some(({ exemption: rule }) => rule.review === ExemptionReview.HEALTH_PROFESSIONAL_OPINION),
    review: decision.review,
    released,
  };
}

function releasedSource(source: FactSource): ReleasedSource {
  return { agencyName: source.agencyName, agencyType: source.agencyType, recordedAt: source.recordedAt, receivedAt: source.receivedAt };
}

/** The general statement, then one for each purpose stated, in the order first stated. */
function purposeStatements(policy: Pick<PolicySet, "subjectAccess">, purposes: readonly (Purpose | null)[]): PurposeStatement[] {
  const { general, byPurpose } = policy.subjectAccess.purposes;
  const stated = unique(purposes.filter((purpose): purpose is Purpose => purpose !== null));
  return [{ purpose: null, statement: general }, ...stated.map((purpose) => ({ purpose, statement: byPurpose.get(purpose) ?? general }))];
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/**
 * What the person asked the agency to add or restrict goes back to them with the facts it is about: a
 * statement or restriction on a fact withheld from the release would point to that fact, so it goes
 * only with a released one (or with the record, for one on the whole record).
 */
function releasedRights(record: ReviewedRecord): HeldRights {
  const released = new Set(record.fields.filter((field) => field.decision.released).map((field) => field.field));
  const goes = ({ field }: { field: string | null }) => field === null || released.has(field);
  return { statements: record.rights.statements.filter(goes), restrictions: record.rights.restrictions.filter(goes) };
}
