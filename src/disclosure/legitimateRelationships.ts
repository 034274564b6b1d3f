import { type Principal } from "../auth/Principal";
import { Role } from "../auth/Role";
import { AgencyType } from "../directory/AgencyType";
import { type AccessContext } from "../policy/AccessContext";
import { involvementCurrent } from "../policy/involvementLapse";
import { type PolicySet } from "../policy/PolicySet";
import { RelationshipKind } from "../policy/RelationshipKind";
import { holdsRole } from "../policy/rolesHeld";
import { RecordType } from "../records/RecordType";
import { SocialCareStatus } from "../records/details/SocialCareRecord";
import { isRestrictedRecord } from "../records/restrictedRecord";
import { LinkMethod } from "../identity/linkVocabulary";
import { type ChildFile, type LoadedRecord } from "./ChildFile";
import { residenceToldBy } from "./residenceToldBy";
import { childNotYetBorn } from "./childNotYetBorn";
import { Relationship } from "../people/Relationship";

export interface RelationshipContext {
  policy: PolicySet;
  now: Date;
  /** The caller's case reference names an open referral (or enquiry) about this child at the caller's local authority. */
  openCaseReference: boolean;
}

/**
 * The caller's legitimate relationships with the child, derived from what the hub holds (design §6),
 * never from what the caller claims — a case reference counts only when it names an open referral the
 * hub holds, and break-glass is checked by policy and audited.
 *
 * A relationship rests only on records that are linked by SUI or by a data steward (a record linked by
 * the matcher alone could be anyone's: otherwise any agency system could submit a record naming a
 * child, without the NHS number, and open the child's file to its staff), whose involvement has not
 * lapsed (policies/relationships.yaml: a school the child left, a closed case) — for what is derived
 * from them too, such as where the child lives — and that are neither sealed nor brokered unless they
 * are the caller's own: a restricted record contributes nothing outside itself, and a protected location
 * nothing at all (design principle 8).
 */
export function legitimateRelationships(file: ChildFile | null, principal: Principal, access: AccessContext, context: RelationshipContext): RelationshipKind[] {
  const kinds = new Set<RelationshipKind>();
  if (access.breakGlass) kinds.add(RelationshipKind.BREAK_GLASS);
  // The MASH is children's social care's (policies/roles.yaml): the role on another agency's token is no MASH case.
  const mash = holdsRole(context.policy, principal, Role.MASH_PRACTITIONER) && context.openCaseReference;
  if (file === null) {
    if (mash) kinds.add(RelationshipKind.MASH_CASE);
    return [...kinds];
  }

  const own = ({ agency }: LoadedRecord) => agency.code === principal.agency;
  const founding = Object.values(file.records).flat().filter((loaded) => loaded.record.linkMethod !== LinkMethod.PROBABILISTIC);
  const current = founding.filter(({ record, details }) => involvementCurrent(requiredRule(context.policy, record.recordType), details, record.updatedAt, context.now));
  if (mash && !livesElsewhere(current, file, principal)) kinds.add(RelationshipKind.MASH_CASE);
  if (current.some(own)) kinds.add(RelationshipKind.AGENCY_INVOLVED);

  if (principal.agencyType === AgencyType.CHILDRENS_SOCIAL_CARE && responsibleLocalAuthority(current, file, principal, context)) kinds.add(RelationshipKind.RESPONSIBLE_LOCAL_AUTHORITY);
  // A prison or probation service holding the offender is connected with the children at risk from them
  // while the record relating them is current; a school or GP that merely named a parent is not thereby
  // "holding" an adult.
  const offenderManager = principal.agencyType === AgencyType.PRISON || principal.agencyType === AgencyType.PROBATION;
  const currentIds = new Set(current.map(({ record }) => record.id));
  // The holder's own record naming the adult must be current too: a probation case closed long ago
  // holds nobody's children.
  const holding = ({ holderRecord: own }: ChildFile["linkedAdultHolders"][number]) =>
    own === undefined || currentIds.has(own.id) || involvementCurrent(requiredRule(context.policy, own.recordType), own.details, own.updatedAt, context.now);
  const holds = (relationship?: Relationship) =>
    file.linkedAdultHolders.some((holder) => holder.agencyCode === principal.agency && currentIds.has(holder.sourceRecordId) && (relationship === undefined || holder.relationship === relationship) && holding(holder));
  if (offenderManager && holds()) kinds.add(RelationshipKind.HOLDS_LINKED_ADULT);
  // Before the birth the child is known through its mother: the agencies working with her (a current
  // record of theirs names her as the mother) are the ones a pre-birth assessment or conference shares
  // with (policies/relationships.yaml `preBirth`): an agency whose own current record names her, or
  // that holds her, as one person across agencies, through a current record of its own
  // (`loadChildFile`'s linked-adult holders).
  if (childNotYetBorn(file) && holds(Relationship.MOTHER)) kinds.add(RelationshipKind.WORKS_WITH_MOTHER);
  return [...kinds];
}

