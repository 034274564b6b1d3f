import { type GraphQLField, type GraphQLInputField } from "graphql";
import { Extensions } from "type-graphql";

/** Checks one string an argument carries (each item, for a list); throws a HubError naming `path`. */
export type ArgumentRule = (value: string, path: string) => void;

const ARGUMENT_RULES = "hubArgumentRules";

/**
 * Declares, on a query or mutation, the format of arguments whose GraphQL type says too little: an `ID`
 * that names a row by uuid, an `after` cursor. The edge (plugins/refuseInvalidInput.ts) applies them
 * before any resolver runs, so a malformed value never reaches PostgreSQL.
 */
export function ArgumentRules(rules: Record<string, ArgumentRule>): MethodDecorator {
  return Extensions({ [ARGUMENT_RULES]: rules });
}

export function argumentRulesOf(field: GraphQLField<unknown, unknown>): Readonly<Record<string, ArgumentRule>> {
  return (field.extensions[ARGUMENT_RULES] as Record<string, ArgumentRule> | undefined) ?? {};
}

const INPUT_FIELD_RULE = "hubInputFieldRule";

/** The same, on a field of an input type: the edge applies it wherever the input type is taken. */
export function InputFieldRule(rule: ArgumentRule): PropertyDecorator {
  return Extensions({ [INPUT_FIELD_RULE]: rule });
}

export function inputFieldRuleOf(field: GraphQLInputField): ArgumentRule | undefined {
  return field.extensions[INPUT_FIELD_RULE] as ArgumentRule | undefined;
}
