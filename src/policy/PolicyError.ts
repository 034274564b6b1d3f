/**
 * A policy or policy-test file the hub cannot trust: a YAML syntax error, an unknown role, purpose,
 * record type, field or label, an unknown key, a duplicate rule id. The hub refuses to start on one
 * (design §6: "unknown role, field or label is a start-up error"), because a rule that silently never
 * matches would widen or narrow disclosure without anyone noticing. The message names the file and
 * the line so whoever edited the policy can fix it; `line` is 0 when the problem is a section missing
 * from the whole directory.
 */
export class PolicyError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly problem: string,
  ) {
    super(line > 0 ? `${file}:${line}:${column}: ${problem}` : `${file}: ${problem}`);
    this.name = "PolicyError";
  }
}
