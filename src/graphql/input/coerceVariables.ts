import {
  coerceInputValue,
  getNamedType,
  GraphQLInputObjectType,
  isInputType,
  isLeafType,
  isListType,
  isNonNullType,
  typeFromAST,
  valueFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type VariableDefinitionNode,
} from "graphql";
import { ErrorCode, HubError } from "../../errors/HubError";

/** Where in a variable a value sits: `$record.child.sex`, `$recordIds.2`. */
function variablePath(name: string, path: readonly (string | number)[]): string {
  return [`$${name}`, ...path].join(".");
}

/** The input type at `path` inside `type`, to name what was expected without quoting the value. */
function typeAt(type: GraphQLInputType, path: readonly (string | number)[]): GraphQLInputType | undefined {
  let current: GraphQLInputType | undefined = type;
  for (const step of path) {
    if (current === undefined) return undefined;
    if (isNonNullType(current)) current = current.ofType;
    if (isListType(current) && typeof step === "number") current = current.ofType;
    else if (current instanceof GraphQLInputObjectType && typeof step === "string") current = current.getFields()[step]?.type;
    else return undefined;
  }
  return current;
}

/**
 * graphql-js's own coercion messages quote the caller's value (a date of birth, a whole record) and
 * suggest names from the schema. The hub coerces the variables itself first, so a bad value is refused
 * with INVALID_INPUT, the variable's path and the type expected — never the value, never a suggestion.
 */
export function coerceVariables(
  schema: GraphQLSchema,
  definitions: readonly VariableDefinitionNode[],
  inputs: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const coerced: Record<string, unknown> = {};
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    // Validation has already refused undefined or output types; this only satisfies the type system.
    if (type === undefined || !isInputType(type)) continue;
    if (!Object.prototype.hasOwnProperty.call(inputs, name)) {
      if (definition.defaultValue !== undefined) coerced[name] = valueFromAST(definition.defaultValue, type);
      else if (isNonNullType(type)) throw refusal(variablePath(name, []), `Variable "$${name}" of required type "${String(type)}" was not provided.`);
      continue;
    }
    const value = inputs[name];
    if (value === null && isNonNullType(type)) throw refusal(variablePath(name, []), `Variable "$${name}" of non-null type "${String(type)}" must not be null.`);
    coerced[name] = coerceInputValue(
      value,
      type,
      (path, invalidValue, error) => {
        const at = typeAt(type, path);
        const where = variablePath(name, path);
        // A leaf's own message quotes the value ("Value is not a valid LocalDate: 2015-13-45"): name the type instead.
        if (at !== undefined && invalidValue !== null && isLeafType(getNamedType(at))) throw refusal(where, `The value at "${where}" is not a valid ${getNamedType(at).name}.`);
        throw refusal(where, `The value at "${where}" is invalid: ${error.message}`);
      },
      true,
    );
  }
  return coerced;
}

function refusal(path: string, message: string): HubError {
  return new HubError(ErrorCode.INVALID_INPUT, message, { path });
}
