import { type Principal } from "../../auth/Principal";
import { AgencyType } from "../../directory/AgencyType";
import { type AccessContext } from "../../policy/AccessContext";
import { recipientPrincipal, routingAccess } from "../../policy/checkNotificationRouting";
import { decidedFieldLabels, decidedFieldsOf } from "../../policy/decidedFields";
import { decideDisclosure } from "../../policy/decideDisclosure";
import { type Withholding } from "../../policy/DisclosureDecision";
import { type DisclosureSubject, type RecordSubject } from "../../policy/DisclosureSubject";
import { NotificationRecordType } from "../../policy/notificationFields";
import { type PolicySet } from "../../policy/PolicySet";
import { type SensitivityLabel } from "../../records/SensitivityLabel";
import { RelationshipKind } from "../../policy/RelationshipKind";
import { type RoutedRecipient } from "../routing/routePprcNotification";
import { type ChildAtRiskFields, type NotificationView, type PprcNotificationFields } from "./NotificationView";
import { type PprcContent } from "./pprcContent";

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

const CHILDREN = "childrenAtRisk";

/**
 * What one recipient receives (HUB.md §9): the notification's content offered to the policy engine as
 * records of `PPRC_NOTIFICATION` and `CHILD_AT_RISK` held by the notifying prison, decided — like a
 * child's record, by `decideDisclosure` — for the recipient's agency type as the role, purpose, lawful
 * basis and condition of the routing rule that chose it, with the relationship the routing gives
 * (NOTIFICATION_RECIPIENT). Only disclosed fields are put in the view; a field never offered (no
 * value) is neither disclosed nor listed. Children withheld as a whole are listed once, so the list
 * does not tell how many there were.
 */
export function decideRecipientView(policy: PolicySet, recipient: RoutedRecipient, content: PprcContent, prisonCode: string, at: Date): RecipientView {
  const principal = recipientPrincipal(recipient.rule, recipient.agencyCode);
  const access = routingAccess(recipient.rule);
  const subject: DisclosureSubject = {
    relationships: [RelationshipKind.NOTIFICATION_RECIPIENT],
    consent: "NOT_RECORDED",
    consentOverride: false,
    openCaseReference: false,
    records: [
      recordOf("pprc", NotificationRecordType.PPRC_NOTIFICATION, content.pprc, prisonCode),
      ...content.childrenAtRisk.map((child, index) => recordOf(`${CHILDREN}[${index}]`, NotificationRecordType.CHILD_AT_RISK, child, prisonCode, content.childFieldLabels[index])),
    ],
  };
  const decision = decideDisclosure(policy, principal, access, subject, at);
  // The start-up check (`checkNotificationRouting`) states every rule's context as this does.
  if (decision.outcome === "REFUSED") throw new Error(`routing rule ${recipient.rule.id} states an access context the policy refuses (${decision.problem})`);

  const shown = new Set(decision.disclosed);
  const pprc = pick(content.pprc, "pprc", shown);
  const children = content.childrenAtRisk.map((child, index) => pick(child, `${CHILDREN}[${index}]`, shown)).filter((child) => Object.keys(child).length > 0);
  const view: NotificationView = { pprc };
  if (children.length > 0) view.childrenAtRisk = children;
  return {
    principal,
    access,
    view,
    disclosed: decision.disclosed,
    withheld: collapseChildren(decision.withheld, decision.disclosed),
    grantingRules: decision.grantingRules,
    childSuis: children.flatMap((child) => (typeof child.sui === "string" ? [child.sui] : [])),
  };
}

/** One record offered to the engine: each field with its own labels and any its value carries (`PprcContent.childFieldLabels`). */
function recordOf(path: string, recordType: NotificationRecordType, values: PprcNotificationFields | ChildAtRiskFields, prisonCode: string, valueLabels: Partial<Record<string, SensitivityLabel[]>> = {}): RecordSubject {
  const offered = decidedFieldsOf(recordType).filter((field) => hasValue((values as unknown as Record<string, unknown>)[field]));
  return {
    path, recordType, providerAgencyType: AgencyType.PRISON, providerAgencyCode: prisonCode, labels: [], attributes: {},
    fields: offered.map((field) => ({ path: `${path}.${field}`, recordType, field, labels: [...new Set([...decidedFieldLabels(recordType, field), ...(valueLabels[field] ?? [])])] })),
  };
}

function hasValue(value: unknown): boolean {
  return value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
}

function pick<T extends object>(values: T, path: string, shown: ReadonlySet<string>): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([field]) => shown.has(`${path}.${field}`))) as Partial<T>;
}

/** No child shown, and every child withheld by one rule: one entry for them all. */
function collapseChildren(withheld: Withholding[], disclosed: readonly string[]): Withholding[] {
  const isChild = (path: string) => path.startsWith(`${CHILDREN}[`);
  const ofChildren = withheld.filter((entry) => isChild(entry.path));
  const [first] = ofChildren;
  if (first === undefined || disclosed.some(isChild) || ofChildren.some((entry) => entry.rule !== first.rule)) return withheld;
  return [...withheld.filter((entry) => !isChild(entry.path)), { path: CHILDREN, rule: first.rule, reason: first.reason }];
}
