import { profileKeys, queryKeys, sameBirthdayKeys } from "../blockingKeys";
import { type IdentityFacts } from "../comparisonVector";
import { type MatchProfile } from "../MatchProfile";

const CHILD: MatchProfile = { childId: "c", givenNames: ["William James"], familyNames: ["Harebell"], dateOfBirth: "2014-03-07", sex: "MALE", postcodes: ["HP20 1UA"] };
const RECORD: IdentityFacts = { givenNames: "William James", familyName: "Harebell", dateOfBirth: "2014-03-07", sex: "MALE", postcode: "HP20 1UA" };

const shares = (facts: IdentityFacts, profile: MatchProfile = CHILD) => queryKeys(facts).some((key) => profileKeys(profile).includes(key));

describe("blocking keys: a true match survives any two common errors at once", () => {
  it.each<[string, Partial<IdentityFacts>]>([
    ["a given-name typo and the date a day out", { givenNames: "Wiliam James", dateOfBirth: "2014-03-08" }],
    ["a given-name typo and the date a day out across the month", { givenNames: "Wiliam James", dateOfBirth: "2014-02-28" }],
    ["a given-name typo and a mistyped month", { givenNames: "Wiliam James", dateOfBirth: "2014-08-07" }],
    ["a given-name typo and a move", { givenNames: "Wiliam James", postcode: "OX1 2JD" }],
    ["a given-name typo and a changed family name", { givenNames: "Wiliam James", familyName: "Okonkwo" }],
    ["a changed family name and a move", { familyName: "Okonkwo", postcode: "OX1 2JD" }],
    ["a changed family name and the date a day out", { familyName: "Okonkwo", dateOfBirth: "2014-03-06" }],
    ["a changed family name and a missing date of birth", { familyName: "Okonkwo", dateOfBirth: null }],
    ["a family-name typo and the date a day out", { familyName: "Harebel", dateOfBirth: "2014-03-08" }],
    ["a changed family name and the date a day out, with no postcode", { familyName: "Okonkwo", dateOfBirth: "2014-03-06", postcode: null }],
    ["a given-name typo and the date a day out, with no postcode", { givenNames: "Wiliam James", dateOfBirth: "2014-03-08", postcode: null }],
    ["both names wrong and the date a day out", { givenNames: "Zebedee", familyName: "Okonkwo", dateOfBirth: "2014-03-08" }],
    ["a missing date of birth and a move out of the district", { dateOfBirth: null, postcode: "OX1 2JD" }],
    ["a mistyped year and a move", { dateOfBirth: "2016-03-07", postcode: "OX1 2JD" }],
    ["a nickname and a move", { givenNames: "Bill", postcode: "OX1 2JD" }],
    ["a missing postcode and a given-name typo", { givenNames: "Wiliam James", postcode: null }],
  ])("%s", (_kinds, change) => {
    expect(shares({ ...RECORD, ...change })).toBe(true);
  });
});

