import { type Principal } from "../auth/Principal";
import { ExclusionKind } from "./ChildExclusion";

/** An exclusion as the rule reads it: what it names, and whether it still stands. */
export interface ExclusionTerms {
  kind: ExclusionKind;
  subjectSub: string | null;
  agencyCode: string | null;
  team: string | null;
  liftedAt: Date | null;
}

/** Who is asking, as an exclusion can name them. */
export type ExcludableCaller = Pick<Principal, "sub" | "agency" | "team">;

/**
 * Whether a standing exclusion keeps this caller out of the child's file: STAFF names the caller's
 * token subject; TEAM the caller's agency and team; AGENCY the caller's agency — every user of it and
 * its own system alike. A lifted exclusion keeps no one out. The one rule every path that reads a child
 * asks (`child`, `searchChildren`, the notification inbox), tested as data in
 * `policies/tests/exclusions/`.
 */
export function excludes(exclusion: ExclusionTerms, caller: ExcludableCaller): boolean {
  if (exclusion.liftedAt !== null) return false;
  switch (exclusion.kind) {
    case ExclusionKind.STAFF:
      return exclusion.subjectSub === caller.sub;
    case ExclusionKind.TEAM:
      return caller.team !== null && exclusion.agencyCode === caller.agency && exclusion.team === caller.team;
    case ExclusionKind.AGENCY:
      return exclusion.agencyCode === caller.agency;
  }
}

/** The SUIs among `exclusions` whose file this caller is kept out of. */
export function excludedSuis(exclusions: readonly (ExclusionTerms & { sui: string })[], caller: ExcludableCaller): Set<string> {
  return new Set(exclusions.filter((exclusion) => excludes(exclusion, caller)).map((exclusion) => exclusion.sui));
}
