import { type Principal } from "../../auth/Principal";
import { AgencyStandings } from "../agencyStandings";
import { standingProblemOf, type AgencyStanding } from "../agencyStanding";

// This file's own agency and caller: nobody else's fixtures.
const CODE = "SCH-540217";
const caller = { sub: "dsl-540217", agency: CODE, agencyType: "EDUCATION", roles: ["SCHOOL_DSL"], localAuthority: "E06000060", servedLocalAuthorities: ["E06000060"] } as unknown as Principal;

/** A directory held in memory: `standing` is what it holds now; every read is counted. */
function directory(initial: AgencyStanding | null) {
  const held = { standing: initial, reads: 0 };
  const read = async (code: string) => {
    held.reads += 1;
    return code === CODE ? held.standing : null;
  };
  return { held, read };
}

function clock(start = 1_000_000) {
  const time = { now: start };
  return { time, now: () => time.now };
}

describe("an agency's standing, kept for a few seconds", () => {
  test("within the bound one read serves every request; a deactivation made elsewhere bites once the bound has passed, never later", async () => {
    const { held, read } = directory({ type: "EDUCATION", active: true, localAuthority: "E06000060", servedLocalAuthorities: ["E06000060"] });
    const { time, now } = clock();
    const standings = new AgencyStandings(read, 5, now);
    expect(await standings.problemFor(caller)).toBeNull();
    held.standing = { type: "EDUCATION", active: false, localAuthority: "E06000060", servedLocalAuthorities: ["E06000060"] };
    time.now += 4_999;
    expect(await standings.problemFor(caller)).toBeNull();
    expect(held.reads).toBe(1);
    time.now += 1;
    expect(await standings.problemFor(caller)).toBe("AGENCY_NOT_ACTIVE");
    expect(held.reads).toBe(2);
  });

  test("a directory change through this process bites at once: the agency is forgotten", async () => {
    const { held, read } = directory({ type: "EDUCATION", active: true, localAuthority: "E06000060", servedLocalAuthorities: ["E06000060"] });
    const standings = new AgencyStandings(read, 5, clock().now);
    expect(await standings.problemFor(caller)).toBeNull();
    held.standing = { type: "EDUCATION", active: false, localAuthority: "E06000060", servedLocalAuthorities: ["E06000060"] };
    standings.forget([CODE]);
    expect(await standings.problemFor(caller)).toBe("AGENCY_NOT_ACTIVE");
    held.standing = { type: "POLICE", active: true, localAuthority: "E06000060", servedLocalAuthorities: ["E06000060"] };
    standings.forget();
    expect(await standings.problemFor(caller)).toBe("AGENCY_TYPE_MISMATCH");
  });

  test("a read under way when the agency is forgotten is not kept: it may hold the standing from before the change", async () => {
    const { held } = directory({ type: "EDUCATION", active: true, localAuthority: "E06000060", servedLocalAuthorities: ["E06000060"] });
    let release: () => void = () => undefined;
    const slow = async () => {
      held.reads += 1;
      const seen = held.standing;
      await new Promise<void>((resolve) => (release = resolve));
      return seen;
    };
    const standings = new AgencyStandings(slow, 5, clock().now);
    const inFlight = standings.problemFor(caller);
    held.standing = { type: "EDUCATION", active: false, localAuthority: "E06000060", servedLocalAuthorities: ["E06000060"] };
    standings.forget([CODE]);
    release();
    expect(await inFlight).toBeNull();
    const next = standings.problemFor(caller);
    release();
    expect(await next).toBe("AGENCY_NOT_ACTIVE");
    expect(held.reads).toBe(2);
  });

  test("an agency the directory does not hold is kept as such, and a failed read is not kept", async () => {
    let fail = true;
    let reads = 0;
    const read = async () => {
      reads += 1;
      if (fail) throw new Error("database unreachable");
      return null;
    };
    const standings = new AgencyStandings(read, 5, clock().now);
    await expect(standings.problemFor(caller)).rejects.toThrow("database unreachable");
    fail = false;
    expect(await standings.problemFor(caller)).toBe("AGENCY_NOT_IN_DIRECTORY");
    expect(await standings.problemFor(caller)).toBe("AGENCY_NOT_IN_DIRECTORY");
    expect(reads).toBe(2);
  });

  test("with a bound of zero the directory is read for every request", async () => {
    const { held, read } = directory({ type: "EDUCATION", active: true, localAuthority: "E06000060", servedLocalAuthorities: ["E06000060"] });
    const standings = new AgencyStandings(read, 0, clock().now);
    expect(await standings.problemFor(caller)).toBeNull();
    held.standing = { type: "EDUCATION", active: false, localAuthority: "E06000060", servedLocalAuthorities: ["E06000060"] };
    expect(await standings.problemFor(caller)).toBe("AGENCY_NOT_ACTIVE");
    expect(held.reads).toBe(2);
  });
});

/**
 * Staff act for an area their agency serves, whatever its type: a police officer's or a school's DSL's
 * token naming an area the directory does not hold the agency as serving is refused, as a council's is.
 */
describe("the token's area against the areas the agency serves", () => {
  const force: AgencyStanding = { type: "POLICE", active: true, localAuthority: null, servedLocalAuthorities: ["E06000060", "E06000061"] };
  const officer = (la: string, roles = ["POLICE_OFFICER"]) => ({ sub: "officer-540217", agency: "POLICE-540217", agencyType: "POLICE", roles, localAuthority: la }) as unknown as Principal;

  test("a police officer for any area the force serves acts; for another area is AGENCY_AREA_MISMATCH", () => {
    expect(standingProblemOf(force, officer("E06000061"))).toBeNull();
    expect(standingProblemOf(force, officer("E10000019"))).toBe("AGENCY_AREA_MISMATCH");
  });

  test("a school's DSL for another area is refused; the agency's own system is not held to an area", () => {
    const school: AgencyStanding = { type: "EDUCATION", active: true, localAuthority: "E06000060", servedLocalAuthorities: ["E06000060"] };
    expect(standingProblemOf(school, { ...caller, localAuthority: "E10000019" })).toBe("AGENCY_AREA_MISMATCH");
    expect(standingProblemOf(force, officer("E10000019", ["AGENCY_SYSTEM"]))).toBeNull();
  });
});

describe("an agency the directory names no area for", () => {
  const force = { type: "POLICE", active: true, localAuthority: null, servedLocalAuthorities: [] } as unknown as AgencyStanding;
  const officer = { sub: "officer-540217", agency: "POLICE-540217", agencyType: "POLICE", roles: ["POLICE_OFFICER"], localAuthority: "E06000060" } as unknown as Principal;

  test("its staff's tokens are taken for no area (AGENCY_AREA_MISMATCH); its own system, which reads no child, is not held to one", () => {
    expect(standingProblemOf(force, officer)).toBe("AGENCY_AREA_MISMATCH");
    expect(standingProblemOf({ ...force, servedLocalAuthorities: ["E06000060"] }, officer)).toBeNull();
    expect(standingProblemOf(force, { ...officer, roles: ["AGENCY_SYSTEM"] } as unknown as Principal)).toBeNull();
  });
});
