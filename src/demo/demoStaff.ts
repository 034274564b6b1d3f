import { mailDomainOf } from "./demoDirectory";
import { MENS_NAMES, STAFF_FAMILY_NAMES, WOMENS_NAMES } from "./fictionalNames";
import { type SeededRandom } from "./seededRandom";

/**
 * A practitioner named in a record (allocated social worker, officer, DSL, offender manager). Staff
 * acting officially are never third parties, so their names and work contacts are shown to partners:
 * they are fictional too, with work addresses on the agency's example domain.
 */
export interface DemoProfessional {
  name: string;
  contact: string;
}

export function demoProfessional(random: SeededRandom, agencyCode: string): DemoProfessional {
  const givenName = random.pick(random.chance(0.6) ? WOMENS_NAMES : MENS_NAMES);
  const familyName = random.pick(STAFF_FAMILY_NAMES);
  return professional(givenName, familyName, agencyCode);
}

export function professional(givenName: string, familyName: string, agencyCode: string): DemoProfessional {
  return { name: `${givenName} ${familyName}`, contact: `${givenName}.${familyName}@${mailDomainOf(agencyCode)}`.toLowerCase() };
}

/** Each school's designated safeguarding lead: one per school, whichever record names them. */
export function designatedSafeguardingLead(schoolCode: string): DemoProfessional {
  const n = Number(schoolCode.replace(/\D/g, ""));
  return professional(WOMENS_NAMES[n % WOMENS_NAMES.length], STAFF_FAMILY_NAMES[n % STAFF_FAMILY_NAMES.length], schoolCode);
}
