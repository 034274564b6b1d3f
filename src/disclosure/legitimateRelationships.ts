import { type Principal } from "../auth/Principal";
import { Role } from "../auth/Role";
import { AgencyType } from "../directory/AgencyType";
import { type AccessContext } from "../policy/AccessContext";
import { RelationshipKind } from "../policy/RelationshipKind";
import { RecordType } from "../records/RecordType";
import { LinkMethod } from "../identity/linkVocabulary";
import { type ChildFile } from "./ChildFile";

/**
 * The caller's legitimate relationships with the child, derived from what the hub holds (design §6),
 * never from what the caller claims — except a MASH case reference and break-glass, which are stated,
 * checked by policy and audited.
 */
export function legitimateRelationships(file: ChildFile | null, principal: Principal, access: AccessContext): RelationshipKind[] {
  const kinds = new Set<RelationshipKind>();
  if (access.breakGlass) kinds.add(RelationshipKind.BREAK_GLASS);
  if (principal.roles.includes(Role.MASH_PRACTITIONER) && (access.caseReference ?? "").trim() !== "") kinds.add(RelationshipKind.MASH_CASE);
  if (file === null) return [...kinds];

  // A record linked only by the matcher makes its agency neither "involved" nor its council responsible:
  // otherwise any agency system could submit a record naming a child, without the NHS number, and open
  // the child's file to its staff. It counts once the SUI confirms it or a data steward links it.
  const confirmed = Object.values(file.records).flat().filter(({ record }) => record.linkMethod !== LinkMethod.PROBABILISTIC);
  if (confirmed.some(({ agency }) => agency.code === principal.agency)) kinds.add(RelationshipKind.AGENCY_INVOLVED);
  if (principal.agencyType === AgencyType.CHILDRENS_SOCIAL_CARE) {
    const responsible = confirmed.some(({ record, details }) => record.recordType === RecordType.SOCIAL_CARE && details.responsibleLocalAuthority === principal.localAuthority);
    if (responsible || file.child.localAuthority === principal.localAuthority) kinds.add(RelationshipKind.RESPONSIBLE_LOCAL_AUTHORITY);
  }
  // A prison or probation service holding the offender is connected with the children at risk from them;
  // a school or GP that merely named a parent is not thereby "holding" an adult.
  const offenderManager = principal.agencyType === AgencyType.PRISON || principal.agencyType === AgencyType.PROBATION;
  if (offenderManager && file.agenciesHoldingLinkedAdults.has(principal.agency)) kinds.add(RelationshipKind.HOLDS_LINKED_ADULT);
  return [...kinds];
}
