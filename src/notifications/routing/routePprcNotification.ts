import { type AgencyType } from "../../directory/AgencyType";
import { type NotificationRoutingRule } from "./NotificationRoutingRule";
import { type RecipientLookup } from "./recipientAgencies";
import { PrisonerAge, RoutingArea } from "./RoutingArea";
import { type PprcEvent } from "../PprcEvent";

/** What routing reads of a PPRC notification: the event, the prisoner's age and the areas involved. */
export interface PprcRoutingFacts {
  event: PprcEvent;
  /** YYYY-MM-DD: the prisoner's age is taken on this day. */
  eventDate: string;
  prisonerDateOfBirth: string;
  prisonerHomeLocalAuthority: string | null;
  releaseLocalAuthority: string | null;
  /** Each identified child's home local authority, in the order given; null where not known. */
  childHomeLocalAuthorities: readonly (string | null)[];
}

/** Why a rule chose (or could not choose) recipients in one area: the explanation kept with the notification. */
export interface RoutingDecision {
  rule: string;
  area: RoutingArea;
  localAuthority: string | null;
  /** ROUTED: agencies found; NO_AGENCY: none of the type serves the area; AREA_UNKNOWN: the notification does not say the area. */
  outcome: "ROUTED" | "NO_AGENCY" | "AREA_UNKNOWN";
  agencies: string[];
  /** The directory version of each agency found, as routing read it (`directory/routingDirectory.ts` `agencyVersion` gives that entry back). */
  directoryVersions?: Record<string, number>;
}

/** One agency told, once, with every rule that chose it; `rule` (the first in policy order) decides its view. */
export interface RoutedRecipient {
  agencyCode: string;
  agencyType: AgencyType;
  rule: NotificationRoutingRule;
  rules: string[];
}

export interface PprcRouting {
  recipients: RoutedRecipient[];
  decisions: RoutingDecision[];
}

/**
 * Who must be told of a PPRC event (DOMAIN.md "Who must tell whom"), by the routing rules in policy
 * order: each rule that applies to the event and the prisoner's age looks for agencies of its type in
 * its area. Each agency is told once, whatever number of rules or children lead to it; every rule's
 * finding — the agencies, or that there were none — is kept, so each recipient can be explained.
 */
export async function routePprcNotification(rules: readonly NotificationRoutingRule[], facts: PprcRoutingFacts, lookup: RecipientLookup): Promise<PprcRouting> {
  const age = isUnder18(facts.prisonerDateOfBirth, facts.eventDate) ? PrisonerAge.UNDER_18 : PrisonerAge.ADULT;
  const recipients = new Map<string, RoutedRecipient>();
  const decisions: RoutingDecision[] = [];
  for (const rule of rules) {
    if (rule.notificationType !== "PPRC" || !rule.events.includes(facts.event)) continue;
    if (rule.prisonerAge !== PrisonerAge.ANY && rule.prisonerAge !== age) continue;
    for (const localAuthority of areasOf(rule.area, facts)) {
      if (localAuthority === null) {
        decisions.push({ rule: rule.id, area: rule.area, localAuthority, outcome: "AREA_UNKNOWN", agencies: [] });
        continue;
      }
      const agencies = await lookup({ type: rule.recipient, localAuthority });
      const versions = agencies.flatMap((agency) => (agency.directoryVersion === undefined ? [] : [[agency.code, agency.directoryVersion] as const]));
      decisions.push({
        rule: rule.id, area: rule.area, localAuthority, outcome: agencies.length > 0 ? "ROUTED" : "NO_AGENCY", agencies: agencies.map((agency) => agency.code),
        ...(versions.length > 0 ? { directoryVersions: Object.fromEntries(versions) } : {}),
      });
      for (const agency of agencies) {
        const known = recipients.get(agency.code);
        if (known === undefined) recipients.set(agency.code, { agencyCode: agency.code, agencyType: agency.type, rule, rules: [rule.id] });
        else if (!known.rules.includes(rule.id)) known.rules.push(rule.id);
      }
    }
  }
  return { recipients: [...recipients.values()], decisions };
}

/** The distinct local authorities a rule's area names, in the order the notification gives them. */
function areasOf(area: RoutingArea, facts: PprcRoutingFacts): (string | null)[] {
  switch (area) {
    case RoutingArea.PRISONER_HOME:
      return [facts.prisonerHomeLocalAuthority];
    case RoutingArea.RELEASE_ADDRESS:
      return [facts.releaseLocalAuthority];
    case RoutingArea.CHILD_HOME:
      return [...new Set(facts.childHomeLocalAuthorities)];
  }
}

/** Under 18 on the day of the event (Children Act 1989 s.105): the YOT, not probation. */
export function isUnder18(dateOfBirth: string, on: string): boolean {
  const [year, month, day] = dateOfBirth.split("-").map(Number);
  const eighteenth = `${String(year + 18).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  // Born on 29 February: eighteen on 1 March in a year without one; the string comparison holds either way.
  return on < eighteenth;
}
