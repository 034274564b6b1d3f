/** Trims and folds runs of white space; case is kept as the agency gave it. */
export function tidyName(raw: string): string {
  return raw.replace(/\s+/g, " ").trim();
}

/** Two spellings are the same name when they differ only in case and spacing. */
export function sameName(a: { givenNames: string; familyName: string }, b: { givenNames: string; familyName: string }): boolean {
  const key = (n: { givenNames: string; familyName: string }) => `${tidyName(n.givenNames)}|${tidyName(n.familyName)}`.toLowerCase();
  return key(a) === key(b);
}
