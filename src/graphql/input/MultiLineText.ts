import { type GraphQLInputField } from "graphql";
import { Extensions } from "type-graphql";

const MULTI_LINE = "hubMultiLineText";

/**
 * Marks a free-text input field as multi-line: it may hold tab, line feed and carriage return, which
 * every other string refuses (see text.ts). Only narrative summaries carry it; names, references,
 * contacts, justifications and reasons are single-line, because they are shown in lists, terminals and
 * CSV exports where a line break forges a row.
 */
export function MultiLineText(): PropertyDecorator {
  return Extensions({ [MULTI_LINE]: true });
}

export function isMultiLineText(field: GraphQLInputField): boolean {
  return field.extensions[MULTI_LINE] === true;
}
