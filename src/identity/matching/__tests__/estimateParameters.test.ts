import { FIELD_LEVELS, MATCH_FIELDS, type ComparisonVector, type MatchField } from "../comparisonVector";
import { estimateParameters, type FieldParameters } from "../estimateParameters";
import { type LevelParameters } from "../matchWeights";

/** mulberry32: a tiny seeded PRNG, so the synthetic pairs are the same on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The parameters the synthetic pairs are drawn from: what EM should find again. */
const TRUE: FieldParameters = {
  givenNames: {
    EXACT: { m: 0.8, u: 0.01 },
    EQUIVALENT: { m: 0.06, u: 0.005 },
    PHONETIC: { m: 0.04, u: 0.02 },
    JARO_WINKLER_HIGH: { m: 0.04, u: 0.01 },
    JARO_WINKLER_MID: { m: 0.02, u: 0.03 },
    DIFFERENT: { m: 0.04, u: 0.925 },
  },
  familyName: {
    EXACT: { m: 0.82, u: 0.02 },
    PHONETIC: { m: 0.04, u: 0.03 },
    JARO_WINKLER_HIGH: { m: 0.03, u: 0.01 },
    JARO_WINKLER_MID: { m: 0.02, u: 0.03 },
    DIFFERENT: { m: 0.09, u: 0.91 },
  },
  dateOfBirth: {
    EXACT: { m: 0.88, u: 0.002 },
    DAY_MONTH_SWAPPED: { m: 0.03, u: 0.0001 },
    ONE_DIGIT: { m: 0.04, u: 0.004 },
    ONE_DAY_APART: { m: 0.01, u: 0.002 },
    SAME_MONTH_YEAR: { m: 0.01, u: 0.02 },
    SAME_YEAR: { m: 0.01, u: 0.1 },
    DIFFERENT: { m: 0.02, u: 0.8719 },
  },
  postcode: {
    UNIT: { m: 0.7, u: 0.005 },
    SECTOR: { m: 0.06, u: 0.02 },
    DISTRICT: { m: 0.06, u: 0.1 },
    AREA: { m: 0.06, u: 0.2 },
    DIFFERENT: { m: 0.12, u: 0.675 },
  },
  sex: { SAME: { m: 0.97, u: 0.5 }, DIFFERENT: { m: 0.03, u: 0.5 } },
};
const TRUE_LAMBDA = 0.1;

/**
 * Deliberately wrong: only the direction is right (the strongest level is likelier among matches, the
 * weakest among non-matches); the levels between share what is left.
 */
function wrongStart(): FieldParameters {
  const spread = (count: number, first: number, last: number): number[] =>
    count === 2 ? [first / (first + last), last / (first + last)] : Array.from({ length: count }, (_, index) => (index === 0 ? first : index === count - 1 ? last : (1 - first - last) / (count - 2)));
  return Object.fromEntries(
    MATCH_FIELDS.map((field) => {
      const m = spread(FIELD_LEVELS[field].length, 0.4, 0.3);
      const u = spread(FIELD_LEVELS[field].length, 0.2, 0.4);
      return [field, Object.fromEntries(FIELD_LEVELS[field].map((level, index) => [level, { m: m[index], u: u[index] }]))];
    }),
  ) as FieldParameters;
}

function levels(parameters: FieldParameters, field: MatchField): [string, LevelParameters][] {
  return Object.entries(parameters[field] as Record<string, LevelParameters>);
}

function draw(random: () => number, field: MatchField, which: keyof LevelParameters): string {
  let r = random();
  for (const [level, parameters] of levels(TRUE, field)) {
    r -= parameters[which];
    if (r < 0) return level;
  }
  return FIELD_LEVELS[field][FIELD_LEVELS[field].length - 1];
}

function synthesise(count: number, { seed, lambda = TRUE_LAMBDA, missing = 0 }: { seed: number; lambda?: number; missing?: number }): ComparisonVector[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const which = random() < lambda ? "m" : "u";
    return Object.fromEntries(MATCH_FIELDS.map((field) => [field, random() < missing ? "MISSING" : draw(random, field, which)])) as unknown as ComparisonVector;
  });
}

