import { SensitivityLabel } from "../records/SensitivityLabel";
import { type ReportedIdentity } from "../identity/ReportedIdentity";
import { type AddressKind } from "./AddressKind";
import { NameKind } from "./NameKind";
import { currentResidence } from "./residence";
import { type Sex } from "./Sex";

/** A name the hub holds for a child, with the agency records that reported it. */
export interface NameFact {
  id: string;
  givenNames: string;
  familyName: string;
  kind: NameKind;
  sources: readonly string[];
}

/** An address as one agency record reported it: the hub keeps each record's report of an address apart. */
export interface RecordedAddress {
  id: string;
  kind: AddressKind;
  line1: string;
  line2: string | null;
  town: string | null;
  postcode: string;
  localAuthority: string | null;
  labels: readonly SensitivityLabel[];
  validFrom: string | null;
  firstReportedAt: Date;
  sourceRecordId: string;
}

/** An address as it reaches one caller: what the records they may see report alike, with those records. */
export interface AddressFact extends Omit<RecordedAddress, "sourceRecordId"> {
  sources: readonly string[];
}

/** One agency record linked to the child, as a source of identity facts. */
export interface IdentityReport {
  recordId: string;
  /** The record's own labels: a LOCATION_WITHHELD record protects the address it reported. */
  labels: readonly SensitivityLabel[];
  identity: ReportedIdentity;
}

/** The child's identity as the hub holds it: its usual details and every fact with its sources. */
export interface ChildIdentityFacts {
  /** The identity the child was first known by (the matcher's anchor); shown only where a visible record supports it. */
  usual: { givenNames: string; familyName: string; dateOfBirth: string | null; expectedDateOfBirth: string | null; sex: Sex };
  /** Oldest first. */
  names: readonly NameFact[];
  /** Each record's report of each address, oldest first. */
  addresses: readonly RecordedAddress[];
  /** The records linked to the child, in the order they arrived. */
  reports: readonly IdentityReport[];
}

/** A fact as one caller may receive it: its value and the records it came through. */
export interface Sourced<T> {
  value: T;
  sources: readonly string[];
}

/** The part of a child's identity that reaches one caller: what the records that caller may see support. */
export interface VisibleIdentity {
  givenNames: Sourced<string> | null;
  familyName: Sourced<string> | null;
  aliases: Sourced<string>[];
  dateOfBirth: Sourced<string> | null;
  sex: Sourced<Sex> | null;
  /**
   * What the visible records report alike, oldest first, each with the labels every record (visible or
   * not) put on that location, and LOCATION_WITHHELD when any record that reported it withholds its location.
   */
  addresses: AddressFact[];
  /** Where the child lives, as far as these addresses tell: the local authority is derived from it and carries its labels. */
  residence: AddressFact | null;
}

/**
 * The records each of the child's details may come from, for one caller: usually the same records for
 * every detail, but a record whose own labels keep one detail from the caller is no source of it.
 */
export interface IdentitySources {
  /** Names and aliases. */
  names: ReadonlySet<string>;
  dateOfBirth: ReadonlySet<string>;
  sex: ReadonlySet<string>;
  /** Addresses, and the local authority derived from them. */
  addresses: ReadonlySet<string>;
}

/** The same records as the source of every detail. */
export function sameSources(visible: ReadonlySet<string>): IdentitySources {
  return { names: visible, dateOfBirth: visible, sex: visible, addresses: visible };
}

/** A child seen through no record: nothing of their identity reaches the caller. */
export const NOTHING_VISIBLE: VisibleIdentity = { givenNames: null, familyName: null, aliases: [], dateOfBirth: null, sex: null, addresses: [], residence: null };

/**
 * What of a child's identity reaches a caller who may see the records `visible` (design principle 8):
 * a name, date of birth, sex or address only through a record that reported it and that the caller may
 * see it from; the local authority only from the residence those addresses support, with that address's labels.
 * A sealed or brokered record the caller may not see therefore contributes nothing, and a child seen
 * through no record has no identity to show at all.
 */
export function visibleIdentity(facts: ChildIdentityFacts, visible: IdentitySources): VisibleIdentity {
  const reportsFrom = (records: ReadonlySet<string>) => facts.reports.filter((report) => records.has(report.recordId));

  const names = facts.names.map((name) => ({ name, sources: name.sources.filter((id) => visible.names.has(id)) })).filter((entry) => entry.sources.length > 0);
  const usual = names.find((entry) => entry.name.kind === NameKind.USUAL) ?? names[0];
  const aliases = names.filter((entry) => entry !== usual).map((entry) => ({ value: fullName(entry.name), sources: entry.sources }));

  const addresses = visibleAddresses(facts.addresses, facts.reports, visible.addresses);

  return {
    givenNames: usual ? { value: usual.name.givenNames, sources: usual.sources } : null,
    familyName: usual ? { value: usual.name.familyName, sources: usual.sources } : null,
    aliases,
    dateOfBirth:
      supported(facts.usual.dateOfBirth, reportsFrom(visible.dateOfBirth), (identity) => identity.dateOfBirth) ??
      supported(facts.usual.expectedDateOfBirth, reportsFrom(visible.dateOfBirth), (identity) => identity.expectedDateOfBirth),
    sex: supported(facts.usual.sex, reportsFrom(visible.sex), (identity) => identity.sex),
    addresses,
    residence: currentResidence(addresses),
  };
}

