import { normalisePostcode } from "../../people/postcode";

/**
 * The levels of a UK postcode the matcher compares at. For "HP20 1UA": area "HP", district "HP20",
 * sector "HP20 1", unit "HP20 1UA". A family that moved across town shares the district; one that moved
 * next door often shares the sector.
 */
export interface PostcodeParts {
  area: string;
  district: string;
  sector: string;
  unit: string;
}

export function postcodeParts(raw: string | null | undefined): PostcodeParts | null {
  const unit = raw ? normalisePostcode(raw) : null;
  if (unit === null) return null;
  const [district = "", inward = ""] = unit.split(" ");
  return { area: district.replace(/\d.*$/, ""), district, sector: `${district} ${inward.charAt(0)}`, unit };
}
