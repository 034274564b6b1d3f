import { AbilityBuilder, createMongoAbility, subject, type MongoAbility } from "@casl/ability";
import { type Principal } from "../../auth/Principal";
import { type AgencyType } from "../../directory/AgencyType";
import { type PolicySet } from "../../policy/PolicySet";
import { type RoutedNotificationType } from "../NotificationType";

type NotifierAbility = MongoAbility<["notify", "RoutedNotification" | { type: RoutedNotificationType; agencyCode: string; __caslSubjectType__?: string }]>;

/**
 * Who may submit each routed notification type, as the `submittedBy` of its `notificationTypes` entry
 * (policies/notification-routing.yaml) says: a caller in one of the roles at an agency of one of the
 * types, for that agency only. Default deny: a type, role or agency type no entry names is granted
 * nothing. The token's agency type is a claim: `submitNotification` also requires the directory to hold
 * the agency as that type.
 */
export function notifierAbility(principal: Principal, policy: PolicySet): NotifierAbility {
  const { can, build } = new AbilityBuilder<NotifierAbility>(createMongoAbility);
  for (const rule of policy.notificationTypes.values()) {
    for (const submitters of rule.submittedBy) {
      if (submitters.agencyTypes.includes(principal.agencyType) && principal.roles.some((role) => submitters.roles.includes(role))) {
        can("notify", "RoutedNotification", { type: rule.notificationType, agencyCode: principal.agency });
      }
    }
  }
  return build();
}

export function mayNotify(principal: Principal, policy: PolicySet, type: RoutedNotificationType, agencyCode: string): boolean {
  return notifierAbility(principal, policy).can("notify", subject("RoutedNotification", { type, agencyCode }));
}

/** The agency types that may submit a notification type (what the directory must hold the submitting agency as). */
export function notifierAgencyTypes(policy: PolicySet, type: RoutedNotificationType): AgencyType[] {
  return [...new Set(policy.notificationTypes.get(type)?.submittedBy.flatMap((submitters) => submitters.agencyTypes) ?? [])];
}

/** In words, for a refusal: "PRISON_OMU or AGENCY_SYSTEM at a PRISON". */
export function notifiersInWords(policy: PolicySet, type: RoutedNotificationType): string {
  return (policy.notificationTypes.get(type)?.submittedBy ?? []).map((submitters) => `${submitters.roles.join(" or ")} at a ${submitters.agencyTypes.join(" or ")}`).join("; or ");
}
