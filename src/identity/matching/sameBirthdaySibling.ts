import { type MatchProfile } from "./MatchProfile";
import { normaliseName } from "./normaliseName";
import { postcodeParts } from "./postcodeParts";

/**
 * Whether two children could be twins as the hub knows them: born the same day, and at the same
 * address, or of the same family — the same family name, in the same postcode district (or with no
 * address known for one of them). Two unrelated Smiths born the same day at opposite ends of the
 * country are not a family.
 */
export function sameBirthdaySibling(a: MatchProfile, b: MatchProfile): boolean {
  if (a.dateOfBirth === null || a.dateOfBirth !== b.dateOfBirth) return false;
  const units = (profile: MatchProfile) => new Set(profile.postcodes.map((postcode) => postcodeParts(postcode)?.unit).filter((unit) => unit !== undefined));
  const districts = (profile: MatchProfile) => new Set(profile.postcodes.map((postcode) => postcodeParts(postcode)?.district).filter((district) => district !== undefined));
  const families = (profile: MatchProfile) => new Set(profile.familyNames.map((name) => normaliseName(name).replace(/ /g, "")).filter((name) => name !== ""));
  const shares = (x: Set<string>, y: Set<string>) => [...x].some((value) => y.has(value));
  if (shares(units(a), units(b))) return true;
  if (!shares(families(a), families(b))) return false;
  const [districtsA, districtsB] = [districts(a), districts(b)];
  return districtsA.size === 0 || districtsB.size === 0 || shares(districtsA, districtsB);
}
