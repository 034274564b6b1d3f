import { type Principal } from "../auth/Principal";
import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { randomUUID } from "node:crypto";
import { recordAuditEntries, recordAuditEntry, type AuditEntryInput, type AuditRefusal } from "../audit/recordAuditEntry";
import { raiseBreakGlassAlert } from "../alerts/raiseBreakGlassAlert";
import { childDetails } from "../disclosure/buildDisclosureSubject";
import { ErrorCode, HubError } from "../errors/HubError";
import { parseSui } from "../identity/nhsNumber";
import { type AccessContext } from "../policy/AccessContext";
import { checkStatedAccess } from "../policy/checkAccessContext";
import { ConsentState } from "../policy/ConsentState";
import { decideRecords } from "../policy/decideDisclosure";
import { CHILD_DETAILS, type DisclosureSubject } from "../policy/DisclosureSubject";
import { type Withholding } from "../policy/DisclosureDecision";
import { type PolicySet } from "../policy/PolicySet";
import { RelationshipKind } from "../policy/RelationshipKind";
import { validateAccessContext } from "../policy/validateAccessContext";
import { agencyTypesHolding } from "./agencyTypesHolding";
import { householdMembers, type Household, type HouseholdMember } from "./householdMembers";
import { type HouseholdMemberView, type HouseholdView } from "./HouseholdView";
import { openHubReferral, referralChildSui } from "../referrals/openHubReferral";
import { type SearchServices } from "./searchChildren";
import { loadExclusions, loadExclusionsOfChildren } from "../exclusions/loadExclusions";
import { excludes } from "../exclusions/excludes";
import { EXCLUDED_FROM_FILE } from "../exclusions/exclusionRefusal";
import { raiseExclusionAlerts } from "../exclusions/raiseExclusionAlerts";

/** The child details a household member may show, each decided by the policy for the view's purpose. */
const MEMBER_FIELDS = ["givenNames", "familyName", "dateOfBirth", "sex"] as const;

/**
 * `household(sui, access)`: who else is at risk — the other children the hub places with the child of
 * the caller's open referral (issue 11 item 3; Working Together 2023 ch.3: siblings and the alleged
 * perpetrator's household are checked): at the same current address, or named by a record with an
 * adult a record of the child names (`householdMembers.ts`).
 *
 * The most browsing-prone view the hub has, so it is narrower than a search: the same roles and purposes
 * (`policies/household.yaml`, relationship HOUSEHOLD_MEMBER: no grant, no view), the same stated-access
 * check and rate limit, and a case reference that names an open referral at the caller's authority
 * **about this child** — a referral about another child, or one only a household view reached, opens no
 * household (one hop: a member's household is never listed) — or break-glass. Every view and every
 * refusal is audited before the answer leaves: the view on the viewed child's trail, and each child shown
 * on their own trail in an entry of their own (the view's id, never another child), so a reader of one
 * child's trail — a subject access report, an IG lead's `disclosures` for that child — never learns
 * who else lives with them. A member shows only what the policy
 * lets the caller tell the children apart by, the agency types holding records of it and why it is
 * placed there; never an address or record content. Opening a member is the audited `child` read under
 * the same case reference: the view records the members on the referral, and only those open
 * (MASH_CASE, `referrals/openReferralNamed` through `loadChildFile`).
 *
 * Named-staff exclusions (`exclusions/`): a caller kept out of the viewed child gets what a child the hub
 * does not hold gets, break-glass included; a member they are kept out of is not listed, not recorded on
 * the referral and not alerted as break-glass; each attempt is on the trail and alerted to IG.
 *
 * Provenance (design principle 8): sealed and brokered records place no one, withheld locations place
 * no one together, and agency types never count a sealed record (a brokered one as restricted involvement).
 */
