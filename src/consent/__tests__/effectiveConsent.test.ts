import { ConsentState } from "../../policy/ConsentState";
import { Purpose } from "../../policy/Purpose";
import { ChildCompetence } from "../ChildCompetence";
import { ConsentDeciders } from "../consentDeciders";
import { ConsentDecision, ConsentGiver } from "../ConsentRecord";
import { consentFact, effectiveConsent, type ConsentFact, type StoredConsentDecision } from "../effectiveConsent";

const EARLY_HELP = Purpose.EARLY_HELP;
const MOTHER = "6f1c2f0e-0000-4000-8000-000000000001";
const FATHER = "6f1c2f0e-0000-4000-8000-000000000002";

let clock = Date.parse("2026-10-01T09:00:00Z");
/** Each decision an hour after the last, so the order they are written in is the order they were recorded. */
function decided(stored: Partial<StoredConsentDecision> & Pick<StoredConsentDecision, "givenBy" | "decision">): ConsentFact {
  clock += 3_600_000;
  return consentFact({ competence: null, adultId: null, legacyGiverDescription: null, purposes: [EARLY_HELP], recordedAt: new Date(clock), ...stored });
}
const child = (decision: ConsentDecision, competence: ChildCompetence) => decided({ givenBy: ConsentGiver.CHILD, competence, decision });
const parent = (adultId: string, decision: ConsentDecision) => decided({ givenBy: ConsentGiver.PERSON_WITH_PARENTAL_RESPONSIBILITY, adultId, decision });
const unkeyedParent = (description: string, decision: ConsentDecision) => decided({ givenBy: ConsentGiver.PERSON_WITH_PARENTAL_RESPONSIBILITY, legacyGiverDescription: description, decision });

/** Every order of the facts: the answer turns on when each was recorded, never on the order it arrives in. */
function inEveryOrder(facts: ConsentFact[]): ConsentFact[][] {
  if (facts.length <= 1) return [facts];
  return facts.flatMap((fact, i) => inEveryOrder([...facts.slice(0, i), ...facts.slice(i + 1)]).map((rest) => [fact, ...rest]));
}

function expectState(facts: ConsentFact[], state: ConsentState): void {
  for (const order of inEveryOrder(facts)) expect(effectiveConsent(order, EARLY_HELP, ConsentDeciders.CHILD_OR_PARENT)).toBe(state);
}

describe("a competent child's decision governs", () => {
  test("a competent child's refusal does not give way to a parent's later consent", () => {
    expectState([child(ConsentDecision.REFUSED, ChildCompetence.ASSESSED_COMPETENT), parent(MOTHER, ConsentDecision.GIVEN)], ConsentState.REFUSED);
  });

  test("nor to both parents' later consent, nor for a child presumed competent at 16", () => {
    expectState([child(ConsentDecision.REFUSED, ChildCompetence.PRESUMED), parent(MOTHER, ConsentDecision.GIVEN), parent(FATHER, ConsentDecision.GIVEN)], ConsentState.REFUSED);
  });

  test("a competent child's consent stands against a parent's later refusal", () => {
    expectState([child(ConsentDecision.GIVEN, ChildCompetence.CONFIRMED_BY_MANAGER), parent(FATHER, ConsentDecision.REFUSED)], ConsentState.GIVEN);
  });

  test("the child's latest decision is the one that governs", () => {
    expectState([child(ConsentDecision.GIVEN, ChildCompetence.ASSESSED_COMPETENT), parent(MOTHER, ConsentDecision.GIVEN), child(ConsentDecision.WITHDRAWN, ChildCompetence.ASSESSED_COMPETENT)], ConsentState.WITHDRAWN);
    expectState([child(ConsentDecision.REFUSED, ChildCompetence.ASSESSED_COMPETENT), child(ConsentDecision.GIVEN, ChildCompetence.PRESUMED)], ConsentState.GIVEN);
  });

  test("a child's view that is not found competent does not govern", () => {
    for (const competence of [ChildCompetence.NOT_ASSESSED, ChildCompetence.ASSESSED_NOT_COMPETENT, ChildCompetence.NOT_CONFIRMED, ChildCompetence.AGE_UNKNOWN]) {
      expectState([parent(MOTHER, ConsentDecision.GIVEN), child(ConsentDecision.REFUSED, competence)], ConsentState.GIVEN);
    }
  });

  test("a later view that is not competent does not undo a competent decision", () => {
    expectState([child(ConsentDecision.REFUSED, ChildCompetence.ASSESSED_COMPETENT), child(ConsentDecision.GIVEN, ChildCompetence.NOT_ASSESSED), parent(MOTHER, ConsentDecision.GIVEN)], ConsentState.REFUSED);
  });
});

describe("otherwise one person with parental responsibility suffices", () => {
  test("one parent's consent is enough while the other refuses", () => {
    expectState([parent(MOTHER, ConsentDecision.GIVEN), parent(FATHER, ConsentDecision.REFUSED)], ConsentState.GIVEN);
  });

  test("a parent's later decision replaces only their own earlier one", () => {
    expectState([parent(MOTHER, ConsentDecision.GIVEN), parent(MOTHER, ConsentDecision.WITHDRAWN)], ConsentState.WITHDRAWN);
    expectState([parent(MOTHER, ConsentDecision.GIVEN), parent(FATHER, ConsentDecision.GIVEN), parent(MOTHER, ConsentDecision.WITHDRAWN)], ConsentState.GIVEN);
  });

  test("decisions are keyed by the adult, however the recorder would have described them", () => {
    const gave = parent(MOTHER, ConsentDecision.GIVEN);
    const withdrew = parent(MOTHER, ConsentDecision.WITHDRAWN);
    expect(gave.giverKey).toBe(withdrew.giverKey);
    expectState([gave, withdrew], ConsentState.WITHDRAWN);
  });

  test("nothing recorded for the purpose", () => {
    expect(effectiveConsent([], EARLY_HELP, ConsentDeciders.CHILD_OR_PARENT)).toBe(ConsentState.NOT_RECORDED);
    expect(effectiveConsent([parent(MOTHER, ConsentDecision.GIVEN)], Purpose.CHILD_IN_NEED_ASSESSMENT, ConsentDeciders.CHILD_OR_PARENT)).toBe(ConsentState.NOT_RECORDED);
  });
});

describe("a parent's decision from before consent was keyed by the adult", () => {
  test("its consent counts for nothing: nothing shows a person with parental responsibility gave it", () => {
    expectState([unkeyedParent("aunt's friend", ConsentDecision.GIVEN)], ConsentState.NOT_RECORDED);
  });

  test("its refusal still stands until someone with parental responsibility consents", () => {
    expectState([unkeyedParent("mum", ConsentDecision.REFUSED)], ConsentState.REFUSED);
    expectState([unkeyedParent("mum", ConsentDecision.REFUSED), parent(FATHER, ConsentDecision.GIVEN)], ConsentState.GIVEN);
  });

  test("a later consent under the same description ends its own earlier refusal without counting as consent", () => {
    expectState([unkeyedParent("Mum", ConsentDecision.REFUSED), unkeyedParent("mum ", ConsentDecision.GIVEN)], ConsentState.NOT_RECORDED);
  });
});
