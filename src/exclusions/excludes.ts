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
 * token subject as staff of one agency (`agencyCode`; none on an exclusion read as data: any agency) —
 * an agency keeps out only its own staff unless it leads for the child (policies/exclusions.yaml), so
 * the person is kept out acting for that agency; TEAM the caller's agency and team — and a caller of
 * that agency whose token states no team is kept out too (deny by default: the hub cannot tell they
 * are not in it); AGENCY the caller's agency — every user of it and its own system alike. A lifted
 * exclusion keeps no one out. The one rule every path that reads a child
 * asks (`child`, `searchChildren`, the notification inbox), tested as data in
 * `policies/tests/exclusions/`.
 */
export function excludes(exclusion: ExclusionTerms, caller: ExcludableCaller): boolean {
  if (exclusion.liftedAt !== null) return false;
  switch (exclusion.kind) {
    case ExclusionKind.STAFF:
      return exclusion.subjectSub === caller.sub && (exclusion.agencyCode === null || exclusion.agencyCode === caller.agency);
    case ExclusionKind.TEAM:
      return exclusion.team !== null && exclusion.agencyCode === caller.agency && (caller.team === null || sameTeam(exclusion.team, caller.team));
    case ExclusionKind.AGENCY:
      return excludesAgency(exclusion, caller.agency);
  }
}

/**
 * A team as the rule compares it — the one definition of "the same team name": the name a manager typed
 * and the token's `team` claim name one team however each is cased or spaced ("North Safeguarding" is
 * "north  safeguarding ", "North\u00A0Safeguarding" and "NORTH SAFEGUARDING"). Compatibility forms
 * folded (NFKC: a no-break or narrow no-break space is a space, a full-width letter its letter), every
 * Unicode space (JavaScript's `\s`) trimmed and run together as one space, then lower-cased by Unicode
 * ("ÉQUIPE" is "équipe"). Only ever worked out here, never in SQL: PostgreSQL's `\s`, `btrim` and
 * `lower` are not JavaScript's and follow the database's locale (neither PGlite nor PostgreSQL under
 * C.UTF-8 takes a no-break space for a space; `btrim` trims only the ASCII space), so a query compares
 * the key this function stored on the exclusion (`child_exclusion.team_key`, migration 57) with the one
 * it works out for the caller.
 */
export function teamKey(team: string): string {
  return team.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** `teamKey` of a team that may be absent: a TEAM exclusion's stored key, or the value a query is given for the caller's team. */
export function teamKeyOf(team: string | null): string | null {
  return team === null ? null : teamKey(team);
}

function sameTeam(a: string, b: string): boolean {
  return teamKey(a) === teamKey(b);
}

/**
 * The agency a stored exclusion `row` names (a SQL expression): a STAFF exclusion recorded before it
 * named the person's agency names the recorder's, the only staff an agency could then rightly exclude.
 */
export const STAFF_AGENCY_SQL = (row: string) => `COALESCE(${row}.agency_code, ${row}.recorded_by_agency)`;

/** Whether a standing exclusion keeps an agency as a whole out: all its users, its own system and its webhook endpoint. */
export function excludesAgency(exclusion: ExclusionTerms, agencyCode: string): boolean {
  return exclusion.liftedAt === null && exclusion.kind === ExclusionKind.AGENCY && exclusion.agencyCode === agencyCode;
}

/**
 * Where a query holds the caller's terms: placeholders (`:excludedSub` or `$4`) of the statement. The
 * team's is given `teamKeyOf(caller.team)`, never the claim as it came: the query compares keys only.
 */
export interface CallerPlaceholders {
  sub: string;
  agency: string;
  teamKey: string;
}

/**
 * `excludes` as a condition of a query, for a list that must leave out what the caller is kept out of
 * before it is paged (the notification inbox, plans held elsewhere): true when the array expression
 * `childIds` names a child a standing exclusion covers — the child it names, or one merged into it at
 * any depth (`hub_children_covered`, migration 46, as `childrenKeptOut` reads it) — and that keeps the
 * caller out, the same three kinds as `excludes`, by the same terms (a team by `teamKey`, worked out in
 * JavaScript on both sides). Matched by the child, never by its
 * SUI (the exclusion is the child's: `ChildExclusion`), so a child awaiting an SUI is kept out too. The
 * covered children do not depend on the row, so a statement works them out once, whatever it lists.
 */
export function keptOutCondition(childIds: string, caller: CallerPlaceholders): string {
  return `(${childIds} && ARRAY(SELECT covered.id FROM child_exclusion x CROSS JOIN LATERAL hub_children_covered(x.child_id) covered(id)
    WHERE x.lifted_at IS NULL AND (
    (x.kind = '${ExclusionKind.STAFF}' AND x.subject_sub = ${caller.sub} AND ${STAFF_AGENCY_SQL("x")} = ${caller.agency})
    OR (x.kind = '${ExclusionKind.TEAM}' AND x.agency_code = ${caller.agency} AND (CAST(${caller.teamKey} AS text) IS NULL OR x.team_key = ${caller.teamKey}))
    OR (x.kind = '${ExclusionKind.AGENCY}' AND x.agency_code = ${caller.agency}))))`;
}