function expectClose(estimated: FieldParameters, parameter: keyof LevelParameters, within: number): void {
  for (const field of MATCH_FIELDS) {
    for (const [level, truth] of levels(TRUE, field)) {
      const found = (estimated[field] as Record<string, LevelParameters>)[level][parameter];
      if (Math.abs(found - truth[parameter]) > within) throw new Error(`${parameter} for ${field} ${level}: estimated ${found}, true ${truth[parameter]}`);
    }
  }
}

const pairs = synthesise(20_000, { seed: 1 });

describe("estimating m and u by EM", () => {
  it("recovers m and lambda from a wrong start, re-estimating u too", () => {
    const estimate = estimateParameters(pairs, wrongStart(), 0.3);
    expect(estimate.converged).toBe(true);
    expect(estimate.iterations).toBeLessThan(50);
    expect(Math.abs(estimate.lambda - TRUE_LAMBDA)).toBeLessThan(0.02);
    expectClose(estimate.fields, "m", 0.03);
    expectClose(estimate.fields, "u", 0.01);
  });

  it("raises the likelihood of the pairs above that of the starting parameters, without a prior", () => {
    const atStart = estimateParameters(pairs, wrongStart(), 0.3, { maxIterations: 0, priorStrength: 0 });
    expect(atStart.iterations).toBe(0);
    expect(atStart.converged).toBe(false);
    expect(atStart.fields).toEqual(wrongStart());
    const trajectory = [1, 2, 5, 50].map((maxIterations) => estimateParameters(pairs, wrongStart(), 0.3, { maxIterations, priorStrength: 0 }).logLikelihood);
    let previous = atStart.logLikelihood;
    for (const logLikelihood of trajectory) {
      expect(logLikelihood).toBeGreaterThan(previous);
      previous = logLikelihood;
    }
  });

  it("raises the log posterior at every iteration with the prior", () => {
    const trajectory = [0, 1, 2, 5, 50].map((maxIterations) => estimateParameters(pairs, wrongStart(), 0.3, { maxIterations }).logPosterior);
    for (let index = 1; index < trajectory.length; index++) expect(trajectory[index]).toBeGreaterThan(trajectory[index - 1]);
  });

  it("stops at maxIterations and says it did not converge", () => {
    const estimate = estimateParameters(pairs, wrongStart(), 0.3, { maxIterations: 2 });
    expect(estimate.iterations).toBe(2);
    expect(estimate.converged).toBe(false);
  });

  it("is deterministic", () => {
    expect(estimateParameters(pairs, wrongStart(), 0.3)).toEqual(estimateParameters(pairs, wrongStart(), 0.3));
  });

  it("keeps u as started with fixU", () => {
    const start = wrongStart();
    const estimate = estimateParameters(pairs, start, 0.3, { fixU: true });
    for (const field of MATCH_FIELDS) {
      for (const [level, parameters] of levels(start, field)) expect((estimate.fields[field] as Record<string, LevelParameters>)[level].u).toBe(parameters.u);
    }
  });

  it("keeps m off 0 and 1 when a level never occurs among the matches, without a prior", () => {
    const allSame = pairs.map((pair) => ({ ...pair, sex: "SAME" as const }));
    const estimate = estimateParameters(allSame, wrongStart(), 0.3, { fixU: true, priorStrength: 0 });
    expect(estimate.fields.sex.DIFFERENT.m).toBe(1e-6);
    expect(estimate.fields.sex.SAME.m).toBe(1 - 1e-6);
  });
});

