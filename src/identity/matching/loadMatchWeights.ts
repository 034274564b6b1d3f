import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { isAlias, isMap, isScalar, LineCounter, parseDocument, stringify, type Document, type Node } from "yaml";
import { FIELD_LEVELS, MATCH_FIELDS } from "./comparisonVector";
import { MatchWeightsError } from "./MatchWeightsError";
import { type LevelParameters, type LinkThresholds, type MatchWeights, type TermFrequencySettings } from "./matchWeights";
import { TERM_FIELDS } from "./termFrequencies";

/**
 * The repository root, from the folder this module runs in: `<root>/src/identity/matching` under jest
 * (ts-jest runs the sources) and `<root>/dist/src/identity/matching` once built (`outDir: dist`,
 * `rootDir: .`). Not the working directory: the CLI and the tests are started from anywhere.
 */
function repositoryRoot(): string {
  const above = resolve(__dirname, "..", "..", "..");
  return basename(above) === "dist" ? dirname(above) : above;
}

export const DEFAULT_MATCH_WEIGHTS_PATH = join(repositoryRoot(), "policies", "linkage", "match-weights.yaml");

/**
 * Reads the match configuration and validates it strictly: exactly the five fields, each with exactly
 * its comparison levels, every m and u strictly between 0 and 1, the bands in order, and the
 * term-frequency adjustment for exactly the given names, family name and date of birth (a weight from
 * 0 to 1, a minimum u strictly between 0 and 1, a whole minimum number of children). Throws a
 * MatchWeightsError naming the file, line and path of the first problem. `hash` is the SHA-256 of the
 * file's bytes, stored with every decision so a score can be reproduced from the file that made it.
 */
export function loadMatchWeights(path: string): MatchWeights {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new MatchWeightsError(path, 0, 0, `cannot be read: ${(error as Error).message}`);
  }
  return { ...parseMatchWeights(path, bytes.toString("utf8")), hash: createHash("sha256").update(bytes).digest("hex") };
}

/**
 * Writes match weights in the layout of `policies/linkage/match-weights.yaml` (`header` as `#` comment
 * lines, then one `{ m, u }` line per level, six significant digits), so that a re-estimate is reviewed
 * as a diff of the committed file. Weights that would not load again are refused with a
 * MatchWeightsError rather than written.
 */
export function formatMatchWeights(weights: Omit<MatchWeights, "hash">, header: string): string {
  const comment = header.trim() === "" ? [] : header.trimEnd().split("\n").map((line) => (line.trim() === "" ? "#" : `# ${line}`));
  const { thresholds, fields } = weights;
  const text = [
    ...comment,
    `version: ${weights.version}`,
    stringify({ description: weights.description }, { lineWidth: 0, blockQuote: false }).trimEnd(),
    "thresholds:",
    `  autoLink: ${significant(thresholds.autoLink)}`,
    `  review: ${significant(thresholds.review)}`,
    `  ambiguityMargin: ${significant(thresholds.ambiguityMargin)}`,
    "fields:",
    ...MATCH_FIELDS.flatMap((field) => [
      `  ${field}:`,
      ...FIELD_LEVELS[field].map((level) => {
        const { m, u } = (fields[field] as Record<string, LevelParameters>)[level];
        return `    ${level}: { m: ${significant(m)}, u: ${significant(u)} }`;
      }),
    ]),
    "termFrequency:",
    `  minimumChildren: ${weights.termFrequency.minimumChildren}`,
    "  fields:",
    ...TERM_FIELDS.map((field) => {
      const { weight, minimumU } = weights.termFrequency.fields[field];
      return `    ${field}: { weight: ${significant(weight)}, minimumU: ${significant(minimumU)} }`;
    }),
    "",
  ].join("\n");
  parseMatchWeights("(formatted match weights)", text);
  return text;
}

function significant(value: number): string {
  return String(Number(value.toPrecision(6)));
}

function parseMatchWeights(file: string, text: string): Omit<MatchWeights, "hash"> {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const [error] = document.errors;
  if (error) {
    const { line, col } = lines.linePos(error.pos[0]);
    throw new MatchWeightsError(file, line, col, `YAML syntax: ${error.message.split("\n")[0]}`);
  }
  const root = new WeightsNode({ file, document, lines }, document.contents, document.contents?.range?.[0] ?? 0, "");
  const top = root.exactly(["version", "description", "thresholds", "fields", "termFrequency"]);
  return {
    version: top.version.wholeNumber(),
    description: top.description.text(),
    thresholds: readThresholds(top.thresholds),
    fields: readFields(top.fields),
    termFrequency: readTermFrequency(top.termFrequency),
  };
}

