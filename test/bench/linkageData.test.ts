import {
  describeNoiseModel,
  generateIncoming,
  NOISE_KINDS,
  NOISE_RATES,
  nicknameAlternatives,
  TWO_ERROR_KINDS,
  UNREGISTERED_SHARE,
  type IncomingRecord,
  type NoiseKind,
  type NoiseRates,
} from "../../bench/linkage/noisyRecords";
import { closeNamedTwin, firstGivenName, generateRegistry, SYNTHETIC_SUI_CAPACITY, TWIN_SHARE, type RegistryChild } from "../../bench/linkage/syntheticPopulation";
import { ageOn } from "../../src/demo/demoCalendar";
import { compareDates, compareFamilyNames, compareGivenNames, comparePostcodes } from "../../src/identity/matching/comparisonLevels";
import { isValidNhsNumber, nhsCheckDigit } from "../../src/identity/nhsNumber";
import { normalisePostcode } from "../../src/people/postcode";

const SIZE = 20_000;
const registry = generateRegistry(SIZE, 11);
const incoming = generateIncoming(registry, SIZE, 12);
const NO_NOISE = Object.fromEntries(NOISE_KINDS.map((kind) => [kind, 0])) as Record<NoiseKind, number>;

function groupBy<T>(items: readonly T[], key: (item: T) => string | number): Map<string | number, T[]> {
  const groups = new Map<string | number, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group === undefined) groups.set(key(item), [item]);
    else group.push(item);
  }
  return groups;
}

const householdKey = (child: { familyName: string; postcode: string | null }) => `${child.familyName}|${child.postcode}`;
const daysApart = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;

/** Four standard errors of a proportion: a seeded run outside this is a broken generator, not bad luck. */
function expectRateNear(applied: number, applicable: number, rate: number): void {
  const tolerance = 4 * Math.sqrt((rate * (1 - rate)) / applicable);
  expect(Math.abs(applied / applicable - rate)).toBeLessThanOrEqual(tolerance);
}

describe("the synthetic registry", () => {
  it("is the same for the same seed and different for another", () => {
    expect(generateRegistry(2_000, 5)).toEqual(generateRegistry(2_000, 5));
    expect(generateRegistry(2_000, 6)).not.toEqual(generateRegistry(2_000, 5));
  });

  it("gives every child entity id 1…size and a unique valid SUI from the 999 test range", () => {
    expect(registry.map((child) => child.entityId)).toEqual(Array.from({ length: SIZE }, (_, index) => index + 1));
    expect(new Set(registry.map((child) => child.sui)).size).toBe(SIZE);
    expect(registry.filter((child) => !child.sui.startsWith("999") || !isValidNhsNumber(child.sui))).toEqual([]);
  });

  it("refuses a registry larger than the 999 range has valid NHS numbers for", () => {
    let stemsWithCheckDigit = 0;
    for (let stem = 0; stem < 1_000_000; stem++) if (nhsCheckDigit(`999${String(stem).padStart(6, "0")}`) !== null) stemsWithCheckDigit++;
    // 9999999999 has a valid check digit but is one digit repeated, which the NHS never issues.
    expect(stemsWithCheckDigit - 1).toBe(SYNTHETIC_SUI_CAPACITY);
    expect(() => generateRegistry(SYNTHETIC_SUI_CAPACITY + 1, 1)).toThrow(RangeError);
  });

  it("has children aged 0–17 with a sex and a well-formed postcode", () => {
    expect(registry.filter((child) => ageOn(child.dateOfBirth) < 0 || ageOn(child.dateOfBirth) > 17)).toEqual([]);
    expect(registry.filter((child) => child.sex !== "MALE" && child.sex !== "FEMALE")).toEqual([]);
    expect(registry.filter((child) => normalisePostcode(child.postcode) !== child.postcode)).toEqual([]);
  });

  it("puts one to four children in a household, sharing family name and postcode, siblings a year or more apart", () => {
    const households = groupBy(registry, (child) => child.householdId);
    const misfits = [...households.values()].filter((children) => {
      const birthDates = [...new Set(children.map((child) => child.dateOfBirth))].sort();
      return (
        children.length > 4 ||
        new Set(children.map(householdKey)).size !== 1 ||
        new Set(children.map((child) => firstGivenName(child.givenNames))).size !== children.length ||
        birthDates.some((dateOfBirth, index) => index > 0 && daysApart(birthDates[index - 1], dateOfBirth) < 365)
      );
    });
    expect(misfits).toEqual([]);
    expect([...households.values()].filter((children) => children.length > 1).length).toBeGreaterThan(households.size / 3);
  });

  it("makes twins of the configured share: same household and date of birth, different given names", () => {
    const twins = [...groupBy(registry, (child) => `${child.householdId}|${child.dateOfBirth}`).values()].filter((group) => group.length > 1);
    for (const pair of twins) expect(pair).toHaveLength(2);
    expect(Math.abs((twins.length * 2) / SIZE - TWIN_SHARE)).toBeLessThan(0.001);
    expect(twins.some(([a, b]) => a.sex !== b.sex)).toBe(true);
    expect(twins.some(([a, b]) => a.sex === b.sex)).toBe(true);
  });

  it("gives common names their weight: Smith is the most frequent family name, with a long tail behind", () => {
    const familyNames = [...groupBy(registry, (child) => child.familyName).entries()].sort((a, b) => b[1].length - a[1].length);
    expect(familyNames[0][0]).toBe("Smith");
    expect(familyNames[0][1].length / SIZE).toBeGreaterThan(0.01);
    expect(familyNames.length).toBeGreaterThan(2_000);
    expect(groupBy(registry, (child) => firstGivenName(child.givenNames)).size).toBeGreaterThan(300);
  });

  it("puts many households in each postcode district and sector", () => {
    const sectors = groupBy(registry, (child) => child.postcode.slice(0, -2));
    expect(sectors.size).toBeLessThan(SIZE / 4);
  });
});

