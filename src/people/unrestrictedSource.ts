/**
 * SQL: the name row `fact` (with a `sources` column) was reported by a record still linked to the
 * child `child` that is neither SEALED nor BROKERED. What only restricted records reported contributes
 * nothing outside them (design principle 8): not to matching, not to a data steward's view.
 */
export function reportedByUnrestrictedRecord(fact: string, child: string): string {
  return `EXISTS (SELECT 1 FROM agency_record src WHERE src.id = ANY(${fact}.sources) AND src.child_id = ${child}.id AND src.link_state = 'LINKED' AND NOT (src.labels && ARRAY['SEALED', 'BROKERED']::text[]))`;
}

/** SQL: the address row `address` was reported by a record still linked to the child `child` that is neither SEALED nor BROKERED. */
export function addressReportedByUnrestrictedRecord(address: string, child: string): string {
  return `EXISTS (SELECT 1 FROM agency_record src WHERE src.id = ${address}.source_record_id AND src.child_id = ${child}.id AND src.link_state = 'LINKED' AND NOT (src.labels && ARRAY['SEALED', 'BROKERED']::text[]))`;
}

/** An address is protected by its own label or by the record that reported it withholding its location (`locationWithheld` in SQL). */
export function isLocationWithheld(addressLabels: readonly string[] | null | undefined, recordLabels: readonly string[] | null | undefined): boolean {
  return (addressLabels ?? []).includes("LOCATION_WITHHELD") || (recordLabels ?? []).includes("LOCATION_WITHHELD");
}

/** SQL: the address row `address` is protected, by its own label or by the record that reported it withholding its location. */
export function locationWithheld(address: string): string {
  return `('LOCATION_WITHHELD' = ANY(${address}.labels) OR EXISTS (SELECT 1 FROM agency_record w WHERE w.id = ${address}.source_record_id AND 'LOCATION_WITHHELD' = ANY(w.labels)))`;
}

/**
 * SQL: the address row `address` is at a location one of its child's records protects — the same place
 * as an address of that child (`sameLocation` in `identityFacts.ts`: the same postcode, or where either
 * gives none the same first line in the same authority) that is withheld by its own label or by its
 * record's, whichever record, sealed ones included. A refuge reported again without the label by another
 * agency is still the refuge.
 */
export function atProtectedLocation(address: string): string {
  const line = (row: string) => `btrim(regexp_replace(lower(${row}.line1), '[^[:alnum:]]+', ' ', 'g'))`;
  return `EXISTS (SELECT 1 FROM child_address p WHERE p.child_id = ${address}.child_id AND ${locationWithheld("p")}
    AND (p.id = ${address}.id OR (p.postcode <> '' AND ${address}.postcode <> '' AND p.postcode = ${address}.postcode)
      OR ((p.postcode = '' OR ${address}.postcode = '') AND ${line("p")} <> '' AND ${line("p")} = ${line(address)}
        AND (p.local_authority IS NULL OR ${address}.local_authority IS NULL OR p.local_authority = ${address}.local_authority))))`;
}

/**
 * SQL: the address row `address` of the child `child` may tell where the child lives — for whom it
 * makes answerable (an IG lead's reach over the trail) or whom it places with them (a household), and
 * what a search may find them by: reported by a record still linked to the child that is neither sealed
 * nor brokered, and at no location any of the child's records protects (`atProtectedLocation`). A refuge
 * or an unaccompanied child's placement, however another agency reported it, tells no one the child is
 * there (design principle 8). The same rule over a loaded child's file is `disclosure/residenceToldBy.ts`.
 */
export function addressTellsWhereChildLives(address: string, child: string): string {
  return `(${addressReportedByUnrestrictedRecord(address, child)} AND NOT ${atProtectedLocation(address)})`;
}

/**
 * SQL: the postcodes of the child `child` that may be matched on and shown to a data steward: each
 * reported by an unrestricted record linked to the child, and none the child's records protect — a
 * location withheld by any record stays withheld, however many others report it too.
 */
