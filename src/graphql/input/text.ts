import { ErrorCode, HubError } from "../../errors/HubError";

/**
 * Characters no text field may hold. C0 controls and DEL carry terminal escape sequences (ESC [ …),
 * bells and backspaces into the IG lead's terminal and into exports; C1 controls (U+0080–U+009F) do the
 * same on terminals that honour 8-bit CSI; U+2028/U+2029 end lines in JavaScript and in some viewers;
 * the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder what a
 * reader sees ("Trojan Source"). PostgreSQL cannot store U+0000 at all. The bidirectional marks
 * (U+200E, U+200F, U+061C), which right-to-left names legitimately carry, are accepted.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this rule
const REFUSED_EVERYWHERE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

/**
 * Invisible characters that carry no meaning in a name, a reference or a justification, only a way to
 * make two strings that read alike differ ("Sm\u200Bith" is not "Smith" to a search, a match or an IG
 * lead's filter), to make a justification that reads as empty pass its length check, or to hide text
 * from the reader: the soft hyphen, the combining grapheme joiner, the Hangul fillers (U+115F, U+1160,
 * U+3164, U+FFA0), the Khmer invisible vowels (U+17B4, U+17B5), the Mongolian variation selectors and
 * vowel separator (U+180B–U+180F), the zero-width space, the word joiner and invisible operators
 * (U+2060–U+2064), the blank braille pattern (U+2800), the byte-order mark inside text, interlinear
 * annotation marks (U+FFF9–U+FFFB) and the tag characters (U+E0000–U+E007F). The zero-width joiner and non-joiner
 * (U+200C, U+200D), which Persian, Indic scripts and emoji need, are accepted.
 */
// Combining marks (U+034F, U+17B4, U+17B5, U+180B–U+180D, U+180F) are alternatives: in a class they would read as joined to their neighbours.
const INVISIBLE = /[\u00AD\u115F\u1160\u180E\u200B\u2060-\u2064\u2800\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\u{E0000}-\u{E007F}]|\u034F|\u17B4|\u17B5|\u180B|\u180C|\u180D|\u180F/u;

/** Tab, line feed and carriage return: allowed only where a field is documented as multi-line. */
const LINE_BREAKS_AND_TABS = /[\t\n\r]/;

/** A surrogate half without its partner is not text: the database driver would silently replace it. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * The first character the hub refuses in `text` (as `U+XXXX`), or undefined when the text is acceptable:
 * the one rule for text the hub holds, whichever way it came — a GraphQL argument (`checkText`), a
 * record import's line (`records/import/recordShape`, through `inspectInputValue`), a directory import's
 * (`directory/validateDirectoryEntry`) and a token's claims (`auth/verifyToken`).
 */
export function refusedCharacter(text: string, multiLine: boolean): string | undefined {
  const refused = REFUSED_EVERYWHERE.exec(text) ?? (multiLine ? null : LINE_BREAKS_AND_TABS.exec(text)) ?? UNPAIRED_SURROGATE.exec(text) ?? INVISIBLE.exec(text);
  return refused === null ? undefined : codePoint(refused[0]);
}

/**
 * The joiners and bidirectional marks the rule above accepts in running text (U+200C–U+200F, U+061C):
 * right for a name written in Persian or Arabic, wrong in a value the hub compares with a fixed one — a
 * token's subject against its own `hub:` namespace, an agency code against the directory's, a team
 * against the team an exclusion names — where they only make two values that read alike differ
 * ("\u200Ehub:routing" reads as "hub:routing").
 */
const ZERO_WIDTH_MARKS = /[\u061C\u200C-\u200F]/;

/**
 * The first character the hub refuses in an identifier (as `U+XXXX`): everything `refusedCharacter`
 * refuses in a single line, and the zero-width joiners and marks besides. Nothing is stripped: a value
 * holding one is refused whole, so what is compared is what was sent.
 */
export function refusedInIdentifier(text: string): string | undefined {
  const refused = refusedCharacter(text, false);
  if (refused !== undefined) return refused;
  const mark = ZERO_WIDTH_MARKS.exec(text);
  return mark === null ? undefined : codePoint(mark[0]);
}

/** One rule for every string argument and variable: refused with INVALID_INPUT, the path and the character. */
export function checkText(text: string, path: string, multiLine: boolean): void {
  const character = refusedCharacter(text, multiLine);
  if (character === undefined) return;
  const lines = multiLine ? "" : " (line breaks and tabs are accepted only in fields documented as multi-line)";
  throw new HubError(ErrorCode.INVALID_INPUT, `\`${path}\` contains ${character}, a control or formatting character the hub does not accept${lines}.`, { path, character });
}
