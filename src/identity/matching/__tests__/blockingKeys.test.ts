import { profileKeys, queryKeys } from "../blockingKeys";
import { type IdentityFacts } from "../comparisonVector";
import { type MatchProfile } from "../MatchProfile";

const CHILD: MatchProfile = { childId: "c", givenNames: ["William James"], familyNames: ["Harebell"], dateOfBirth: "2014-03-07", sex: "MALE", postcodes: ["HP20 1UA"] };
const RECORD: IdentityFacts = { givenNames: "William James", familyName: "Harebell", dateOfBirth: "2014-03-07", sex: "MALE", postcode: "HP20 1UA" };

const shares = (facts: IdentityFacts, profile: MatchProfile = CHILD) => queryKeys(facts).some((key) => profileKeys(profile).includes(key));

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

  it("does not make an unrelated child a candidate", () => {
    expect(shares({ givenNames: "Zebedee", familyName: "Quillfeather", dateOfBirth: "2019-11-30", sex: "MALE", postcode: "OX1 2JD" })).toBe(false);
  });

  it("keys a child by every name and postcode it is known by", () => {
    const known = { ...CHILD, familyNames: ["Harebell", "Okonkwo"], postcodes: ["HP20 1UA", "OX1 2JD"] };
    expect(shares({ ...RECORD, familyName: "Okonkwo", postcode: "OX1 2JD", dateOfBirth: null }, known)).toBe(true);
    expect(shares({ ...RECORD, familyName: "Okonkwo", postcode: "OX1 2JD", dateOfBirth: null })).toBe(false);
  });

  it("gives no date key for an impossible swap (day above 12) or a missing date", () => {
    expect(queryKeys({ ...RECORD, dateOfBirth: "2014-03-25" }).filter((key) => key.startsWith("DF|"))).toEqual(["DF|2014-03-25|HRPL"]);
    expect(queryKeys({ ...RECORD, dateOfBirth: null }).some((key) => key.startsWith("D"))).toBe(false);
  });
});