function fullName(name: Pick<NameFact, "givenNames" | "familyName">): string {
  return `${name.givenNames} ${name.familyName}`;
}

/**
 * A single-valued fact (date of birth, sex): the usual value when a visible record reports it (records
 * from before the hub kept what each reported stand for the usual identity), otherwise the value the
 * earliest visible record reported, otherwise nothing.
 */
function supported<T>(usual: T | null, reports: readonly IdentityReport[], read: (identity: ReportedIdentity) => T | null): Sourced<T> | null {
  const reporting = (value: T) => reports.filter((report) => (report.identity.backfilled === true ? usual : read(report.identity)) === value).map((report) => report.recordId);
  if (usual !== null) {
    const sources = reporting(usual);
    if (sources.length > 0) return { value: usual, sources };
  }
  for (const report of reports) {
    const value = report.identity.backfilled === true ? null : read(report.identity);
    if (value !== null && value !== undefined) return { value, sources: reporting(value) };
  }
  return null;
}

/**
 * The addresses that reach a caller: only what records they may see reported, with only those
 * records' details — a flat number or an authority a hidden record added to the same street does not
 * fill in a visible one's. Records that report an address alike are one address, known since the
 * earliest of them. Protection is the location's, not the record's: every label a record put on an
 * address applies to every address at the same location (`sameLocation`), and a record that withholds
 * its location protects every address it reported — so a refuge stays withheld from a caller who sees
 * only a school's record of the same address, however the school wrote it. That holds for a sealed or
 * brokered record's protection too: a refuge's address must not reach anyone because the record that
 * protected it is hidden; that the location is protected is all the caller learns.
 */
function visibleAddresses(recorded: readonly RecordedAddress[], reports: readonly IdentityReport[], visible: ReadonlySet<string>): AddressFact[] {
  const labelsOf = locationLabels({ addresses: recorded, reports });
  const alike = new Map<string, AddressFact>();
  for (const address of recorded) {
    if (!visible.has(address.sourceRecordId)) continue;
    const key = [address.kind, address.line1.toLowerCase(), address.postcode, address.line2 ?? "", address.town ?? "", address.localAuthority ?? ""].join("|");
    const known = alike.get(key);
    if (known === undefined) {
      const { sourceRecordId, ...fact } = address;
      alike.set(key, { ...fact, labels: labelsOf(address), sources: [sourceRecordId] });
      continue;
    }
    const labels = new Set([...known.labels, ...labelsOf(address)]);
    alike.set(key, { ...known, labels: [...labels], validFrom: earliest(known.validFrom, address.validFrom), sources: [...known.sources, address.sourceRecordId] });
  }
  return [...alike.values()];
}

/**
 * The labels each location carries: every label any record put on an address at the same place
 * (`sameLocation`), and LOCATION_WITHHELD wherever a record that withholds its location reported one —
 * whichever records the caller may see.
 */
export function locationLabels(facts: Pick<ChildIdentityFacts, "addresses" | "reports">): (address: RecordedAddress) => SensitivityLabel[] {
  const withholding = new Set(facts.reports.filter((report) => report.labels.includes(SensitivityLabel.LOCATION_WITHHELD)).map((report) => report.recordId));
  const protections = facts.addresses.map((address) => ({
    address,
    labels: withholding.has(address.sourceRecordId) ? [...address.labels, SensitivityLabel.LOCATION_WITHHELD] : address.labels,
  }));
  return (address) => {
    const labels = new Set<SensitivityLabel>();
    for (const protection of protections) {
      if (protection.address === address || sameLocation(protection.address, address)) for (const label of protection.labels) labels.add(label);
    }
    return [...labels];
  };
}

/**
 * Two reports of one place: the same postcode; or, where one of them gives no postcode, the same first
 * line (ignoring case, spacing and punctuation) in the same local authority, or with none given. Two
 * different postcodes are two places, whatever their first lines say.
 */
export function sameLocation(a: Pick<RecordedAddress, "line1" | "postcode" | "localAuthority">, b: Pick<RecordedAddress, "line1" | "postcode" | "localAuthority">): boolean {
  if (a.postcode !== "" && b.postcode !== "") return a.postcode === b.postcode;
  const line = firstLine(a.line1);
  return line !== "" && line === firstLine(b.line1) && (a.localAuthority === null || b.localAuthority === null || a.localAuthority === b.localAuthority);
}

/** A first line as two reports of one place are compared: case, spacing and punctuation aside. */
export function firstLine(line1: string): string {
  return line1.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}
