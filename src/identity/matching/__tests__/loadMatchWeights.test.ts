import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FIELD_LEVELS, MATCH_FIELDS } from "../comparisonVector";
import { DEFAULT_MATCH_WEIGHTS_PATH, formatMatchWeights, loadMatchWeights } from "../loadMatchWeights";
import { MatchWeightsError } from "../MatchWeightsError";
import { type MatchWeights } from "../matchWeights";

const POLICY_FILE = join(__dirname, "..", "..", "..", "..", "policies", "linkage", "match-weights.yaml");
const policyText = readFileSync(POLICY_FILE, "utf8");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "match-weights-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(text: string, name = "match-weights.yaml"): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** The 1-based line of the first line of `text` that starts (after indentation) with `start`. */
function lineOf(text: string, start: string): number {
  const index = text.split("\n").findIndex((line) => line.trimStart().startsWith(start));
  if (index < 0) throw new Error(`no line starts with ${start}`);
  return index + 1;
}

function replaced(from: string, to: string): string {
  expect(policyText).toContain(from);
  return policyText.replace(from, to);
}

function refusal(file: string): MatchWeightsError {
  try {
    loadMatchWeights(file);
  } catch (error) {
    expect(error).toBeInstanceOf(MatchWeightsError);
    return error as MatchWeightsError;
  }
  throw new Error(`${file} loaded, but should have been refused`);
}

describe("loading the committed match weights", () => {
  it("loads every field and level of policies/linkage/match-weights.yaml", () => {
    const weights = loadMatchWeights(POLICY_FILE);
    expect(weights.version).toBe(1);
    expect(weights.description).toMatch(/expert judgement/);
    expect(weights.thresholds).toEqual({ autoLink: 22, review: 10, ambiguityMargin: 8 });
    expect(Object.keys(weights.fields)).toEqual([...MATCH_FIELDS]);
    for (const field of MATCH_FIELDS) expect(Object.keys(weights.fields[field])).toEqual([...FIELD_LEVELS[field]]);
    expect(weights.fields.givenNames.EXACT).toEqual({ m: 0.8, u: 0.004 });
    expect(weights.fields.dateOfBirth.DAY_MONTH_SWAPPED).toEqual({ m: 0.03, u: 0.00001 });
    expect(weights.termFrequency).toEqual({
      minimumChildren: 1000,
      fields: { givenNames: { weight: 1, minimumU: 0.002 }, familyName: { weight: 1, minimumU: 0.001 }, dateOfBirth: { weight: 1, minimumU: 0.0001 } },
    });
  });

  it("is found at DEFAULT_MATCH_WEIGHTS_PATH, wherever the process was started", () => {
    expect(DEFAULT_MATCH_WEIGHTS_PATH).toBe(POLICY_FILE);
    expect(loadMatchWeights(DEFAULT_MATCH_WEIGHTS_PATH).version).toBe(1);
  });

  it("hashes the file's bytes with SHA-256, the same on every load", () => {
    const expected = createHash("sha256").update(readFileSync(POLICY_FILE)).digest("hex");
    expect(loadMatchWeights(POLICY_FILE).hash).toBe(expected);
    expect(loadMatchWeights(POLICY_FILE).hash).toBe(expected);
  });

  it("changes the hash when only a comment changes: the hash is of the file, not of the values", () => {
    const original = loadMatchWeights(write(policyText, "a.yaml"));
    const commented = loadMatchWeights(write(`${policyText}# reviewed\n`, "b.yaml"));
    expect(commented.fields).toEqual(original.fields);
    expect(commented.hash).not.toBe(original.hash);
  });
});