describe("the incoming records", () => {
  const registered = incoming.filter((record) => record.trueEntityId <= SIZE);
  const unregistered = incoming.filter((record) => record.trueEntityId > SIZE);

  it("are the same for the same seed and different for another", () => {
    const small = registry.slice(0, 2_000);
    expect(generateIncoming(small, 1_000, 3)).toEqual(generateIncoming(small, 1_000, 3));
    expect(generateIncoming(small, 1_000, 4)).not.toEqual(generateIncoming(small, 1_000, 3));
  });

  it("are about registry children, except a share about children not in it, with new entity ids after the registry's", () => {
    expect(incoming).toHaveLength(SIZE);
    expect(unregistered).toHaveLength(Math.round(SIZE * UNREGISTERED_SHARE));
    const newIds = [...new Set(unregistered.map((record) => record.trueEntityId))].sort((a, b) => a - b);
    expect(newIds).toEqual(Array.from({ length: newIds.length }, (_, index) => SIZE + 1 + index));
  });

  it("show a child not in the registry one to three times", () => {
    const appearances = [...groupBy(unregistered, (record) => record.trueEntityId).values()].map((records) => records.length);
    expect(Math.max(...appearances)).toBe(3);
    expect(appearances.filter((count) => count === 1).length).toBeGreaterThan(appearances.length / 2);
    expect(appearances.filter((count) => count === 2).length).toBeGreaterThan(0);
  });

  it("come in a shuffled order", () => {
    const meanPosition = incoming.reduce((sum, record, index) => (record.trueEntityId > SIZE ? sum + index : sum), 0) / unregistered.length;
    expect(Math.abs(meanPosition / SIZE - 0.5)).toBeLessThan(0.05);
  });

  it("name some twins a spelling apart, in the registry and among the twins it does not hold", () => {
    const households = [...groupBy(registry, (child) => child.householdId).values()];
    const pairs = households.flatMap((children) => children.flatMap((child, index) => children.slice(index + 1).filter((other) => other.dateOfBirth === child.dateOfBirth).map((other) => [child, other] as const)));
    const closeNamed = pairs.filter(([a, b]) => closeNamedTwin(firstGivenName(a.givenNames), a.sex) === firstGivenName(b.givenNames));
    expect(closeNamed.length / pairs.length).toBeGreaterThan(0.1);
    expect(closeNamed.length / pairs.length).toBeLessThan(0.3);
    for (const [a, b] of closeNamed) expect([a.sex, a.familyName, a.postcode]).toEqual([b.sex, b.familyName, b.postcode]);
    const unknownTwins = incoming.filter((record) => record.twinOf !== undefined && record.noise.length === 0);
    const closeToKnown = unknownTwins.filter((record) => {
      const known = registry[(record.twinOf as number) - 1];
      return closeNamedTwin(firstGivenName(known.givenNames), known.sex) === firstGivenName(record.facts.givenNames);
    });
    expect(closeToKnown.length).toBeGreaterThan(0);
    for (const record of unknownTwins) {
      const known = registry[(record.twinOf as number) - 1];
      expect([record.facts.familyName, record.facts.dateOfBirth, record.facts.postcode]).toEqual([known.familyName, known.dateOfBirth, known.postcode]);
      expect(firstGivenName(record.facts.givenNames)).not.toBe(firstGivenName(known.givenNames));
    }
  });

  it("include siblings and twins of registry children among the children not in it", () => {
    const faithful = generateIncoming(registry, SIZE, 12, { noiseRates: NO_NOISE });
    const households = groupBy(registry, householdKey);
    const newChildren = [...groupBy(faithful.filter((record) => record.trueEntityId > SIZE), (record) => record.trueEntityId).values()].map(([record]) => record.facts);
    const relatives = newChildren.filter((facts) => households.has(householdKey(facts)));
    const twins = relatives.filter((facts) => households.get(householdKey(facts))?.some((child) => child.dateOfBirth === facts.dateOfBirth));
    expect(relatives.length / newChildren.length).toBeGreaterThan(0.25);
    expect(relatives.length / newChildren.length).toBeLessThan(0.4);
    expect(twins.length / relatives.length).toBeGreaterThan(0.2);
    expect(twins.length / relatives.length).toBeLessThan(0.5);
  });

  it("are faithful copies of the child when no noise struck", () => {
    const faithful = registered.filter((record) => record.noise.length === 0);
    expect(faithful.length / registered.length).toBeGreaterThan(0.5);
    const altered = faithful.filter((record) => {
      const { givenNames, familyName, dateOfBirth, sex, postcode } = registry[record.trueEntityId - 1];
      const facts = record.facts;
      return facts.givenNames !== givenNames || facts.familyName !== familyName || facts.dateOfBirth !== dateOfBirth || facts.sex !== sex || facts.postcode !== postcode;
    });
    expect(altered).toEqual([]);
  });

  describe("noise", () => {
    const aboutRegistryChild = registered.map((record) => ({ record, child: registry[record.trueEntityId - 1] }));

    function canApply(kind: NoiseKind, record: IncomingRecord, child: RegistryChild): boolean {
      switch (kind) {
        case "DATE_DAY_MONTH_SWAPPED":
          return !record.noise.includes("DATE_OF_BIRTH_MISSING") && Number(child.dateOfBirth.slice(8)) <= 12 && child.dateOfBirth.slice(8) !== child.dateOfBirth.slice(5, 7);
        case "DATE_DIGIT_MISTYPED":
          return !record.noise.includes("DATE_OF_BIRTH_MISSING");
        case "POSTCODE_MOVED":
          return !record.noise.includes("POSTCODE_MISSING");
        case "NICKNAME":
          return nicknameAlternatives(firstGivenName(child.givenNames)).length > 0;
        case "GIVEN_TYPO_WITH_DATE_SLIP":
        case "FAMILY_TYPO_WITH_DATE_SLIP":
        case "FAMILY_CHANGED_WITH_DATE_SLIP":
          return !record.noise.includes("DATE_OF_BIRTH_MISSING");
        case "FAMILY_CHANGED_WITH_MOVE":
        case "GIVEN_TYPO_WITH_MOVE":
          return !record.noise.includes("POSTCODE_MISSING");
        case "DATE_MISSING_WITH_MOVE":
          return !record.noise.includes("DATE_OF_BIRTH_MISSING") && !record.noise.includes("POSTCODE_MISSING");
        default:
          return true;
      }
    }

    it.each(NOISE_KINDS.map((kind) => [kind, NOISE_RATES[kind]] as const))("strikes %s at its rate (%p) among the records it can apply to", (kind, rate) => {
      const applicable = aboutRegistryChild.filter(({ record, child }) => canApply(kind, record, child));
      const applied = applicable.filter(({ record }) => record.noise.includes(kind));
      expect(applicable.length).toBeGreaterThan(1_000);
      expectRateNear(applied.length, applicable.length, rate);
    });

    it("never strikes where it cannot apply", () => {
      expect(aboutRegistryChild.filter(({ record, child }) => record.noise.some((kind) => !canApply(kind, record, child)))).toEqual([]);
    });

    /** Records about registry children struck by `kind` and nothing else, with the child they are about. */
    const struckOnlyBy = (kind: NoiseKind) => aboutRegistryChild.filter(({ record }) => record.noise.length === 1 && record.noise[0] === kind);

    it("swaps day and month, or mistypes one digit, as the matcher's date levels recognise", () => {
      for (const { record, child } of struckOnlyBy("DATE_DAY_MONTH_SWAPPED")) expect(compareDates(record.facts.dateOfBirth, child.dateOfBirth)).toBe("DAY_MONTH_SWAPPED");
      for (const { record, child } of struckOnlyBy("DATE_DIGIT_MISTYPED")) expect(compareDates(record.facts.dateOfBirth, child.dateOfBirth)).toBe("ONE_DIGIT");
    });

    it("uses only short forms the matcher knows", () => {
      const nicknamed = struckOnlyBy("NICKNAME");
      expect(nicknamed.length).toBeGreaterThan(50);
      for (const { record, child } of nicknamed) expect(compareGivenNames(record.facts.givenNames, child.givenNames)).toBe("EQUIVALENT");
    });

    it("varies names only in ways normalisation sees through when it changes their formatting", () => {
      for (const { record, child } of struckOnlyBy("NAME_FORMATTING")) {
        expect(compareGivenNames(record.facts.givenNames, child.givenNames)).toBe("EXACT");
        expect(compareFamilyNames(record.facts.familyName, child.familyName)).toBe("EXACT");
        expect([record.facts.givenNames, record.facts.familyName]).not.toEqual([child.givenNames, child.familyName]);
      }
    });

    it("makes a typo one letter's change to one of the names", () => {
      for (const { record, child } of struckOnlyBy("NAME_TYPO")) {
        const [before, after] = record.facts.givenNames === child.givenNames ? [child.familyName, record.facts.familyName] : [child.givenNames, record.facts.givenNames];
        expect(record.facts.givenNames === child.givenNames || record.facts.familyName === child.familyName).toBe(true);
        expect(after).not.toBe(before);
        expect(Math.abs(after.length - before.length)).toBeLessThanOrEqual(1);
      }
    });

    it("rearranges given names: another order, or a middle name added or dropped", () => {
      for (const { record, child } of struckOnlyBy("GIVEN_NAMES_REARRANGED")) {
        const before = child.givenNames.split(" ");
        const after = record.facts.givenNames.split(" ");
        const sameNames = [...after].sort().join(" ") === [...before].sort().join(" ");
        const oneAdded = after.length === before.length + 1 && before.every((name, index) => after[index] === name);
        const oneDropped = after.length === before.length - 1 && after.every((name, index) => before[index] === name);
        expect(record.facts.givenNames).not.toBe(child.givenNames);
        expect(sameNames || oneAdded || oneDropped).toBe(true);
      }
    });

    it("moves a child to another valid postcode, in the same district about half the time", () => {
      const moved = struckOnlyBy("POSTCODE_MOVED");
      const levels = moved.map(({ record, child }) => comparePostcodes(record.facts.postcode, child.postcode));
      for (const { record } of moved) expect(normalisePostcode(record.facts.postcode ?? "")).toBe(record.facts.postcode);
      expect(levels).not.toContain("UNIT");
      const sameDistrict = levels.filter((level) => level === "SECTOR" || level === "DISTRICT").length / levels.length;
      expect(sameDistrict).toBeGreaterThan(0.4);
      expect(sameDistrict).toBeLessThan(0.6);
    });

    it("blanks fields, changes family names and hides sex as named", () => {
      for (const { record } of struckOnlyBy("POSTCODE_MISSING")) expect(record.facts.postcode).toBeNull();
      for (const { record } of struckOnlyBy("DATE_OF_BIRTH_MISSING")) expect(record.facts.dateOfBirth).toBeNull();
      for (const { record } of struckOnlyBy("SEX_NOT_KNOWN")) expect(record.facts.sex).toBe("NOT_KNOWN");
      for (const { record, child } of struckOnlyBy("FAMILY_NAME_CHANGED")) expect(record.facts.familyName).not.toBe(child.familyName);
    });

    it("strikes two errors at once as each two-error kind names them", () => {
      const oneDayApart = (a: string | null, b: string) => a !== null && daysApart(a, b) === 1;
      for (const { record, child } of struckOnlyBy("GIVEN_TYPO_WITH_DATE_SLIP")) {
        expect(record.facts.givenNames).not.toBe(child.givenNames);
        expect(oneDayApart(record.facts.dateOfBirth, child.dateOfBirth)).toBe(true);
      }
      for (const { record, child } of struckOnlyBy("FAMILY_CHANGED_WITH_MOVE")) {
        expect(record.facts.familyName).not.toBe(child.familyName);
        expect(comparePostcodes(record.facts.postcode, child.postcode)).not.toBe("UNIT");
      }
      for (const { record, child } of struckOnlyBy("GIVEN_TYPO_WITH_MOVE")) {
        expect(record.facts.givenNames).not.toBe(child.givenNames);
        expect(record.facts.postcode).not.toBe(child.postcode);
      }
      for (const kind of ["FAMILY_TYPO_WITH_DATE_SLIP", "FAMILY_CHANGED_WITH_DATE_SLIP"] as const) {
        for (const { record, child } of struckOnlyBy(kind)) {
          expect(record.facts.familyName).not.toBe(child.familyName);
          expect(oneDayApart(record.facts.dateOfBirth, child.dateOfBirth)).toBe(true);
        }
      }
      for (const { record, child } of struckOnlyBy("GIVEN_TYPO_WITH_FAMILY_CHANGED")) {
        expect(record.facts.givenNames).not.toBe(child.givenNames);
        expect(record.facts.familyName).not.toBe(child.familyName);
      }
      for (const { record, child } of struckOnlyBy("DATE_MISSING_WITH_MOVE")) {
        expect(record.facts.dateOfBirth).toBeNull();
        expect(record.facts.postcode).not.toBe(child.postcode);
      }
      for (const kind of TWO_ERROR_KINDS) expect(struckOnlyBy(kind).length).toBeGreaterThan(20);
    });

    it("takes other rates when asked, and describes the model with every kind and rate", () => {
      const rates: NoiseRates = { ...NO_NOISE, POSTCODE_MISSING: 1 };
      const records = generateIncoming(registry.slice(0, 100), 200, 1, { noiseRates: rates });
      expect(records.every((record) => record.facts.postcode === null && record.noise.length === 1)).toBe(true);
      const description = describeNoiseModel(rates);
      for (const kind of NOISE_KINDS) expect(description).toContain(kind);
      expect(description).toContain("100.0%  POSTCODE_MISSING");
      expect(describeNoiseModel()).toContain(" 8.0%  NAME_TYPO");
    });
  });
});
