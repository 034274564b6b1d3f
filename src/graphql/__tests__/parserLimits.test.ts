import { GraphQLError, parse } from "graphql";
import { parserLimitOf, parserLimits } from "../limits/parserLimits";

function parseError(text: string, maxTokens: number): GraphQLError {
  try {
    parse(text, parserLimits(maxTokens));
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  throw new Error("parsed");
}

describe("the parser's limits", () => {
  it("stop a document at the token past the limit and name the limit", () => {
    const error = parseError(`{ ${"me { sub } ".repeat(100)} }`, 100);
    expect(parserLimitOf(error.message)).toBe("maxTokens");
    // The parser stopped where the limit was reached, not at the end of the document.
    expect(error.locations?.[0]?.column).toBeLessThan(500);
  });

  it("count comments, which are not tokens, against a limit of their own", () => {
    const error = parseError(`${"# a comment\n".repeat(101)}{ me { sub } }`, 100);
    expect(parserLimitOf(error.message)).toBe("maxComments");
  });

  it("leave a mistake in the document to be reported as one", () => {
    expect(parserLimitOf(parseError("{ me { sub ", 100).message)).toBeUndefined();
    // Exactly 100 tokens: `{`, `me`, `{`, 95 × `sub`, `}`, `}`.
    expect(() => parse(`{ me { ${"sub ".repeat(95)}} }`, parserLimits(100))).not.toThrow();
  });
});
