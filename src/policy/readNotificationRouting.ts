import { ROLES } from "../auth/Role";
import { AGENCY_TYPES } from "../directory/AgencyType";
import { type NotificationRoutingRule, type NotificationTypeRule } from "../notifications/routing/NotificationRoutingRule";
import { ROUTED_NOTIFICATION_TYPES } from "../notifications/NotificationType";
import { PPRC_EVENTS } from "../notifications/PprcEvent";
import { PRISONER_AGES, PrisonerAge, ROUTING_AREAS } from "../notifications/routing/RoutingArea";
import { TIMESCALE_IDS } from "../timescales/TimescaleId";
import { LAWFUL_BASES } from "./LawfulBasis";
import { type CriminalOffenceDataRule } from "./PolicySet";
import { PURPOSES } from "./Purpose";
import { ruleBase } from "./ruleBase";
import { SPECIAL_CATEGORY_CONDITIONS } from "./SpecialCategoryCondition";
import { type YamlNode } from "./YamlNode";

/** One `notificationRouting:` entry (policies/notification-routing.yaml). */
export function readNotificationRoutingRule(node: YamlNode): NotificationRoutingRule {
  const map = node.map(
    ["id", "description", "notificationType", "events", "recipient", "area", "decidedAs", "purpose", "lawfulBasis"],
    ["prisonerAge", "condition"],
  );
  const condition = map.optional("condition");
  return {
    ...ruleBase(node, map),
    notificationType: map.required("notificationType").oneOf(ROUTED_NOTIFICATION_TYPES, "routed notification type"),
    events: map.required("events").listOf(PPRC_EVENTS, "PPRC event"),
    recipient: map.required("recipient").oneOf(AGENCY_TYPES, "agency type"),
    area: map.required("area").oneOf(ROUTING_AREAS, "routing area"),
    prisonerAge: map.optional("prisonerAge")?.oneOf(PRISONER_AGES, "prisoner age") ?? PrisonerAge.ANY,
    decidedAs: map.required("decidedAs").oneOf(ROLES, "role"),
    purpose: map.required("purpose").oneOf(PURPOSES, "purpose"),
    lawfulBasis: map.required("lawfulBasis").oneOf(LAWFUL_BASES, "lawful basis"),
    condition: condition === undefined || condition.isNull() ? null : condition.oneOf(SPECIAL_CATEGORY_CONDITIONS, "special-category condition"),
  };
}

/** One `notificationTypes:` entry: the acknowledgement deadline of a routed notification type. */
export function readNotificationTypeRule(node: YamlNode): NotificationTypeRule {
  const map = node.map(["id", "description", "notificationType", "acknowledgement"], ["responseRequestedFor"]);
  return {
    ...ruleBase(node, map),
    notificationType: map.required("notificationType").oneOf(ROUTED_NOTIFICATION_TYPES, "routed notification type"),
    acknowledgement: map.required("acknowledgement").oneOf(TIMESCALE_IDS, "timescale"),
    responseRequestedFor: map.optional("responseRequestedFor")?.listOf(PPRC_EVENTS, "PPRC event", { allowEmpty: true }) ?? [],
  };
}

/** `criminalOffenceData:` (lawful-bases.yaml): the conditions under which Art 10 data leaves the competent authorities. */
export function readCriminalOffenceData(node: YamlNode): CriminalOffenceDataRule {
  const map = node.map(["id", "description", "conditions", "competentAuthorityBasis"]);
  return {
    ...ruleBase(node, map),
    conditions: map.required("conditions").listOf(SPECIAL_CATEGORY_CONDITIONS, "special-category condition"),
    competentAuthorityBasis: map.required("competentAuthorityBasis").oneOf(LAWFUL_BASES, "lawful basis"),
  };
}
