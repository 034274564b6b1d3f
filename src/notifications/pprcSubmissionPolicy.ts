import { AbilityBuilder, createMongoAbility, subject, type MongoAbility } from "@casl/ability";
import { type Principal } from "../auth/Principal";
import { Role } from "../auth/Role";
import { AgencyType } from "../directory/AgencyType";

type PprcAbility = MongoAbility<["notify", "PprcNotification" | { agencyCode: string; __caslSubjectType__?: string }]>;

/**
 * Who may notify a PPRC event: a prison's offender management unit (PRISON_OMU) or the prison's own
 * system (AGENCY_SYSTEM), and only for its own prison. No other agency type, and no other role at a
 * prison. Default deny: nothing else is granted.
 */
export function pprcNotificationAbility(principal: Principal): PprcAbility {
  const { can, build } = new AbilityBuilder<PprcAbility>(createMongoAbility);
  if (principal.agencyType === AgencyType.PRISON && principal.roles.some((role) => role === Role.PRISON_OMU || role === Role.AGENCY_SYSTEM)) {
    can("notify", "PprcNotification", { agencyCode: principal.agency });
  }
  return build();
}

export function mayNotifyPprcFor(principal: Principal, agencyCode: string): boolean {
  return pprcNotificationAbility(principal).can("notify", subject("PprcNotification", { agencyCode }));
}
