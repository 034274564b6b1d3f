import "reflect-metadata";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import winston from "winston";
import { openDatabase, type Database } from "../../db/database";
import { BOYS_NAMES, FAMILY_NAMES, GIRLS_NAMES } from "../../demo/fictionalNames";
import { seededRandom, type SeededRandom } from "../../demo/seededRandom";
import { createLogger } from "../../logging/logger";
import { type ReportedIdentity } from "../ReportedIdentity";
import { childSources, estimateFromData, withoutOwnReport, type DataEstimate, type SampledRecord } from "../estimateFromData";
import { FIELD_LEVELS, MATCH_FIELDS } from "../matching/comparisonVector";
import { DEFAULT_MATCH_WEIGHTS_PATH, formatMatchWeights, loadMatchWeights } from "../matching/loadMatchWeights";
import { type MatchProfile } from "../matching/MatchProfile";
import { type LevelParameters, type MatchWeights } from "../matching/matchWeights";
import { scoreCandidate } from "../matching/scoreCandidate";
import { writeMatchProfiles } from "../matchProfiles";
import { TEST_AGENCIES } from "../../../test/support/fixtures";
import { createTestDatabase, type TestDatabase, IN_MEMORY_FOR_TESTS } from "../../../test/support/testDatabase";

const logger = createLogger("error", [new winston.transports.Console({ silent: true })]);
const DISTRICTS = ["HP19", "HP20", "HP21", "HP22"];
const UNIT_LETTERS = ["AA", "AB", "BD", "EW", "LX", "QT", "UA", "ZN"];

interface SyntheticChild {
  id: string;
  givenNames: string;
  familyName: string;
  dateOfBirth: string;
  sex: "MALE" | "FEMALE";
  postcode: string;
}

function postcodeIn(random: SeededRandom, district: string, sector = random.integer(1, 9)): string {
  return `${district} ${sector}${random.pick(UNIT_LETTERS)}`;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, "0");
}

/**
 * Families of one to three children sharing a surname and home, with a few twins (same surname, date of
 * birth and postcode): children a record can be confused with, as in a real registry.
 */
function population(random: SeededRandom, families: number): SyntheticChild[] {
  const children: SyntheticChild[] = [];
  for (let family = 0; family < families; family++) {
    const familyName = random.pick(FAMILY_NAMES.slice(0, 30));
    const postcode = postcodeIn(random, random.pick(DISTRICTS));
    let dateOfBirth = "";
    for (let sibling = random.integer(1, 3); sibling > 0; sibling--) {
      const twin = dateOfBirth !== "" && random.chance(0.1);
      if (!twin) dateOfBirth = `${random.integer(2008, 2022)}-${twoDigits(random.integer(1, 12))}-${twoDigits(random.integer(1, 28))}`;
      const sex = random.chance(0.5) ? "FEMALE" : "MALE";
      const givenNames = random.pick((sex === "FEMALE" ? GIRLS_NAMES : BOYS_NAMES).slice(0, 20));
      children.push({ id: randomUUID(), givenNames, familyName, dateOfBirth, sex, postcode });
    }
  }
  return children;
}

function typo(random: SeededRandom, name: string): string {
  const at = random.integer(1, name.length - 2);
  return random.chance(0.5) ? name.slice(0, at) + name.slice(at + 1) : name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
}

function noisyDate(random: SeededRandom, date: string): string | null {
  const [year, month, day] = date.split("-");
  const draw = random.next();
  if (draw < 0.86) return date;
  if (draw < 0.9 && Number(day) <= 12 && month !== day) return `${year}-${day}-${month}`;
  if (draw < 0.95) return `${year}-${month}-${twoDigits(((Number(day) + 9) % 28) + 1)}`;
  if (draw < 0.97) return null;
  return `${Number(year) - 1}-${month}-${day}`;
}

