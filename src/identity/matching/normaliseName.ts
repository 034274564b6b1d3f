import { formalGivenName } from "./nicknames";

/**
 * A name as the matcher compares it: Unicode compatibility-decomposed with accents removed
 * ("Zoë" → "zoe"), lower case, apostrophes dropped ("O'Brien" → "obrien"), hyphens and other
 * punctuation as spaces ("Smith-Jones" → "smith jones"), white space folded. Never stored back: the
 * record keeps the name as the agency wrote it.
 */
export function normaliseName(raw: string): string {
  return raw
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’`]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export function nameTokens(raw: string): string[] {
  const normalised = normaliseName(raw);
  return normalised === "" ? [] : normalised.split(" ");
}

/**
 * Given names in a form that ignores their order and short forms: "Bill James" and "James William"
 * give the same key. Used as a comparison level, never to correct a record.
 */
export function givenNamesKey(raw: string): string {
  return nameTokens(raw).map(formalGivenName).sort().join(" ");
}

/**
 * The first given name, normalised, with a hyphenated name kept whole: "Sienna-Rose Eliza" is
 * "siennarose", a name of its own beside a sister's "Sienna". Null when there is none.
 */
export function firstGivenName(raw: string): string | null {
  const first = raw.trim().split(/\s+/)[0] ?? "";
  return normaliseName(first).replace(/ /g, "") || null;
}
