import { type DateLevel } from "../matching/comparisonLevels";
import { type IdentityFacts } from "../matching/comparisonVector";
import { decideLink, LinkBand, type ScoredCandidate } from "../matching/decideLink";
import { type MatchWeights, type Score } from "../matching/matchWeights";
import { type NationalIdentifierScheme } from "../../people/NationalIdentifierScheme";
import { type AdultLinkEvidence, type IdentifierAgreement } from "./AdultLinkEvidence";
import { scoreAdult, type AdultProfile } from "./adultProfiles";

export interface NationalIdentifier {
  scheme: NationalIdentifierScheme;
  value: string;
}

/** A person an agency reported, as the matcher sees them. */
export interface ReportedPerson {
  facts: IdentityFacts;
  identifiers: readonly NationalIdentifier[];
}

export interface ProposedAdult {
  adultId: string;
  evidence: AdultLinkEvidence;
}

export type AdultLinkDecision =
  /** The person is this adult: by a national identifier they hold, or by the matcher alone. */
  | { kind: "LINK"; method: "IDENTIFIER" | "PROBABILISTIC"; adult: ProposedAdult }
  /** A person the hub did not know, or cannot tell: a new adult, with a review for a steward per plausible candidate. */
  | { kind: "NEW"; reviews: ProposedAdult[]; rule: string };

/** Dates of birth that are the same date, or the same date misrecorded. */
const SAME_DATE = new Set<DateLevel | "MISSING">(["EXACT", "DAY_MONTH_SWAPPED", "ONE_DIGIT", "ONE_DAY_APART"]);
/** Given names that are the person's in some form: the name, a known short form, a spelling of it. */
const OWN_GIVEN_NAME = new Set<string>(["EXACT", "EQUIVALENT", "PHONETIC", "JARO_WINKLER_HIGH"]);

function agreement(person: ReportedPerson, profile: AdultProfile): Partial<Record<NationalIdentifierScheme, IdentifierAgreement>> {
  const result: Partial<Record<NationalIdentifierScheme, IdentifierAgreement>> = {};
  for (const { scheme, value } of person.identifiers) {
    const held = profile.identifiers.get(scheme);
    if (held !== undefined) result[scheme] = held.has(value) ? "AGREE" : "DISAGREE";
  }
  return result;
}

function proposal(weights: MatchWeights, person: ReportedPerson, profile: AdultProfile, score: Score, rule: string): ProposedAdult {
  return {
    adultId: profile.adultId,
    evidence: { score: score.score, levels: score.levels, fieldWeights: score.fieldWeights, identifiers: agreement(person, profile), weightsVersion: weights.version, rule },
  };
}

/**
 * Who a reported person is, among the adults sharing a blocking key or a national identifier with them
 * (HUB.md §8, for adults):
 *
 * 1. A national identifier (NHS number, prison number, PNC id, probation CRN) the hub holds for one
 *    adult links the person to that adult when the rest of the identity corroborates it: the same date
 *    of birth (or the same date misrecorded: swapped, a digit or a day out) and the adult's given name in
 *    some form (the name, a short form, a spelling of it). A number without a date of birth, with another
 *    date or another first name, or with another value of an identifier scheme the adult holds is for a
 *    steward (another person's number typed in, or used to reach the adult's children's files). A
 *    family name may change (marriage, a new name in prison). Identifiers naming several adults are for
 *    a steward.
 * 2. Otherwise the children's matcher decides, with its thresholds and guards (ambiguity, given names,
 *    a twin's or sibling's name and date), on names, date of birth, sex and postcode; a candidate holding
 *    another value of an identifier the person gives is never linked without a steward.
 *
 * Whatever a steward is asked, the person becomes an adult of their own until they decide: nothing of
 * one reaches the other's agencies on a guess.
 */
export function decideAdultLink(weights: MatchWeights, person: ReportedPerson, candidates: readonly AdultProfile[]): AdultLinkDecision {
  const holding = candidates.filter((profile) => person.identifiers.some(({ scheme, value }) => profile.identifiers.get(scheme)?.has(value) === true));
  if (holding.length > 1) {
    return { kind: "NEW", rule: "identifiers-name-several-adults", reviews: holding.map((profile) => proposal(weights, person, profile, scoreAdult(weights, person.facts, profile), "identifiers-name-several-adults")) };
  }
  const [held] = holding;
  if (held !== undefined) {
    const score = scoreAdult(weights, person.facts, held);
    const conflicting = Object.values(agreement(person, held)).includes("DISAGREE");
    // An identifier is someone's only with their date of birth and their given name: a number alone
    // (typed wrong, or known to someone who wants the person's children's files) is for a steward.
    const corroborated = SAME_DATE.has(score.levels.dateOfBirth) && OWN_GIVEN_NAME.has(score.levels.givenNames);
    if (conflicting || !corroborated) {
      const rule = conflicting ? "identifier-conflicts" : "identifier-uncorroborated";
      return { kind: "NEW", rule, reviews: [proposal(weights, person, held, score, rule)] };
    }
    return { kind: "LINK", method: "IDENTIFIER", adult: proposal(weights, person, held, score, "national-identifier") };
  }

  const scored = candidates.map((profile) => ({ profile, score: scoreAdult(weights, person.facts, profile) }));
  const byId = new Map(scored.map((entry) => [entry.profile.adultId, entry]));
  const decision = decideLink(scored.map(({ profile, score }): ScoredCandidate => ({ childId: profile.adultId, ...score })), weights.thresholds);
  const propose = (candidate: ScoredCandidate, rule: string) => {
    const entry = byId.get(candidate.childId) as { profile: AdultProfile; score: Score };
    return proposal(weights, person, entry.profile, entry.score, rule);
  };
  if (decision.band === LinkBand.AUTO_LINK && decision.chosen !== null) {
    const chosen = propose(decision.chosen, decision.rule);
    if (Object.values(chosen.evidence.identifiers).includes("DISAGREE")) return { kind: "NEW", rule: "identifier-conflicts", reviews: [{ ...chosen, evidence: { ...chosen.evidence, rule: "identifier-conflicts" } }] };
    return { kind: "LINK", method: "PROBABILISTIC", adult: chosen };
  }
  return { kind: "NEW", rule: decision.rule, reviews: decision.reviewCandidates.map((candidate) => propose(candidate, decision.rule)) };
}