describe("u from random pairs", () => {
  const random = synthesise(20_000, { seed: 2, lambda: 0, missing: 0.1 });

  function smoothedFrequency(field: MatchField, level: string): number {
    const present = random.filter((pair) => pair[field] !== "MISSING");
    return (present.filter((pair) => pair[field] === level).length + 1) / (present.length + FIELD_LEVELS[field].length);
  }

  it("sets each u to the level's add-one smoothed frequency among the random pairs, and keeps it there", () => {
    const estimate = estimateParameters(pairs, wrongStart(), 0.3, { uFromRandomPairs: random });
    for (const field of MATCH_FIELDS) {
      for (const level of FIELD_LEVELS[field]) {
        const { u } = (estimate.fields[field] as Record<string, LevelParameters>)[level];
        expect(u).toBeCloseTo(smoothedFrequency(field, level), 15);
        expect(u).toBeGreaterThan(0);
      }
    }
  });

  it("gives a level no random pair showed a u above 0", () => {
    const noSwaps = random.filter((pair) => pair.dateOfBirth !== "DAY_MONTH_SWAPPED");
    expect(noSwaps.length).toBeLessThan(random.length);
    const estimate = estimateParameters(pairs, wrongStart(), 0.3, { uFromRandomPairs: noSwaps });
    expect(estimate.fields.dateOfBirth.DAY_MONTH_SWAPPED.u).toBe(1 / (noSwaps.filter((pair) => pair.dateOfBirth !== "MISSING").length + FIELD_LEVELS.dateOfBirth.length));
  });

  it("recovers m and lambda with u held at the random pairs' frequencies", () => {
    const estimate = estimateParameters(pairs, wrongStart(), 0.3, { uFromRandomPairs: random });
    expect(estimate.converged).toBe(true);
    expect(Math.abs(estimate.lambda - TRUE_LAMBDA)).toBeLessThan(0.02);
    expectClose(estimate.fields, "m", 0.03);
  });
});

describe("a Dirichlet prior centred on the starting parameters (MAP-EM)", () => {
  // 2,000 pairs, about 200 of them matches, in which no given name is ever a nickname of the other.
  const noNicknames = synthesise(2_000, { seed: 4 }).map((pair) => (pair.givenNames === "EQUIVALENT" ? { ...pair, givenNames: "EXACT" as const } : pair));

  it("keeps a level absent from the data close to its starting m, at the posterior mode", () => {
    expect(noNicknames.some((pair) => pair.givenNames === "EQUIVALENT")).toBe(false);
    const estimate = estimateParameters(noNicknames, TRUE, 0.2, { priorStrength: 50 });
    expect(estimate.converged).toBe(true);
    const { m } = estimate.fields.givenNames.EQUIVALENT;
    expect(Math.abs(m - TRUE.givenNames.EQUIVALENT.m)).toBeLessThan(0.05);
    // No pair of the data is at the level: only the prior's 50 pseudo-pairs, against λ × 2,000 expected matches.
    expect(m).toBeCloseTo((50 * TRUE.givenNames.EQUIVALENT.m) / (estimate.lambda * noNicknames.length + 50), 10);
    expect(estimate.matchEvidence.givenNames.EQUIVALENT).toBe(0);
  });

  it("lets such a level collapse to the floor with a prior strength of 0, as plain EM does", () => {
    const estimate = estimateParameters(noNicknames, TRUE, 0.2, { priorStrength: 0 });
    expect(estimate.fields.givenNames.EQUIVALENT.m).toBe(1e-6);
  });

  it("is plain maximum-likelihood EM with a prior strength of 0: m is the match-weighted frequency of each level", () => {
    const estimate = estimateParameters(pairs, wrongStart(), 0.3, { priorStrength: 0, tolerance: 1e-12, maxIterations: 500 });
    for (const field of MATCH_FIELDS) {
      const evidence = estimate.matchEvidence[field] as Record<string, number>;
      const total = Object.values(evidence).reduce((a, b) => a + b, 0);
      for (const level of FIELD_LEVELS[field]) expect((estimate.fields[field] as Record<string, LevelParameters>)[level].m).toBeCloseTo(evidence[level] / total, 8);
    }
  });

  it("sets each m to (expected matches at the level + α · starting m) / (expected matches + α)", () => {
    const start = wrongStart();
    const estimate = estimateParameters(pairs, start, 0.3, { priorStrength: 200, tolerance: 1e-12, maxIterations: 500 });
    for (const field of MATCH_FIELDS) {
      const evidence = estimate.matchEvidence[field] as Record<string, number>;
      const total = Object.values(evidence).reduce((a, b) => a + b, 0);
      for (const level of FIELD_LEVELS[field]) {
        const expected = (evidence[level] + 200 * (start[field] as Record<string, LevelParameters>)[level].m) / (total + 200);
        expect((estimate.fields[field] as Record<string, LevelParameters>)[level].m).toBeCloseTo(expected, 8);
      }
    }
  });

  it("lets abundant data override the prior", () => {
    // 20,000 pairs hold about 2,000 matches: 50 pseudo-pairs at a wrong start move m by little.
    const estimate = estimateParameters(pairs, wrongStart(), 0.3, { priorStrength: 50 });
    expectClose(estimate.fields, "m", 0.03);
  });

  it("refuses a negative prior strength", () => {
    expect(() => estimateParameters(pairs, TRUE, 0.1, { priorStrength: -1 })).toThrow(/priorStrength/);
  });
});