/** Another authority's case that makes the authority where the child lives answerable too (a plan, a looked-after child). */
const CASES_THAT_TRAVEL = new Set<unknown>([SocialCareStatus.CHILD_PROTECTION_PLAN, SocialCareStatus.LOOKED_AFTER]);

/**
 * Children's social care is responsible for a child (Children Act 1989 ss.17, 47) through a current
 * case that names it responsible; or where the child lives — as far as current records that are not
 * sealed or brokered tell, at no protected location (`residenceToldBy`) — when it is working a referral
 * about them (its case reference names an open one), or when another authority holds a current
 * protection plan or looks after the child there (the receiving authority's duties when a child on a
 * plan moves in, DOMAIN "Who must tell whom"). Living in an area does not by itself open a child's file
 * to every social worker of the council; a refuge or a protected placement in it never does (design
 * principle 8: that would tell the council the child is there).
 */
function responsibleLocalAuthority(current: LoadedRecord[], file: ChildFile, principal: Principal, context: RelationshipContext): boolean {
  const own = ({ agency }: LoadedRecord) => agency.code === principal.agency;
  const socialCare = current.filter(({ record }) => record.recordType === RecordType.SOCIAL_CARE);
  if (socialCare.some((loaded) => loaded.details.responsibleLocalAuthority === principal.localAuthority && (own(loaded) || !restricted(loaded)))) return true;
  const residence = residenceToldBy(file, current.filter((loaded) => own(loaded) || !restricted(loaded)));
  if (residence?.localAuthority !== principal.localAuthority) return false;
  return context.openCaseReference || socialCare.some((loaded) => !own(loaded) && !restricted(loaded) && CASES_THAT_TRAVEL.has(loaded.details.status));
}

/**
 * A referral about a child living elsewhere is passed to that authority's MASH (DOMAIN, MASH): the
 * child lives elsewhere when current records that are not sealed or brokered put their home, at no
 * protected location (`residenceToldBy`), in another local authority and nothing ties them to the
 * caller's — no current case of the caller's authority, and no current record of the caller's own
 * agency. A child whose home the hub does not know is not elsewhere: the referral is the first the hub
 * hears of them.
 */
function livesElsewhere(current: LoadedRecord[], file: ChildFile, principal: Principal): boolean {
  const own = ({ agency }: LoadedRecord) => agency.code === principal.agency;
  if (current.some(own)) return false;
  if (current.some((loaded) => loaded.record.recordType === RecordType.SOCIAL_CARE && !restricted(loaded) && loaded.details.responsibleLocalAuthority === principal.localAuthority)) return false;
  const residence = residenceToldBy(file, current.filter((loaded) => !restricted(loaded)));
  return residence?.localAuthority != null && residence.localAuthority !== principal.localAuthority;
}

function restricted({ record }: LoadedRecord): boolean {
  return isRestrictedRecord(record.labels);
}

function requiredRule(policy: PolicySet, recordType: RecordType) {
  const rule = policy.involvement.get(recordType);
  if (rule === undefined) throw new Error(`no involvement rule for ${recordType}; loadPolicies guarantees one`);
  return rule;
}
