import { createHmac } from "node:crypto";
import { normaliseName } from "../identity/matching/normaliseName";
import { normalisePostcode } from "../people/postcode";
import { parseAddressText } from "./addressText";
import { CRITERIA_FIELDS, type CriteriaField, type SearchCriteria } from "./SearchCriteria";

/**
 * Each searched value as a keyed HMAC (SHA-256 under SEARCH_AUDIT_KEY), by field: the append-only trail
 * never holds the name of a child unrelated to the case, yet an IG lead holding the key can check
 * whether a search was for a given name or date. Values are normalised first (case, accents,
 * spacing), so the same search gives the same digest however it was typed.
 */
export function criteriaDigests(key: string, criteria: SearchCriteria): Partial<Record<CriteriaField, string>> {
  const digests: Partial<Record<CriteriaField, string>> = {};
  for (const field of CRITERIA_FIELDS) {
    const value = canonicalValue(field, criteria);
    if (value !== null) digests[field] = createHmac("sha256", key).update(`${field}\u0000${value}`).digest("base64url");
  }
  return digests;
}

/** The fields a search used, in a fixed order. */
export function fieldsUsed(criteria: SearchCriteria): CriteriaField[] {
  return CRITERIA_FIELDS.filter((field) => canonicalValue(field, criteria) !== null);
}

function canonicalValue(field: CriteriaField, criteria: SearchCriteria): string | null {
  switch (field) {
    case "givenNames":
    case "familyName": {
      const value = normaliseName(criteria[field] ?? "");
      return value === "" ? null : value;
    }
    case "postcode": {
      const raw = criteria.postcode?.trim() ?? "";
      return raw === "" ? null : (normalisePostcode(raw) ?? raw.toUpperCase());
    }
    case "address": {
      const address = parseAddressText(criteria.address);
      return address === null ? null : `${address.postcode ?? ""}|${address.line}`;
    }
    case "sex":
      return criteria.sex ?? null;
    case "sui":
      return criteria.sui?.replace(/\s/g, "") || null;
    case "dateOfBirth": {
      const birth = criteria.dateOfBirth;
      if (!birth) return null;
      const parts = [birth.exact ? `exact:${birth.exact}` : null, birth.from ? `from:${birth.from}` : null, birth.to ? `to:${birth.to}` : null, birth.age !== null && birth.age !== undefined ? `age:${birth.age}` : null].filter((part) => part !== null);
      return parts.length === 0 ? null : parts.join(",");
    }
    case "agencyReference": {
      const reference = criteria.agencyReference;
      return reference ? `${reference.agencyCode.trim()}/${reference.reference.trim()}` : null;
    }
  }
}
