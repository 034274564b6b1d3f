import { type Role } from "../../auth/Role";
import { type AgencyType } from "../../directory/AgencyType";
import { type LawfulBasis } from "../../policy/LawfulBasis";
import { type PolicyRule } from "../../policy/PolicySet";
import { type Purpose } from "../../policy/Purpose";
import { type SpecialCategoryCondition } from "../../policy/SpecialCategoryCondition";
import { type TimescaleId } from "../../timescales/TimescaleId";
import { type RoutedNotificationType } from "../NotificationType";
import { type SubjectAge, type RoutingArea } from "./RoutingArea";

/**
 * One notification duty as data (policies/notification-routing.yaml): for these events of this type,
 * the agencies of `recipient` type in `area` are told. The recipient's view is decided as `decidedAs`
 * of that agency type would be, for `purpose` on `lawfulBasis` with `condition` — which also go onto
 * the delivery's audit entry. On `responseRequestedFor` events the recipients are consulted: the
 * notifying agency waits for their reply.
 */
export interface NotificationRoutingRule extends PolicyRule {
  notificationType: RoutedNotificationType;
  events: string[];
  recipient: AgencyType;
  area: RoutingArea;
  subjectAge: SubjectAge;
  decidedAs: Role;
  purpose: Purpose;
  lawfulBasis: LawfulBasis;
  condition: SpecialCategoryCondition | null;
  responseRequestedFor: string[];
}

/** Who may submit a notification of a type: staff in these roles at an agency of one of these types, for their own agency. */
export interface NotificationSubmitters {
  agencyTypes: AgencyType[];
  roles: Role[];
}

/**
 * A routed notification type as data: who may submit it, when each recipient must acknowledge it (a
 * timescale of timescales.yaml; none for a notification only for information), and what the recipient must have done by when, where the duty sets a
 * time (`due`: a transfer-in conference).
 */
export interface NotificationTypeRule extends PolicyRule {
  notificationType: RoutedNotificationType;
  submittedBy: NotificationSubmitters[];
  /** Null: a notification only for information (a plan viewed), never escalated. */
  acknowledgement: TimescaleId | null;
  due: TimescaleId | null;
}
