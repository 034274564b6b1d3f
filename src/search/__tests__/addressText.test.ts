import { addressLevel, parseAddressText } from "../addressText";

describe("free address text as the matcher reads an address", () => {
  it("takes a postcode written anywhere in it, and reads the rest as a first line", () => {
    expect(parseAddressText("14, Cobble STREET,  Sampleton hp209cs")).toEqual({ postcode: "HP20 9CS", line: "14 cobble street sampleton" });
    expect(parseAddressText("Flat 2, 80 Station Road")).toEqual({ postcode: null, line: "flat 2 80 station road" });
    expect(parseAddressText("HP20 9CS")).toEqual({ postcode: "HP20 9CS", line: "" });
    expect(parseAddressText("  ")).toBeNull();
  });

  it("names an address when it holds its whole first line, at its postcode when both give one", () => {
    const known = [{ line1: "14 Cobble Street", postcode: "HP20 9CS", localAuthority: null }];
    expect(addressLevel({ postcode: null, line: "14 cobble street sampleton" }, known)).toBe("EXACT");
    expect(addressLevel({ postcode: "HP20 9CS", line: "14 cobble street" }, known)).toBe("EXACT");
    expect(addressLevel({ postcode: "HP21 1AA", line: "14 cobble street" }, known)).toBe("DIFFERENT");
    expect(addressLevel({ postcode: null, line: "4 cobble street" }, known)).toBe("DIFFERENT");
    expect(addressLevel({ postcode: null, line: "4 cobble street" }, [])).toBe("MISSING");
  });
});
