import { type AgencyType } from "../../directory/AgencyType";
import { type ReportedIdentity } from "../../identity/ReportedIdentity";
import { type RoutedNotificationType } from "../NotificationType";
import { type NotificationRoutingRule } from "./NotificationRoutingRule";
import { type RecipientLookup } from "./recipientAgencies";
import { SubjectAge, type RoutingArea } from "./RoutingArea";

/**
 * Where an area points: a local authority (the agencies of the rule's type serving it are told; null
 * when the notification does not say it), or one agency the facts name (the school a pupil is on the
 * roll of, the authority holding a child's plan).
 */
export type RoutingTarget = { localAuthority: string | null } | { agencyCode: string; concealed?: OwnSealedRecord };

/**
 * The agency's own SEALED record through which routing tells it of the child (`recordHolders`): the only
 * terms it knows the child in — its reference, the child as the record reported them, and the SUI when
 * the record was linked by it. Never stored on the routing decision: nobody but that agency may learn it.
 */
export interface OwnSealedRecord {
  agencyReference: string;
  identity: ReportedIdentity;
  sui: string | null;
}

/** What routing reads of a notification: its type and event, its subject's age, and where each area it names points. */
export interface RoutingFacts {
  notificationType: RoutedNotificationType;
  event: string;
  /** The age on the event's day of the person the notification is about, where rules turn on it. */
  subjectAge: typeof SubjectAge.ADULT | typeof SubjectAge.UNDER_18 | null;
  /** Each area's targets, in the order the notification gives them; an area it does not name has none. */
  targets: Partial<Record<RoutingArea, readonly RoutingTarget[]>>;
}

/** Why a rule chose (or could not choose) recipients in one area: the explanation kept with the notification. */
export interface RoutingDecision {
  rule: string;
  area: RoutingArea;
  localAuthority: string | null;
  /** The agency the facts named, when the area points at one rather than at a local authority. */
  agency?: string;
  /**
   * ROUTED: agencies found and told; NO_AGENCY: none of the type serves the area (or the agency named is
   * not one, or not active); AREA_UNKNOWN: the notification does not say the area; EXCLUDED: every
   * agency found is kept out of a child the notification is about by an agency-wide exclusion
   * (`leaveOutExcluded`), so no one was told — a duty not met, which the notifier's receipt shows (`unroutedOf`).
   */
  outcome: "ROUTED" | "NO_AGENCY" | "AREA_UNKNOWN" | "EXCLUDED";
  /** The agencies told. */
  agencies: string[];
  /** Agencies the rule found that an agency-wide exclusion left out (`leaveOutExcluded`): who, never which child or why. */
  excluded?: string[];
  /** The directory version of each agency found, as routing read it (`directory/routingDirectory.ts` `agencyVersion` gives that entry back). */
  directoryVersions?: Record<string, number>;
  /**
   * The agency named is told of the child from its own SEALED record (a plan's holder, a pupil's school:
   * `recordHolders`): the decision stands on the notification, but the notifier's receipt never shows it
   * (`receiptRouting`).
   */
  concealed?: true;
}

/** One agency told, once, with every rule that chose it; `rule` (the first in policy order) decides its view. */
export interface RoutedRecipient {
  agencyCode: string;
  agencyType: AgencyType;
  rule: NotificationRoutingRule;
  rules: string[];
  /** Some rule that chose it asks for its reply to this event. */
  responseRequested: boolean;
  /** For each area, the targets (local authorities, or agencies named) through which some rule chose it: what its view may be about (`ContentEntry.about`). */
  reachedAt: Partial<Record<RoutingArea, string[]>>;
  /**
   * Chosen through a concealed target (`recordHolders`): the agency knows the child only by its own
   * SEALED record, so its view identifies the child in that record's terms (`decideRecipientView`).
   */
  knowsChildAs?: OwnSealedRecord;
}

export interface NotificationRouting {
  recipients: RoutedRecipient[];
  decisions: RoutingDecision[];
}

/**
 * Who must be told (DOMAIN.md "Who must tell whom"), by the routing rules in policy order: each rule of
 * the notification's type that applies to its event and its subject's age looks for agencies of its
 * type at each target of its area. Each agency is told once, whatever number of rules or targets lead
 * to it; every rule's finding — the agencies, or that there were none — is kept, so each recipient can
 * be explained.
 */
