import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { type AuditEntryInput } from "../audit/recordAuditEntry";
import { AgencyType } from "../directory/AgencyType";
import { LawfulBasis } from "../policy/LawfulBasis";
import { type PolicySet } from "../policy/PolicySet";
import { type RecipientView } from "./content/decideRecipientView";

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
}

/**
 * The disclosure audit entry of one delivery (design principle 4), written in the transaction that
 * writes the delivery (`recordAuditEntriesInTransaction`), so the two commit together or not at all: the recipient agency as the principal it was decided for, the routing rule's purpose,
 * lawful basis and condition as the access context (its description the justification), the fields
 * disclosed and withheld with their rules, and the notification, delivery, rules and source records in
 * `details`. A delivery to a competent authority under Part 3, or to the police, is flagged as one
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
