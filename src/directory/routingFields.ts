import { type DirectoryEntry } from "./DirectoryEntry";

/**
 * The fields of an entry that decide where children's information goes, or who may act for an area:
 * the agency's type (which policies its staff and its records fall under), the areas it sits in and
 * serves (which notifications route to it, and the area its staff's tokens must name), its secure
 * mailbox and its contact phone (what a brokered involvement, and each record's agency, tells a
 * practitioner to write to or ring about the child: a call about a child goes there), its escalation
 * contact, its webhook endpoint, whether it is active (routing reads only active agencies) and its
 * unscheduled-care setting (a CP-IS attendance there tells a plan's authority). One administrator
 * alone could aim a child's PPRC notification, or a practitioner's call about a child, at a receiver
 * of their choosing by changing any of them, so a change to one takes effect only when a second,
 * different administrator approves it (`proposeDirectoryEntry.ts`). The rest — the name and the
 * police force area's label — send nothing anywhere and apply at once.
 */
export const ROUTING_FIELDS = [
  "type",
  "localAuthority",
  "servedLocalAuthorities",
  "contactEmail",
  "contactPhone",
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
