import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  getNamedType,
  getNullableType,
  isListType,
  isInterfaceType,
  isObjectType,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from "graphql";

export interface PageCostLimits {
  /** The most values one response may be estimated to hold. */
  maxCost: number;
  /** What a connection returns when `first` is not given. */
  defaultPageSize: number;
  /** The largest page a connection serves: what a `first` given as a variable may be, at worst. */
  maxPageSize: number;
}

/**
 * How many values an operation's response can hold, at worst: every selected field counts once for each
 * item of every page it sits in (a connection's items are the first list beneath it, its `nodes`), a
 * page counting as many items as its `first` asks for (the connection's
 * default when none is given, the largest page when it is a variable, whose value validation cannot
 * see). So a steward's page of 200 link reviews with fifty fields each costs about 10,000, while a page of
 * pages, or a page size no connection serves, is refused before anything runs. Depth and aliases have
 * limits of their own; this one bounds how far pages multiply.
 */
export function operationCost(context: ValidationContext, selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, limits: PageCostLimits): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of context.getDocument().definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const schema = context.getSchema();

  // `page`: the items a connection above has asked for, applied at the first list beneath it (its
  // `nodes`), so a connection's own fields (totalCount, pageInfo) count once.
  const costOf = (set: SelectionSetNode, type: GraphQLNamedType | undefined, multiplier: number, page: number, spreading: ReadonlySet<string>): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = fieldOf(type, selection.name.value);
        cost += multiplier;
        if (selection.selectionSet === undefined) continue;
        const asks = pageSizeOf(field, selection.arguments ?? [], limits);
        const pending = asks ?? page;
        const items = field !== undefined && isListType(getNullableType(field.type)) ? pending : 1;
        cost += costOf(selection.selectionSet, field === undefined ? undefined : getNamedType(field.type), multiplier * items, items > 1 ? 1 : pending, spreading);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition === undefined ? type : schema.getType(selection.typeCondition.name.value);
        cost += costOf(selection.selectionSet, condition ?? undefined, multiplier, page, spreading);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A fragment that spreads itself is refused by validation (NoFragmentCycles); counted once here.
        if (fragment === undefined || spreading.has(name)) continue;
        cost += costOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined, multiplier, page, new Set([...spreading, name]));
      }
    }
    return cost;
  };
  return costOf(selectionSet, parentType, 1, 1, new Set());
}

function fieldOf(type: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  return type !== undefined && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[name] : undefined;
}

/** The items a connection's page can hold; null for a field that is not a connection (it takes no `first`). */
function pageSizeOf(field: GraphQLField<unknown, unknown> | undefined, args: readonly { name: { value: string }; value: ValueNode }[], limits: PageCostLimits): number | null {
  if (field?.args.some((arg) => arg.name === "first") !== true) return null;
  const first = args.find((arg) => arg.name.value === "first")?.value;
  if (first === undefined || first.kind === Kind.NULL) return limits.defaultPageSize;
  if (first.kind === Kind.INT) return Math.max(1, Number.parseInt(first.value, 10));
  return limits.maxPageSize;
}

/**
 * The validation rule: reports QUERY_TOO_COMPLEX (limit `costLimit`) for an operation whose
 * `operationCost` is over the limit.
 */
export function pageCostRule(limits: PageCostLimits): (context: ValidationContext) => ASTVisitor {
  return (context) => ({
    OperationDefinition(operation) {
      const schema = context.getSchema();
      const root = { [OperationTypeNode.QUERY]: schema.getQueryType(), [OperationTypeNode.MUTATION]: schema.getMutationType(), [OperationTypeNode.SUBSCRIPTION]: schema.getSubscriptionType() }[operation.operation];
      if (root === null || root === undefined) return;
      const cost = operationCost(context, operation.selectionSet, root, limits);
      if (cost > limits.maxCost) {
        context.reportError(new GraphQLError(`The operation could return about ${Math.round(cost)} values; at most ${limits.maxCost} are served in one response: ask for smaller pages, or fewer fields.`, { extensions: { limit: "costLimit" } }));
      }
    },
  });
}