describe("refusing a match-weights file", () => {
  it.each([
    {
      problem: "an unknown level",
      text: () => replaced("    JARO_WINKLER_MID: { m: 0.02, u: 0.003 }\n", "    JARO_WINKLER_MID: { m: 0.02, u: 0.003 }\n    EQUIVALENT: { m: 0.01, u: 0.001 }\n"),
      line: (text: string) => lineOf(text, "EQUIVALENT: { m: 0.01"),
      says: [/unknown level "EQUIVALENT" for familyName/, /\(at fields\.familyName\.EQUIVALENT\)/],
    },
    {
      problem: "a missing level",
      text: () => replaced("    AREA: { m: 0.06, u: 0.1 }\n", ""),
      line: (text: string) => lineOf(text, "postcode:"),
      says: [/missing "AREA"/, /\(at fields\.postcode\)/],
    },
    {
      problem: "MISSING listed as a level",
      text: () => replaced("    DIFFERENT: { m: 0.03, u: 0.5 }\n", "    DIFFERENT: { m: 0.03, u: 0.5 }\n    MISSING: { m: 0.5, u: 0.5 }\n"),
      line: (text: string) => lineOf(text, "MISSING: {"),
      says: [/MISSING has no m or u/, /\(at fields\.sex\.MISSING\)/],
    },
    {
      problem: "m of 1",
      text: () => replaced("UNIT: { m: 0.70,", "UNIT: { m: 1,"),
      line: (text: string) => lineOf(text, "UNIT:"),
      says: [/strictly between 0 and 1, got 1/, /\(at fields\.postcode\.UNIT\.m\)/],
    },
    {
      problem: "m of 0",
      text: () => replaced("UNIT: { m: 0.70,", "UNIT: { m: 0,"),
      line: (text: string) => lineOf(text, "UNIT:"),
      says: [/strictly between 0 and 1, got 0/, /\(at fields\.postcode\.UNIT\.m\)/],
    },
    {
      problem: "u above 1",
      text: () => replaced("SAME: { m: 0.97, u: 0.5 }", "SAME: { m: 0.97, u: 1.5 }"),
      line: (text: string) => lineOf(text, "SAME: {"),
      says: [/got 1\.5/, /\(at fields\.sex\.SAME\.u\)/],
    },
    {
      problem: "m written as text",
      text: () => replaced("EXACT: { m: 0.88,", "EXACT: { m: high,"),
      line: (text: string) => lineOf(text, "EXACT: { m: high"),
      says: [/expected a number/, /\(at fields\.dateOfBirth\.EXACT\.m\)/],
    },
    {
      problem: "an unknown key beside m and u",
      text: () => replaced("SAME: { m: 0.97, u: 0.5 }", "SAME: { m: 0.97, u: 0.5, weight: 1 }"),
      line: (text: string) => lineOf(text, "SAME: {"),
      says: [/unknown key "weight"/, /\(at fields\.sex\.SAME\.weight\)/],
    },
    {
      problem: "autoLink equal to review",
      text: () => replaced("  autoLink: 22\n", "  autoLink: 10\n"),
      line: (text: string) => lineOf(text, "autoLink: 10"),
      says: [/autoLink \(10\) must be above review \(10\)/, /\(at thresholds\.autoLink\)/],
    },
    {
      problem: "autoLink below review",
      text: () => replaced("  autoLink: 22\n", "  autoLink: 9\n"),
      line: (text: string) => lineOf(text, "autoLink: 9"),
      says: [/must be above review/, /\(at thresholds\.autoLink\)/],
    },
    {
      problem: "a negative ambiguityMargin",
      text: () => replaced("  ambiguityMargin: 8\n", "  ambiguityMargin: -1\n"),
      line: (text: string) => lineOf(text, "ambiguityMargin:"),
      says: [/at least 0, got -1/, /\(at thresholds\.ambiguityMargin\)/],
    },
    {
      problem: "a misspelt threshold",
      text: () => replaced("  review: 10\n", "  reveiw: 10\n"),
      line: (text: string) => lineOf(text, "reveiw:"),
      says: [/unknown key "reveiw"/, /\(at thresholds\.reveiw\)/],
    },
    {
      problem: "an unknown top-level key",
      text: () => replaced("version: 1\n", "version: 1\nowner: data protection officer\n"),
      line: (text: string) => lineOf(text, "owner:"),
      says: [/unknown key "owner"/, /\(at owner\)/],
    },
    {
      problem: "a field the matcher does not compare",
      text: () => replaced("  sex:\n", "  gender:\n"),
      line: (text: string) => lineOf(text, "gender:"),
      says: [/unknown field "gender"/, /\(at fields\.gender\)/],
    },
    {
      problem: "a field left out",
      text: () => policyText.replace(/ {2}sex:\n( {4}.*\n)+/, ""),
      line: (text: string) => lineOf(text, "fields:"),
      says: [/missing "sex"/, /\(at fields\)/],
    },
    {
      problem: "a version that is not a whole number",
      text: () => replaced("version: 1\n", "version: 1.5\n"),
      line: (text: string) => lineOf(text, "version:"),
      says: [/whole number of at least 1/, /\(at version\)/],
    },
    {
      problem: "version 0",
      text: () => replaced("version: 1\n", "version: 0\n"),
      line: (text: string) => lineOf(text, "version:"),
      says: [/whole number of at least 1, got 0/, /\(at version\)/],
    },
    {
      problem: "a blank description",
      text: () => policyText.replace(/^description: .*$/m, 'description: "  "'),
      line: (text: string) => lineOf(text, "description:"),
      says: [/non-blank string/, /\(at description\)/],
    },
    {
      problem: "a key given twice",
      text: () => replaced("version: 1\n", "version: 1\nversion: 2\n"),
      line: (text: string) => lineOf(text, "version: 2"),
      says: [/YAML syntax: Map keys must be unique/],
    },
    {
      problem: "the term-frequency section left out",
      text: () => policyText.slice(0, policyText.indexOf("# Term-frequency adjustment")),
      line: (text: string) => lineOf(text, "version:"),
      says: [/missing "termFrequency"/, /\(at \(document\)\)/],
    },
    {
      problem: "a term-frequency adjustment for a field it does not apply to",
      text: () => replaced("    dateOfBirth: { weight: 1, minimumU: 0.0001 }\n", "    dateOfBirth: { weight: 1, minimumU: 0.0001 }\n    postcode: { weight: 1, minimumU: 0.001 }\n"),
      line: (text: string) => lineOf(text, "postcode: { weight"),
      says: [/no term-frequency adjustment for "postcode"/, /\(at termFrequency\.fields\.postcode\)/],
    },
    {
      problem: "a term-frequency field left out",
      text: () => replaced("    givenNames: { weight: 1, minimumU: 0.002 }\n", ""),
      line: (text: string) => text.split("\n").lastIndexOf("  fields:") + 1,
      says: [/missing "givenNames"/, /\(at termFrequency\.fields\)/],
    },
    {
      problem: "a term-frequency weight above 1",
      text: () => replaced("familyName: { weight: 1, minimumU: 0.001 }", "familyName: { weight: 1.5, minimumU: 0.001 }"),
      line: (text: string) => lineOf(text, "familyName: { weight"),
      says: [/weight from 0 \(no adjustment\) to 1/, /\(at termFrequency\.fields\.familyName\.weight\)/],
    },
    {
      problem: "a term-frequency minimum u of 0",
      text: () => replaced("dateOfBirth: { weight: 1, minimumU: 0.0001 }", "dateOfBirth: { weight: 1, minimumU: 0 }"),
      line: (text: string) => lineOf(text, "dateOfBirth: { weight"),
      says: [/strictly between 0 and 1/, /\(at termFrequency\.fields\.dateOfBirth\.minimumU\)/],
    },
    {
      problem: "a term-frequency minimum number of children that is not a whole number",
      text: () => replaced("  minimumChildren: 1000\n", "  minimumChildren: 10.5\n"),
      line: (text: string) => lineOf(text, "minimumChildren:"),
      says: [/whole number of at least 1/, /\(at termFrequency\.minimumChildren\)/],
    },
    {
      problem: "an unknown key in the term-frequency section",
      text: () => replaced("  minimumChildren: 1000\n", "  minimumChildren: 1000\n  minimumChildrem: 10\n"),
      line: (text: string) => lineOf(text, "minimumChildrem:"),
      says: [/unknown key "minimumChildrem"/, /\(at termFrequency\.minimumChildrem\)/],
    },
    {
      problem: "an empty file",
      text: () => "",
      line: () => 1,
      says: [/expected a mapping \(at \(document\)\)/],
    },
  ])("refuses $problem, naming the file, the line and the path", ({ text, line, says }) => {
    const contents = text();
    const file = write(contents);
    const error = refusal(file);
    expect(error.file).toBe(file);
    expect(error.line).toBe(line(contents));
    expect(error.message.startsWith(`${file}:${line(contents)}:`)).toBe(true);
    for (const pattern of says) expect(error.message).toMatch(pattern);
  });

  it("refuses a file that cannot be read, naming it", () => {
    const file = join(dir, "absent.yaml");
    const error = refusal(file);
    expect(error.line).toBe(0);
    expect(error.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: cannot be read`));
  });
});

describe("formatting match weights", () => {
  const { hash: _hash, ...committed } = loadMatchWeights(POLICY_FILE);
  const header = "Re-estimated by EM.\n\nReview before committing.";

  it("writes a file that loads back to the same weights", () => {
    expect(loadMatchWeights(write(formatMatchWeights(committed, header)))).toEqual({ ...committed, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("lays the file out as the committed one: header comments, then one { m, u } line per level", () => {
    const lines = formatMatchWeights(committed, header).split("\n");
    expect(lines.slice(0, 8)).toEqual([
      "# Re-estimated by EM.",
      "#",
      "# Review before committing.",
      "version: 1",
      `description: ${committed.description}`,
      "thresholds:",
      "  autoLink: 22",
      "  review: 10",
    ]);
    expect(lines).toContain("  givenNames:");
    expect(lines).toContain("    EXACT: { m: 0.8, u: 0.004 }");
    expect(lines).toContain("    DAY_MONTH_SWAPPED: { m: 0.03, u: 0.00001 }");
    expect(lines.filter((line) => /^ {4}[A-Z_]+: \{ m: [0-9.e-]+, u: [0-9.e-]+ \}$/.test(line))).toHaveLength(
      MATCH_FIELDS.reduce((sum, field) => sum + FIELD_LEVELS[field].length, 0),
    );
    expect(lines.slice(lines.indexOf("termFrequency:"))).toEqual([
      "termFrequency:",
      "  minimumChildren: 1000",
      "  fields:",
      "    givenNames: { weight: 1, minimumU: 0.002 }",
      "    familyName: { weight: 1, minimumU: 0.001 }",
      "    dateOfBirth: { weight: 1, minimumU: 0.0001 }",
      "",
    ]);
  });

  it("rounds to six significant digits", () => {
    const estimated: Omit<MatchWeights, "hash"> = {
      ...committed,
      thresholds: { autoLink: 22.123456789, review: 10, ambiguityMargin: 8 },
      fields: { ...committed.fields, sex: { SAME: { m: 0.97123456789, u: 0.500000049 }, DIFFERENT: { m: 0.0000001234567, u: 0.499999951 } } },
    };
    const text = formatMatchWeights(estimated, header);
    expect(text).toContain("    SAME: { m: 0.971235, u: 0.5 }");
    expect(text).toContain("    DIFFERENT: { m: 1.23457e-7, u: 0.5 }");
    const loaded = loadMatchWeights(write(text));
    expect(loaded.thresholds.autoLink).toBe(22.1235);
    expect(loaded.fields.sex).toEqual({ SAME: { m: 0.971235, u: 0.5 }, DIFFERENT: { m: 1.23457e-7, u: 0.5 } });
  });

  it("quotes a description YAML would otherwise misread", () => {
    const description = 'EM over 20,000 pairs: "lambda" 0.1 # not a comment\nsecond line';
    expect(loadMatchWeights(write(formatMatchWeights({ ...committed, description }, header))).description).toBe(description);
  });

  it("refuses to write weights that would not load", () => {
    expect(() => formatMatchWeights({ ...committed, thresholds: { autoLink: 5, review: 10, ambiguityMargin: 8 } }, header)).toThrow(MatchWeightsError);
  });
});
