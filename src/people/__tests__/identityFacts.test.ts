import { SensitivityLabel } from "../../records/SensitivityLabel";
import { AddressKind } from "../AddressKind";
import { NameKind } from "../NameKind";
import { sameSources, visibleIdentity as visibleThrough, type ChildIdentityFacts, type IdentityReport, type RecordedAddress } from "../identityFacts";

/** Design principle 8, as a pure function: what of a child's identity reaches a caller who sees some records. */
const usual = { givenNames: "Ada", familyName: "Lowe", dateOfBirth: "2014-01-01", expectedDateOfBirth: null, sex: "FEMALE" as const };
const identity = (overrides: Partial<IdentityReport["identity"]> = {}): IdentityReport["identity"] => ({
  givenNames: "Ada", familyName: "Lowe", dateOfBirth: "2014-01-01", expectedDateOfBirth: null, sex: "FEMALE", postcode: null, address: null, ...overrides,
});
const report = (recordId: string, labels: SensitivityLabel[] = []): IdentityReport => ({ recordId, labels, identity: identity() });

let sequence = 0;
function address(sourceRecordId: string, overrides: Partial<RecordedAddress> = {}): RecordedAddress {
  sequence += 1;
  return {
    id: `address-${sequence}`, kind: AddressKind.HOME, line1: "21 Kiln Street", line2: null, town: null, postcode: "HP20 9KS", localAuthority: null,
    labels: [], validFrom: null, firstReportedAt: new Date(Date.UTC(2026, 0, sequence)), sourceRecordId, ...overrides,
  };
}

const visibleIdentity = (known: ChildIdentityFacts, visible: ReadonlySet<string>) => visibleThrough(known, sameSources(visible));

function facts(addresses: RecordedAddress[], reports: IdentityReport[]): ChildIdentityFacts {
  return { usual, names: [{ id: "name-1", givenNames: "Ada", familyName: "Lowe", kind: NameKind.USUAL, sources: reports.map((r) => r.recordId) }], addresses, reports };
}

describe("addresses reach a caller only as the records they may see report them", () => {
  it("never fill in a visible report from a hidden record's report of the same street", () => {
    const school = address("school");
    const sealed = address("sealed", { line2: "Flat 3", town: "Gainsthorpe", localAuthority: "E10000019", validFrom: "2026-10-01" });
    const seen = visibleIdentity(facts([school, sealed], [report("school"), report("sealed", [SensitivityLabel.SEALED])]), new Set(["school"]));
    expect(seen.addresses).toEqual([expect.objectContaining({ id: school.id, line2: null, town: null, localAuthority: null, validFrom: null, sources: ["school"] })]);
    expect(seen.residence).toBeNull();
  });

  it("are one address when the visible records report it alike, known since the earliest of them, with every source", () => {
    const first = address("a", { localAuthority: "E06000060", validFrom: "2025-09-01" });
    const second = address("b", { localAuthority: "E06000060", validFrom: "2024-04-01" });
    const seen = visibleIdentity(facts([first, second], [report("a"), report("b")]), new Set(["a", "b"]));
    expect(seen.addresses).toEqual([expect.objectContaining({ id: first.id, validFrom: "2024-04-01", firstReportedAt: first.firstReportedAt, sources: ["a", "b"] })]);
    expect(seen.residence?.localAuthority).toBe("E06000060");
  });

  it("are two addresses when visible records disagree on the details, each with its own source", () => {
    const seen = visibleIdentity(facts([address("a", { line2: "Flat 1" }), address("b", { line2: "Flat 2" })], [report("a"), report("b")]), new Set(["a", "b"]));
    expect(seen.addresses.map((a) => [a.line2, a.sources])).toEqual([["Flat 1", ["a"]], ["Flat 2", ["b"]]]);
  });

  it("take the id of a row the caller may see, never a hidden record's", () => {
    const hidden = address("sealed");
    const shown = address("school");
    const seen = visibleIdentity(facts([hidden, shown], [report("sealed", [SensitivityLabel.SEALED]), report("school")]), new Set(["school"]));
    expect(seen.addresses.map((a) => a.id)).toEqual([shown.id]);
  });

  it("carry every label any record put on the location, whoever may see that record", () => {
    const shown = address("school", { kind: AddressKind.TEMPORARY, line1: "12 Linden Court" });
    const hidden = address("clinic", { kind: AddressKind.REFUGE, line1: "Linden Court (refuge)", labels: [SensitivityLabel.LOCATION_WITHHELD] });
    const seen = visibleIdentity(facts([shown, hidden], [report("school"), report("clinic", [SensitivityLabel.BROKERED])]), new Set(["school"]));
    expect(seen.addresses).toEqual([expect.objectContaining({ id: shown.id, labels: [SensitivityLabel.LOCATION_WITHHELD] })]);
  });

  it("are protected by a record that withholds its location, even where the address itself is not labelled", () => {
    const seen = visibleIdentity(facts([address("school"), address("gp")], [report("school"), report("gp", [SensitivityLabel.LOCATION_WITHHELD])]), new Set(["school"]));
    expect(seen.addresses[0]?.labels).toEqual([SensitivityLabel.LOCATION_WITHHELD]);
  });

  it("without a postcode, are one location by their first line, whatever its case", () => {
    const shown = address("school", { postcode: "", line1: "The Boat, Mill Wharf" });
    const hidden = address("gp", { postcode: "", line1: "the boat, mill wharf", labels: [SensitivityLabel.LOCATION_WITHHELD] });
    const elsewhere = address("gp", { postcode: "", line1: "4 Other Road" });
    const seen = visibleIdentity(facts([shown, hidden, elsewhere], [report("school"), report("gp")]), new Set(["school", "gp"]));
    expect(seen.addresses.map((a) => [a.line1, a.labels])).toEqual([
      ["The Boat, Mill Wharf", [SensitivityLabel.LOCATION_WITHHELD]],
      ["4 Other Road", []],
    ]);
  });

  it("are one location when one report gives the postcode and another only the same first line, in the same authority", () => {
    const placement = address("csc", { kind: AddressKind.PLACEMENT, line1: "12 Haven Close", postcode: "LN1 1AA", localAuthority: "E10000019", labels: [SensitivityLabel.LOCATION_WITHHELD] });
    const gp = address("gp", { line1: "12  haven close.", postcode: "", town: "Lincoln", localAuthority: "E10000019" });
    const noAuthority = address("school", { line1: "12 Haven Close", postcode: "", localAuthority: null });
    const elsewhere = address("police", { line1: "12 Haven Close", postcode: "", localAuthority: "E06000060" });
    const otherPostcode = address("yot", { line1: "12 Haven Close", postcode: "HP20 1HC", localAuthority: "E10000019" });
    const seen = visibleIdentity(facts([placement, gp, noAuthority, elsewhere, otherPostcode], [report("csc"), report("gp"), report("school"), report("police"), report("yot")]), new Set(["gp", "school", "police", "yot"]));
    expect(seen.addresses.map((a) => [a.sources, a.labels])).toEqual([
      [["gp"], [SensitivityLabel.LOCATION_WITHHELD]],
      [["school"], [SensitivityLabel.LOCATION_WITHHELD]],
      [["police"], []],
      [["yot"], []],
    ]);
  });

  it("are nothing to a caller who sees no record", () => {
    expect(visibleIdentity(facts([address("a")], [report("a")]), new Set()).addresses).toEqual([]);
  });
});
