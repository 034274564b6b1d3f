import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { Agency } from "./Agency";
import { standingProblemOf, type AgencyStanding, type AgencyStandingProblem } from "./agencyStanding";

/** How long a process relies on what it read of an agency's standing, unless AGENCY_STANDING_CACHE_SECONDS says otherwise. */
export const DEFAULT_STANDING_CACHE_SECONDS = 5;

/** Reads an agency's type and whether it is active, or null when the directory does not hold it. */
export type StandingReader = (code: string) => Promise<AgencyStanding | null>;

interface Held {
  standing: AgencyStanding | null;
  until: number;
}

/**
 * The directory's word on each caller's agency (`agencyStanding.ts`), checked before every request,
 * kept for a few seconds per agency so a process does not ask the database the same question for every
 * request. The bound is the point: a deactivation (or a change of type) made through this process
 * bites at once — `writeDirectoryEntry` forgets the agency here, in the transaction and again once it
 * commits — and one made through another hub process bites here within `ttlSeconds`. Zero reads the
 * directory for every request. A read that fails (the database unreachable) is never kept, and a read
 * that was under way when the agency was forgotten is not kept either, since it may have seen the
 * directory as it stood before the change.
 */
export class AgencyStandings {
  private readonly held = new Map<string, Held>();
  /** Bumped by every `forget`: a read begun before it may hold the old standing. */
  private generation = 0;

  constructor(
    private readonly read: StandingReader,
    private readonly ttlSeconds: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Why the directory refuses the caller's agency, or null when it lets it act. */
  async problemFor(principal: Principal): Promise<AgencyStandingProblem | null> {
    return standingProblemOf(await this.standingOf(principal.agency), principal);
  }

  /** Forgets what was read of these agencies (all of them without codes): the next request reads the directory. */
  forget(codes?: readonly string[]): void {
    this.generation += 1;
    if (codes === undefined) this.held.clear();
    else for (const code of codes) this.held.delete(code);
  }

  private async standingOf(code: string): Promise<AgencyStanding | null> {
    const now = this.clock();
    const held = this.held.get(code);
    if (held !== undefined && now < held.until) return held.standing;
    const generation = this.generation;
    const standing = await this.read(code);
    if (this.ttlSeconds > 0 && generation === this.generation) this.held.set(code, { standing, until: now + this.ttlSeconds * 1000 });
    return standing;
  }
}

/** The directory's `agency` table, read for one agency. */
export function directoryStandingReader(dataSource: DataSource): StandingReader {
  return async (code) => dataSource.getRepository(Agency).findOne({ where: { code }, select: { code: true, type: true, active: true, localAuthority: true, servedLocalAuthorities: true } });
}

const standingsOf = new WeakMap<DataSource, Set<AgencyStandings>>();

/**
 * The standings a process keeps for this database: `createApp` makes one per server; every directory
 * write through this process forgets the agencies it wrote in all of them (`forgetAgencyStandings`).
 */
export function agencyStandingsFor(dataSource: DataSource, ttlSeconds = DEFAULT_STANDING_CACHE_SECONDS): AgencyStandings {
  const standings = new AgencyStandings(directoryStandingReader(dataSource), ttlSeconds);
  let registered = standingsOf.get(dataSource);
  if (registered === undefined) {
    registered = new Set();
    standingsOf.set(dataSource, registered);
  }
  registered.add(standings);
  return standings;
}

/** A directory change through this process: every server on this database reads these agencies afresh. */
export function forgetAgencyStandings(dataSource: DataSource, codes: readonly string[]): void {
  for (const standings of standingsOf.get(dataSource) ?? []) standings.forget(codes);
}
