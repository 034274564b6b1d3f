import { addDays, DEMO_REFERENCE_DATE } from "../../src/demo/demoCalendar";
import { seededRandom, type SeededRandom } from "../../src/demo/seededRandom";
import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { Sex } from "../../src/people/Sex";

/**
 * The registry a record-linkage benchmark links against: children who already have a child file in
 * the hub, in households that share a family name and a postcode. Common names are what make linkage
 * hard, so names follow a skewed frequency (a few "Smith"s and "Olivia"s everywhere, a long tail of
 * rare ones), and many children share a postcode district and sector.
 */

export type RegisteredSex = typeof Sex.MALE | typeof Sex.FEMALE;

/** Who a child is, as the benchmark's ground truth knows them before any agency mistypes anything. */
export interface ChildIdentity {
  givenNames: string;
  familyName: string;
  /** YYYY-MM-DD; the child is 0–17 on `REFERENCE_DATE`. */
  dateOfBirth: string;
  sex: RegisteredSex;
  postcode: string;
}

export interface RegistryChild extends ChildIdentity {
  /** The benchmark's identity for the person; incoming records name it as their truth. */
  entityId: number;
  /** A valid NHS number from the 999 test range, unique in the registry. */
  sui: string;
  /** Siblings and twins share it, with the family name and the postcode. */
  householdId: number;
}

/** The day ages are counted from: the demo data set's "today". */
export const REFERENCE_DATE = DEMO_REFERENCE_DATE;

/**
 * How many registry children can have a SUI: the NHS reserves only the 999 range for testing, and of
 * its 1,000,000 nine-digit stems one in eleven has no valid check digit (and 9999999999 is a repeated
 * digit). A number outside the range could be a real child's, so the registry never goes beyond it.
 */
export const SYNTHETIC_SUI_CAPACITY = 909_090;

/** Share of registry children who are one of a pair of twins. */
export const TWIN_SHARE = 0.015;
/** Share of pairs of twins whose first given names are close spellings of each other (Ava and Eva). */
export const CLOSE_NAMED_TWIN_SHARE = 0.2;

/**
 * Twins' names a spelling apart, each name on the lists in its own right: the hard case for a matcher,
 * since a record about one twin with a one-letter slip reads as the other's name.
 */
export const CLOSE_NAMED_TWINS: Readonly<Record<RegisteredSex, readonly (readonly [string, string])[]>> = {
  MALE: [["Leo", "Leon"], ["Louis", "Louie"], ["Alfie", "Albie"], ["Conor", "Connor"], ["Harry", "Harley"]],
  FEMALE: [["Ava", "Eva"], ["Isabella", "Isabelle"], ["Amelia", "Amelie"], ["Lara", "Laura"], ["Carys", "Cerys"], ["Ella", "Bella"], ["Mia", "Maya"]],
};

/** The close-spelt twin name of `firstName`, if it is one of a pair. */
export function closeNamedTwin(firstName: string, sex: RegisteredSex): string | null {
  for (const [a, b] of CLOSE_NAMED_TWINS[sex]) {
    if (a === firstName) return b;
    if (b === firstName) return a;
  }
  return null;
}

/**
 * Families by number of children (1–4). Only those aged 0–17 are in the registry, so households there
 * come out smaller: about 47% with one child, 36% two, 13% three and 4% four.
 */
const FAMILY_SIZE_WEIGHTS = [0.32, 0.4, 0.19, 0.09] as const;
const MIDDLE_NAME_SHARE = 0.6;
const MALE_SHARE = 0.51;
const DOUBLE_BARRELLED_SHARE = 0.02;
/** The common surnames together; Zipf within them puts "Smith" near 2% of children, as in England. */
const COMMON_SURNAME_SHARE = 0.3;

const YEAR_DAYS = 365;
const SIBLING_GAP_DAYS = { min: YEAR_DAYS, max: 4 * YEAR_DAYS } as const;