export async function viewHousehold(services: SearchServices, principal: Principal, requestId: string, rawSui: string, rawAccess: AccessContext, now = new Date()): Promise<HouseholdView> {
  const { dataSource, policy } = services;
  const access = validateAccessContext(rawAccess);
  const rate = await services.rateLimiter?.consume(principal);
  if (rate !== undefined && !rate.allowed) {
    throw new HubError(ErrorCode.RATE_LIMITED, `Too many searches from you: try again in ${rate.retryAfterSeconds} s.`, { limit: rate.limit, retryAfterSeconds: rate.retryAfterSeconds });
  }
  const entry = (fields: Pick<AuditEntryInput, "childSuis" | "outcome" | "refusal" | "details">): AuditEntryInput => ({
    requestId, principal, operation: AuditOperation.HOUSEHOLD_VIEW, access, policyVersion: policy.version, breakGlass: access.breakGlass,
    fieldsDisclosed: [], fieldsWithheld: [], prejudicesInvestigation: false, ...fields,
  });
  const refuse = async (code: ErrorCode, problem: string, rule: string, message: string, path = "access"): Promise<never> => {
    const refusal: AuditRefusal = { code, problem, rule };
    await recordAuditEntry(dataSource, entry({ childSuis: [], outcome: AuditOutcome.REFUSED, refusal, details: { principalLocalAuthority: principal.localAuthority } }));
    throw new HubError(code, message, { path, problem, rule });
  };

  const grants = householdGrants(policy, principal, access);
  if (grants.length === 0) return refuse(ErrorCode.FORBIDDEN, "HOUSEHOLD_NOT_PERMITTED", "default-deny", "The household view is for the MASH and social workers researching a referral; your role and purpose are not.");
  const stated = checkStatedAccess(policy, principal, access);
  if (stated !== null) return refuse(ErrorCode.ACCESS_CONTEXT_INVALID, stated.problem, stated.rule, stated.message);
  let sui: string;
  try {
    sui = parseSui(rawSui, "sui");
  } catch {
    return refuse(ErrorCode.INVALID_SUI, "INVALID_SUI", "sui-check", "Not a valid NHS number.", "sui");
  }
  const referral = access.breakGlass ? null : await openHubReferral(dataSource.manager, principal, access, policy, now);
  const about = referral === null ? null : await referralChildSui(dataSource.manager, referral);
  // A referral about another child, or not yet bound to one, is no referral for this child's household: refused as no reference is.
  if (!access.breakGlass && about !== sui) {
    return refuse(ErrorCode.ACCESS_CONTEXT_INVALID, "NO_OPEN_REFERRAL", "household-needs-open-referral",
      "A household view needs the case reference of an open referral about this child at your authority (or break-glass in an emergency).");
  }

  // A child is viewed only while a record that is not sealed reports them: a sealed identity's household is nobody's.
  // A caller a named-staff exclusion keeps out of the child's file is answered as for a child the hub does
  // not hold, break-glass included: the same statements, no members, and the attempt audited and alerted.
  const [found, childExclusions] = await Promise.all([
    dataSource.query<{ id: string }[]>(
      `SELECT c.id FROM child c WHERE c.sui = $1 AND c.merged_into_id IS NULL
          AND EXISTS (SELECT 1 FROM agency_record s WHERE s.child_id = c.id AND NOT ('SEALED' = ANY(s.labels)))`,
      [sui],
    ),
    loadExclusions(dataSource.manager, [sui]),
  ]);
  const keptOutOfChild = childExclusions.filter((exclusion) => excludes(exclusion, principal));
  const child = keptOutOfChild.length > 0 ? undefined : found[0];
  // A member whose file an exclusion keeps the caller out of is, to them, a child the hub does not hold:
  // never listed, never counted against the cap, never on the trail's children nor the referral's household.
  // Asked once for every child placed, always sent, even for none.
  // A member awaiting an SUI is kept out by the child's own exclusions as much as one with an SUI.
  let memberExclusions: Awaited<ReturnType<typeof loadExclusionsOfChildren>> = [];
  const keptOutOf = async (childIds: string[]) => {
    memberExclusions = (await loadExclusionsOfChildren(dataSource.manager, childIds)).filter((exclusion) => excludes(exclusion, principal));
    return new Set(memberExclusions.map((exclusion) => exclusion.childId));
  };
  const household = child === undefined ? await keptOutOf([]).then((): Household => ({ members: [], keptOut: [], tooManyToList: false })) : await householdMembers(dataSource.manager, child.id, policy.householdLinks, now, keptOutOf);
  const { members, keptOut } = household;
  const exclusionsOf = (member: HouseholdMember) => memberExclusions.filter((exclusion) => exclusion.childId === member.profile.childId);
  const excluded = [...keptOutOfChild, ...keptOut.flatMap(exclusionsOf)];
  const attempted = [...new Set(excluded.map((exclusion) => exclusion.childId))];
  const holdings = await agencyTypesHolding(dataSource.manager, members.map((member) => member.profile.childId), access);
  const decided = members.map((member) => memberDetails(policy, principal, access, member, referral !== null, now));
  const shown: HouseholdMemberView[] = members.map((member, index) => ({
    sui: member.sui,
    placedBy: member.placedBy.map((link) => (link.kind === "SAME_ADDRESS" ? { kind: link.kind, adultRelationshipToChild: null, adultRelationshipToMember: null } : link)),
    ...decided[index].view,
    agencyTypes: holdings.get(member.profile.childId) ?? [],
  }));
  // The view's own entry is on the viewed child's trail and names no member; each member's trail records
  // that they were shown, or that the caller was kept out, in an entry naming no other child. The IG lead
  // joins them by `viewId`. A member awaiting an SUI is named by its child id, the key its trail will be
  // found by until the SUI arrives. All are written in one batch of a fixed shape, so the statements never
  // tell a caller how many members were kept from them.
  const viewId = randomUUID();
  const onOwnTrail = (member: HouseholdMember) => ({
    principalLocalAuthority: principal.localAuthority, viewId, grantingRules: grants.map((grant) => grant.id),
    ...(member.sui === null ? { childId: member.profile.childId } : {}),
  });
  const [receipt] = await recordAuditEntries(dataSource, [
    { ...entry({
      childSuis: [sui],
      outcome: keptOutOfChild.length > 0 ? AuditOutcome.REFUSED : shown.length === 0 ? AuditOutcome.NOT_FOUND : AuditOutcome.DISCLOSED,
      refusal: keptOutOfChild.length > 0 ? EXCLUDED_FROM_FILE : null,
      details: {
        principalLocalAuthority: principal.localAuthority,
        ...(referral ? { openReferral: referral } : {}),
        membersShown: shown.length,
        tooManyToList: household.tooManyToList,
        householdLinksRule: policy.householdLinks.id,
        grantingRules: grants.map((grant) => grant.id),
        // Only the IG lead reading the trail learns an exclusion kept the caller out (`exclusions/`).
        ...(keptOutOfChild.length > 0 ? { excludedAttempt: { rule: EXCLUDED_FROM_FILE.rule, suis: [sui], exclusionIds: keptOutOfChild.map((exclusion) => exclusion.id) } } : {}),
      },
    }), id: viewId },
    // What the member showed, and what the policy withheld with the rule that withheld it, as a disclosure records them.
    ...members.map((member, index) => ({ ...entry({
      childSuis: member.sui === null ? [] : [member.sui], outcome: AuditOutcome.DISCLOSED, refusal: null,
      details: { ...onOwnTrail(member), shownAs: "HOUSEHOLD_MEMBER", placedBy: member.placedBy.map((link) => link.kind) },
    }), fieldsDisclosed: decided[index].disclosed, fieldsWithheld: decided[index].withheld })),
    // A member the caller is kept out of: the attempt on that child's own trail, never on the viewed child's.
    ...keptOut.map((member) => entry({
      childSuis: member.sui === null ? [] : [member.sui], outcome: AuditOutcome.REFUSED, refusal: EXCLUDED_FROM_FILE,
      details: { ...onOwnTrail(member), excludedAttempt: { rule: EXCLUDED_FROM_FILE.rule, suis: member.sui === null ? [] : [member.sui], exclusionIds: exclusionsOf(member).map((exclusion) => exclusion.id) } },
    })),
  ]);
  // Sent for every caller, excluded or not: the statements do not tell them apart.
  await raiseExclusionAlerts(dataSource, principal, attempted, receipt.id, access.justification, now);
  // Break-glass (scenario 9): each child shown is an emergency disclosure, alerted to IG like a read of the child.
  if (access.breakGlass) for (const member of members) await raiseBreakGlassAlert(dataSource, principal, member.profile.childId, receipt.id, access.justification, now);
  // The members shown, and only those placed the way the policy says opens a file (`householdLinks.opensMemberFiles`),
  // open under the referral's case reference from now on.
  // (A referral only the authority's own system recorded has no row here: its members open through their own referral.)
  const opened = shown.filter((member) => member.placedBy.some((link) => policy.householdLinks.opensMemberFiles.includes(link.kind))).flatMap((member) => (member.sui === null ? [] : [member.sui]));
  if (referral?.source.kind === "HUB" && opened.length > 0) {
    await dataSource.query(`UPDATE referral SET household_suis = ARRAY(SELECT DISTINCT unnest(household_suis || $2::varchar(10)[])) WHERE id = $1`, [referral.source.referralId, opened]);
  }
  return { viewId: receipt.id, members: shown, tooManyToList: household.tooManyToList };
}