function noisyPostcode(random: SeededRandom, postcode: string): string | null {
  const [district] = postcode.split(" ");
  const draw = random.next();
  if (draw < 0.65) return postcode;
  if (draw < 0.75) return postcodeIn(random, district, Number(postcode.charAt(postcode.indexOf(" ") + 1)));
  if (draw < 0.85) return postcodeIn(random, district);
  return null;
}

/** What an agency might report about `child`: mostly right, with the errors agencies make. */
function noisyCopy(random: SeededRandom, child: SyntheticChild): ReportedIdentity {
  const given = random.next();
  const family = random.next();
  return {
    givenNames: given < 0.85 ? child.givenNames : given < 0.95 ? typo(random, child.givenNames) : child.givenNames.toUpperCase(),
    familyName: family < 0.85 ? child.familyName : family < 0.93 ? typo(random, child.familyName) : random.pick(FAMILY_NAMES.slice(30)),
    dateOfBirth: noisyDate(random, child.dateOfBirth),
    expectedDateOfBirth: null,
    sex: random.chance(0.97) ? child.sex : child.sex === "MALE" ? "FEMALE" : "MALE",
    postcode: noisyPostcode(random, child.postcode),
    address: null,
  };
}

function reported(child: SyntheticChild): ReportedIdentity {
  return { givenNames: child.givenNames, familyName: child.familyName, dateOfBirth: child.dateOfBirth, expectedDateOfBirth: null, sex: child.sex, postcode: child.postcode, address: null };
}

/**
 * Two children whose profiles hold what their own records reported, as a live hub's do. Marigold's row
 * says "Marigold Quennelwick"; her profile also holds "Zebedee" and a second postcode, reported only by
 * record Z, and "Thrushcombe", reported by records Z and T. Wren's one postcode was reported only by W.
 */
const MARIGOLD = { id: randomUUID(), givenNames: "Marigold", familyName: "Quennelwick", dateOfBirth: "2013-04-09", sex: "FEMALE", postcode: "HP20 1AA" } as const;
const WREN = { id: randomUUID(), givenNames: "Wren", familyName: "Hazelgrove", dateOfBirth: "2011-10-23", sex: "FEMALE", postcode: "HP22 5QT" } as const;
const OWN_REPORTS = [
  { reference: "Z", child: MARIGOLD, identity: { ...reported(MARIGOLD), givenNames: "Zebedee", familyName: "Thrushcombe", postcode: "HP21 9ZZ" } },
  { reference: "T", child: MARIGOLD, identity: { ...reported(MARIGOLD), familyName: "Thrushcombe" } },
  { reference: "M", child: MARIGOLD, identity: { ...reported(MARIGOLD), givenNames: "MARIGOLD" } },
  { reference: "W", child: WREN, identity: reported(WREN) },
];
const OWN_PROFILES: MatchProfile[] = [
  { childId: MARIGOLD.id, givenNames: ["Marigold", "Zebedee"], familyNames: ["Quennelwick", "Thrushcombe"], dateOfBirth: MARIGOLD.dateOfBirth, sex: "FEMALE", postcodes: ["HP20 1AA", "HP21 9ZZ"] },
  { childId: WREN.id, givenNames: ["Wren"], familyNames: ["Hazelgrove"], dateOfBirth: WREN.dateOfBirth, sex: "FEMALE", postcodes: ["HP22 5QT"] },
];

