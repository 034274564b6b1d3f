/**
 * UK postcodes: outward code (area, district) and inward code (sector digit, unit letters), e.g.
 * "HP20 1UA". Normalised to upper case with one space, so "hp201ua" and "HP20  1UA" are the same place.
 */
const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$/;

export function normalisePostcode(raw: string): string | null {
  const compact = raw.toUpperCase().replace(/\s+/g, " ").trim();
  const match = POSTCODE.exec(compact);
  return match ? `${match[1]} ${match[2]}` : null;
}
