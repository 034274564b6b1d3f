import doubleMetaphone from "talisman/phonetics/double-metaphone";

/** Names repeat endlessly across a batch and its candidates: their codes are worked out once. */
const MAX_CACHED = 50_000;
const cache = new Map<string, readonly [string, string]>();

/** The primary and alternate Double Metaphone codes of a compact, normalised name. */
export function doubleMetaphoneCodes(word: string): readonly [string, string] {
  const known = cache.get(word);
  if (known !== undefined) return known;
  if (cache.size >= MAX_CACHED) cache.clear();
  const codes = doubleMetaphone(word);
  cache.set(word, codes);
  return codes;
}