// Given names roughly in order of popularity in England and Wales; the weights fall off with rank. The
// short forms (Harry, Libby, Sam…) are names in their own right and give the nickname noise its pairs.
const BOYS_GIVEN_NAMES = [
  "Noah", "Muhammad", "Oliver", "George", "Leo", "Arthur", "Oscar", "Harry", "Theodore", "Henry", "Archie", "Jack",
  "Freddie", "Charlie", "Theo", "Alfie", "Finley", "Thomas", "Jacob", "Lucas", "William", "Isaac", "Arlo", "Roman",
  "Teddy", "Tommy", "Albie", "Edward", "Joshua", "Luca", "Hugo", "Reuben", "Elijah", "Max", "James", "Ezra", "Jude",
  "Rory", "Sonny", "Mason", "Jaxon", "Ronnie", "Louie", "Toby", "Harrison", "Frankie", "Jesse", "Finn", "Ethan",
  "Louis", "Hunter", "Samuel", "Joseph", "Dylan", "Oakley", "Daniel", "Alexander", "Otis", "Benjamin", "Caleb",
  "Ralph", "Ellis", "Bobby", "Riley", "Harvey", "Elliot", "Reggie", "Logan", "Ollie", "Mohammed", "Jasper", "Grayson",
  "Carter", "Michael", "Rowan", "Felix", "Ezekiel", "Stanley", "Adam", "Zachary", "Chester", "Jenson", "Bodhi",
  "Rupert", "Sebastian", "Kai", "Ibrahim", "Ayaan", "Jackson", "Rafael", "Ted", "Brody", "Tobias", "Milo", "Gabriel",
  "Yusuf", "Nathan", "Aaron", "Matthew", "Ryan", "Liam", "Tyler", "Callum", "Owen", "Kieran", "Jayden", "Connor",
  "Lewis", "Jamie", "Cameron", "Kyle", "Jordan", "Bradley", "Declan", "Christopher", "Nicholas", "Anthony", "Jonathan",
  "Robert", "Richard", "Charles", "Frederick", "Sam", "Ben", "Joe", "Danny", "Billy", "Robbie", "Luke", "Jake",
  "Nathaniel", "Aidan", "Patrick", "Sean", "Conor", "Dominic", "Vincent", "Mark", "Peter", "Paul", "Simon", "Andrew",
  "Stephen", "David", "Hamza", "Ali", "Omar", "Yahya", "Zayn", "Ismail", "Musa", "Idris", "Ayan", "Arjun", "Krish",
  "Rohan", "Aarav", "Dev", "Kacper", "Jakub", "Szymon", "Filip", "Mateo", "Leon", "Austin", "Blake", "Brandon",
  "Corey", "Ashton", "Marcus", "Malachi", "Kian", "Cody", "Alex", "Spencer", "Morgan", "Bailey", "Hayden", "Dexter",
  "Rocco", "Albert", "Alfred", "Ernest", "Mikey", "Eddie", "Harley", "Kayden", "Zack", "Tristan", "Josiah", "Levi",
  "Isaiah", "Nico", "Enzo", "Tomas", "Oskar", "Nikola", "Ivan", "Mustafa", "Adnan", "Bilal", "Junaid", "Tariq",
  "Will", "Tom", "Matty", "Jimmy", "Nicky", "Tony", "Jonny", "Ricky", "Bill", "Bob", "Freddy", "Kit", "Ned",
] as const;

