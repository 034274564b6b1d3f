import { type PostcodeKeying } from "../identity/matching/blockingKeys";
import { NESTED_LEVELS, type CandidateComparison } from "../policy/CandidateComparison";
import { type ComparisonsShown } from "./comparisonsShown";
import { type CandidateQuery } from "./findCandidates";
import { type CriteriaField } from "./SearchCriteria";

/**
 * What each criterion says about the child, as the comparisons of `policies/search.yaml`
 * `candidateComparisons`: free address text speaks of the postcode written in it and of a first line.
 * An SUI or an agency's reference names a child rather than describing one: no comparison.
 */
export const SPEAKS_OF: Readonly<Record<CriteriaField, readonly CandidateComparison[]>> = {
  givenNames: ["givenNames"],
  familyName: ["familyName"],
  dateOfBirth: ["dateOfBirth"],
  sex: ["sex"],
  postcode: ["postcode"],
  address: ["postcode", "address"],
  sui: [],
  agencyReference: [],
};

/** The postcode levels blocking keys exist at (`identity/matching/blockingKeys`), finest first. */
const KEYED_LEVELS: readonly (Exclude<PostcodeKeying, "NONE">)[] = ["UNIT", "DISTRICT"];

/** The finest keyed level no finer than `finest` (null: as compared, the unit). */
function postcodeKeying(finest: string | null): PostcodeKeying {
  if (finest === null) return "UNIT";
  const nested = NESTED_LEVELS.postcode;
  return KEYED_LEVELS.find((level) => nested.indexOf(level) >= nested.indexOf(finest)) ?? "NONE";
}

/** A criterion the searcher gave about a detail the policy shows them nothing of. */
export interface CriterionNotShown {
  field: CriteriaField;
}

/**
 * The query a searcher may search by: each criterion only as far as the policy shows them the candidate
 * detail it speaks of — the same data, and the same decision, as their `why` (`comparisonsShown.ts`).
 * A criterion finds, ranks and counts candidates as surely as a `why` level describes them: a child
 * found only through a typed full postcode is a child known at that postcode. So a postcode shown as
 * its district finds by the district alone (its unit keys are not probed, and its level is reported and
 * weighed as the district), and a first line is compared only where the policy shows an address that
 * finely. A criterion of which nothing is usable — a detail the searcher is not shown at all (police in
 * a MASH: any postcode or address), or free address text with no postcode — or beside a postcode given
 * on its own, which is searched instead of the text's — for a searcher shown only the district — is
 * refused (`notShown`), never silently dropped: the searcher would otherwise believe it
 * searched by it.
 */
export function criteriaShown(query: CandidateQuery, given: readonly CriteriaField[], shown: ComparisonsShown): { query: CandidateQuery } | { notShown: CriterionNotShown } {
  // Free address text is usable for what it gives that the searcher is shown: its first line, and its
  // postcode unless a postcode is given on its own (that one is searched: `candidateQuery`).
  const inText: Partial<Record<CandidateComparison, boolean>> = { postcode: (query.address?.postcode ?? null) !== null && !given.includes("postcode"), address: (query.address?.line ?? "") !== "" };
  const usable = (comparison: CandidateComparison, field: CriteriaField) => shown.has(comparison) && (field !== "address" || inText[comparison] === true);
  const refused = given.find((field) => SPEAKS_OF[field].length > 0 && !SPEAKS_OF[field].some((comparison) => usable(comparison, field)));
  if (refused !== undefined) return { notShown: { field: refused } };
  const postcodeShown = shown.has("postcode");
  return {
    query: {
      ...query,
      facts: { ...query.facts, postcode: postcodeShown ? query.facts.postcode : null },
      address: shown.has("address") ? query.address : null,
      postcodeKeying: postcodeShown ? postcodeKeying(shown.get("postcode") ?? null) : "NONE",
    },
  };
}
