import { type Principal } from "../auth/Principal";
import { type Role } from "../auth/Role";
import { type AgencyType } from "../directory/AgencyType";
import { type AccessContext } from "./AccessContext";
import { type DisclosureSubject } from "./DisclosureSubject";
import { type LawfulBasis } from "./LawfulBasis";
import { type Purpose } from "./Purpose";
import { RelationshipKind } from "./RelationshipKind";
import { type SpecialCategoryCondition } from "./SpecialCategoryCondition";

/** Everything a compiled disclosure ability depends on, and nothing else: it is also the cache key. */
export interface AbilityContext {
  roles: readonly Role[];
  agencyType: AgencyType;
  /** The caller's agency code: OWN_AGENCY rules compare records' providers with it. */
  agency: string;
  purpose: Purpose;
  lawfulBasis: LawfulBasis;
  specialCategoryCondition: SpecialCategoryCondition | null;
  /** The case reference names an open referral about the child at the caller's local authority (DisclosureSubject.openCaseReference). */
  openCaseReference: boolean;
  relationships: readonly RelationshipKind[];
  /** The day (YYYY-MM-DD, UTC) on which data sharing agreements are judged in force. */
  day: string;
}

/**
 * The context of one request. BREAK_GLASS comes from the request alone: it is added when break-glass
 * was asked for (and, by then, allowed by checkAccessContext) and dropped otherwise, so a caller cannot
 * reach the break-glass view by passing the relationship without the reason and review that go with it.
 * For a child not yet born only the relationships `preBirth` lists count (policies/relationships.yaml).
 */
export function abilityContextOf(principal: Principal, access: AccessContext, subject: DisclosureSubject, at: Date, preBirth: readonly RelationshipKind[] = []): AbilityContext {
  const relationships = new Set<RelationshipKind>(subject.relationships.filter((kind) => kind !== RelationshipKind.BREAK_GLASS));
  if (access.breakGlass) relationships.add(RelationshipKind.BREAK_GLASS);
  if (subject.childNotYetBorn === true) for (const kind of relationships) if (!preBirth.includes(kind)) relationships.delete(kind);
  return {
    roles: [...principal.roles].sort(),
    agencyType: principal.agencyType,
    agency: principal.agency,
    purpose: access.purpose,
    lawfulBasis: access.lawfulBasis,
    specialCategoryCondition: access.specialCategoryCondition,
    openCaseReference: subject.openCaseReference,
    relationships: [...relationships].sort(),
    day: at.toISOString().slice(0, 10),
  };
}

export function abilityContextKey(context: AbilityContext): string {
  return JSON.stringify([
    context.roles, context.agencyType, context.agency, context.purpose, context.lawfulBasis,
    context.specialCategoryCondition, context.openCaseReference, context.relationships, context.day,
  ]);
}
