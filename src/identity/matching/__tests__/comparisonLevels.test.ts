import { compareDates, compareExpectedBirth, compareFamilyNames, compareGivenNames, comparePostcodes, compareSex } from "../comparisonLevels";
import { compareBirth, compareBirthWith } from "../comparisonVector";
import { givenNamesKey, normaliseName } from "../normaliseName";
import { formalGivenName } from "../nicknames";
import { postcodeParts } from "../postcodeParts";

describe("name normalisation", () => {
  it.each([
    ["Zoë", "zoe"],
    ["O'Brien", "obrien"],
    ["O’Brien", "obrien"],
    ["Smith-Jones", "smith jones"],
    ["  Mary   Anne ", "mary anne"],
    ["ÅSE", "ase"],
  ])("normalises %j to %j", (raw, normalised) => {
    expect(normaliseName(raw)).toBe(normalised);
  });

  it("keys given names by formal name and ignores their order", () => {
    expect(givenNamesKey("Bill James")).toBe(givenNamesKey("James William"));
    expect(givenNamesKey("Katie")).toBe("katherine");
  });

  it("does not equate a short form shared by two formal names", () => {
    expect(formalGivenName("charlie")).toBe("charlie");
    expect(formalGivenName("bill")).toBe("william");
  });
});

describe("postcode levels", () => {
  it("splits a postcode into area, district, sector and unit", () => {
    expect(postcodeParts("hp201ua")).toEqual({ area: "HP", district: "HP20", sector: "HP20 1", unit: "HP20 1UA" });
    expect(postcodeParts("not a postcode")).toBeNull();
  });

  it.each([
    ["HP20 1UA", "hp20 1ua", "UNIT"],
    ["HP20 1UA", "HP20 1XB", "SECTOR"],
    ["HP20 1UA", "HP20 2AB", "DISTRICT"],
    ["HP20 1UA", "HP21 7SH", "AREA"],
    ["HP20 1UA", "LN1 1AA", "DIFFERENT"],
    ["HP20 1UA", null, "MISSING"],
  ])("%s against %s is %s", (a, b, level) => {
    expect(comparePostcodes(a, b)).toBe(level);
  });
});

describe("date of birth levels", () => {
  it.each([
    ["2014-03-07", "2014-03-07", "EXACT"],
    ["2014-03-07", "2014-07-03", "DAY_MONTH_SWAPPED"],
    ["2014-03-07", "2014-03-08", "ONE_DIGIT"],
    ["2014-03-07", "2015-03-07", "ONE_DIGIT"],
    ["2014-03-09", "2014-03-10", "ONE_DAY_APART"],
    ["2014-03-31", "2014-04-01", "ONE_DAY_APART"],
    ["2014-12-31", "2015-01-01", "ONE_DAY_APART"],
    ["2016-02-29", "2016-03-01", "ONE_DAY_APART"],
    ["2014-03-07", "2014-03-21", "SAME_MONTH_YEAR"],
    ["2014-03-07", "2014-11-21", "SAME_YEAR"],
    ["2014-03-07", "2016-11-21", "DIFFERENT"],
    ["2014-03-07", null, "MISSING"],
  ])("%s against %s is %s", (a, b, level) => {
    expect(compareDates(a, b)).toBe(level);
  });

  it("treats an impossible date (a month above 12) as missing, never as a swap", () => {
    expect(compareDates("2014-03-17", "2014-17-03")).toBe("MISSING");
  });
});

describe("name levels", () => {
  it.each([
    ["McAlderbury", "mcalderbury", "EXACT"],
    ["Smith-Jones", "Smith Jones", "EXACT"],
    ["Harebellow", "Harbellow", "PHONETIC"],
    ["Pennywhistle", "Pennywhistel", "PHONETIC"],
    ["Brackenby", "Brakenbey", "PHONETIC"],
    ["Thompson", "Tomson", "JARO_WINKLER_HIGH"],
    ["Rosewhistle", "Quinceworth", "DIFFERENT"],
    ["", "Quinceworth", "MISSING"],
  ])("family name %j against %j is %s", (a, b, level) => {
    expect(compareFamilyNames(a, b)).toBe(level);
  });

  it.each([
    ["Caitlin", "Caitlin", "EXACT"],
    ["William James", "James Bill", "EQUIVALENT"],
    ["Caitlin", "Kaitlyn", "PHONETIC"],
    ["Isla", "Ava", "DIFFERENT"],
    [null, "Ava", "MISSING"],
  ])("given names %j against %j are %s", (a, b, level) => {
    expect(compareGivenNames(a, b)).toBe(level);
  });
});

describe("sex", () => {
  it("treats NOT_KNOWN as missing evidence, not a disagreement", () => {
    expect(compareSex("FEMALE", "FEMALE")).toBe("SAME");
    expect(compareSex("FEMALE", "MALE")).toBe("DIFFERENT");
    expect(compareSex("FEMALE", "NOT_KNOWN")).toBe("MISSING");
  });
});

describe("a child not yet born, against a child's date of birth", () => {
  it("is no evidence when the child could be the baby, born up to 16 weeks either side of the expected date", () => {
    expect(compareExpectedBirth("2027-02-14", "2027-02-10")).toBe("MISSING");
    expect(compareExpectedBirth("2027-02-14", "2026-10-25")).toBe("MISSING");
    expect(compareExpectedBirth("2027-02-14", "2027-06-06")).toBe("MISSING");
  });

  it("disagrees with a child born long before or after it: an older sibling is not the baby the midwife expects", () => {
    expect(compareExpectedBirth("2027-02-14", "2014-03-07")).toBe("DIFFERENT");
    expect(compareExpectedBirth("2027-02-14", "2026-10-24")).toBe("DIFFERENT");
    expect(compareExpectedBirth("2027-02-14", null)).toBe("MISSING");
  });

  it("is used for a record with only an expected date; a date of birth is compared as a date of birth", () => {
    expect(compareBirth({ dateOfBirth: null, expectedDateOfBirth: "2027-02-14" }, "2014-03-07")).toBe("DIFFERENT");
    expect(compareBirth({ dateOfBirth: "2014-03-07", expectedDateOfBirth: null }, "2014-03-07")).toBe("EXACT");
    expect(compareBirth({ dateOfBirth: null }, "2014-03-07")).toBe("MISSING");
  });

  it("compares a record's date of birth with the expected date of a child not yet born, both ways round", () => {
    // The birth notification of the baby expected: no evidence either way.
    expect(compareBirthWith({ dateOfBirth: "2027-02-06" }, { dateOfBirth: null, expectedDateOfBirth: "2027-02-14" })).toBe("MISSING");
    // An older sibling at the address is not the baby expected.
    expect(compareBirthWith({ dateOfBirth: "2019-04-04" }, { dateOfBirth: null, expectedDateOfBirth: "2027-02-14" })).toBe("DIFFERENT");
    // A child born is compared on its date of birth, whatever it was once expected on.
    expect(compareBirthWith({ dateOfBirth: "2027-02-06" }, { dateOfBirth: "2027-02-06", expectedDateOfBirth: "2027-02-14" })).toBe("EXACT");
    expect(compareBirthWith({ dateOfBirth: null, expectedDateOfBirth: "2027-02-14" }, { dateOfBirth: null, expectedDateOfBirth: "2027-02-14" })).toBe("MISSING");
  });
});
