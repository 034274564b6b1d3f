import { type Role } from "../../auth/Role";
import { type AgencyType } from "../../directory/AgencyType";
import { type LawfulBasis } from "../../policy/LawfulBasis";
import { type PolicyRule } from "../../policy/PolicySet";
import { type Purpose } from "../../policy/Purpose";
import { type SpecialCategoryCondition } from "../../policy/SpecialCategoryCondition";
import { type TimescaleId } from "../../timescales/TimescaleId";
import { type RoutedNotificationType } from "../NotificationType";
import { type PprcEvent } from "../PprcEvent";
import { type PrisonerAge, type RoutingArea } from "./RoutingArea";

/**
 * One notification duty as data (policies/notification-routing.yaml): for these events of this type,
 * the agencies of `recipient` type in `area` are told. The recipient's view is decided as `decidedAs`
 * of that agency type would be, for `purpose` on `lawfulBasis` with `condition` — which also go onto
 * the delivery's audit entry.
 */
export interface NotificationRoutingRule extends PolicyRule {
  notificationType: RoutedNotificationType;
  events: PprcEvent[];
  recipient: AgencyType;
  area: RoutingArea;
  prisonerAge: PrisonerAge;
  decidedAs: Role;
  purpose: Purpose;
  lawfulBasis: LawfulBasis;
  condition: SpecialCategoryCondition | null;
}

/** A notification type's acknowledgement deadline (a timescale of timescales.yaml) and the events that ask for a reply. */
export interface NotificationTypeRule extends PolicyRule {
  notificationType: RoutedNotificationType;
  acknowledgement: TimescaleId;
  responseRequestedFor: PprcEvent[];
}
