import { type Principal } from "../auth/Principal";
import { type AccessContext } from "./AccessContext";
import { AccessProblem } from "./AccessProblem";
import { ConsentState } from "./ConsentState";
import { type DisclosureSubject } from "./DisclosureSubject";
import { type Refusal } from "./DisclosureDecision";
import { LawfulBasis } from "./LawfulBasis";
import { type BreakGlassReasonRule, ConsentRequirement, type PolicySet, type PurposeRule } from "./PolicySet";
import { DEFAULT_DENY } from "./defaultDeny";

/**
 * Refuses an access context that is missing or incoherent for this caller and child (design principle
 * 2), or returns null when the request may go on to be decided field by field. Checks run from the
 * shape of the request to the child's consent, so a caller fixes one thing at a time.
 */
export function checkAccessContext(policy: PolicySet, principal: Principal, access: AccessContext, subject: DisclosureSubject): Refusal | null {
  const purpose = policy.purposes.get(access.purpose);
  return checkStatedAccess(policy, principal, access) ?? (purpose ? checkConsent(policy, purpose, access, subject) : null);
}

/**
 * The checks that need no child's file: may this caller state this purpose, with this lawful basis,
 * condition, case reference and break-glass, and do they say why. An IG lead's or a data steward's
 * reads are judged by it too, so one policy decides every purpose stated to the hub.
 */
export function checkStatedAccess(policy: PolicySet, principal: Principal, access: AccessContext): Refusal | null {
  const roles = principal.roles.join(", ") || "(none)";

  if (access.justification.trim().length < policy.justification.minimumLength) {
    return refuse(AccessProblem.JUSTIFICATION_REQUIRED, policy.justification.id,
      `State why you need this child's information: the justification must be at least ${policy.justification.minimumLength} characters; it is recorded in the audit trail.`);
  }
  const purpose = policy.purposes.get(access.purpose);
  if (!purpose || !principal.roles.some((role) => purpose.roles.includes(role))) {
    return refuse(AccessProblem.PURPOSE_NOT_PERMITTED, purpose?.id ?? DEFAULT_DENY,
      `Your role (${roles}) may not request information for the purpose ${access.purpose}.`);
  }
  if (!purpose.lawfulBases.includes(access.lawfulBasis)) {
    return refuse(AccessProblem.LAWFUL_BASIS_NOT_PERMITTED, purpose.id,
      `The lawful basis ${access.lawfulBasis} does not fit the purpose ${access.purpose}; use one of: ${purpose.lawfulBases.join(", ")}.`);
  }
  if (access.lawfulBasis === LawfulBasis.LAW_ENFORCEMENT && !policy.competentAuthorities.agencyTypes.includes(principal.agencyType)) {
    return refuse(AccessProblem.LAW_ENFORCEMENT_NOT_COMPETENT_AUTHORITY, policy.competentAuthorities.id,
      `LAW_ENFORCEMENT (DPA 2018 Part 3) is only for competent authorities (${policy.competentAuthorities.agencyTypes.join(", ")}); your agency type is ${principal.agencyType}. State the basis your agency processes under.`);
  }
  if (access.specialCategoryCondition !== null && !purpose.specialCategoryConditions.includes(access.specialCategoryCondition)) {
    const fits = purpose.specialCategoryConditions.length > 0 ? `use one of: ${purpose.specialCategoryConditions.join(", ")}` : "state none";
    return refuse(AccessProblem.SPECIAL_CATEGORY_CONDITION_INVALID, purpose.id,
      `The special-category condition ${access.specialCategoryCondition} does not fit the purpose ${access.purpose}; ${fits}.`);
  }
  if (isBlank(access.caseReference) && principal.roles.some((role) => purpose.caseReferenceRequiredFor.includes(role))) {
    return refuse(AccessProblem.CASE_REFERENCE_REQUIRED, purpose.id,
      `Give the case reference of the referral you are working on: ${access.purpose} by ${roles} needs one.`);
  }
  if (access.breakGlass) {
    const { breakGlass, breakGlassReason } = policy;
    if (!principal.roles.some((role) => breakGlass.roles.includes(role)) || !breakGlass.purposes.includes(access.purpose)) {
      return refuse(AccessProblem.BREAK_GLASS_NOT_PERMITTED, breakGlass.id,
        `Break-glass is for ${breakGlass.roles.join(", ")} acting for ${breakGlass.purposes.join(", ")}; your role (${roles}) and purpose ${access.purpose} are not. Ask without break-glass.`);
    }
    if (!isSubstantialReason(access.justification, breakGlassReason)) {
      return refuse(AccessProblem.BREAK_GLASS_REASON_REQUIRED, breakGlassReason.id,
        `Break-glass needs a reason saying what the emergency is, in your own words: at least ${breakGlassReason.minimumLength} characters, ` +
        `${breakGlassReason.minimumDistinctWords} different words and ${breakGlassReason.minimumDistinctLetters} different letters; IG reviews every break-glass request.`);
    }
  }
  return null;
}

