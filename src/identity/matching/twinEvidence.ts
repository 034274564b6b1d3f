import { type IdentityFacts } from "./comparisonVector";
import { type MatchProfile } from "./MatchProfile";
import { formalGivenName } from "./nicknames";
import { firstGivenName } from "./normaliseName";
import { type TermFrequencies } from "./termFrequencies";

/**
 * What says whether a record whose given name is only alike a child's could be about the child's twin
 * (`decideLink.ts`): twins share a family name, a date of birth and an address, and differ only in their
 * given names.
 */
export interface TwinEvidence {
  /** The hub knows another child born the same day with this child's family name or address. */
  siblingKnown: boolean;
  /** The record's first given name is this child's, exactly or as a known short form: only a middle name differs. */
  sameFirstName: boolean;
  /**
   * The record's first given name reads as a slip of this child's: one letter substituted, inserted,
   * deleted or swapped with the next, and the child's a name many children have, the record's almost none.
   */
  spellingSlip: boolean;
}

/** A first given name this many children have is a name in use, not a slip of the keyboard. */
export const ESTABLISHED_NAME_CHILDREN = 20;
/** A slip is at least this many times rarer than the name it is a slip of. */
export const SLIP_RARITY = 20;

const NO_EVIDENCE: TwinEvidence = { siblingKnown: false, sameFirstName: false, spellingSlip: false };

/**
 * The twin evidence for a record against one candidate child. "Fredie" against "Freddie" is a slip
 * when the hub holds many Freddies and (almost) no Fredie; "Eva" against "Ava" is not, since both are
 * names in use: it could be Ava's twin. In a hub with few children no name is established, so no
 * difference is taken for a slip.
 */
export function twinEvidence(facts: IdentityFacts, profile: MatchProfile, frequencies: TermFrequencies, siblingKnown: boolean): TwinEvidence {
  const recordFirst = firstGivenName(facts.givenNames);
  if (recordFirst === null) return { ...NO_EVIDENCE, siblingKnown };
  const childFirsts = profile.givenNames.map(firstGivenName).filter((name) => name !== null);
  const sameFirstName = childFirsts.some((name) => formalGivenName(name) === formalGivenName(recordFirst));
  const recordChildren = frequencies.children("givenNames", recordFirst);
  const spellingSlip = childFirsts.some((name) => {
    const children = frequencies.children("givenNames", name);
    return oneEditApart(name, recordFirst) && children >= ESTABLISHED_NAME_CHILDREN && recordChildren * SLIP_RARITY <= children;
  });
  return { siblingKnown, sameFirstName, spellingSlip };
}

/** One slip of the keyboard apart: a letter substituted, inserted or deleted, or two neighbours swapped. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const restA = a.slice(start, endA);
  const restB = b.slice(start, endB);
  if (restA.length <= 1 && restB.length <= 1) return true;
  return restA.length === 2 && restB.length === 2 && restA[0] === restB[1] && restA[1] === restB[0];
}
