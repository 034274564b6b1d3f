import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { PolicyError } from "./PolicyError";

/** One parsed YAML file: its name (as errors show it), the document and where each line starts. */
interface YamlSource {
  file: string;
  document: Document;
  lines: LineCounter;
}

/**
 * A node of a policy (or policy-test) YAML file that knows where it sits, so that every validation
 * failure names the file, the line and the path inside the document. Readers are strict: a key the
 * caller did not name is an error, never ignored, because a misspelt key (`role:` for `roles:`) would
 * otherwise silently drop a condition from a rule.
 */
export class YamlNode {
  private constructor(
    private readonly source: YamlSource,
    private readonly node: Node | null,
    private readonly offset: number,
    readonly path: string,
  ) {}

  /** Parses `text`; a YAML syntax error (including a duplicate key) is a PolicyError at its line. */
  static parse(file: string, text: string): { root: YamlNode; content: unknown } {
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    const [error] = document.errors;
    if (error) {
      const { line, col } = lines.linePos(error.pos[0]);
      throw new PolicyError(file, line, col, `YAML syntax: ${error.message.split("\n")[0]}`);
    }
    const source = { file, document, lines };
    const contents = document.contents;
    return { root: new YamlNode(source, contents, contents?.range?.[0] ?? 0, "(document)"), content: document.toJS() as unknown };
  }

  get line(): number {
    return this.source.lines.linePos(this.offset).line;
  }

  get file(): string {
    return this.source.file;
  }

  fail(problem: string): never {
    const { line, col } = this.source.lines.linePos(this.offset);
    throw new PolicyError(this.source.file, line, col, `${problem} (at ${this.path})`);
  }

  /** A mapping with exactly these keys allowed; the required ones must be present. */
  map(required: readonly string[], optional: readonly string[] = []): YamlMap {
    const entries = this.entries();
    const allowed = new Set([...required, ...optional]);
    const byKey = new Map<string, YamlNode>();
    for (const [key, value] of entries) {
      const name = key.string();
      if (!allowed.has(name)) key.fail(`unknown key "${name}"; expected one of: ${[...allowed].join(", ")}`);
      byKey.set(name, value);
    }
    for (const name of required) {
      if (!byKey.has(name)) this.fail(`missing required key "${name}"`);
    }
    return new YamlMap(byKey);
  }

  /** A mapping whose keys are data (names, record types): each key comes back as a node of its own. */
  entries(): [YamlNode, YamlNode][] {
    const node = this.resolved();
    if (!isMap(node)) this.fail("expected a mapping");
    return node.items.map((pair) => {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      const keyOffset = key?.range?.[0] ?? this.offset;
      const keyNode = new YamlNode(this.source, key, keyOffset, this.path);
      const name = isScalar(key) ? String(key.value) : "?";
      return [keyNode, new YamlNode(this.source, value, value?.range?.[0] ?? keyOffset, `${this.path}.${name}`)];
    });
  }

  list(): YamlNode[] {
    const node = this.resolved();
    if (!isSeq(node)) this.fail("expected a list");
    return node.items.map((item, index) => {
      const child = item as Node | null;
      return new YamlNode(this.source, child, child?.range?.[0] ?? this.offset, `${this.path}[${index}]`);
    });
  }

  isScalarValue(): boolean {
    return isScalar(this.resolved());
  }

  string(): string {
    const value = this.scalar();
    if (typeof value !== "string" || value.trim() === "") this.fail("expected a non-blank string");
    return value;
  }

  /** A string that may be blank (an empty value reads as ""). */
  text(): string {
    if (this.isNull()) return "";
    const value = this.scalar();
    if (typeof value !== "string") this.fail("expected a string");
    return value;
  }

  integer(minimum: number): number {
    const value = this.scalar();
    if (typeof value !== "number" || !Number.isInteger(value) || value < minimum) this.fail(`expected a whole number of at least ${minimum}`);
    return value;
  }

  isBoolean(): boolean {
    const node = this.resolved();
    return isScalar(node) && typeof node.value === "boolean";
  }

  boolean(): boolean {
    const value = this.scalar();
    if (typeof value !== "boolean") this.fail("expected true or false");
    return value;
  }

  /** One of a vocabulary's values; `what` names the vocabulary in the error ("unknown role …"). */
  oneOf<T extends string>(values: readonly T[], what: string): T {
    const value = this.string();
    if (!(values as readonly string[]).includes(value)) this.fail(`unknown ${what} "${value}"; expected one of: ${values.join(", ")}`);
    return value as T;
  }

  /** A list of a vocabulary's values, each named once. */
  listOf<T extends string>(values: readonly T[], what: string, { allowEmpty = false } = {}): T[] {
    const items = this.list();
    if (items.length === 0 && !allowEmpty) this.fail(`expected at least one ${what}`);
    const seen = new Set<T>();
    for (const item of items) {
      const value = item.oneOf(values, what);
      if (seen.has(value)) item.fail(`${what} "${value}" is listed twice`);
      seen.add(value);
    }
    return [...seen];
  }

  /** A calendar date written YYYY-MM-DD (YAML 1.2 reads it as a string). */
  date(): string {
    const value = this.string();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
      this.fail(`expected a date written YYYY-MM-DD, got "${value}"`);
    }
    return value;
  }

  isNull(): boolean {
    const node = this.resolved();
    return node === null || (isScalar(node) && node.value === null);
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

/** The keys of a strictly read mapping. */
export class YamlMap {
  constructor(private readonly byKey: ReadonlyMap<string, YamlNode>) {}

  required(key: string): YamlNode {
    const node = this.byKey.get(key);
    if (!node) throw new Error(`YamlMap.required("${key}") on a key not declared required`);
    return node;
  }

  optional(key: string): YamlNode | undefined {
    return this.byKey.get(key);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }
}