describe("blocking keys: a true match survives any one kind of error", () => {
  it.each<[string, Partial<IdentityFacts>]>([
    ["a typo in the given name", { givenNames: "Wiliam James" }],
    ["a nickname", { givenNames: "Bill" }],
    ["the given names in another order", { givenNames: "James William" }],
    ["a changed family name", { familyName: "Okonkwo" }],
    ["a double-barrelled family name", { familyName: "Harebell-Okonkwo" }],
    ["day and month swapped", { dateOfBirth: "2014-07-03" }],
    ["a mistyped day", { dateOfBirth: "2014-03-08" }],
    ["a missing date of birth", { dateOfBirth: null }],
    ["a move", { postcode: "OX1 2JD" }],
    ["a missing postcode", { postcode: null }],
    ["a mistyped day and no postcode", { dateOfBirth: "2014-03-08", postcode: null }],
    ["both names garbled", { givenNames: "Wxllxam", familyName: "Hxrxbxll" }],
  ])("%s", (_kind, change) => {
    expect(shares({ ...RECORD, ...change })).toBe(true);
  });

  it("keys a given name as written as well as in its formal form: a misspelt short form still finds the child", () => {
    const freddie = { ...CHILD, givenNames: ["Freddie"] };
    expect(shares({ ...RECORD, givenNames: "Fredie", dateOfBirth: "2014-03-08", postcode: null }, freddie)).toBe(true);
    expect(shares({ ...RECORD, givenNames: "Frederick", familyName: "Okonkwo", postcode: null }, freddie)).toBe(true);
  });

  it("does not make an unrelated child a candidate", () => {
    expect(shares({ givenNames: "Zebedee", familyName: "Quillfeather", dateOfBirth: "2019-11-30", sex: "MALE", postcode: "OX1 2JD" })).toBe(false);
  });

  it("gives each key family the fields it is made of, so that each survives errors in the others", () => {
    const families = new Set(profileKeys(CHILD).map((key) => key.split("|")[0]));
    expect([...families].sort()).toEqual(["DF", "DG", "DP", "FG", "FP", "GP", "GY"]);
    const keys = profileKeys(CHILD);
    expect(keys).toContain("DF|2014-03-07|HRPL");
    expect(keys).toContain("FP|HRPL|HP20 1UA");
    expect(keys).toContain("GP|ALM|HP20 1UA");
    expect(keys).toContain("FG|HRPL|ALM");
    // FG keys only the first given name: with the family name alone, every middle name would bring a crowd.
    expect(keys.filter((key) => key.startsWith("FG|"))).toEqual(["FG|HRPL|ALM"]);
  });

  it("looks a record up under its date of birth a day either side, across a month's end", () => {
    const dates = (dateOfBirth: string) => [...new Set(queryKeys({ ...RECORD, dateOfBirth }).filter((key) => key.startsWith("DF|")).map((key) => key.split("|")[1]))].sort();
    expect(dates("2014-03-07")).toEqual(["2014-03-06", "2014-03-07", "2014-03-08", "2014-07-03"]);
    expect(dates("2014-03-31")).toEqual(["2014-03-30", "2014-03-31", "2014-04-01"]);
    expect(dates("2015-01-01")).toEqual(["2014-12-31", "2015-01-01", "2015-01-02"]);
    expect(queryKeys({ ...RECORD, dateOfBirth: "2014-03-31" })).toEqual(expect.arrayContaining(["DG|2014-04-01|ALM", "DG|2014-03-30|ALM", "DP|2014-04-01|HP20 1UA", "DP|2014-03-30|HP20 1UA"]));
  });

  it("stores a child's same-birthday keys (date with each family name, date with each postcode) for finding its twin", () => {
    expect(sameBirthdayKeys({ ...CHILD, familyNames: ["Harebell", "Okonkwo"] }).sort()).toEqual(["DF|2014-03-07|AKNK", "DF|2014-03-07|HRPL", "DP|2014-03-07|HP20 1UA"]);
    expect(sameBirthdayKeys({ ...CHILD, dateOfBirth: null })).toEqual([]);
  });

  it("keys a child by every name and postcode it is known by", () => {
    const known = { ...CHILD, familyNames: ["Harebell", "Okonkwo"], postcodes: ["HP20 1UA", "OX1 2JD"] };
    expect(shares({ ...RECORD, familyName: "Okonkwo", postcode: "OX1 2JD", dateOfBirth: null }, known)).toBe(true);
    expect(shares({ ...RECORD, familyName: "Okonkwo", postcode: "OX1 2JD", dateOfBirth: null })).toBe(false);
  });

  it("gives no swapped date key for an impossible swap (day above 12), and no date key for a missing date", () => {
    expect(queryKeys({ ...RECORD, dateOfBirth: "2014-03-25" }).filter((key) => key.startsWith("DF|"))).toEqual(["DF|2014-03-25|HRPL", "DF|2014-03-24|HRPL", "DF|2014-03-26|HRPL"]);
    expect(queryKeys({ ...RECORD, dateOfBirth: null }).some((key) => key.startsWith("D"))).toBe(false);
  });
});