/**
 * A reason IG can review, not padding: long enough once trimmed, and in enough different words (two or
 * more letters) and letters. Read without case, accents or invisible characters, so "x" or "urgent"
 * repeated to the length, however dressed, counts as the one word it is.
 */
function isSubstantialReason(reason: string, rule: BreakGlassReasonRule): boolean {
  const letters = reason.normalize("NFKD").replace(/[\p{M}\p{Cf}]/gu, "").toLowerCase();
  const words = new Set(letters.match(/\p{L}{2,}/gu));
  const distinctLetters = new Set(letters.match(/\p{L}/gu));
  return reason.trim().length >= rule.minimumLength && words.size >= rule.minimumDistinctWords && distinctLetters.size >= rule.minimumDistinctLetters;
}

function checkConsent(policy: PolicySet, purpose: PurposeRule, access: AccessContext, subject: DisclosureSubject): Refusal | null {
  if (access.lawfulBasis === LawfulBasis.CONSENT) {
    return refuseUnlessConsented(subject.consent, policy.consentBasis.id, refuse, "You stated CONSENT as the lawful basis");
  }
  if (purpose.consent === ConsentRequirement.REQUIRED) {
    return refuseUnlessConsented(subject.consent, purpose.id, refuse, `${access.purpose} rests on consent`);
  }
  if (purpose.consent === ConsentRequirement.OVERRIDABLE && !subject.consentOverride) {
    const override = "a CSC manager may record a safeguarding override with a reason, or act under a safeguarding purpose";
    if (subject.consent === ConsentState.REFUSED) {
      return refuse(AccessProblem.CONSENT_REFUSED, purpose.id, `Consent to ${access.purpose} was refused; ${override}.`);
    }
    if (subject.consent === ConsentState.WITHDRAWN) {
      return refuse(AccessProblem.CONSENT_NOT_GIVEN, purpose.id, `Consent to ${access.purpose} was withdrawn; ${override}.`);
    }
  }
  return null;
}

function refuse(problem: AccessProblem, rule: string, message: string): Refusal {
  return { outcome: "REFUSED", problem, rule, message };
}

function refuseUnlessConsented(
  consent: ConsentState,
  rule: string,
  refuse: (problem: AccessProblem, rule: string, message: string) => Refusal,
  premise: string,
): Refusal | null {
  switch (consent) {
    case ConsentState.GIVEN:
      return null;
    case ConsentState.REFUSED:
      return refuse(AccessProblem.CONSENT_REFUSED, rule,
        `${premise}, but consent was refused (a competent child's own decision governs). Without consent, only a safeguarding purpose may proceed.`);
    case ConsentState.WITHDRAWN:
      return refuse(AccessProblem.CONSENT_NOT_GIVEN, rule, `${premise}, but consent was withdrawn. Seek consent again, or act under a safeguarding purpose if the child is at risk.`);
    case ConsentState.NOT_RECORDED:
      return refuse(AccessProblem.CONSENT_NOT_GIVEN, rule, `${premise}, but no consent is recorded for this child. Record consent first, or act under a safeguarding purpose if the child is at risk.`);
  }
}

function isBlank(value: string | null): boolean {
  return value === null || value.trim() === "";
}