describe("estimating the match weights from the hub's own records", () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let current: MatchWeights;
  let estimate: DataEstimate;

  beforeAll(async () => {
    testDatabase = await createTestDatabase("default", { migrated: true });
    database = await openDatabase(
      { databaseUrl: testDatabase.url, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "hub-estimate-")), poolSize: 2, ...IN_MEMORY_FOR_TESTS },
      logger,
    );
    const random = seededRandom(20_260_615);
    const children = [...population(random, 160), MARIGOLD, WREN];
    const manager = database.dataSource.manager;
    await manager.query(
      `INSERT INTO child (id, given_names, family_name, date_of_birth, sex)
       SELECT x.id, x."givenNames", x."familyName", x."dateOfBirth", x.sex FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, "givenNames" text, "familyName" text, "dateOfBirth" date, sex text)`,
      [JSON.stringify(children)],
    );
    const profiles: MatchProfile[] = [
      ...children.filter((child) => child !== MARIGOLD && child !== WREN).map((child) => ({ childId: child.id, givenNames: [child.givenNames], familyNames: [child.familyName], dateOfBirth: child.dateOfBirth, sex: child.sex, postcodes: [child.postcode] })),
      ...OWN_PROFILES,
    ];
    await writeMatchProfiles(manager, profiles, false);

    const agency = TEST_AGENCIES[3];
    await manager.query(`INSERT INTO agency (code, name, type, local_authority) VALUES ($1, $2, $3, $4)`, [agency.code, agency.name, agency.type, agency.localAuthority]);
    // Most records are noisy copies of a child, linked to them by SUI; the rest are about children the hub has never heard of.
    const records = Array.from({ length: 400 }, (_, index) => {
      if (index % 7 === 6) return { reference: `R-${index}`, child_id: null, identity: reported(population(random, 1)[0]), method: "PROBABILISTIC", state: "POSSIBLE" };
      const child = random.pick(children);
      return { reference: `R-${index}`, child_id: child.id, identity: noisyCopy(random, child), method: "SUI", state: "LINKED" };
    });
    records.push(...OWN_REPORTS.map(({ reference, child, identity }) => ({ reference, child_id: child.id, identity, method: "SUI", state: "LINKED" })));
    await manager.query(
      `INSERT INTO agency_record (agency_code, agency_reference, record_type, child_id, reported_identity, link_method, link_state, link_origin, link_decided_by, link_decided_at, content_hash)
       SELECT $1, x.reference, 'HEALTH', x.child_id, x.identity, x.method, x.state, 'AUTO', 'test', now(), repeat('0', 64)
       FROM jsonb_to_recordset($2::jsonb) AS x(reference text, child_id uuid, identity jsonb, method text, state text)`,
      [agency.code, JSON.stringify(records)],
    );

    current = loadMatchWeights(DEFAULT_MATCH_WEIGHTS_PATH);
    estimate = await estimateFromData(manager, current, { sampleSize: 1000, randomPairs: 5000, seed: 7 });
  }, 60_000);

  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  it("runs EM over the records' blocking candidates, with true matches and non-matches among them", () => {
    const { report } = estimate;
    expect(report.sampledRecords).toBe(404);
    expect(report.recordsWithCandidates).toBeGreaterThan(300);
    expect(report.pairs).toBeGreaterThan(report.recordsWithCandidates);
    expect(report.randomPairs).toBeGreaterThan(4900);
    expect(report.converged).toBe(true);
    expect(report.lambda).toBeGreaterThan(0);
    expect(report.lambda).toBeLessThan(1);
  });

  it("takes records linked by SUI as known matches with their own child and known non-matches with the others", () => {
    const { report } = estimate;
    // 347 of the 404 records are linked by SUI, and blocking finds almost all of them their own child.
    expect(report.knownMatches).toBeGreaterThan(300);
    expect(report.knownMatches).toBeLessThanOrEqual(347);
    expect(report.knownNonMatches).toBeGreaterThan(0);
    expect(report.unlabelledPairs).toBeGreaterThanOrEqual(0);
    expect(report.knownMatches + report.knownMatchesNotBlocked + report.knownNonMatches + report.unlabelledPairs).toBe(report.pairs);
    expect(report.priorStrength).toBe(50);
    expect(report.warnings.some((warning) => warning.startsWith("Only "))).toBe(false);
  });

  it("proposes the next version with the thresholds unchanged and says where it came from", () => {
    const { weights, report } = estimate;
    expect(weights.version).toBe(current.version + 1);
    expect(weights.thresholds).toEqual(current.thresholds);
    expect(weights.description).toMatch(new RegExp(`^EM over ${report.pairs} candidate pairs and ${report.randomPairs} random pairs on \\d{4}-\\d{2}-\\d{2}\\b`));
  });

  it("finds an exact date of birth common among matches and rare among random pairs", () => {
    const exact = estimate.weights.fields.dateOfBirth.EXACT;
    expect(exact.m).toBeGreaterThan(0.5);
    expect(exact.u).toBeLessThan(0.05);
  });

  it("reports the current and proposed parameters of every field and level", () => {
    const { changes } = estimate.report;
    expect(changes.map(({ field, level }) => `${field}.${level}`)).toEqual(MATCH_FIELDS.flatMap((field) => FIELD_LEVELS[field].map((level) => `${field}.${level}`)));
    const dateOfBirth = changes.find(({ field, level }) => field === "dateOfBirth" && level === "EXACT");
    expect(dateOfBirth?.current).toEqual({ ...current.fields.dateOfBirth.EXACT, weight: Math.log2(current.fields.dateOfBirth.EXACT.m / current.fields.dateOfBirth.EXACT.u) });
    expect(dateOfBirth?.proposed.m).toBe(estimate.weights.fields.dateOfBirth.EXACT.m);
  });

  it("keeps every level off the floor: one the sample hardly shows stays near its current m", () => {
    const { changes, warnings } = estimate.report;
    for (const change of changes) {
      expect(change.proposed.m).toBeGreaterThan(1e-5);
      // m is the posterior mode: at least the prior's share of the current m.
      expect(change.proposed.m).toBeGreaterThanOrEqual((50 * change.current.m) / (estimate.report.knownMatches + estimate.report.unlabelledPairs + 50) - 1e-12);
    }
    expect(warnings.some((warning) => warning.includes("was never seen among the matches"))).toBe(false);
    // No record here reports a nickname: EQUIVALENT has no matching pair, only the prior's 50 pseudo-pairs.
    const givenNames = changes.filter(({ field }) => field === "givenNames");
    const nickname = givenNames.find(({ level }) => level === "EQUIVALENT");
    const evidence = givenNames.reduce((sum, { matchEvidence }) => sum + matchEvidence, 0);
    expect(nickname?.matchEvidence).toBeLessThan(0.5);
    expect(nickname?.proposed.m).toBeCloseTo(((nickname?.matchEvidence ?? 0) + 50 * current.fields.givenNames.EQUIVALENT.m) / (evidence + 50), 4);
    // Weaker than now (the data say nicknames are rarer among matches than thought), but still for a match, not a veto.
    expect(nickname?.proposed.weight).toBeGreaterThan(0);
  });

  it("without a prior, and with few known matches, says which levels sit at the floor and that known matches were few", async () => {
    const few = await estimateFromData(database.dataSource.manager, current, { sampleSize: 60, randomPairs: 1000, seed: 7, priorStrength: 0 });
    expect(few.report.knownMatches).toBeLessThan(100);
    expect(few.report.warnings.some((warning) => warning.startsWith(`Only ${few.report.knownMatches} known matches`))).toBe(true);
    const unseen = few.report.changes.filter((change) => change.proposed.m < 1e-5);
    expect(unseen.length).toBeGreaterThan(0);
    for (const { field, level } of unseen) expect(few.report.warnings.some((warning) => warning.startsWith(`${field} ${level} was never seen among the matches`))).toBe(true);
  });

  describe("a record compared with its own child", () => {
    const manager = () => database.dataSource.manager;
    const record = async (reference: string): Promise<SampledRecord> => {
      const [row]: { id: string; child_id: string; link_method: string; reported_identity: ReportedIdentity }[] = await manager().query(
        `SELECT id, child_id, link_method, reported_identity FROM agency_record WHERE agency_reference = $1`,
        [reference],
      );
      return { id: row.id, childId: row.child_id, linkMethod: row.link_method, identity: row.reported_identity };
    };

    it("meets the child's profile less the names and postcodes only it reported", async () => {
      const [z, t, m, w] = await Promise.all(["Z", "T", "M", "W"].map(record));
      const sources = await childSources(manager(), [z, t, m, w]);
      const [marigold, wren] = OWN_PROFILES;
      // Z alone reported "Zebedee" and HP21 9ZZ; T reported "Thrushcombe" too.
      expect(withoutOwnReport(marigold, z, sources.get(MARIGOLD.id))).toEqual({ ...marigold, givenNames: ["Marigold"], postcodes: ["HP20 1AA"] });
      // Marigold's own row vouches for her name; M vouches for T's postcode (and T for Z's family name).
      expect(withoutOwnReport(marigold, t, sources.get(MARIGOLD.id))).toEqual(marigold);
      // "MARIGOLD" is the row's "Marigold" as the matcher compares names.
      expect(withoutOwnReport(marigold, m, sources.get(MARIGOLD.id))).toEqual(marigold);
      // W was the only source of Wren's one postcode: none is left, so the postcode is no evidence.
      expect(withoutOwnReport(wren, w, sources.get(WREN.id))).toEqual({ ...wren, postcodes: [] });
    });

    it("is scored on the child's other names, not trivially on its own", async () => {
      const z = await record("Z");
      const sources = await childSources(manager(), [z]);
      const facts = { givenNames: z.identity.givenNames, familyName: z.identity.familyName, dateOfBirth: z.identity.dateOfBirth, sex: z.identity.sex, postcode: z.identity.postcode };
      expect(scoreCandidate(current, facts, OWN_PROFILES[0]).levels).toMatchObject({ givenNames: "EXACT", familyName: "EXACT", postcode: "UNIT" });
      expect(scoreCandidate(current, facts, withoutOwnReport(OWN_PROFILES[0], z, sources.get(MARIGOLD.id))).levels).toEqual({
        givenNames: "DIFFERENT",
        familyName: "EXACT",
        dateOfBirth: "EXACT",
        postcode: "AREA",
        sex: "SAME",
      });
      const w = await record("W");
      const wrenSources = await childSources(manager(), [w]);
      expect(scoreCandidate(current, { ...w.identity }, withoutOwnReport(OWN_PROFILES[1], w, wrenSources.get(WREN.id))).levels.postcode).toBe("MISSING");
    });
  });

  it("writes weights that load again as they were estimated", () => {
    const text = formatMatchWeights(estimate.weights, "Proposed by a test.");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hub-weights-")), "match-weights.proposed.yaml");
    fs.writeFileSync(file, text);
    const loaded = loadMatchWeights(file);
    expect(loaded).toMatchObject({ version: estimate.weights.version, description: estimate.weights.description, thresholds: estimate.weights.thresholds });
    for (const field of MATCH_FIELDS) {
      for (const level of FIELD_LEVELS[field]) {
        const proposed = (estimate.weights.fields[field] as Record<string, LevelParameters>)[level];
        const again = (loaded.fields[field] as Record<string, LevelParameters>)[level];
        expect(Math.abs(again.m - proposed.m) / proposed.m).toBeLessThan(1e-5);
        expect(Math.abs(again.u - proposed.u) / proposed.u).toBeLessThan(1e-5);
      }
    }
    expect(formatMatchWeights(loaded, "Proposed by a test.")).toBe(text);
  });

  it("draws the same samples, and so proposes the same weights, from the same seed", async () => {
    const again = await estimateFromData(database.dataSource.manager, current, { sampleSize: 1000, randomPairs: 5000, seed: 7 });
    expect(again.weights.fields).toEqual(estimate.weights.fields);
    expect(again.report).toEqual(estimate.report);
  });
});
