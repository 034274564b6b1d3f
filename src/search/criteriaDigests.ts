import { createHmac } from "node:crypto";
import { normaliseName } from "../identity/matching/normaliseName";
import { postcodeParts } from "../identity/matching/postcodeParts";
import { normalisePostcode } from "../people/postcode";
import { parseAddressText } from "./addressText";
import { type ComparisonsShown } from "./comparisonsShown";
import { SPEAKS_OF } from "./criteriaShown";
import { CRITERIA_FIELDS, type CriteriaField, type SearchCriteria } from "./SearchCriteria";

/**
 * How the search used a criterion it was given, as its audit entry records it: `AS_GIVEN`; a date of
 * birth as `EXACT`, `RANGE` or `AGE`; a postcode at the level compared (`UNIT`, `SECTOR`, `DISTRICT`,
 * `AREA`); free address text as the parts of it used (`POSTCODE_DISTRICT`, `FIRST_LINE`, …, joined by
 * `+`); or `NOT_USED`.
 */
export type CriterionUse = string;

/** The criteria as the search used them: each value's digest, no finer than used, and how it was used. */
export interface CriteriaAsUsed {
  digests: Partial<Record<CriteriaField, string>>;
  usedAs: Partial<Record<CriteriaField, CriterionUse>>;
  /** The criteria used less finely than given (a postcode as its district, address text without its first line), or not at all. */
  narrowed: CriteriaField[];
  /** The criteria the search used, in a fixed order: what the entry lists as the fields used. */
  used: CriteriaField[];
  /** The criteria given that the search used none of (refused as unusable): never among the fields used. */
  notUsed: CriteriaField[];
}

/**
 * Each searched value as a keyed HMAC (SHA-256 under SEARCH_AUDIT_KEY), by field, **of what the search
 * used**: the append-only trail never holds the name of a child unrelated to the case, nor more of a
 * value than the search used — a postcode the searcher is shown only as its district is recorded as the
 * district, free address text as the part of it compared, a criterion refused as unusable not at all.
 * `shown` is the searcher's comparisons (`comparisonsShown.ts`), the same data `criteriaShown.ts` uses
 * the criteria by. An IG lead holding the key can check whether a search was for a given name, date or
 * district. Values are normalised first (case, accents, spacing), so the same search gives the same
 * digest however it was typed.
 */
export function criteriaDigests(key: string, criteria: SearchCriteria, shown: ComparisonsShown): CriteriaAsUsed {
  const result: CriteriaAsUsed = { digests: {}, usedAs: {}, narrowed: [], used: [], notUsed: [] };
  for (const field of CRITERIA_FIELDS) {
    if (canonicalValue(field, criteria) === null) continue;
    const used = usedValue(field, criteria, shown);
    result.usedAs[field] = used?.as ?? "NOT_USED";
    (used === null ? result.notUsed : result.used).push(field);
    if (used === null || used.narrowed) result.narrowed.push(field);
    if (used !== null) result.digests[field] = createHmac("sha256", key).update(`${field}\u0000${used.value}`).digest("base64url");
  }
  return result;
}

/** The fields a search was given, in a fixed order (the search may not use them all: `criteriaDigests`'s `used`). */
export function fieldsGiven(criteria: SearchCriteria): CriteriaField[] {
  return CRITERIA_FIELDS.filter((field) => canonicalValue(field, criteria) !== null);
}

/** A postcode no finer than `level` (null: the unit, as compared); null when it is not a postcode. */
function postcodeAt(raw: string | null | undefined, level: string | null): string | null {
  const parts = postcodeParts(raw);
  if (parts === null) return null;
  switch (level) {
    case null:
    case "UNIT": return parts.unit;
    case "SECTOR": return parts.sector;
    case "DISTRICT": return parts.district;
    default: return parts.area;
  }
}

/** The value of a criterion as the search used it, and how; null when it used none of it. */
function usedValue(field: CriteriaField, criteria: SearchCriteria, shown: ComparisonsShown): { value: string; as: CriterionUse; narrowed: boolean } | null {
  const given = canonicalValue(field, criteria);
  if (given === null) return null;
  // An SUI or an agency's reference names a child: used as given. A description is used only as far as its comparison is shown.
  if (SPEAKS_OF[field].length === 0) return { value: given, as: "AS_GIVEN", narrowed: false };
  switch (field) {
    case "givenNames":
    case "familyName":
    case "sex":
      return shown.has(field) ? { value: given, as: "AS_GIVEN", narrowed: false } : null;
    case "dateOfBirth": {
      const birth = criteria.dateOfBirth;
      return shown.has(field) ? { value: given, as: birth?.exact ? "EXACT" : birth?.age !== null && birth?.age !== undefined ? "AGE" : "RANGE", narrowed: false } : null;
    }
    case "postcode": {
      if (!shown.has("postcode")) return null;
      const level = shown.get("postcode") ?? null;
      const value = postcodeAt(criteria.postcode, level);
      return value === null ? null : { value, as: level ?? "UNIT", narrowed: level !== null && level !== "UNIT" };
    }
    case "address": {
      const address = parseAddressText(criteria.address);
      if (address === null) return null;
      const line = shown.has("address") && address.line !== "";
      // The text's postcode is searched only when no postcode is given on its own; a first line compared is compared at the text's own postcode.
      const searched = (criteria.postcode?.trim() ?? "") === "" && shown.has("postcode");
      const level = line ? null : searched ? (shown.get("postcode") ?? null) : undefined;
      const postcode = level === undefined ? null : postcodeAt(address.postcode, level);
      if (postcode === null && !line) return null;
      const parts = [...(postcode === null ? [] : [`POSTCODE_${level ?? "UNIT"}`]), ...(line ? ["FIRST_LINE"] : [])];
      return { value: `${postcode ?? ""}|${line ? address.line : ""}`, as: parts.join("+"), narrowed: `${postcode ?? ""}|${line ? address.line : ""}` !== `${address.postcode ?? ""}|${address.line}` };
    }
  }
  return null;
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
