import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { type AuditEntryInput } from "../audit/recordAuditEntry";
import { AgencyType } from "../directory/AgencyType";
import { LawfulBasis } from "../policy/LawfulBasis";
import { type PolicySet } from "../policy/PolicySet";
import { type Principal } from "../auth/Principal";
import { type Role } from "../auth/Role";
import { EXCLUDED_FROM_FILE } from "../exclusions/exclusionRefusal";
import { routingAccess } from "../policy/checkNotificationRouting";
import { type RecipientView } from "./content/decideRecipientView";
import { type RoutedRecipient } from "./routing/routeNotification";

/** The hub's own agency code on the trail and as a notification's source (an escalation). */
export const HUB_AGENCY = "HUB";

/** What a delivery's audit entry says about the notification besides the recipient's view. */
export interface DeliveryFacts {
  requestId: string;
  notificationId: string;
  deliveryId: string;
  notificationType: string;
  event: string | null;
  routingRules: string[];
  /** Who notified: the agency and the submitting principal's `sub`. */
  sourceAgency: string;
  submittedBy: string;
  /** The records the content came from (the prison's records of the PPRC and each child): what a subject access report judges it by. */
  recordIds: string[];
  /**
   * Routed through the recipient's own SEALED record (`routing/recordHolders.ts`): the entry carries the
   * marker (`audit/trailReach.ts` `concealedRouteEntry`) that keeps it, and every read and acknowledgement of
   * the delivery, off any other agency's IG leads' trail — it names the agency holding a child with a new identity.
   */
  concealed?: true;
}

/**
 * The disclosure audit entry of one delivery (design principle 4), written in the transaction that
 * writes the delivery (`recordAuditEntriesInTransaction`), so the two commit together or not at all: the recipient agency as the principal it was decided for, the routing rule's purpose,
 * lawful basis and condition as the access context (its description the justification), the fields
 * disclosed and withheld with their rules, and the notification, delivery, rules and source records in
 * `details` (and, for a concealed route, `concealed: true`). A delivery to a competent authority under Part 3, or to the police, is flagged as one
 * whose disclosure could prejudice an investigation, like any such read.
 */
export function deliveryAuditEntry(policy: PolicySet, view: RecipientView, facts: DeliveryFacts): AuditEntryInput {
  const { requestId, ...details } = facts;
  return {
    requestId,
    principal: view.principal,
    operation: AuditOperation.NOTIFICATION_DELIVERY,
    access: view.access,
    childSuis: view.childSuis,
    outcome: AuditOutcome.DISCLOSED,
    fieldsDisclosed: view.disclosed,
    fieldsWithheld: view.withheld,
    policyVersion: policy.version,
    breakGlass: false,
    prejudicesInvestigation: view.access.lawfulBasis === LawfulBasis.LAW_ENFORCEMENT || view.principal.agencyType === AgencyType.POLICE,
    details: { ...details, grantingRules: view.grantingRules },
  };
}

/** Who decides, on the trail, that a delivery or an escalation is not made: the hub itself, never the agency kept out. */
export function hubDecision(sub: "hub:routing" | "hub:escalation", agencyType: AgencyType, role: Role): Principal {
  return { sub, name: sub, agency: HUB_AGENCY, agencyType, roles: [role], localAuthority: "", team: null, tokenId: null };
}

/**
 * The refused entry of a delivery routing left out because an agency-wide exclusion keeps the agency
 * out of a child the notification is about (design principle 4: a decision not to share is audited
 * too): the hub as principal (`HUB`, so the agency kept out never reads it as its own), the routing
 * rule's context, rule `named-staff-exclusion`, no fields, and in `childSuis` only the children the
 * agency is kept out of — so the entry is on their trail, and left out of it for whoever their
 * exclusions keep out. Names the notification, the agency and the rules; never content, never the
 * exclusion or its reason.
 */
export function withheldDeliveryAuditEntry(policy: PolicySet, recipient: RoutedRecipient, keptOutSuis: string[], facts: Omit<DeliveryFacts, "deliveryId">): AuditEntryInput {
  const { requestId, ...details } = facts;
  return {
    requestId,
    principal: hubDecision("hub:routing", recipient.agencyType, recipient.rule.decidedAs),
    operation: AuditOperation.NOTIFICATION_DELIVERY,
    access: routingAccess(recipient.rule),
    childSuis: keptOutSuis,
    outcome: AuditOutcome.REFUSED,
    refusal: EXCLUDED_FROM_FILE,
    fieldsDisclosed: [],
    fieldsWithheld: [],
    policyVersion: policy.version,
    breakGlass: false,
    prejudicesInvestigation: false,
    details: { ...details, agency: recipient.agencyCode, withheld: "DELIVERY" },
  };
}
