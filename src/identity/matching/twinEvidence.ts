import jaroWinkler from "talisman/metrics/jaro-winkler";
import { JARO_WINKLER_MID, sharesPhoneticCode } from "./comparisonLevels";
import { type IdentityFacts } from "./comparisonVector";
import { type MatchProfile } from "./MatchProfile";
import { formalGivenName } from "./nicknames";
import { nameTokens } from "./normaliseName";
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
  /** The record's first given name reads as a slip of this child's: the child's is a name many children have, the record's almost none. */
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
  const recordFirst = nameTokens(facts.givenNames)[0];
  if (recordFirst === undefined) return { ...NO_EVIDENCE, siblingKnown };
  const childFirsts = profile.givenNames.map((name) => nameTokens(name)[0]).filter((token) => token !== undefined);
  const sameFirstName = childFirsts.some((token) => formalGivenName(token) === formalGivenName(recordFirst));
  const recordChildren = frequencies.children("givenNames", recordFirst);
  const spellingSlip = childFirsts.some((token) => {
    const children = frequencies.children("givenNames", token);
    const alike = sharesPhoneticCode(token, recordFirst) || jaroWinkler(token, recordFirst) >= JARO_WINKLER_MID;
    return alike && children >= ESTABLISHED_NAME_CHILDREN && recordChildren * SLIP_RARITY <= children;
  });
  return { siblingKnown, sameFirstName, spellingSlip };
}
