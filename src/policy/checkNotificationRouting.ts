import { type Principal } from "../auth/Principal";
import { type NotificationRoutingRule, type NotificationTypeRule } from "../notifications/routing/NotificationRoutingRule";
import { type RoutedNotificationType } from "../notifications/NotificationType";
import { ROUTED_EVENT_VOCABULARY } from "../notifications/RoutedEventVocabulary";
import { SensitivityLabel } from "../records/SensitivityLabel";
import { checkStatedAccess } from "./checkAccessContext";
import { type AccessContext } from "./AccessContext";
import { type PolicySet } from "./PolicySet";
import { type Located } from "./readPolicyFile";
import { NOTIFICATION_FIELDS } from "./notificationFields";

/** Every routed notification type has its deadline said once, and every type a rule routes has one. */
export function notificationTypesByName(found: Located<NotificationTypeRule>[], routing: Located<NotificationRoutingRule>[]): Map<RoutedNotificationType, NotificationTypeRule> {
  const types = new Map<RoutedNotificationType, NotificationTypeRule>();
  for (const { value, node } of found) {
    if (types.has(value.notificationType)) node.fail(`notification type ${value.notificationType} is already defined`);
    types.set(value.notificationType, value);
  }
  for (const { value, node } of routing) {
    if (!types.has(value.notificationType)) node.fail(`no "notificationTypes" entry says when a ${value.notificationType} notification must be acknowledged`);
  }
  return types;
}

/**
 * A routing rule is a disclosure decided in advance, so it is held to what a caller stating it would be:
 * the role it is decided as may state its purpose, on its lawful basis, with its condition, for its
 * recipient's agency type (`checkStatedAccess`, the rule's description as the justification). A
 * notification whose content carries criminal-offence data (a field labelled CRIMINAL_OFFENCE: a PPRC
 * status) goes to a competent authority under Part 3, to any other agency under a DPA 2018 Sch.1
 * condition (lawful-bases.yaml `criminalOffenceData`). A rule that fails either is a start-up error at
 * its line.
 */
export function checkNotificationRouting(found: Located<NotificationRoutingRule>[], policy: PolicySet): void {
  for (const { value: rule, node } of found) {
    const refusal = checkStatedAccess(policy, recipientPrincipal(rule), routingAccess(rule));
    if (refusal) node.fail(`rule "${rule.id}" could not be stated by ${rule.decidedAs} of ${rule.recipient}: ${refusal.problem} (${refusal.rule}): ${refusal.message}`);
    if (!carriesCriminalOffenceData(rule.notificationType)) continue;
    const { criminalOffenceData, competentAuthorities } = policy;
    if (competentAuthorities.agencyTypes.includes(rule.recipient)) {
      if (rule.lawfulBasis !== criminalOffenceData.competentAuthorityBasis) {
        node.fail(`rule "${rule.id}": ${rule.recipient} is a competent authority and receives criminal-offence data under ${criminalOffenceData.competentAuthorityBasis} (${criminalOffenceData.id}), not ${rule.lawfulBasis}`);
      }
    } else if (rule.condition === null || !criminalOffenceData.conditions.includes(rule.condition)) {
      node.fail(`rule "${rule.id}": ${rule.recipient} receives criminal-offence data only under one of ${criminalOffenceData.conditions.join(", ")} (${criminalOffenceData.id})`);
    }
  }
}

/** Whether any field a notification type's content may carry is criminal-offence data (UK GDPR Art 10). */
export function carriesCriminalOffenceData(type: RoutedNotificationType): boolean {
  return ROUTED_EVENT_VOCABULARY[type].contentRecordTypes.some((recordType) =>
    Object.values(NOTIFICATION_FIELDS[recordType]).some((labels) => labels.includes(SensitivityLabel.CRIMINAL_OFFENCE)));
}

/** The recipient as the engine decides its view: the rule's role at an agency of the rule's type. */
export function recipientPrincipal(rule: NotificationRoutingRule, agency = `${rule.recipient}-RECIPIENT`, localAuthority = ""): Principal {
  return { sub: `notification-recipient:${agency}`, name: agency, agency, agencyType: rule.recipient, roles: [rule.decidedAs], localAuthority, team: null, tokenId: null };
}

/** The access context a routing rule states for its recipients: recorded on each delivery's audit entry. */
export function routingAccess(rule: NotificationRoutingRule): AccessContext {
  return { purpose: rule.purpose, lawfulBasis: rule.lawfulBasis, specialCategoryCondition: rule.condition, justification: rule.description.trim(), caseReference: null, breakGlass: false };
}