/** The household grants (relationship HOUSEHOLD_MEMBER) that admit this caller and purpose. */
function householdGrants(policy: PolicySet, principal: Principal, access: AccessContext) {
  return policy.grants.filter(
    (grant) => grant.relationships?.includes(RelationshipKind.HOUSEHOLD_MEMBER) === true && grant.purposes.includes(access.purpose) && principal.roles.some((role) => grant.roles.includes(role)) && (grant.agencyTypes === null || grant.agencyTypes.includes(principal.agencyType)),
  );
}

/** What the caller may see of a member to tell the children apart, decided by the policy as the child's own details under HOUSEHOLD_MEMBER. */
function memberDetails(policy: PolicySet, principal: Principal, access: AccessContext, member: HouseholdMember, caseOpen: boolean, now: Date): { view: Pick<HouseholdMemberView, "demographics" | "withheld">; disclosed: string[]; withheld: Withholding[] } {
  const { profile } = member;
  const offered = {
    givenNames: profile.givenNames[0] ?? null,
    familyName: profile.familyNames[0] ?? null,
    dateOfBirth: profile.dateOfBirth,
    sex: profile.sex === "NOT_KNOWN" ? null : profile.sex,
  };
  const fields = MEMBER_FIELDS.filter((field) => offered[field] !== null).map((field) => ({ path: `demographics.${field}`, recordType: CHILD_DETAILS, field, labels: [] }));
  const subject: DisclosureSubject = {
    relationships: [RelationshipKind.HOUSEHOLD_MEMBER],
    consent: ConsentState.NOT_RECORDED, consentOverride: false, openCaseReference: caseOpen, records: [childDetails(fields)],
  };
  const decision = decideRecords(policy, principal, access, subject, now);
  const shown = (field: (typeof MEMBER_FIELDS)[number]) => (decision.disclosed.includes(`demographics.${field}`) ? offered[field] : null);
  return {
    view: {
      demographics: { givenNames: shown("givenNames"), familyName: shown("familyName"), dateOfBirth: shown("dateOfBirth"), sex: shown("sex") },
      withheld: decision.withheld.map(({ path, rule }) => ({ path, rule })),
    },
    disclosed: [...decision.disclosed, "placedBy", "agencyTypes"],
    withheld: decision.withheld,
  };
}
