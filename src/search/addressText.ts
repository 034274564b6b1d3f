import { firstLine } from "../people/identityFacts";
import { postcodeInText } from "../people/postcode";

/** How long free address text may be: a full postal address, not a description. */
export const ADDRESS_LENGTH = 200;

/** Free address text as the matcher reads an address: its postcode, if it gives one, and the rest as a first line is compared. */
export interface AddressText {
  postcode: string | null;
  /** Lower case, punctuation and spacing as one space (`people/identityFacts` `firstLine`); "" when the text was only a postcode. */
  line: string;
}

/** An address a candidate may be matched at: reported by an unrestricted record, its location not withheld. */
export interface MatchableAddress {
  line1: string;
  postcode: string;
  localAuthority: string | null;
}

/** How the address text agreed with a candidate's addresses, as a `why` entry reports it (the matcher gives a first line no weight). */
export type AddressLevel = "EXACT" | "DIFFERENT" | "MISSING";

/** The address text of a search in the matcher's terms; null when none was given. */
export function parseAddressText(raw: string | null | undefined): AddressText | null {
  const text = raw?.trim() ?? "";
  if (text === "") return null;
  const { postcode, rest } = postcodeInText(text);
  return { postcode, line: firstLine(rest) };
}

/**
 * Whether the text names one of the candidate's addresses: the text holds the whole of its first line
 * ("14 cobble street sampleton" names "14 Cobble Street"), at the text's postcode when both give one —
 * two different postcodes are two places, as they are to the matcher (`people/identityFacts` `sameLocation`).
 */
export function addressLevel(text: AddressText, addresses: readonly MatchableAddress[]): AddressLevel {
  if (text.line === "" || addresses.length === 0) return "MISSING";
  const words = ` ${text.line} `;
  const named = addresses.some((address) => {
    const line = firstLine(address.line1);
    return line !== "" && words.includes(` ${line} `) && (text.postcode === null || address.postcode === "" || address.postcode === text.postcode);
  });
  return named ? "EXACT" : "DIFFERENT";
}