describe("known matches and non-matches", () => {
  const none = { givenNames: "MISSING", familyName: "MISSING", dateOfBirth: "MISSING", postcode: "MISSING", sex: "MISSING" } as const;
  const sex = (level: "SAME" | "DIFFERENT"): ComparisonVector => ({ ...none, sex: level });
  const given = (level: "EXACT" | "DIFFERENT"): ComparisonVector => ({ ...none, givenNames: level });

  it("counts known matches fully towards m, with the prior, and needs no unlabelled pairs", () => {
    // sex SAME: (2 + 10 × 0.97) / (3 + 10) = 0.9; DIFFERENT: (1 + 10 × 0.03) / (3 + 10) = 0.1.
    const estimate = estimateParameters([], TRUE, 0.2, { fixU: true, priorStrength: 10, knownMatches: [sex("SAME"), sex("SAME"), sex("DIFFERENT")] });
    expect(estimate.fields.sex.SAME.m).toBeCloseTo(0.9, 12);
    expect(estimate.fields.sex.DIFFERENT.m).toBeCloseTo(0.1, 12);
    expect(estimate.fields.sex.SAME.u).toBe(TRUE.sex.SAME.u);
    expect(estimate.fields.givenNames).toEqual(TRUE.givenNames);
    expect(estimate.lambda).toBe(0.2);
    expect(estimate.converged).toBe(true);
    expect(estimate.matchEvidence.sex).toEqual({ SAME: 2, DIFFERENT: 1 });
  });

  it("adds known matches to the unlabelled pairs' expected matches, and leaves them out of the match proportion", () => {
    // One unlabelled pair agreeing exactly on the given name: a match with probability w = 0.5 × 0.8 / (0.5 × 0.8 + 0.5 × 0.01).
    const w = (0.5 * 0.8) / (0.5 * 0.8 + 0.5 * 0.01);
    const estimate = estimateParameters([given("EXACT")], TRUE, 0.5, { fixU: true, priorStrength: 0, maxIterations: 1, knownMatches: [given("EXACT"), given("DIFFERENT")] });
    expect(estimate.fields.givenNames.EXACT.m).toBeCloseTo((w + 1) / (w + 2), 12);
    expect(estimate.fields.givenNames.DIFFERENT.m).toBeCloseTo(1 / (w + 2), 12);
    expect(estimate.fields.givenNames.PHONETIC.m).toBe(1e-6);
    expect(estimate.lambda).toBeCloseTo(w, 12);
    // The known matches' likelihood is under m alone: no match proportion for a pair whose class is known.
    const unlabelled = Math.log(estimate.lambda * estimate.fields.givenNames.EXACT.m + (1 - estimate.lambda) * TRUE.givenNames.EXACT.u);
    expect(estimate.logLikelihood).toBeCloseTo(unlabelled + Math.log(estimate.fields.givenNames.EXACT.m) + Math.log(estimate.fields.givenNames.DIFFERENT.m), 10);
  });

  it("pulls m towards the known matches' levels on synthetic data", () => {
    const knownMatches = synthesise(500, { seed: 5, lambda: 1 });
    const without = estimateParameters(pairs, wrongStart(), 0.3, { maxIterations: 1 });
    const withKnown = estimateParameters(pairs, wrongStart(), 0.3, { maxIterations: 1, knownMatches });
    expect(withKnown.matchEvidence.dateOfBirth.EXACT - without.matchEvidence.dateOfBirth.EXACT).toBeGreaterThan(0.8 * 500 * TRUE.dateOfBirth.EXACT.m);
    expect(withKnown.lambda).toBe(without.lambda);
  });

  it("counts known non-matches towards u when u is estimated", () => {
    // u of sex: DIFFERENT 2 of 3, SAME 1 of 3; m has the one known match at SAME.
    const estimate = estimateParameters([], TRUE, 0.2, { priorStrength: 0, knownMatches: [sex("SAME")], knownNonMatches: [sex("DIFFERENT"), sex("DIFFERENT"), sex("SAME")] });
    expect(estimate.fields.sex.DIFFERENT.u).toBeCloseTo(2 / 3, 12);
    expect(estimate.fields.sex.SAME.u).toBeCloseTo(1 / 3, 12);
    expect(estimate.fields.sex.SAME.m).toBe(1 - 1e-6);
  });

  it("ignores known non-matches while u is held", () => {
    const knownNonMatches = synthesise(500, { seed: 6, lambda: 0 });
    const random = synthesise(5_000, { seed: 7, lambda: 0 });
    expect(estimateParameters(pairs, wrongStart(), 0.3, { uFromRandomPairs: random, knownNonMatches })).toEqual(estimateParameters(pairs, wrongStart(), 0.3, { uFromRandomPairs: random }));
    expect(estimateParameters(pairs, wrongStart(), 0.3, { fixU: true, knownNonMatches })).toEqual(estimateParameters(pairs, wrongStart(), 0.3, { fixU: true }));
  });
});

