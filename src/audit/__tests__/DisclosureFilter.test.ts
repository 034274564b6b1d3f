import { describeCriteria, validateDisclosureFilter } from "../DisclosureFilter";

describe("checking a disclosure filter", () => {
  it("accepts no filter", () => {
    expect(validateDisclosureFilter(undefined)).toEqual({});
    expect(validateDisclosureFilter(null)).toEqual({});
  });

  it("canonicalises the SUI and trims text", () => {
    expect(validateDisclosureFilter({ childSui: "999 000 0018", agency: " POLICE-43 " })).toEqual({ childSui: "9990000018", agency: "POLICE-43" });
  });

  it("refuses an invalid SUI without echoing it", () => {
    expect(() => validateDisclosureFilter({ childSui: "9990000019" })).toThrow(expect.objectContaining({ code: "INVALID_SUI", details: expect.objectContaining({ path: "filter.childSui" }) }));
  });

  it("refuses a window that ends before it starts", () => {
    const from = new Date("2026-10-31T00:00:00Z");
    expect(() => validateDisclosureFilter({ from, to: new Date("2026-10-01T00:00:00Z") })).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
  });

  it("refuses values outside the vocabularies", () => {
    expect(() => validateDisclosureFilter({ purpose: "CURIOSITY" as never })).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    expect(() => validateDisclosureFilter({ outcome: "MAYBE" as never })).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    expect(() => validateDisclosureFilter({ operation: "DROP" as never })).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
  });

  it("describes the criteria as plain JSON for the IG lead's own audit entry", () => {
    const criteria = validateDisclosureFilter({ childSui: "9990000018", breakGlass: true, from: new Date("2026-10-01T00:00:00Z") });
    expect(describeCriteria(criteria)).toEqual({ childSui: "9990000018", breakGlass: true, from: "2026-10-01T00:00:00.000Z" });
  });
});
