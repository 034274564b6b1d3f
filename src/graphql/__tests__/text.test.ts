import { refusedCharacter } from "../input/text";

describe("the edge's rule for text", () => {
  it.each([
    ["NUL", "Ada\u0000", "U+0000"],
    ["a bell", "Ada\u0007", "U+0007"],
    ["an escape sequence", "Ada\u001b[31m", "U+001B"],
    ["a backspace", "Ada\u0008\u0008\u0008Eve", "U+0008"],
    ["DEL", "Ada\u007f", "U+007F"],
    ["a C1 control (8-bit CSI)", "Ada\u009b31m", "U+009B"],
    ["NEL", "Ada\u0085", "U+0085"],
    ["a line separator", "Ada\u2028", "U+2028"],
    ["a paragraph separator", "Ada\u2029", "U+2029"],
    ["a right-to-left override", "Ada\u202e", "U+202E"],
    ["a left-to-right embedding", "\u202aAda", "U+202A"],
    ["a first-strong isolate", "Ada\u2068", "U+2068"],
    ["a pop-directional isolate", "Ada\u2069", "U+2069"],
    ["an unpaired high surrogate", "Ada\ud800", "U+D800"],
    ["an unpaired low surrogate", "\udc00Ada", "U+DC00"],
    ["a zero-width space", "Sm\u200bith", "U+200B"],
    ["a word joiner", "Sm\u2060ith", "U+2060"],
    ["an invisible separator", "Smith\u2063", "U+2063"],
    ["a byte-order mark inside text", "Sm\ufeffith", "U+FEFF"],
    ["an interlinear annotation anchor", "\ufff9Smith", "U+FFF9"],
    ["a tag character (hidden text)", "Smith\u{E0049}\u{E0047}", "U+E0049"],
    ["the cancel tag", "Smith\u{E007F}", "U+E007F"],
    ["a soft hyphen", "Sm\u00adith", "U+00AD"],
    ["a Hangul filler (a justification that reads as empty)", "\u3164".repeat(12), "U+3164"],
    ["a halfwidth Hangul filler", "Smith\uffa0", "U+FFA0"],
    ["a blank braille pattern", "\u2800".repeat(12), "U+2800"],
    ["a Mongolian vowel separator", "Sm\u180eith", "U+180E"],
    ["a combining grapheme joiner", "Sm\u034fith", "U+034F"],
    ["a Khmer invisible vowel", "Smith\u17b4", "U+17B4"],
  ])("refuses %s everywhere, multi-line fields included", (_name, text, character) => {
    expect(refusedCharacter(text, false)).toBe(character);
    expect(refusedCharacter(text, true)).toBe(character);
  });

  it.each([
    ["a line feed", "line one\nline two", "U+000A"],
    ["a carriage return", "line one\r\nline two", "U+000D"],
    ["a tab", "Ada\tLovelace", "U+0009"],
  ])("refuses %s in a single-line field and accepts it in a multi-line one", (_name, text, character) => {
    expect(refusedCharacter(text, false)).toBe(character);
    expect(refusedCharacter(text, true)).toBeUndefined();
  });

  it.each([
    ["accented Latin", "Zoë Ó Briain-Núñez"],
    ["Arabic with a right-to-left mark", "\u0646\u0648\u0631 \u200f(\u0646\u0648\u0631\u0627)"],
    ["Chinese", "\u674e\u5c0f\u9f99"],
    ["an emoji (a surrogate pair)", "Ada \ud83d\ude00"],
    ["Persian with a zero-width non-joiner", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"],
    ["Hindi with a zero-width joiner", "\u0915\u094d\u200d\u0937"],
    ["an emoji sequence joined by a zero-width joiner", "Ada \u{1F469}\u200d\u{1F467}"],
    ["punctuation a name may hold", "O'Neil-Smith, Jr."],
  ])("accepts %s", (_name, text) => {
    expect(refusedCharacter(text, false)).toBeUndefined();
  });
});