describe("missing evidence", () => {
  it("recovers m and u when a quarter of each field is MISSING", () => {
    const sparse = synthesise(20_000, { seed: 3, missing: 0.25 });
    // Plain EM: with ~1,500 matches per field, a prior at a start this wrong would pull m by ~0.015 on top of sampling error.
    const estimate = estimateParameters(sparse, wrongStart(), 0.3, { priorStrength: 0 });
    expect(Math.abs(estimate.lambda - TRUE_LAMBDA)).toBeLessThan(0.02);
    expectClose(estimate.fields, "m", 0.03);
    expectClose(estimate.fields, "u", 0.01);
  });

  it("leaves a MISSING field out of a pair's likelihood", () => {
    const pair: ComparisonVector = { givenNames: "EXACT", familyName: "DIFFERENT", dateOfBirth: "ONE_DIGIT", postcode: "AREA", sex: "MISSING" };
    const { logLikelihood } = estimateParameters([pair], TRUE, 0.2, { maxIterations: 0 });
    const fields = ["givenNames", "familyName", "dateOfBirth", "postcode"] as const;
    const product = (which: keyof LevelParameters) => fields.reduce((p, field) => p * (TRUE[field] as Record<string, LevelParameters>)[pair[field]][which], 1);
    expect(logLikelihood).toBeCloseTo(Math.log(0.2 * product("m") + 0.8 * product("u")), 12);
  });

  it("keeps the starting m and u of a field that is MISSING in every pair", () => {
    const noPostcodes = pairs.map((pair) => ({ ...pair, postcode: "MISSING" as const }));
    const start = wrongStart();
    const estimate = estimateParameters(noPostcodes, start, 0.3);
    expect(estimate.fields.postcode).toEqual(start.postcode);
    expect(estimate.fields.givenNames).not.toEqual(start.givenNames);
  });
});

describe("refusing input EM cannot use", () => {
  it("refuses a level the weights do not list", () => {
    const pair = { ...pairs[0], familyName: "EQUIVALENT" as const };
    expect(() => estimateParameters([pair], TRUE, 0.1)).toThrow(/familyName has no comparison level "EQUIVALENT"/);
  });

  it("refuses no pairs, a lambda outside (0, 1) and a starting probability of 0", () => {
    expect(() => estimateParameters([], TRUE, 0.1)).toThrow(RangeError);
    expect(() => estimateParameters([], TRUE, 0.1, { knownNonMatches: [pairs[0]] })).toThrow(/no candidate pairs/);
    expect(() => estimateParameters(pairs, TRUE, 0)).toThrow(/lambda/);
    expect(() => estimateParameters(pairs, TRUE, 1)).toThrow(/lambda/);
    const zero = { ...TRUE, sex: { SAME: { m: 1, u: 0.5 }, DIFFERENT: { m: 0, u: 0.5 } } };
    expect(() => estimateParameters(pairs, zero, 0.1)).toThrow(/starting m for sex SAME/);
  });
});
