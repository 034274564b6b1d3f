/**
 * Common English given-name short forms and the formal names they stand for, so "Bill" on a police
 * record and "William" on a GP record compare as the same given name. Deliberately conservative: a
 * short form listed under two formal names (e.g. "Alex") maps to neither, because equating them would
 * manufacture matches between different children.
 */
const FORMAL_NAMES: Record<string, string[]> = {
  william: ["will", "bill", "billy", "liam", "willie"],
  robert: ["rob", "bob", "bobby", "robbie", "bert"],
  richard: ["rich", "rick", "ricky", "dick"],
  james: ["jim", "jimmy", "jamie"],
  thomas: ["tom", "tommy"],
  joseph: ["joe", "joey"],
  daniel: ["dan", "danny"],
  michael: ["mike", "mikey", "mick"],
  edward: ["ed", "eddie", "ted", "teddy", "ned"],
  charles: ["charlie", "chas", "chuck"],
  benjamin: ["ben", "benny", "benji"],
  matthew: ["matt", "matty"],
  christopher: ["chris", "kit"],
  nicholas: ["nick", "nicky"],
  anthony: ["tony"],
  samuel: ["sam", "sammy"],
  jonathan: ["jon", "jonny"],
  henry: ["harry", "hal"],
  frederick: ["fred", "freddie", "freddy"],
  katherine: ["kate", "katie", "kathy", "kath", "kitty"],
  elizabeth: ["liz", "lizzie", "beth", "betty", "eliza", "libby"],
  margaret: ["maggie", "meg", "peggy"],
  rebecca: ["becky", "becca"],
  jennifer: ["jen", "jenny"],
  victoria: ["vicky", "tori"],
  abigail: ["abbie", "abby"],
  olivia: ["liv", "livvy"],
  isabella: ["bella", "izzy"],
  charlotte: ["lottie", "charlie"],
  eleanor: ["ellie", "nell", "nelly"],
  susan: ["sue", "suzy"],
  deborah: ["debbie", "deb"],
  patricia: ["pat", "patty", "trish"],
  alexandra: ["sasha", "lexi"],
};

const SHORT_TO_FORMAL = new Map<string, string>();
const AMBIGUOUS = new Set<string>();
for (const [formal, shorts] of Object.entries(FORMAL_NAMES)) {
  for (const short of shorts) {
    if (SHORT_TO_FORMAL.has(short) && SHORT_TO_FORMAL.get(short) !== formal) AMBIGUOUS.add(short);
    SHORT_TO_FORMAL.set(short, formal);
  }
}
for (const short of AMBIGUOUS) SHORT_TO_FORMAL.delete(short);

/** The formal name a normalised given-name token stands for, or the token itself. */
export function formalGivenName(token: string): string {
  return SHORT_TO_FORMAL.get(token) ?? token;
}
