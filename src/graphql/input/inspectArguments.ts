import {
  getArgumentValues,
  GraphQLInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { LocalDateResolver } from "graphql-scalars";
import { argumentRulesOf, inputFieldRuleOf, type ArgumentRule } from "./ArgumentRules";
import { checkDateRange } from "./dateRange";
import { isMultiLineText } from "./MultiLineText";
import { checkText } from "./text";

/** The operation and every fragment it reaches: what will execute, and nothing else. */
function executedDefinitions(document: DocumentNode, operation: OperationDefinitionNode): (OperationDefinitionNode | FragmentDefinitionNode)[] {
  const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const reached = new Map<string, FragmentDefinitionNode>();
  const pending: (OperationDefinitionNode | FragmentDefinitionNode)[] = [operation];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    visit(next, {
      [Kind.FRAGMENT_SPREAD](spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment !== undefined && !reached.has(spread.name.value)) {
          reached.set(spread.name.value, fragment);
          pending.push(fragment);
        }
      },
    });
  }
  return [operation, ...reached.values()];
}

/**
 * The edge's rules for one coerced input value (text, dates, the argument's declared format), for
 * arguments here and for any other way in that takes the same input types (the bulk record import).
 */
export function inspectInputValue(value: unknown, type: GraphQLInputType, path: string, multiLine = false, rule?: ArgumentRule): void {
  inspectValue(value, type, path, multiLine, rule);
}

function inspectValue(value: unknown, type: GraphQLInputType, path: string, multiLine: boolean, rule: ArgumentRule | undefined): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) {
    inspectValue(value, type.ofType, path, multiLine, rule);
  } else if (isListType(type)) {
    (value as unknown[]).forEach((item, index) => inspectValue(item, type.ofType, `${path}.${index}`, multiLine, rule));
  } else if (type instanceof GraphQLInputObjectType) {
    const fields = type.getFields();
    for (const [name, fieldValue] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (field !== undefined) inspectValue(fieldValue, field.type, `${path}.${name}`, isMultiLineText(field), inputFieldRuleOf(field));
    }
  } else if (isScalarType(type)) {
    if (typeof value === "string") {
      checkText(value, path, multiLine);
      if (type.name === LocalDateResolver.name) checkDateRange(value, path);
      rule?.(value, path);
    } else if (value instanceof Date) {
      checkDateRange(value, path);
    }
  }
}

/**
 * The edge's rules over every argument of the operation that will run — literals and variables alike,
 * after coercion, so one rule sees one value whichever way it came: text (control characters), dates
 * (within PostgreSQL's calendar) and the formats declared with `@ArgumentRules` (uuids, cursors). The
 * first problem is thrown as a HubError (INVALID_INPUT) naming the argument path.
 */
export function inspectArguments(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): void {
  const typeInfo = new TypeInfo(schema);
  for (const definition of executedDefinitions(document, operation)) {
    visit(
      definition,
      visitWithTypeInfo(typeInfo, {
        [Kind.FIELD](node) {
          const field = typeInfo.getFieldDef();
          if (field === null || field === undefined || field.args.length === 0) return;
          const values = getArgumentValues(field, node, variables);
          const rules = argumentRulesOf(field);
          for (const argument of field.args) {
            inspectInputValue(values[argument.name], argument.type, argument.name, false, rules[argument.name]);
          }
        },
      }),
    );
  }
}
