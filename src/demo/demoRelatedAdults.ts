import { AgencyType } from "../directory/AgencyType";
import { type RelatedAdultSubmission } from "../records/AgencyRecordSubmission";
import { type DemoAdult, type DemoFamily, type FamilyMember } from "./demoPeople";

const LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

/** A prison number in the national format (A1234BC), unique to the adult within the data set. */
export function prisonNumberOf(adult: DemoAdult): string {
  const letter = (n: number) => LETTERS.charAt(n % LETTERS.length);
  return `A${String(adult.number % 10_000).padStart(4, "0")}${letter(adult.number * 7)}${letter(adult.number * 11 + 3)}`;
}

/**
 * Each agency's own reference for a person: a prison number, a probation case reference number (CRN),
 * a police nominal id, or a local person id. The same adult gets the same reference every time one
 * agency names them, which is how the hub knows it is the same person.
 */
function adultReference(agencyType: AgencyType, adult: DemoAdult): string {
  const digits = String(adult.number).padStart(6, "0");
  switch (agencyType) {
    case AgencyType.PRISON:
      return prisonNumberOf(adult);
    case AgencyType.PROBATION:
      return `X${digits}`;
    case AgencyType.POLICE:
      return `NOM-${digits}`;
    default:
      return `PER-${digits}`;
  }
}

/**
 * The national identifier each kind of agency holds for a person (matching evidence: a prison transfer
 * or two probation regions name the same person by it).
 */
function nationalIdentifiers(agencyType: AgencyType, adult: DemoAdult): Partial<RelatedAdultSubmission> {
  const digits = String(adult.number).padStart(6, "0");
  switch (agencyType) {
    case AgencyType.PRISON:
      return { prisonNumber: prisonNumberOf(adult) };
    case AgencyType.PROBATION:
      return { probationCrn: `X${digits}` };
    case AgencyType.POLICE:
      return { pncId: `${adult.dateOfBirth.slice(0, 4)}/${digits}${LETTERS.charAt(adult.number % LETTERS.length)}` };
    default:
      return {};
  }
}

export function relatedAdult(agencyType: AgencyType, member: FamilyMember, extra: Partial<RelatedAdultSubmission> = {}): RelatedAdultSubmission {
  const { adult } = member;
  return {
    ...nationalIdentifiers(agencyType, adult),
    reference: adultReference(agencyType, adult),
    givenNames: adult.givenNames,
    familyName: adult.familyName,
    dateOfBirth: adult.dateOfBirth,
    sex: adult.sex,
    homeLocalAuthority: adult.homeLocalAuthority,
    relationship: member.relationship,
    parentalResponsibility: member.parentalResponsibility,
    ...extra,
  };
}

/** The adults with parental responsibility, as a school or children's social care records them. */
export function parentsAsRelatedAdults(agencyType: AgencyType, family: DemoFamily): RelatedAdultSubmission[] {
  return family.adults.filter((member) => member.parentalResponsibility).map((member) => relatedAdult(agencyType, member));
}
