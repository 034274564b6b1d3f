import { Relationship } from "../people/Relationship";
import { Sex } from "../people/Sex";
import { addDays, dayBetween, DEMO_REFERENCE_DATE } from "./demoCalendar";
import { BUCKINGHAMSHIRE, DEMO_LOCAL_AUTHORITIES, LINCOLNSHIRE, MILTON_KEYNES } from "./demoDirectory";
import { demoFamily, type DemoAdult, type DemoChildFacts, type DemoFamily, type FamilyMember } from "./demoPeople";
import { BOYS_NAMES, FAMILY_NAMES, GIRLS_NAMES, MENS_NAMES, WOMENS_NAMES } from "./fictionalNames";
import { fictionalAddress } from "./fictionalPlaces";
import { type SeededRandom } from "./seededRandom";

const YEAR = 365;

/** Roughly in proportion to the three authorities' populations: Lincolnshire largest, Milton Keynes smallest. */
function pickLocalAuthority(random: SeededRandom): string {
  const roll = random.next();
  if (roll < 0.35) return BUCKINGHAMSHIRE;
  if (roll < 0.55) return MILTON_KEYNES;
  return LINCOLNSHIRE;
}

/** Children 0–17 on the reference date, at least a month old (an unborn child has no SUI to submit under). */
const OLDEST_BIRTH = addDays(DEMO_REFERENCE_DATE, -(18 * YEAR) + 5);
const YOUNGEST_BIRTH = addDays(DEMO_REFERENCE_DATE, -31);

function childrenOfFamily(random: SeededRandom, familyName: string, suis: Iterator<string>): DemoChildFacts[] {
  const roll = random.next();
  const wanted = roll < 0.3 ? 1 : roll < 0.65 ? 2 : roll < 0.9 ? 3 : 4;
  const children: DemoChildFacts[] = [];
  let dateOfBirth = dayBetween(random, OLDEST_BIRTH, YOUNGEST_BIRTH);
  while (children.length < wanted && dateOfBirth <= YOUNGEST_BIRTH) {
    const sex = random.chance(0.5) ? Sex.FEMALE : Sex.MALE;
    const sui = suis.next();
    if (sui.done === true) throw new RangeError("Ran out of synthetic NHS numbers");
    children.push({ sui: sui.value, givenNames: random.pick(sex === Sex.FEMALE ? GIRLS_NAMES : BOYS_NAMES), familyName, dateOfBirth, sex });
    dateOfBirth = addDays(dateOfBirth, random.integer(YEAR + 20, 4 * YEAR));
  }
  return children;
}

/**
 * Households of one to four children with their parents: most with a mother, many with a father (not
 * always living in the same authority), some with a mother's partner or a grandparent. Fathers and
 * mothers usually hold parental responsibility; a partner never does.
 */
export function generateDemoFamilies(random: SeededRandom, suis: Iterator<string>, minimumChildren: number, firstAdultNumber: number): DemoFamily[] {
  const families: DemoFamily[] = [];
  const familyNames = random.shuffled(FAMILY_NAMES);
  let adultNumber = firstAdultNumber;
  let childCount = 0;
  const adult = (givenNames: string, familyName: string, dateOfBirth: string, sex: Sex, homeLocalAuthority: string): DemoAdult =>
    ({ number: adultNumber++, givenNames, familyName, dateOfBirth, sex, homeLocalAuthority });

  while (childCount < minimumChildren) {
    const familyName = familyNames[families.length % familyNames.length];
    const localAuthority = pickLocalAuthority(random);
    const children = childrenOfFamily(random, familyName, suis);
    const oldest = children[0].dateOfBirth;
    const adults: FamilyMember[] = [];
    const motherBorn = addDays(oldest, -random.integer(18 * YEAR, 38 * YEAR));
    adults.push({
      adult: adult(random.pick(WOMENS_NAMES), random.chance(0.75) ? familyName : random.pick(FAMILY_NAMES), motherBorn, Sex.FEMALE, localAuthority),
      relationship: Relationship.MOTHER,
      parentalResponsibility: true,
    });
    if (random.chance(0.7)) {
      const livesElsewhere = random.chance(0.2);
      const fatherHome = livesElsewhere ? random.pick(DEMO_LOCAL_AUTHORITIES).code : localAuthority;
      adults.push({
        adult: adult(random.pick(MENS_NAMES), familyName, addDays(motherBorn, -random.integer(0, 8 * YEAR)), Sex.MALE, fatherHome),
        relationship: Relationship.FATHER,
        parentalResponsibility: random.chance(0.9),
      });
    } else if (random.chance(0.4)) {
      adults.push({
        adult: adult(random.pick(MENS_NAMES), random.pick(FAMILY_NAMES), addDays(motherBorn, -random.integer(-3 * YEAR, 10 * YEAR)), Sex.MALE, localAuthority),
        relationship: Relationship.PARTNER_OF_PARENT,
        parentalResponsibility: false,
      });
    }
    if (random.chance(0.08)) {
      adults.push({
        adult: adult(random.pick(WOMENS_NAMES), familyName, addDays(motherBorn, -random.integer(19 * YEAR, 30 * YEAR)), Sex.FEMALE, localAuthority),
        relationship: Relationship.GRANDPARENT,
        parentalResponsibility: false,
      });
    }
    families.push(demoFamily(localAuthority, fictionalAddress(random, localAuthority), adults, children));
    childCount += children.length;
  }
  return families;
}
