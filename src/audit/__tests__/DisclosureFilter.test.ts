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

describe("what a refused filter says", () => {
  /** The INVALID_INPUT a filter is refused with: its path, and a message naming the path. */
  function refusal(filter: Parameters<typeof validateDisclosureFilter>[0]): { path: unknown; message: string } {
    try {
      validateDisclosureFilter(filter);
    } catch (error) {
      expect(error).toMatchObject({ code: "INVALID_INPUT" });
      const { details, message } = error as { details: { path: unknown }; message: string };
      return { path: details.path, message };
    }
    throw new Error("the filter was accepted");
  }

  it.each([
    ["principalSub", { principalSub: "   " }, "must be 1 to 200 characters"],
    ["agency", { agency: "" }, "must be 1 to 200 characters"],
    ["agency", { agency: "A".repeat(201) }, "must be 1 to 200 characters"],
    ["purpose", { purpose: "CURIOSITY" as never }, "is not a purpose the hub knows"],
    ["outcome", { outcome: "MAYBE" as never }, "is not an audit outcome"],
    ["operation", { operation: "DROP" as never }, "is not an audited operation"],
    ["from", { from: new Date("not a date") }, "is not a valid date and time"],
    ["to", { to: "2026-10-01" as never }, "is not a valid date and time"],
    ["to", { from: new Date("2026-10-31T00:00:00Z"), to: new Date("2026-10-01T00:00:00Z") }, "must be later than `from`"],
    ["to", { from: new Date("2026-10-01T00:00:00Z"), to: new Date("2026-10-01T00:00:00Z") }, "must be later than `from`"],
  ])("names filter.%s and what is wrong with it", (field, filter, problem) => {
    expect(refusal(filter)).toEqual({ path: `filter.${field}`, message: `\`filter.${field}\` ${problem}.` });
  });

  it("accepts text of 200 characters, and a window of one millisecond", () => {
    expect(validateDisclosureFilter({ principalSub: "s".repeat(200) })).toEqual({ principalSub: "s".repeat(200) });
    const from = new Date("2026-10-01T00:00:00.000Z");
    const to = new Date("2026-10-01T00:00:00.001Z");
    expect(validateDisclosureFilter({ from, to })).toEqual({ from, to });
  });

  it("takes each criterion given, and only those", () => {
    const from = new Date("2026-10-01T00:00:00Z");
    expect(validateDisclosureFilter({ principalSub: " sw-1 ", purpose: "SECTION_47_ENQUIRY", outcome: "REFUSED", operation: "CHILD_RECORD", breakGlass: false, from })).toEqual({
      principalSub: "sw-1", purpose: "SECTION_47_ENQUIRY", outcome: "REFUSED", operation: "CHILD_RECORD", breakGlass: false, from,
    });
    expect(validateDisclosureFilter({ to: from })).toEqual({ to: from });
    expect(validateDisclosureFilter({ childSui: null, principalSub: null, agency: null, purpose: null, outcome: null, operation: null, breakGlass: null, from: null, to: null })).toEqual({});
  });
});
