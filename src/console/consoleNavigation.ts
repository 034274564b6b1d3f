import { Role } from "../auth/Role";
import { readableScope } from "../notifications/inbox/inboxAccess";
import { type PolicySet } from "../policy/PolicySet";
import { searchRoles } from "../search/searchRoles";
import { principalOf, type ConsoleCaller } from "./ConsoleSession";

export interface NavigationEntry {
  href: string;
  text: string;
  /** The page shown is in this section (govuk-frontend marks it, and says so to a screen reader). */
  active: boolean;
}

/**
 * The console's sections a signed-in person is offered: each only to the roles the hub's own rules let
 * use it (the search grants, the inbox's readers, data stewards, IG leads). Not a gate — the hub refuses anyone
 * else who asks, and the page shows its refusal — but nobody is sent to work that is not theirs.
 */
const SECTIONS: { href: string; text: string; pages: RegExp; offeredTo: (policy: PolicySet, caller: ConsoleCaller) => boolean }[] = [
  { href: "/console/search", text: "Find a child", pages: /^\/console\/(search|children)(\/|$)/, offeredTo: (policy, caller) => caller.roles.some((role) => searchRoles(policy).includes(role)) },
  { href: "/console/reviews", text: "Link reviews", pages: /^\/console\/(reviews|merge|split)(\/|$)/, offeredTo: (_policy, caller) => caller.roles.includes(Role.DATA_STEWARD) },
  { href: "/console/ig", text: "Information governance", pages: /^\/console\/ig(\/|$)/, offeredTo: (_policy, caller) => caller.roles.includes(Role.IG_LEAD) },
  { href: "/console/notifications", text: "Notifications", pages: /^\/console\/notifications(\/|$)/, offeredTo: (_policy, caller) => readableScope(principalOf(caller)).length > 0 },
];

/** The sections offered to this person, the one holding the page at `path` (a URL's path, no query) marked active. */
export function navigationOf(policy: PolicySet, caller: ConsoleCaller | null | undefined, path = ""): NavigationEntry[] {
  if (caller == null) return [];
  return SECTIONS.filter((section) => section.offeredTo(policy, caller)).map(({ href, text, pages }) => ({ href, text, active: pages.test(path) }));
}

/** Where a person goes once they have said why they are looking: their first section. */
export function homeOf(policy: PolicySet, caller: ConsoleCaller | null): string {
  return navigationOf(policy, caller)[0]?.href ?? "/console/search";
}
