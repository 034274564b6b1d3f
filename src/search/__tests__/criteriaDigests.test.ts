import { createHmac } from "node:crypto";
import { type ComparisonsShown } from "../comparisonsShown";
import { criteriaDigests as digestsAsUsed, fieldsGiven } from "../criteriaDigests";
import { type SearchCriteria } from "../SearchCriteria";

const KEY = "a-test-search-audit-key-of-32-characters";
/** A searcher shown every detail as compared. */
const AS_COMPARED: ComparisonsShown = new Map([["givenNames", null], ["familyName", null], ["dateOfBirth", null], ["sex", null], ["postcode", null], ["address", null]]);
const criteriaDigests = (key: string, criteria: SearchCriteria) => digestsAsUsed(key, criteria, AS_COMPARED).digests;
const hmac = (field: string, value: string) => createHmac("sha256", KEY).update(`${field}\u0000${value}`).digest("base64url");

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
    expect(fieldsGiven({ givenNames: "  ", familyName: "Smith", sex: "FEMALE", dateOfBirth: {}, agencyReference: { agencyCode: "POLICE-43", reference: "TVP-1" } })).toEqual(["familyName", "sex", "agencyReference"]);
  });

  it("are of what the search used: a postcode shown as its district is the district's digest, never the postcode typed", () => {
    const district: ComparisonsShown = new Map([["givenNames", null], ["familyName", null], ["dateOfBirth", null], ["postcode", "DISTRICT"]]);
    const used = digestsAsUsed(KEY, { givenNames: "Katrina", postcode: "hp23 4tw", address: "11 Tinners Way, HP23 4TW" }, district);
    expect(used.digests.postcode).toBe(hmac("postcode", "HP23"));
    expect(used.usedAs).toEqual({ givenNames: "AS_GIVEN", postcode: "DISTRICT", address: "NOT_USED" });
    expect(used.digests.address).toBeUndefined();
    expect(used.narrowed).toEqual(["postcode", "address"]);
    // Free address text alone: its postcode's district; its first line, not compared, is not kept.
    const text = digestsAsUsed(KEY, { givenNames: "Katrina", address: "11 Tinners Way, HP23 4TW" }, district);
    expect(text.digests.address).toBe(hmac("address", "HP23|"));
    expect(text.usedAs.address).toBe("POSTCODE_DISTRICT");
    // As compared: the unit and the line.
    expect(digestsAsUsed(KEY, { address: "11 Tinners Way, HP23 4TW" }, AS_COMPARED).usedAs.address).toBe("POSTCODE_UNIT+FIRST_LINE");
  });

  it("keep nothing of a criterion about a detail the searcher is not shown, and say how a date of birth was searched", () => {
    const noAddress: ComparisonsShown = new Map([["givenNames", null], ["familyName", null], ["dateOfBirth", null], ["sex", null]]);
    const used = digestsAsUsed(KEY, { familyName: "Smith", dateOfBirth: { age: 9 }, postcode: "HP23 4TW", address: "11 Tinners Way" }, noAddress);
    expect(Object.keys(used.digests).sort()).toEqual(["dateOfBirth", "familyName"]);
    expect(used.usedAs).toEqual({ familyName: "AS_GIVEN", dateOfBirth: "AGE", postcode: "NOT_USED", address: "NOT_USED" });
    expect(digestsAsUsed(KEY, { dateOfBirth: { from: "2015-01-01", to: "2015-06-30" } }, noAddress).usedAs.dateOfBirth).toBe("RANGE");
  });
});
