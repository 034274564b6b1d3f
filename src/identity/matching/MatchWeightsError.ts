/**
 * A match-weights file the hub cannot trust: unreadable, not YAML, or not exactly the parameters the
 * matcher needs (a level missing, unknown or listed for MISSING, a probability outside (0, 1), bands in
 * the wrong order, an unknown key). Matching refuses to run on one, because a level that silently
 * weighs nothing, or a misspelt threshold, would link records to the wrong child without anyone
 * noticing. The message names the file, the line and the path inside the document so whoever edited
 * it can fix it; `line` is 0 when the problem is the file as a whole (it cannot be read).
 */
export class MatchWeightsError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly problem: string,
  ) {
    super(line > 0 ? `${file}:${line}:${column}: ${problem}` : `${file}: ${problem}`);
    this.name = "MatchWeightsError";
  }
}