export async function routeNotification(rules: readonly NotificationRoutingRule[], facts: RoutingFacts, lookup: RecipientLookup): Promise<NotificationRouting> {
  const recipients = new Map<string, RoutedRecipient>();
  const decisions: RoutingDecision[] = [];
  for (const rule of rules) {
    if (rule.notificationType !== facts.notificationType || !rule.events.includes(facts.event)) continue;
    if (rule.subjectAge !== SubjectAge.ANY && rule.subjectAge !== facts.subjectAge) continue;
    const asksReply = rule.responseRequestedFor.includes(facts.event);
    for (const target of distinct(facts.targets[rule.area] ?? [])) {
      if ("localAuthority" in target && target.localAuthority === null) {
        decisions.push({ rule: rule.id, area: rule.area, localAuthority: null, outcome: "AREA_UNKNOWN", agencies: [] });
        continue;
      }
      const agencies = "agencyCode" in target
        ? await lookup({ type: rule.recipient, agencyCode: target.agencyCode })
        : await lookup({ type: rule.recipient, localAuthority: target.localAuthority as string });
      const versions = agencies.flatMap((agency) => (agency.directoryVersion === undefined ? [] : [[agency.code, agency.directoryVersion] as const]));
      decisions.push({
        rule: rule.id, area: rule.area,
        ...("agencyCode" in target ? { localAuthority: null, agency: target.agencyCode } : { localAuthority: target.localAuthority }),
        outcome: agencies.length > 0 ? "ROUTED" : "NO_AGENCY", agencies: agencies.map((agency) => agency.code),
        ...(versions.length > 0 ? { directoryVersions: Object.fromEntries(versions) } : {}),
        ...("agencyCode" in target && target.concealed !== undefined ? { concealed: true as const } : {}),
      });
      const reached = "agencyCode" in target ? target.agencyCode : (target.localAuthority as string);
      for (const agency of agencies) {
        const known = recipients.get(agency.code) ?? { agencyCode: agency.code, agencyType: agency.type, rule, rules: [], responseRequested: false, reachedAt: {} };
        recipients.set(agency.code, known);
        if (!known.rules.includes(rule.id)) known.rules.push(rule.id);
        known.responseRequested ||= asksReply;
        if ("agencyCode" in target && target.concealed !== undefined) known.knowsChildAs ??= target.concealed;
        const targets = (known.reachedAt[rule.area] ??= []);
        if (!targets.includes(reached)) targets.push(reached);
      }
    }
  }
  return { recipients: [...recipients.values()], decisions };
}

/**
 * The decisions the notifying agency is shown as duties that reached no one: no agency of the type
 * (NO_AGENCY), or an area not given (AREA_UNKNOWN) — both the notifier's to act on — and, unless the
 * notifier is itself kept out of the child (`withExcluded` false: it is answered as a stranger), each
 * rule whose recipient an agency-wide exclusion left out (`leaveOutExcluded`): a statutory duty is never
 * dropped silently, so the notifier learns it was not met, as for a recipient routing cannot find
 * (outcome EXCLUDED, the rule, its area and where it pointed; never which child, why, or whom the
 * exclusion names beyond what the decision itself points at), and its IG leads are alerted to meet it
 * another way (`submitNotification`).
 */
export function unroutedOf(decisions: readonly RoutingDecision[], withExcluded: boolean): RoutingDecision[] {
  return decisions.flatMap((decision): RoutingDecision[] => {
    if (decision.outcome === "NO_AGENCY" || decision.outcome === "AREA_UNKNOWN") return [decision];
    if (!withExcluded || (decision.excluded ?? []).length === 0) return [];
    return [{ rule: decision.rule, area: decision.area, localAuthority: decision.localAuthority, ...(decision.agency === undefined ? {} : { agency: decision.agency }), outcome: "EXCLUDED", agencies: [] }];
  });
}

/** Each target once, in the order first given (two children in one authority make one decision). */
function distinct(targets: readonly RoutingTarget[]): RoutingTarget[] {
  const seen = new Set<string>();
  return targets.filter((target) => {
    const key = "agencyCode" in target ? `agency:${target.agencyCode}` : `la:${target.localAuthority ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Under 18 on the day of the event (Children Act 1989 s.105). */
export function isUnder18(dateOfBirth: string, on: string): boolean {
  const [year, month, day] = dateOfBirth.split("-").map(Number);
  const eighteenth = `${String(year + 18).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  // Born on 29 February: eighteen on 1 March in a year without one; the string comparison holds either way.
  return on < eighteenth;
}