function readTermFrequency(node: WeightsNode): TermFrequencySettings {
  const { minimumChildren, fields } = node.exactly(["minimumChildren", "fields"]);
  const byField = fields.exactly(TERM_FIELDS, (key) => `no term-frequency adjustment for "${key}"; it applies to exactly: ${TERM_FIELDS.join(", ")}`);
  return {
    minimumChildren: minimumChildren.wholeNumber(),
    fields: Object.fromEntries(
      TERM_FIELDS.map((field) => {
        const { weight, minimumU } = byField[field].exactly(["weight", "minimumU"]);
        const value = weight.number();
        if (!(value >= 0 && value <= 1)) weight.fail(`expected a weight from 0 (no adjustment) to 1 (the full adjustment), got ${value}`);
        return [field, { weight: value, minimumU: minimumU.probability() }];
      }),
    ) as TermFrequencySettings["fields"],
  };
}

function readThresholds(node: WeightsNode): LinkThresholds {
  const { autoLink, review, ambiguityMargin } = node.exactly(["autoLink", "review", "ambiguityMargin"]);
  const thresholds = { autoLink: autoLink.number(), review: review.number(), ambiguityMargin: ambiguityMargin.number() };
  if (thresholds.autoLink <= thresholds.review) {
    autoLink.fail(`autoLink (${thresholds.autoLink}) must be above review (${thresholds.review}), or no score would open a link review`);
  }
  if (thresholds.ambiguityMargin < 0) ambiguityMargin.fail(`ambiguityMargin must be at least 0, got ${thresholds.ambiguityMargin}`);
  return thresholds;
}

function readFields(node: WeightsNode): MatchWeights["fields"] {
  const byField = node.exactly(MATCH_FIELDS, (key) => `unknown field "${key}"; the matcher compares exactly: ${MATCH_FIELDS.join(", ")}`);
  const fields = Object.fromEntries(
    MATCH_FIELDS.map((field) => {
      const levels = FIELD_LEVELS[field];
      const byLevel = byField[field].exactly(levels, (key) =>
        key === "MISSING" ? "MISSING has no m or u: missing evidence always weighs 0" : `unknown level "${key}" for ${field}; expected: ${levels.join(", ")}`,
      );
      return [field, Object.fromEntries(levels.map((level) => [level, readLevel(byLevel[level])]))];
    }),
  );
  return fields as MatchWeights["fields"];
}

function readLevel(node: WeightsNode): LevelParameters {
  const { m, u } = node.exactly(["m", "u"]);
  return { m: m.probability(), u: u.probability() };
}

interface WeightsSource {
  file: string;
  document: Document;
  lines: LineCounter;
}

/**
 * A node of the weights file that knows where it sits (the line of its key), so that every refusal
 * names the line and the path inside the document. The same approach as the policy loader's YamlNode,
 * which reads no fractional numbers and throws PolicyError.
 */
class WeightsNode {
  constructor(
    private readonly source: WeightsSource,
    private readonly node: Node | null,
    private readonly offset: number,
    private readonly path: string,
  ) {}

  fail(problem: string): never {
    const { line, col } = this.source.lines.linePos(this.offset);
    throw new MatchWeightsError(this.source.file, line, col, `${problem} (at ${this.path === "" ? "(document)" : this.path})`);
  }

  /**
   * A mapping with exactly these keys. An unknown key is refused, never ignored: a misspelt level
   * would otherwise weigh nothing, and a misspelt threshold leave the band where it was.
   */
  exactly<K extends string>(keys: readonly K[], unknown = (key: string) => `unknown key "${key}"; expected: ${keys.join(", ")}`): Record<K, WeightsNode> {
    const node = this.resolved();
    if (!isMap(node)) this.fail("expected a mapping");
    const found = new Map<string, WeightsNode>();
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const name = isScalar(key) ? String(key.value) : "?";
      const child = new WeightsNode(this.source, pair.value as Node | null, key?.range?.[0] ?? this.offset, this.path === "" ? name : `${this.path}.${name}`);
      if (!(keys as readonly string[]).includes(name)) child.fail(unknown(name));
      found.set(name, child);
    }
    for (const key of keys) {
      if (!found.has(key)) this.fail(`missing "${key}"`);
    }
    return Object.fromEntries(found) as Record<K, WeightsNode>;
  }

  number(): number {
    const value = this.scalar();
    if (typeof value !== "number" || !Number.isFinite(value)) this.fail("expected a number");
    return value;
  }

  wholeNumber(): number {
    const value = this.number();
    if (!Number.isInteger(value) || value < 1) this.fail(`expected a whole number of at least 1, got ${value}`);
    return value;
  }

  /** Strictly between 0 and 1: a level with m or u of 0 or 1 would weigh an infinite number of bits. */
  probability(): number {
    const value = this.number();
    if (!(value > 0 && value < 1)) this.fail(`expected a probability strictly between 0 and 1, got ${value}`);
    return value;
  }

  text(): string {
    const value = this.scalar();
    if (typeof value !== "string" || value.trim() === "") this.fail("expected a non-blank string");
    return value;
  }

  private scalar(): unknown {
    const node = this.resolved();
    if (!isScalar(node)) this.fail("expected a single value");
    return node.value;
  }

  private resolved(): Node | null {
    return isAlias(this.node) ? (this.node.resolve(this.source.document) ?? null) : this.node;
  }
}
