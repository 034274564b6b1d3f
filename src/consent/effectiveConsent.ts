import { ConsentState } from "../policy/ConsentState";
import { type Purpose } from "../policy/Purpose";
import { ConsentDecision, ConsentGiver } from "./ConsentRecord";

export interface ConsentFact {
  givenBy: ConsentGiver;
  childCompetent: boolean;
  /** Identifies the person with parental responsibility (their adult id or description). */
  giverKey: string;
  decision: ConsentDecision;
  purposes: readonly Purpose[];
  recordedAt: Date;
}

/** A stored consent decision as `effectiveConsent` weighs it: each person with PR keyed by their description. */
export function consentFact(decision: { givenBy: ConsentGiver; childCompetent: boolean; giverDescription: string | null; decision: ConsentDecision; purposes: readonly Purpose[]; recordedAt: Date }): ConsentFact {
  return {
    givenBy: decision.givenBy,
    childCompetent: decision.childCompetent,
    giverKey: (decision.giverDescription ?? "child").toLowerCase(),
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
 * The consent that governs sharing for one purpose (DOMAIN rule 3). A competent child decides for
 * themself even when a parent disagrees: their latest decision governs. Otherwise one person with
 * parental responsibility suffices: if any of them, in their latest decision, consents, consent is
 * given; if none does, the latest refusal or withdrawal stands. A non-competent child's own view is
 * recorded but does not govern.
 */
export function effectiveConsent(facts: readonly ConsentFact[], purpose: Purpose): ConsentState {
  const relevant = facts.filter((fact) => fact.purposes.includes(purpose)).sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());
  const competentChild = relevant.filter((fact) => fact.givenBy === ConsentGiver.CHILD && fact.childCompetent).at(-1);
  if (competentChild) return STATE_OF[competentChild.decision];

  const latestByParent = new Map<string, ConsentFact>();
  for (const fact of relevant) {
    if (fact.givenBy === ConsentGiver.PERSON_WITH_PARENTAL_RESPONSIBILITY) latestByParent.set(fact.giverKey, fact);
  }
  const decisions = [...latestByParent.values()].sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());
  if (decisions.some((fact) => fact.decision === ConsentDecision.GIVEN)) return ConsentState.GIVEN;
  const latest = decisions.at(-1);
  return latest ? STATE_OF[latest.decision] : ConsentState.NOT_RECORDED;
}
