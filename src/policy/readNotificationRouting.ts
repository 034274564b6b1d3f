import { ROLES } from "../auth/Role";
import { AGENCY_TYPES } from "../directory/AgencyType";
import { type NotificationRoutingRule, type NotificationSubmitters, type NotificationTypeRule } from "../notifications/routing/NotificationRoutingRule";
import { ROUTED_NOTIFICATION_TYPES } from "../notifications/NotificationType";
import { ROUTED_EVENT_VOCABULARY } from "../notifications/RoutedEventVocabulary";
import { SUBJECT_AGES, SubjectAge } from "../notifications/routing/RoutingArea";
import { TIMESCALE_IDS } from "../timescales/TimescaleId";
import { LAWFUL_BASES } from "./LawfulBasis";
import { type CriminalOffenceDataRule } from "./PolicySet";
import { PURPOSES } from "./Purpose";
import { ruleBase } from "./ruleBase";
import { SPECIAL_CATEGORY_CONDITIONS } from "./SpecialCategoryCondition";
import { type YamlNode } from "./YamlNode";

/**
 * One `notificationRouting:` entry (policies/notification-routing.yaml). Its events and area must be
 * ones its own notification type can say (`RoutedEventVocabulary.ts`).
 */
export function readNotificationRoutingRule(node: YamlNode): NotificationRoutingRule {
  const map = node.map(
    ["id", "description", "notificationType", "events", "recipient", "area", "decidedAs", "purpose", "lawfulBasis"],
    ["subjectAge", "condition", "responseRequestedFor"],
  );
  const condition = map.optional("condition");
  const notificationType = map.required("notificationType").oneOf(ROUTED_NOTIFICATION_TYPES, "routed notification type");
  const vocabulary = ROUTED_EVENT_VOCABULARY[notificationType];
  const events = map.required("events").listOf(vocabulary.events, vocabulary.eventLabel);
  const responseNode = map.optional("responseRequestedFor");
  const responseRequestedFor = responseNode?.listOf(vocabulary.events, vocabulary.eventLabel, { allowEmpty: true }) ?? [];
  const stray = responseRequestedFor.find((event) => !events.includes(event));
  if (responseNode && stray !== undefined) responseNode.fail(`${vocabulary.eventLabel} "${stray}" asks for a reply but is not among the rule's events`);
  return {
    ...ruleBase(node, map),
    notificationType,
    events,
    recipient: map.required("recipient").oneOf(AGENCY_TYPES, "agency type"),
    area: map.required("area").oneOf(vocabulary.areas, "routing area"),
    subjectAge: map.optional("subjectAge")?.oneOf(SUBJECT_AGES, "subject age") ?? SubjectAge.ANY,
    decidedAs: map.required("decidedAs").oneOf(ROLES, "role"),
    purpose: map.required("purpose").oneOf(PURPOSES, "purpose"),
    lawfulBasis: map.required("lawfulBasis").oneOf(LAWFUL_BASES, "lawful basis"),
    condition: condition === undefined || condition.isNull() ? null : condition.oneOf(SPECIAL_CATEGORY_CONDITIONS, "special-category condition"),
    responseRequestedFor,
  };
}

/** One `notificationTypes:` entry: who submits a routed notification type, and its timescales. */
export function readNotificationTypeRule(node: YamlNode): NotificationTypeRule {
  const map = node.map(["id", "description", "notificationType", "submittedBy"], ["acknowledgement", "due"]);
  const submittedBy = map.required("submittedBy").list().map(readSubmitters);
  if (submittedBy.length === 0) map.required("submittedBy").fail("name at least one agency type and role that submits it: nobody else may (default deny)");
  const due = map.optional("due");
  const acknowledgement = map.optional("acknowledgement");
  return {
    ...ruleBase(node, map),
    notificationType: map.required("notificationType").oneOf(ROUTED_NOTIFICATION_TYPES, "routed notification type"),
    submittedBy,
    acknowledgement: acknowledgement === undefined || acknowledgement.isNull() ? null : acknowledgement.oneOf(TIMESCALE_IDS, "timescale"),
    due: due === undefined || due.isNull() ? null : due.oneOf(TIMESCALE_IDS, "timescale"),
  };
}

function readSubmitters(node: YamlNode): NotificationSubmitters {
  const map = node.map(["agencyTypes", "roles"]);
  return { agencyTypes: map.required("agencyTypes").listOf(AGENCY_TYPES, "agency type"), roles: map.required("roles").listOf(ROLES, "role") };
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