const GIRLS_GIVEN_NAMES = [
  "Olivia", "Amelia", "Isla", "Lily", "Ava", "Freya", "Ivy", "Florence", "Willow", "Isabella", "Mia", "Elsie",
  "Sophia", "Evie", "Grace", "Poppy", "Sienna", "Ella", "Daisy", "Rosie", "Evelyn", "Ruby", "Millie", "Phoebe",
  "Emily", "Sofia", "Harper", "Matilda", "Maya", "Isabelle", "Alice", "Hallie", "Bonnie", "Esme", "Violet", "Eliza",
  "Margot", "Luna", "Aria", "Penelope", "Erin", "Ada", "Arabella", "Delilah", "Mabel", "Emilia", "Maisie", "Eva",
  "Aurora", "Iris", "Ellie", "Lottie", "Orla", "Rose", "Thea", "Maeve", "Nancy", "Ayla", "Imogen", "Zara", "Maryam",
  "Aisha", "Fatima", "Hafsa", "Zainab", "Khadija", "Amira", "Inaaya", "Sara", "Hannah", "Scarlett", "Chloe",
  "Jessica", "Lucy", "Holly", "Megan", "Charlotte", "Elizabeth", "Eleanor", "Abigail", "Rebecca", "Katherine",
  "Victoria", "Jennifer", "Margaret", "Alexandra", "Libby", "Bella", "Izzy", "Katie", "Kate", "Abbie", "Becky",
  "Jenny", "Beth", "Nell", "Lexi", "Sasha", "Molly", "Amber", "Layla", "Leah", "Lola", "Jasmine", "Summer", "Gracie",
  "Lacey", "Darcie", "Skye", "Niamh", "Caitlin", "Ciara", "Aoife", "Keira", "Courtney", "Paige", "Shannon", "Bethany",
  "Laura", "Sarah", "Emma", "Amy", "Rachel", "Natalie", "Georgia", "Lauren", "Hollie", "Madison", "Kayla", "Tia",
  "Jade", "Demi", "Anna", "Julia", "Zofia", "Maja", "Zuzanna", "Lena", "Amelie", "Clara", "Beatrice", "Edith",
  "Harriet", "Heidi", "Robyn", "Naomi", "Esther", "Miriam", "Ruth", "Priya", "Anaya", "Aanya", "Diya", "Saanvi",
  "Myra", "Riya", "Zoe", "Felicity", "Martha", "Annabelle", "Cora", "Lyla", "Mila", "Nora", "Octavia", "Primrose",
  "Pippa", "Tilly", "Francesca", "Gabriella", "Lily-Rose", "Ellie-Mae", "Mary-Jane", "Aimee", "Anya", "Bianca",
  "Carys", "Cerys", "Eden", "Elena", "Faith", "Hope", "India", "Jorgie", "Kiera", "Lara", "Lydia", "Madeleine",
  "Nadia", "Nina", "Rihanna", "Safiya", "Serena", "Sienna-Rose", "Tamsin", "Yasmin", "Ellie-Rose", "Eloise",
  "Liv", "Livvy", "Lizzie", "Abby", "Becca", "Vicky", "Tori", "Maggie", "Meg", "Katy", "Kitty", "Nelly", "Jen",
] as const;

/** Common surnames in England, most frequent first (O'Brien and O'Neill carry apostrophes into the data). */
const COMMON_SURNAMES = [
  "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts",
  "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris",
  "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark",
  "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis", "Parker",
  "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins",
  "Bell", "Shaw", "Murphy", "Miller", "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams",
  "Singh", "Begum", "Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali", "Hunt",
  "Hussain", "Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight", "Lloyd", "Butler",
  "Russell", "Barker", "Fisher", "Stevens", "Jenkins", "Murray", "Dixon", "Harvey", "O'Brien", "O'Neill", "McDonald",
] as const;

// The long tail: a few thousand surnames built from English place-name syllables (Ashford, Thornley…).
const SURNAME_STEMS = [
  "Ash", "Bar", "Black", "Brad", "Bram", "Brook", "Burn", "Cald", "Chad", "Chal", "Craw", "Dal", "Dun", "East",
  "Elm", "Fair", "Farn", "Gar", "Glen", "Gold", "Green", "Ham", "Hart", "Hay", "Hol", "Kings", "Lang", "Lock",
  "Marl", "Mid", "Mor", "New", "North", "Oak", "Pen", "Pres", "Rad", "Red", "Rid", "Ross", "Rye", "Salt", "Shel",
  "South", "Stan", "Stock", "Sud", "Thorn", "Tal", "Up", "Wal", "West", "Whit", "Win", "Wor", "Yar", "Ather", "Beck",
  "Cran", "Dray",
] as const;

const SURNAME_ENDINGS = [
  "ford", "ton", "ley", "by", "ham", "worth", "wood", "field", "well", "bury", "more", "dale", "stone", "combe",
  "thorpe", "wick", "hurst", "land", "shaw", "bridge", "brook", "cott", "den", "don", "gate", "hall", "holme", "house",
  "lake", "mere", "mont", "ridge", "sett", "stead", "thwaite", "wall", "ward", "way", "win", "croft", "man", "son",
  "ing", "er", "an", "ell", "ard", "ock", "ers", "ins",
] as const;

