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
    SAME_MONTH_YEAR: { m: 0.01, u: 0.02 },
    SAME_YEAR: { m: 0.01, u: 0.1 },
    DIFFERENT: { m: 0.03, u: 0.8739 },
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

  it("raises the likelihood of the pairs above that of the starting parameters", () => {
    const atStart = estimateParameters(pairs, wrongStart(), 0.3, { maxIterations: 0 });
    expect(atStart.iterations).toBe(0);
    expect(atStart.converged).toBe(false);
    expect(atStart.fields).toEqual(wrongStart());
    const trajectory = [1, 2, 5, 50].map((maxIterations) => estimateParameters(pairs, wrongStart(), 0.3, { maxIterations }).logLikelihood);
    let previous = atStart.logLikelihood;
    for (const logLikelihood of trajectory) {
      expect(logLikelihood).toBeGreaterThan(previous);
      previous = logLikelihood;
    }
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

  it("keeps m off 0 and 1 when a level never occurs among the matches", () => {
    const allSame = pairs.map((pair) => ({ ...pair, sex: "SAME" as const }));
    const estimate = estimateParameters(allSame, wrongStart(), 0.3, { fixU: true });
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

describe("missing evidence", () => {
  it("recovers m and u when a quarter of each field is MISSING", () => {
    const sparse = synthesise(20_000, { seed: 3, missing: 0.25 });
    const estimate = estimateParameters(sparse, wrongStart(), 0.3);
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
    expect(() => estimateParameters(pairs, TRUE, 0)).toThrow(/lambda/);
    expect(() => estimateParameters(pairs, TRUE, 1)).toThrow(/lambda/);
    const zero = { ...TRUE, sex: { SAME: { m: 1, u: 0.5 }, DIFFERENT: { m: 0, u: 0.5 } } };
    expect(() => estimateParameters(pairs, zero, 0.1)).toThrow(/starting m for sex SAME/);
  });
});
