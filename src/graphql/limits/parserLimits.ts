import { type ParseOptions } from "graphql";

/**
 * Limits the parser itself enforces, so an oversized document is abandoned at the token (or comment)
 * past the limit — before the rest of it is even read, let alone validated or executed. A parse-time
 * limit must live here: Apollo only reports parse errors as HTTP 400 from its own `parse` call.
 * Comments are not tokens, but each costs the lexer as much as one, so they share the limit.
 */
export function parserLimits(maxTokens: number): ParseOptions {
  return { maxLexicalTokens: maxTokens, maxComments: maxTokens };
}

const PARSER_LIMITS: readonly (readonly [RegExp, string])[] = [
  [/^Syntax Error: Document contains more tha[nt] \d+ tokens\b/, "maxTokens"],
  [/^Syntax Error: Document contains more than \d+ comments\b/, "maxComments"],
];

/** The limit a parse error reports, when it is one of ours rather than a mistake in the document. */
export function parserLimitOf(message: string): string | undefined {
  return PARSER_LIMITS.find(([pattern]) => pattern.test(message))?.[1];
}
