import { type EntityManager } from "typeorm";
import { type ChildIdentitySubmission } from "../records/AgencyRecordSubmission";
import { Child } from "./Child";
import { addAddressFacts, addNameFacts, type AddressFactRow, type NameFactRow } from "./addIdentityFacts";
import { NameKind } from "./NameKind";
import { normalisePostcode } from "./postcode";
import { sameName, tidyName } from "./personName";
import { isLocationWithheld } from "./unrestrictedSource";
import { SensitivityLabel } from "../records/SensitivityLabel";

export interface RecordedChild {
  child: Child;
  /** A new child, or a name or address the hub had not been told, or a newly protected one: the child's match profile must follow. */
  identityGrew: boolean;
}

/**
 * Finds or creates the child with this SUI and adds what the agency reported to the child's history,
 * with the reporting record as its source (design principle 8): a name the hub has not seen becomes an
 * ALIAS, an address not seen becomes a new address entry. What the hub already holds (the usual name,
 * the date of birth) is never overwritten by one agency's view: correcting identity is a data
 * steward's decision.
 */
export async function recordChild(manager: EntityManager, sui: string, reported: ChildIdentitySubmission, source: ReportingRecord): Promise<RecordedChild> {
  const givenNames = tidyName(reported.givenNames);
  const familyName = tidyName(reported.familyName);
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(Child)
    .values({
      sui,
      givenNames,
      familyName,
      dateOfBirth: reported.dateOfBirth ?? null,
      expectedDateOfBirth: reported.expectedDateOfBirth ?? null,
      sex: reported.sex,
    })
    .orIgnore()
    .returning(["id"])
    .execute();
  const child = await manager.getRepository(Child).findOneOrFail({ where: { sui }, relations: { names: true, addresses: true } });
  const isNew = inserted.identifiers.length > 0 && inserted.identifiers[0] !== undefined;
  const facts = childFactsReported(child, isNew, reported, source);
  await addNameFacts(manager, [facts.name]);
  await addAddressFacts(manager, facts.address === null ? [] : [facts.address]);
  return { child, identityGrew: facts.identityGrew };
}

/** The record that reported a child's identity: the source of the facts it adds. */
export interface ReportingRecord {
  agencyCode: string;
  recordId: string;
  /** The record's own labels: one withholding its location protects the address it reports (`isLocationWithheld`). */
  labels: readonly string[];
}

/** What one record reported about a child known by its SUI, as rows of the child's history. */
export interface ReportedChildFacts {
  name: NameFactRow;
  address: AddressFactRow | null;
  /** A new child, or a name or address the hub had not been told, or a newly protected one: the child's match profile must follow. */
  identityGrew: boolean;
}

/**
 * The name and address a record reported, as the child's history holds them (`recordChild`): a name
 * the hub has not seen becomes an ALIAS (the USUAL name of a child the record founded), a known name
 * keeps the spelling the hub first had (names differing only in case and spacing are one), an address
 * becomes the record's own entry. `child` is the child as it stood before this record, with its
 * names and addresses.
 */
export function childFactsReported(child: Pick<Child, "id" | "names" | "addresses">, isNew: boolean, reported: ChildIdentitySubmission, source: ReportingRecord): ReportedChildFacts {
  const { agencyCode, recordId } = source;
  const givenNames = tidyName(reported.givenNames);
  const familyName = tidyName(reported.familyName);
  const knownName = child.names.find((name) => sameName(name, { givenNames, familyName }));
  const name: NameFactRow = { childId: child.id, givenNames: knownName?.givenNames ?? givenNames, familyName: knownName?.familyName ?? familyName, kind: isNew ? NameKind.USUAL : NameKind.ALIAS, reportedBy: agencyCode, sources: [recordId] };

  let locationGrew = false;
  let address: AddressFactRow | null = null;
  if (reported.address) {
    const reportedAddress = reported.address;
    const postcode = reportedAddress.postcode ? (normalisePostcode(reportedAddress.postcode) ?? "") : "";
    const line1 = tidyName(reportedAddress.line1);
    const known = child.addresses.filter((a) => a.kind === reportedAddress.kind && a.postcode === postcode && a.line1.toLowerCase() === line1.toLowerCase());
    // The child is matched on postcodes, never on lines or kinds: only a postcode new to the child, or a
    // new label on one (a location now withheld — by the address's label or the record's), changes it.
    const atPostcode = child.addresses.filter((a) => a.postcode === postcode);
    const labels = reportedAddress.labels ?? [];
    const newlyWithheld = isLocationWithheld(labels, source.labels) && !atPostcode.some((a) => a.labels.includes(SensitivityLabel.LOCATION_WITHHELD));
    locationGrew = atPostcode.length === 0 || newlyWithheld || labels.some((label) => !atPostcode.some((a) => a.labels.includes(label)));
    address = {
      childId: child.id, kind: reportedAddress.kind, line1: known[0]?.line1 ?? line1, line2: reportedAddress.line2 ?? null, town: reportedAddress.town ?? null, postcode,
      localAuthority: reportedAddress.localAuthority ?? null, validFrom: reportedAddress.validFrom ?? null, labels, reportedBy: agencyCode, sourceRecordId: recordId,
    };
  }
  // What the matcher compares (names, postcodes) changed only if the child, a name or an address is new, or a location newly protected.
  return { name, address, identityGrew: isNew || knownName === undefined || locationGrew };
}