export function matchablePostcodes(child: string): string {
  return `ARRAY(SELECT DISTINCT a.postcode FROM child_address a WHERE a.child_id = ${child}.id AND a.postcode <> '' AND ${addressReportedByUnrestrictedRecord("a", child)}
    AND NOT EXISTS (SELECT 1 FROM child_address p WHERE p.child_id = ${child}.id AND p.postcode = a.postcode AND ${locationWithheld("p")}))`;
}

/** SQL: the child's date of birth is reported by an unrestricted record linked to them (or one from before the hub kept what each reported). */
export function birthDateReportedByUnrestrictedRecord(child: string): string {
  return `EXISTS (SELECT 1 FROM agency_record src WHERE src.child_id = ${child}.id AND src.link_state = 'LINKED' AND NOT (src.labels && ARRAY['SEALED', 'BROKERED']::text[])
    AND (src.reported_identity->>'dateOfBirth' = ${child}.date_of_birth::text OR (src.reported_identity->>'backfilled')::boolean))`;
}

/** SQL: a record linked to the child `child`, neither SEALED nor BROKERED, that kept what it reported. */
function unrestrictedReports(child: string): string {
  return `agency_record src WHERE src.child_id = ${child}.id AND src.link_state = 'LINKED' AND NOT (src.labels && ARRAY['SEALED', 'BROKERED']::text[])
    AND NOT COALESCE((src.reported_identity->>'backfilled')::boolean, false)`;
}

/**
 * SQL: the child's date of birth as unrestricted records tell it — the child's own when one reports it,
 * otherwise what the earliest of them reported, otherwise null. A child first known through a sealed
 * record is matched on no date only that record gave.
 */
export function unrestrictedBirthDate(child: string): string {
  return `COALESCE(CASE WHEN ${birthDateReportedByUnrestrictedRecord(child)} THEN ${child}.date_of_birth::text END,
    (SELECT src.reported_identity->>'dateOfBirth' FROM ${unrestrictedReports(child)} AND src.reported_identity->>'dateOfBirth' IS NOT NULL ORDER BY src.received_at, src.id LIMIT 1))`;
}

/** SQL: the child's sex as unrestricted records tell it, as `unrestrictedBirthDate` does the date. */
export function unrestrictedSex(child: string): string {
  return `COALESCE(
    CASE WHEN EXISTS (SELECT 1 FROM agency_record src WHERE src.child_id = ${child}.id AND src.link_state = 'LINKED' AND NOT (src.labels && ARRAY['SEALED', 'BROKERED']::text[])
      AND (src.reported_identity->>'sex' = ${child}.sex OR (src.reported_identity->>'backfilled')::boolean)) THEN ${child}.sex END,
    (SELECT src.reported_identity->>'sex' FROM ${unrestrictedReports(child)} AND src.reported_identity->>'sex' IS NOT NULL ORDER BY src.received_at, src.id LIMIT 1))`;
}

/**
 * SQL: a child's expected date of birth as unrestricted records tell it — the latest any of them
 * reported (a due date moves), or the child's own when a record from before the hub kept what each
 * reported stands for it — otherwise null. What only a sealed or brokered record expected is not matched on.
 */
export function unrestrictedExpectedBirthDate(child: string): string {
  return `COALESCE(
    (SELECT src.reported_identity->>'expectedDateOfBirth' FROM ${unrestrictedReports(child)} AND src.reported_identity->>'expectedDateOfBirth' IS NOT NULL ORDER BY src.received_at DESC, src.id DESC LIMIT 1),
    CASE WHEN EXISTS (SELECT 1 FROM agency_record src WHERE src.child_id = ${child}.id AND src.link_state = 'LINKED' AND NOT (src.labels && ARRAY['SEALED', 'BROKERED']::text[])
      AND (src.reported_identity->>'backfilled')::boolean) THEN ${child}.expected_date_of_birth::text END)`;
}