/**
 * Real postcode areas, the busiest first. Every area gets districts 1–16, sectors 0–9 and units whose
 * first letter is one of eight, so about 600,000 units for a million children: households often share
 * a unit, and a district holds a few thousand children.
 */
const POSTCODE_AREAS = [
  "B", "M", "LS", "S", "NG", "LE", "BS", "L", "CV", "NE", "BD", "SE", "E", "N", "MK", "HP", "LN", "PE", "OX", "RG",
  "SO", "PO", "YO", "DE",
] as const;
const DISTRICTS_PER_AREA = 16;
/** The letters Royal Mail uses in an inward code's unit (never C, I, K, M, O or V). */
const UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";
const UNIT_FIRST_LETTERS = 8;

/** Items with a Zipf-like frequency: weight 1/rank^exponent, sampled by binary search on the running total. */
interface WeightedNames {
  items: readonly string[];
  cumulative: Float64Array;
}

function zipf(items: readonly string[], exponent: number): WeightedNames {
  const cumulative = new Float64Array(items.length);
  let total = 0;
  for (let rank = 0; rank < items.length; rank++) {
    total += 1 / (rank + 1) ** exponent;
    cumulative[rank] = total;
  }
  return { items, cumulative };
}

function drawWeighted(random: SeededRandom, names: WeightedNames): string {
  const target = random.next() * names.cumulative[names.cumulative.length - 1];
  let low = 0;
  let high = names.cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (names.cumulative[middle] <= target) low = middle + 1;
    else high = middle;
  }
  return names.items[low];
}

function generatedSurnames(): string[] {
  const common = new Set<string>(COMMON_SURNAMES);
  const surnames: string[] = [];
  for (const stem of SURNAME_STEMS) {
    for (const ending of SURNAME_ENDINGS) {
      const surname = `${stem}${ending}`;
      if (!common.has(surname)) surnames.push(surname);
    }
  }
  // A fixed order, independent of any run's seed, so which invented surnames are frequent never changes.
  return seededRandom(1).shuffled(surnames);
}

const BOYS = zipf(BOYS_GIVEN_NAMES, 0.4);
const GIRLS = zipf(GIRLS_GIVEN_NAMES, 0.4);
const COMMON_FAMILY_NAMES = zipf(COMMON_SURNAMES, 0.55);
const RARER_FAMILY_NAMES = zipf(generatedSurnames(), 0.3);
const AREAS = zipf(POSTCODE_AREAS, 0.5);

/** Every given name a registry child can carry, for the noise model's nickname pairs. */
export const GIVEN_NAMES: readonly string[] = [...BOYS_GIVEN_NAMES, ...GIRLS_GIVEN_NAMES];

/** Born on this day, a child turns eighteen on the reference date and is no longer a child. */
const EIGHTEENTH_BIRTHDAY = `${Number(REFERENCE_DATE.slice(0, 4)) - 18}${REFERENCE_DATE.slice(4)}`;
/** Ages in days a child 0–17 can have on the reference date: 0 … AGE_SPAN_DAYS − 1. */
const AGE_SPAN_DAYS = Math.round((Date.parse(REFERENCE_DATE) - Date.parse(EIGHTEENTH_BIRTHDAY)) / 86_400_000);

/** Dates of birth by age in days on the reference date (0 = born that day), built once so no record formats a date. */
const DATE_OF_BIRTH_BY_AGE: readonly string[] = Array.from({ length: AGE_SPAN_DAYS }, (_, age) => addDays(REFERENCE_DATE, -age));
const AGE_BY_DATE_OF_BIRTH = new Map(DATE_OF_BIRTH_BY_AGE.map((dateOfBirth, age) => [dateOfBirth, age]));

export function drawSex(random: SeededRandom): RegisteredSex {
  return random.chance(MALE_SHARE) ? Sex.MALE : Sex.FEMALE;
}

