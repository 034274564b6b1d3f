import { ConsentState } from "../policy/ConsentState";
import { type Purpose } from "../policy/Purpose";
import { type ChildCompetence, isCompetent } from "./ChildCompetence";
import { ConsentDeciders } from "./consentDeciders";
import { ConsentDecision, ConsentGiver } from "./ConsentRecord";

export interface ConsentFact {
  givenBy: ConsentGiver;
  childCompetent: boolean;
  /** Who decided: the child, or the adult with parental responsibility (by the hub's adult id). */
  giverKey: string;
  /**
   * A parent's decision from before consent was keyed by the adult, which could be tied to no adult
   * the hub holds with parental responsibility for the child.
   */
  unkeyed: boolean;
  decision: ConsentDecision;
  purposes: readonly Purpose[];
  recordedAt: Date;
}

/** A stored consent decision, in the entity's terms, as `effectiveConsent` weighs it. */
export interface StoredConsentDecision {
  givenBy: ConsentGiver;
  competence: ChildCompetence | null;
  adultId: string | null;
  legacyGiverDescription: string | null;
  decision: ConsentDecision;
  purposes: readonly Purpose[];
  recordedAt: Date;
}

export function consentFact(decision: StoredConsentDecision): ConsentFact {
  const child = decision.givenBy === ConsentGiver.CHILD;
  const unkeyed = !child && decision.adultId === null;
  return {
    givenBy: decision.givenBy,
    childCompetent: child && isCompetent(decision.competence),
    giverKey: child ? "child" : unkeyed ? `unkeyed:${(decision.legacyGiverDescription ?? "").trim().toLowerCase()}` : `adult:${decision.adultId}`,
    unkeyed,
    decision: decision.decision,
    purposes: decision.purposes,
    recordedAt: decision.recordedAt,
  };
}

const STATE_OF: Record<ConsentDecision, ConsentState> = {
  [ConsentDecision.GIVEN]: ConsentState.GIVEN,
  [ConsentDecision.REFUSED]: ConsentState.REFUSED,
  [ConsentDecision.WITHDRAWN]: ConsentState.WITHDRAWN,
};

/**
 * The consent that governs sharing for one purpose (DOMAIN rule 3), given who decides for the child
 * today (`consentDeciders`). A competent child decides for themself even when a parent disagrees,
 * earlier or later: their latest decision governs. A young person at or over the age of presumed
 * capacity decides alone: without a competent decision of their own, consent is not given, whatever a
 * parent said. Below that age one person with parental responsibility suffices when the child has no
 * competent decision on record: if any of them, in their latest decision, consents, consent is given; if
 * none does, the latest refusal or withdrawal stands. A non-competent child's own view is recorded but
 * does not govern.
 *
 * An unkeyed parent's decision (recorded before the hub tied consent to the adult) cannot show that a
 * person with parental responsibility gave it: its consent counts for nothing, but its refusal or
 * withdrawal still stands, so re-keying the history never opens sharing a parent refused.
 */
export function effectiveConsent(facts: readonly ConsentFact[], purpose: Purpose, deciders: ConsentDeciders): ConsentState {
  const relevant = facts.filter((fact) => fact.purposes.includes(purpose)).sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());
  const competentChild = relevant.filter((fact) => fact.givenBy === ConsentGiver.CHILD && fact.childCompetent).at(-1);
  if (competentChild) return STATE_OF[competentChild.decision];
  if (deciders === ConsentDeciders.YOUNG_PERSON) return ConsentState.NOT_RECORDED;

  const latestByParent = new Map<string, ConsentFact>();
  for (const fact of relevant) {
    if (fact.givenBy === ConsentGiver.PERSON_WITH_PARENTAL_RESPONSIBILITY) latestByParent.set(fact.giverKey, fact);
  }
  const decisions = [...latestByParent.values()]
    .filter((fact) => !(fact.unkeyed && fact.decision === ConsentDecision.GIVEN))
    .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());
  if (decisions.some((fact) => fact.decision === ConsentDecision.GIVEN)) return ConsentState.GIVEN;
  const latest = decisions.at(-1);
  return latest ? STATE_OF[latest.decision] : ConsentState.NOT_RECORDED;
}
