import { AddressKind } from "../people/AddressKind";
import { type AddressSubmission } from "../records/AgencyRecordSubmission";
import { BUCKINGHAMSHIRE, LINCOLNSHIRE, MILTON_KEYNES } from "./demoDirectory";
import { type SeededRandom } from "./seededRandom";

interface Town {
  name: string;
  /** Outward codes of the real postcode area, so postcode blocking and district comparisons behave. */
  districts: readonly string[];
}

/** Invented towns in each local authority, with postcode districts of the right area (HP/MK, LN/PE). */
const TOWNS: Readonly<Record<string, readonly Town[]>> = {
  [BUCKINGHAMSHIRE]: [
    { name: "Exampleton", districts: ["HP19", "HP20", "HP21"] },
    { name: "Sampleford", districts: ["HP11", "HP12", "HP13"] },
    { name: "Mockhampton", districts: ["HP5", "HP6"] },
    { name: "Demoley", districts: ["MK18"] },
  ],
  [MILTON_KEYNES]: [
    { name: "Westmock", districts: ["MK5", "MK8"] },
    { name: "Newexample", districts: ["MK10", "MK15"] },
  ],
  [LINCOLNSHIRE]: [
    { name: "Exampleby", districts: ["LN1", "LN2", "LN6"] },
    { name: "Sampleholme", districts: ["LN11"] },
    { name: "Mockingham", districts: ["PE21"] },
    { name: "Fenexample", districts: ["PE11", "PE12"] },
  ],
};

const STREETS = [
  "Example Street", "Sample Lane", "Placeholder Road", "Fictional Avenue", "Specimen Close", "Illustration Way",
  "Template Drive", "Mockup Crescent", "Prototype Gardens", "Instance Terrace", "Demonstration Walk", "Pattern Grove",
  "Trial Mews", "Testbed Court", "Exemplar Place", "Draft Row", "Sketch Hill", "Outline Square",
] as const;

/** The letters Royal Mail uses in an inward code's unit (never C, I, K, M, O or V). */
const UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

function postcode(random: SeededRandom, town: Town): string {
  const letter = () => UNIT_LETTERS.charAt(random.integer(0, UNIT_LETTERS.length - 1));
  return `${random.pick(town.districts)} ${random.integer(1, 9)}${letter()}${letter()}`;
}

/** A made-up address in one of the local authority's invented towns. */
export function fictionalAddress(random: SeededRandom, localAuthority: string, kind: AddressKind = AddressKind.HOME): AddressSubmission {
  const towns = TOWNS[localAuthority];
  if (towns === undefined) throw new RangeError(`No demo towns for local authority ${localAuthority}`);
  const town = random.pick(towns);
  return {
    kind,
    line1: `${random.integer(1, 140)} ${random.pick(STREETS)}`,
    town: town.name,
    postcode: postcode(random, town),
    localAuthority,
  };
}
