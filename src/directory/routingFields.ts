import { type DirectoryEntry } from "./DirectoryEntry";

/**
 * The fields of an entry that decide where children's information goes, or who may act for an area:
 * the agency's type (which policies its staff and its records fall under), the areas it sits in and
 * serves (which notifications route to it, and the area its staff's tokens must name), its secure
 * mailbox, its escalation contact, its webhook endpoint, whether it is active (routing reads only
 * active agencies) and its unscheduled-care setting (a CP-IS attendance there tells a plan's
 * authority). One administrator alone could aim a child's PPRC notification at a receiver of their
 * choosing by changing any of them, so a change to one takes effect only when a second, different
 * administrator approves it (`proposeDirectoryEntry.ts`). The rest — the name, the switchboard
 * phone, the police force area's label — route nothing and apply at once.
 */
export const ROUTING_FIELDS = [
  "type",
  "localAuthority",
  "servedLocalAuthorities",
  "contactEmail",
  "escalationEmail",
  "escalationPhone",
  "webhookUrl",
  "active",
  "unscheduledCareSetting",
] as const satisfies readonly (keyof DirectoryEntry)[];

/** A new agency (every field new) or a change to any routing field needs a second administrator. */
export function needsSecondApproval(changed: readonly (keyof DirectoryEntry)[], creating: boolean): boolean {
  return creating || changed.some((field) => (ROUTING_FIELDS as readonly string[]).includes(field));
}