/** A first given name not already used in `avoid` (siblings and twins are never namesakes), and often a middle name. */
export function drawGivenNames(random: SeededRandom, sex: RegisteredSex, avoid: readonly string[] = []): string {
  const names = sex === Sex.MALE ? BOYS : GIRLS;
  let first = drawWeighted(random, names);
  while (avoid.some((taken) => firstGivenName(taken) === first)) first = drawWeighted(random, names);
  if (!random.chance(MIDDLE_NAME_SHARE)) return first;
  return `${first} ${drawMiddleName(random, sex, first)}`;
}

export function drawMiddleName(random: SeededRandom, sex: RegisteredSex, notThis: string): string {
  const names = sex === Sex.MALE ? BOYS : GIRLS;
  let middle = drawWeighted(random, names);
  while (middle === notThis) middle = drawWeighted(random, names);
  return middle;
}

export function firstGivenName(givenNames: string): string {
  const space = givenNames.indexOf(" ");
  return space === -1 ? givenNames : givenNames.slice(0, space);
}

/** A single surname: one of the common ones with `COMMON_SURNAME_SHARE`, otherwise from the long tail. */
export function drawSurname(random: SeededRandom): string {
  return drawWeighted(random, random.chance(COMMON_SURNAME_SHARE) ? COMMON_FAMILY_NAMES : RARER_FAMILY_NAMES);
}

/** A household's family name, now and then double-barrelled ("Smith-Ashford"). */
export function drawFamilyName(random: SeededRandom): string {
  const surname = drawSurname(random);
  if (!random.chance(DOUBLE_BARRELLED_SHARE)) return surname;
  let second = drawSurname(random);
  while (second === surname) second = drawSurname(random);
  return `${surname}-${second}`;
}

export function drawPostcode(random: SeededRandom): string {
  const district = `${drawWeighted(random, AREAS)}${random.integer(1, DISTRICTS_PER_AREA)}`;
  return drawPostcodeInDistrict(random, district);
}

/** A postcode unit in the district ("HP20"): a family that moved across town. */
export function drawPostcodeInDistrict(random: SeededRandom, district: string): string {
  const unitFirst = UNIT_LETTERS.charAt(random.integer(0, UNIT_FIRST_LETTERS - 1));
  const unitSecond = UNIT_LETTERS.charAt(random.integer(0, UNIT_LETTERS.length - 1));
  return `${district} ${random.integer(0, 9)}${unitFirst}${unitSecond}`;
}

/** A date of birth for a child of any age 0–17, uniformly. */
export function drawDateOfBirth(random: SeededRandom): string {
  return DATE_OF_BIRTH_BY_AGE[random.integer(0, AGE_SPAN_DAYS - 1)];
}

/**
 * A sibling's date of birth, one to four years before or after `dateOfBirth`, the child still 0–17.
 * A gap of at most four years always fits one way or the other in an eighteen-year span.
 */
export function drawSiblingDateOfBirth(random: SeededRandom, dateOfBirth: string): string {
  const age = AGE_BY_DATE_OF_BIRTH.get(dateOfBirth);
  if (age === undefined) throw new RangeError(`${dateOfBirth} is not the date of birth of a child aged 0–17 on ${REFERENCE_DATE}`);
  const gap = random.integer(SIBLING_GAP_DAYS.min, SIBLING_GAP_DAYS.max);
  const older = age + gap;
  const younger = age - gap;
  const olderFits = older < AGE_SPAN_DAYS;
  const youngerFits = younger >= 0;
  const sibling = olderFits && (!youngerFits || random.chance(0.5)) ? older : younger;
  return DATE_OF_BIRTH_BY_AGE[sibling];
}

/**
 * Ages in days on the reference date of a family's children aged 0–17, eldest first, one to four
 * years apart. The family is laid at a uniformly random place on the eighteen years, so ages come out
 * uniform: an elder sibling may already be an adult, a younger one not yet born, and neither is in
 * the registry.
 */
function childrenAges(random: SeededRandom, familySize: number): number[] {
  const gaps: number[] = [];
  let span = 0;
  for (let i = 1; i < familySize; i++) {
    const gap = random.integer(SIBLING_GAP_DAYS.min, SIBLING_GAP_DAYS.max);
    gaps.push(gap);
    span += gap;
  }
  let age = random.integer(0, AGE_SPAN_DAYS - 1 + span);
  const ages = age < AGE_SPAN_DAYS ? [age] : [];
  for (const gap of gaps) {
    age -= gap;
    if (age >= 0 && age < AGE_SPAN_DAYS) ages.push(age);
  }
  return ages;
}

