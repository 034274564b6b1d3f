/**
 * UK postcodes: outward code (area, district) and inward code (sector digit, unit letters), e.g.
 * "HP20 1UA". Normalised to upper case with one space, so "hp201ua" and "HP20  1UA" are the same place.
 */
const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$/;

/** A UK postcode written anywhere in free text ("12 Mill Lane, Sampleton hp20 1ua"), and the text around it. */
const POSTCODE_IN_TEXT = /(?:^|[^A-Z\d])([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})(?![A-Z\d])/i;

export function postcodeInText(text: string): { postcode: string | null; rest: string } {
  const match = POSTCODE_IN_TEXT.exec(text);
  if (match === null) return { postcode: null, rest: text };
  const start = match.index + match[0].indexOf(match[1]);
  return { postcode: normalisePostcode(`${match[1]} ${match[2]}`), rest: `${text.slice(0, start)} ${text.slice(match.index + match[0].length)}` };
}

export function normalisePostcode(raw: string): string | null {
  const compact = raw.toUpperCase().replace(/\s+/g, " ").trim();
  const match = POSTCODE.exec(compact);
  return match ? `${match[1]} ${match[2]}` : null;
}
