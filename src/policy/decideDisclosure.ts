import { type Principal } from "../auth/Principal";
import { SensitivityLabel } from "../records/SensitivityLabel";
import { type AccessContext } from "./AccessContext";
import { abilityContextOf } from "./AbilityContext";
import { checkAccessContext } from "./checkAccessContext";
import { DEFAULT_DENY, DEFAULT_DENY_REASON } from "./defaultDeny";
import { disclosureAbility } from "./disclosureAbility";
import { type BrokeredRecord, type Disclosure, type DisclosureDecision, type Withholding } from "./DisclosureDecision";
import { type DisclosureSubject } from "./DisclosureSubject";
import { type PolicySet } from "./PolicySet";

/**
 * Decides one disclosure about one child: refuses an incoherent access context, or decides every
 * field with the CASL ability compiled for this request. A field is disclosed only when the rule CASL
 * finds most relevant is a grant; otherwise it is withheld with that rule's id (or `default-deny`).
 * Sealed records are listed only in `sealed`; brokered ones only in `brokered`. Pure: no database, no
 * logging; `at` is the moment data sharing agreements are judged in force.
 */
export function decideDisclosure(
  policy: PolicySet,
  principal: Principal,
  access: AccessContext,
  subject: DisclosureSubject,
  at: Date = new Date(),
): DisclosureDecision {
  return checkAccessContext(policy, principal, access, subject) ?? decideRecords(policy, principal, access, subject, at);
}

/**
 * Decides every field of every record in the subject, for an access context already found coherent
 * (`checkAccessContext`): the second half of `decideDisclosure`, for a caller that decides a subject in
 * parts (the child's own details are decided once the records they come from are).
 */
export function decideRecords(policy: PolicySet, principal: Principal, access: AccessContext, subject: DisclosureSubject, at: Date = new Date()): Disclosure {
  const rules = disclosureAbility(policy, abilityContextOf(principal, access, subject, at, policy.preBirth.relationships));
  const reasons = reasonsOf(policy);
  const sealedRule = policy.restrictions.find((restriction) => restriction.label === SensitivityLabel.SEALED)?.id;

  const disclosed: string[] = [];
  const withheld: Withholding[] = [];
  const brokered: BrokeredRecord[] = [];
  const sealed: string[] = [];
  const grantingRules = new Set<string>();
  for (const record of subject.records) {
    const recordRule = rules.recordRule(record);
    if (recordRule?.inverted && recordRule.reason === sealedRule) {
      sealed.push(record.path);
      continue;
    }
    if (recordRule?.inverted && recordRule.reason !== policy.noRelationship.id) {
      brokered.push({ path: record.path, rule: recordRule.reason ?? DEFAULT_DENY });
      continue;
    }
    for (const field of record.fields) {
      const rule = rules.fieldRule(record, field);
      if (rule && !rule.inverted) {
        disclosed.push(field.path);
        grantingRules.add(rule.reason ?? DEFAULT_DENY);
      } else if (rule?.reason === sealedRule) {
        sealed.push(field.path);
      } else {
        const ruleId = rule?.reason ?? DEFAULT_DENY;
        withheld.push({ path: field.path, rule: ruleId, reason: reasons.get(ruleId) ?? DEFAULT_DENY_REASON });
      }
    }
  }
  return { outcome: "DECIDED", disclosed, withheld, brokered, sealed, grantingRules: [...grantingRules].sort() };
}

const reasonCache = new WeakMap<PolicySet, ReadonlyMap<string, string>>();

/** Rule id → the plain words a recipient reads for what that rule withheld. */
function reasonsOf(policy: PolicySet): ReadonlyMap<string, string> {
  let reasons = reasonCache.get(policy);
  if (!reasons) {
    reasons = new Map([...policy.restrictions, policy.noRelationship, policy.noAgreement].map((rule) => [rule.id, rule.reason]));
    reasonCache.set(policy, reasons);
  }
  return reasons;
}
