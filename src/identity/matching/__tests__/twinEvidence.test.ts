import { type IdentityFacts } from "../comparisonVector";
import { type MatchProfile } from "../MatchProfile";
import { sameBirthdaySibling } from "../sameBirthdaySibling";
import { TermFrequencies, termKey } from "../termFrequencies";
import { ESTABLISHED_NAME_CHILDREN, oneEditApart, twinEvidence } from "../twinEvidence";

const AVA: MatchProfile = { childId: "ava", givenNames: ["Ava Rose"], familyNames: ["Harebell"], dateOfBirth: "2014-03-07", sex: "FEMALE", postcodes: ["HP20 1UA"] };
const RECORD: IdentityFacts = { givenNames: "Ava Rose", familyName: "Harebell", dateOfBirth: "2014-03-07", sex: "FEMALE", postcode: "HP20 1UA" };

/** First given names as a big hub counts them: Ava and Eva both names in use, "Avva" nobody's. */
const BIG_HUB = new TermFrequencies(
  new Map([[termKey("givenNames", "ava"), 900], [termKey("givenNames", "eva"), 400], [termKey("givenNames", "freddie"), 300], [termKey("givenNames", "fredie"), 1], [termKey("givenNames", "sienna"), 500], [termKey("givenNames", "siennarose"), 60]]),
);

describe("twin evidence: is a given name merely alike the child's a slip, or another child's name?", () => {
  it("takes a rare misspelling of a name many children have for a slip", () => {
    expect(twinEvidence({ ...RECORD, givenNames: "Avva Rose" }, AVA, BIG_HUB, false).spellingSlip).toBe(true);
    expect(twinEvidence({ ...RECORD, givenNames: "Fredie" }, { ...AVA, givenNames: ["Freddie"] }, BIG_HUB, false).spellingSlip).toBe(true);
  });

  it("never takes two names in use for a slip of one another (Eva beside Ava): it could be the twin", () => {
    expect(twinEvidence({ ...RECORD, givenNames: "Eva Rose" }, AVA, BIG_HUB, false)).toEqual({ siblingKnown: false, sameFirstName: false, spellingSlip: false });
  });

  it("takes nothing for a slip in a hub too small to know which names are in use", () => {
    const small = new TermFrequencies(new Map([[termKey("givenNames", "ava"), ESTABLISHED_NAME_CHILDREN - 1]]));
    expect(twinEvidence({ ...RECORD, givenNames: "Avva Rose" }, AVA, small, false).spellingSlip).toBe(false);
  });

  it("takes a name unlike the child's for no slip, however rare, nor one two slips away", () => {
    expect(twinEvidence({ ...RECORD, givenNames: "Zebedee" }, AVA, BIG_HUB, false).spellingSlip).toBe(false);
    // "Avve" sounds like Eva and Ava alike: two letters from Eva, it could be a slip of her twin's name.
    expect(twinEvidence({ ...RECORD, givenNames: "Avve" }, { ...AVA, givenNames: ["Eva"] }, BIG_HUB, false).spellingSlip).toBe(false);
  });

  it("keeps a hyphenated first name whole: Sienna-Rose is not her sister Sienna with a middle name", () => {
    const sienna = { ...AVA, givenNames: ["Sienna Becca"] };
    expect(twinEvidence({ ...RECORD, givenNames: "Sienna-Rose Eliza" }, sienna, BIG_HUB, false)).toEqual({ siblingKnown: false, sameFirstName: false, spellingSlip: false });
    expect(twinEvidence({ ...RECORD, givenNames: "Sienna" }, sienna, BIG_HUB, false).sameFirstName).toBe(true);
  });

  it("counts one slip of the keyboard: a letter substituted, inserted, deleted, or two neighbours swapped", () => {
    for (const [a, b] of [["olivia", "olieia"], ["freddie", "fredie"], ["freddie", "freddiie"], ["amelia", "amleia"], ["ava", "eva"], ["aa", "a"]]) expect(oneEditApart(a, b)).toBe(true);
    for (const [a, b] of [["ava", "ava"], ["ava", "eve"], ["amelia", "amlie"], ["freddie", "fred"], ["isla", "ilsa s"]]) expect(oneEditApart(a, b)).toBe(false);
  });

  it("sees the same first name with another middle name, or as a short form, as the child's own", () => {
    expect(twinEvidence({ ...RECORD, givenNames: "Ava" }, AVA, BIG_HUB, true)).toEqual({ siblingKnown: true, sameFirstName: true, spellingSlip: false });
    expect(twinEvidence({ ...RECORD, givenNames: "Freddie James" }, { ...AVA, givenNames: ["Frederick"] }, BIG_HUB, false).sameFirstName).toBe(true);
    expect(twinEvidence({ ...RECORD, givenNames: "Rose Ava" }, AVA, BIG_HUB, false).sameFirstName).toBe(false);
  });
});

describe("a same-birthday sibling: born the same day, at the same address or of the same family", () => {
  const twin = (change: Partial<MatchProfile>): MatchProfile => ({ ...AVA, childId: "eva", givenNames: ["Eva"], ...change });

  it("is a child born the same day at the same address, whatever its family name", () => {
    expect(sameBirthdaySibling(AVA, twin({ familyNames: ["Okonkwo"] }))).toBe(true);
  });

  it("is a child born the same day with the family name, in the same district or with no address known", () => {
    expect(sameBirthdaySibling(AVA, twin({ postcodes: ["HP20 9ZZ"] }))).toBe(true);
    expect(sameBirthdaySibling(AVA, twin({ postcodes: [] }))).toBe(true);
  });

  it("is not a namesake family born the same day elsewhere, nor a child born another day", () => {
    expect(sameBirthdaySibling(AVA, twin({ postcodes: ["OX1 2JD"] }))).toBe(false);
    expect(sameBirthdaySibling(AVA, twin({ dateOfBirth: "2015-03-07" }))).toBe(false);
    expect(sameBirthdaySibling({ ...AVA, dateOfBirth: null }, twin({ dateOfBirth: null }))).toBe(false);
  });
});
