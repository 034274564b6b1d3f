import { type Principal } from "../../auth/Principal";
import { type AgencyType } from "../../directory/AgencyType";
import { type AccessContext } from "../../policy/AccessContext";
import { recipientPrincipal, routingAccess } from "../../policy/checkNotificationRouting";
import { decidedFieldLabels, decidedFieldsOf } from "../../policy/decidedFields";
import { decideDisclosure } from "../../policy/decideDisclosure";
import { NotificationRecordType } from "../../policy/notificationFields";
import { type Withholding } from "../../policy/DisclosureDecision";
import { type DisclosureSubject, type RecordSubject } from "../../policy/DisclosureSubject";
import { type PolicySet } from "../../policy/PolicySet";
import { RelationshipKind } from "../../policy/RelationshipKind";
import { type RoutedRecipient } from "../routing/routeNotification";
import { type ContentEntry, type ContentSection, type NotificationContent } from "./NotificationContent";
import { type NotificationView } from "./NotificationView";
import { childInOwnRecord } from "./notifiedChildSection";

/** One recipient's view, decided, with everything its audit entry records. */
export interface RecipientView {
  principal: Principal;
  access: AccessContext;
  view: NotificationView;
  disclosed: string[];
  withheld: Withholding[];
  grantingRules: string[];
  /** The SUIs the view carries. */
  childSuis: string[];
}

/** The agency whose notification it is: its records are what the content is offered as. */
export interface NotifyingAgency {
  code: string;
  type: AgencyType;
}

/**
 * What one recipient receives (HUB.md §9): the notification's content offered to the policy engine as
 * records of its notification record types (`policy/notificationFields.ts`) held by the notifying
 * agency, decided — like a child's record, by `decideDisclosure` — for the recipient's agency type as
 * the role, purpose, lawful basis and condition of the routing rule that chose it, with the
 * relationship the routing gives (NOTIFICATION_RECIPIENT). Only disclosed fields are put in the view; a
 * field never offered (no value) is neither disclosed nor listed. A one-record section is always in the
 * view (perhaps empty); a list only with the entries that show something. A list withheld as a whole
 * by one rule is listed once, so the list does not tell how many there were.
 */
export function decideRecipientView(policy: PolicySet, recipient: RoutedRecipient, everything: NotificationContent, notifier: NotifyingAgency, at: Date): RecipientView {
  const content = inRecipientsTerms(aboutRecipient(everything, recipient), recipient);
  const principal = recipientPrincipal(recipient.rule, recipient.agencyCode);
  const access = routingAccess(recipient.rule);
  const subject: DisclosureSubject = {
    relationships: [RelationshipKind.NOTIFICATION_RECIPIENT],
    consent: "NOT_RECORDED",
    consentOverride: false,
    openCaseReference: false,
    records: content.sections.flatMap((section) => section.entries.map((entry, index) => recordOf(pathOf(section, index), section, entry, notifier))),
  };
  const decision = decideDisclosure(policy, principal, access, subject, at);
  // The start-up check (`checkNotificationRouting`) states every rule's context as this does.
  if (decision.outcome === "REFUSED") throw new Error(`routing rule ${recipient.rule.id} states an access context the policy refuses (${decision.problem})`);

  const shown = new Set(decision.disclosed);
  const view: Record<string, object> = {};
  const shownEntries: Record<string, unknown>[] = [];
  let withheld = decision.withheld;
  for (const section of content.sections) {
    const picked = section.entries.map((entry, index) => pick(entry.values, pathOf(section, index), shown));
    if (!section.many) {
      view[section.key] = picked[0] ?? {};
      shownEntries.push(...picked);
      continue;
    }
    const entries = picked.filter((entry) => Object.keys(entry).length > 0);
    if (entries.length > 0) view[section.key] = entries;
    shownEntries.push(...entries);
    withheld = collapseList(section.key, withheld, decision.disclosed);
  }
  return {
    principal,
    access,
    view,
    disclosed: decision.disclosed,
    withheld,
    grantingRules: decision.grantingRules,
    childSuis: shownEntries.flatMap((entry) => (typeof entry.sui === "string" ? [entry.sui] : [])),
  };
}

/**
 * The content this recipient may be told of at all, before any field is decided: an entry about one
 * target of an area (`ContentEntry.about`: a child's home authority) is left out for a recipient whose
 * deciding rule is of that area but did not choose it for that target — it is not offered, so it is
 * neither disclosed nor listed as withheld, and the list's paths have no gap where it was.
 */
function aboutRecipient(content: NotificationContent, recipient: RoutedRecipient): NotificationContent {
  const area = recipient.rule.area;
  const reached = recipient.reachedAt[area] ?? [];
  const offered = (entry: ContentEntry) => entry.about === undefined || entry.about.area !== area || (entry.about.localAuthority !== null && reached.includes(entry.about.localAuthority));
  return { sections: content.sections.map((section) => ({ ...section, entries: section.entries.filter(offered) })) };
}

/**
 * The child in the terms the recipient knows them by. An agency told from its own SEALED record
 * (`RoutedRecipient.knowsChildAs`: a school with the pupil on its roll under a new identity, an authority
 * holding a sealed plan) knows the child only as that record does: the notifier names the child as it
 * knows them — perhaps by the identity the seal keeps apart, at the old home — and shown beside the
 * agency's own pupil or plan that would link the two (design principle 8). So the child's entry (every
 * `NOTIFIED_CHILD` section) is the agency's own record's — its reference and the identity that record
 * reported — and nothing of the notifier's identification of the child is offered; the event's own
 * sections (the incident, the attendance) stand, as the duty needs them.
 */
function inRecipientsTerms(content: NotificationContent, recipient: RoutedRecipient): NotificationContent {
  const record = recipient.knowsChildAs;
  if (record === undefined) return content;
  return { sections: content.sections.map((section) => (section.recordType === NotificationRecordType.NOTIFIED_CHILD ? { ...section, entries: [childInOwnRecord(record)] } : section)) };
}

function pathOf(section: ContentSection, index: number): string {
  return section.many ? `${section.key}[${index}]` : section.key;
}

/** One record offered to the engine: each field with its own labels and any its value carries. */
function recordOf(path: string, section: ContentSection, entry: ContentEntry, notifier: NotifyingAgency): RecordSubject {
  const { recordType } = section;
  const offered = decidedFieldsOf(recordType).filter((field) => hasValue(entry.values[field]));
  return {
    path, recordType, providerAgencyType: notifier.type, providerAgencyCode: notifier.code, labels: [], attributes: {},
    fields: offered.map((field) => ({ path: `${path}.${field}`, recordType, field, labels: [...new Set([...decidedFieldLabels(recordType, field), ...(entry.valueLabels?.[field] ?? [])])] })),
  };
}

function hasValue(value: unknown): boolean {
  return value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
}

function pick(values: Readonly<Record<string, unknown>>, path: string, shown: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([field]) => shown.has(`${path}.${field}`)));
}

/** No entry of the list shown, and every entry withheld by one rule: one entry for them all. */
function collapseList(key: string, withheld: Withholding[], disclosed: readonly string[]): Withholding[] {
  const inList = (path: string) => path.startsWith(`${key}[`);
  const ofList = withheld.filter((entry) => inList(entry.path));
  const [first] = ofList;
  if (first === undefined || disclosed.some(inList) || ofList.some((entry) => entry.rule !== first.rule)) return withheld;
  return [...withheld.filter((entry) => !inList(entry.path)), { path: key, rule: first.rule, reason: first.reason }];
}