function drawFamilySize(random: SeededRandom): number {
  let roll = random.next();
  for (let index = 0; index < FAMILY_SIZE_WEIGHTS.length; index++) {
    roll -= FAMILY_SIZE_WEIGHTS[index];
    if (roll < 0) return index + 1;
  }
  return FAMILY_SIZE_WEIGHTS.length;
}

/**
 * `size` children with entity ids 1…size, in households (ids from 1) of one to four children who share
 * a family name and a postcode; `TWIN_SHARE` of them twins, with different given names and either
 * sex. The same seed gives the same registry.
 */
export function generateRegistry(size: number, seed: number): RegistryChild[] {
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`A registry size must be a whole number, not ${size}`);
  if (size > SYNTHETIC_SUI_CAPACITY) {
    throw new RangeError(`A registry of ${size} children needs more SUIs than the NHS 999 test range holds (${SYNTHETIC_SUI_CAPACITY})`);
  }
  const random = seededRandom(seed);
  const suis = syntheticNhsNumbers();
  const children: RegistryChild[] = [];
  let householdId = 0;
  let twins = 0;
  while (children.length < size) {
    householdId++;
    const familyName = drawFamilyName(random);
    const postcode = drawPostcode(random);
    const ages = childrenAges(random, drawFamilySize(random));
    if (ages.length > size - children.length) ages.length = size - children.length;
    // A pair of twins goes to the next household of two or more whenever the registry is a pair short
    // of TWIN_SHARE, so the share holds for a registry of any size; the younger sibling becomes the twin.
    if (ages.length >= 2 && twins + 2 <= TWIN_SHARE * (children.length + ages.length)) {
      const elder = random.integer(0, ages.length - 2);
      ages[elder + 1] = ages[elder];
      twins += 2;
    }
    const householdStart = children.length;
    const closeNamedTwins = random.chance(CLOSE_NAMED_TWIN_SHARE) ? random.pick([...CLOSE_NAMED_TWINS.MALE, ...CLOSE_NAMED_TWINS.FEMALE]) : null;
    for (const age of ages) {
      const sex = drawSex(random);
      const siblingNames: string[] = [];
      for (let i = householdStart; i < children.length; i++) siblingNames.push(children[i].givenNames);
      const sui = suis.next();
      if (sui.done === true) throw new RangeError("Ran out of synthetic NHS numbers");
      children.push({
        entityId: children.length + 1,
        sui: sui.value,
        givenNames: drawGivenNames(random, sex, siblingNames),
        familyName,
        dateOfBirth: DATE_OF_BIRTH_BY_AGE[age],
        sex,
        postcode,
        householdId,
      });
    }
    const household = children.slice(householdStart);
    const twinIndex = household.findIndex((child, index) => index > 0 && child.dateOfBirth === household[index - 1].dateOfBirth);
    if (closeNamedTwins !== null && twinIndex > 0) nameTwinsCloseAlike(household, twinIndex, closeNamedTwins);
  }
  return children;
}

/** Gives a pair of twins two names a spelling apart (and so the same sex), unless a sibling already has one. */
function nameTwinsCloseAlike(household: RegistryChild[], twinIndex: number, [first, second]: readonly [string, string]): void {
  const others = household.filter((_, index) => index !== twinIndex && index !== twinIndex - 1);
  if (others.some((child) => firstGivenName(child.givenNames) === first || firstGivenName(child.givenNames) === second)) return;
  const sex = CLOSE_NAMED_TWINS.MALE.some(([a]) => a === first) ? Sex.MALE : Sex.FEMALE;
  const rename = (child: RegistryChild, name: string) => {
    const middle = child.givenNames.slice(firstGivenName(child.givenNames).length + 1);
    child.givenNames = middle === "" || middle === name ? name : `${name} ${middle}`;
    child.sex = sex;
  };
  rename(household[twinIndex - 1], first);
  rename(household[twinIndex], second);
}
