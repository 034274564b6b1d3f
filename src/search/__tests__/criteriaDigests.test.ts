import { criteriaDigests, fieldsUsed } from "../criteriaDigests";

const KEY = "a-test-search-audit-key-of-32-characters";

describe("a search's values on the audit trail", () => {
  it("are keyed digests, never the values", () => {
    const digests = criteriaDigests(KEY, { givenNames: "Katrina", familyName: "Abernethie", dateOfBirth: { exact: "2015-07-03" }, postcode: "hp20 1ua" });
    expect(Object.keys(digests).sort()).toEqual(["dateOfBirth", "familyName", "givenNames", "postcode"]);
    expect(JSON.stringify(digests)).not.toMatch(/katrina|abernethie|2015|hp20/i);
  });

  it("are the same however the same search was typed, so an IG lead holding the key can check a value", () => {
    const typed = criteriaDigests(KEY, { givenNames: " ZOË ", familyName: "O'Brien", postcode: "HP201UA" });
    const again = criteriaDigests(KEY, { givenNames: "zoe", familyName: "OBrien", postcode: "HP20 1UA" });
    expect(typed).toEqual(again);
  });

  it("differ under another key, and for the same value in another field", () => {
    expect(criteriaDigests(`${KEY}-other`, { familyName: "Smith" }).familyName).not.toBe(criteriaDigests(KEY, { familyName: "Smith" }).familyName);
    expect(criteriaDigests(KEY, { givenNames: "Morgan" }).givenNames).not.toBe(criteriaDigests(KEY, { familyName: "Morgan" }).familyName);
  });

  it("name the fields used, blank ones left out", () => {
    expect(fieldsUsed({ givenNames: "  ", familyName: "Smith", sex: "FEMALE", dateOfBirth: {}, agencyReference: { agencyCode: "POLICE-43", reference: "TVP-1" } })).toEqual(["familyName", "sex", "agencyReference"]);
  });
});
