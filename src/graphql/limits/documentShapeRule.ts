import { GraphQLError, Kind, visit, type ASTVisitor, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from "graphql";

export interface DocumentShapeLimits {
  /** Operations in one document. The hub executes one per request; the others are validated for nothing. */
  maxOperations: number;
  /**
   * Selections of one response name within one selection set, counting inline fragments and fragment
   * spreads. graphql-js checks every pair of such fields for mergeability, so a document repeating one
   * field a few hundred times costs quadratic validation time from a few kilobytes.
   */
  maxFieldRepeats: number;
}

interface ShapeProblem {
  limit: keyof DocumentShapeLimits;
  message: string;
}

/** How often each response name is selected in a selection set, saturating just past the limit. */
class ResponseNameCounter {
  private readonly fragmentCounts = new Map<string, Map<string, number>>();

  constructor(
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly ceiling: number,
  ) {}

  count(selectionSet: SelectionSetNode): Map<string, number> {
    const counts = new Map<string, number>();
    const add = (name: string, times: number) => counts.set(name, Math.min((counts.get(name) ?? 0) + times, this.ceiling));
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) add(selection.alias?.value ?? selection.name.value, 1);
      else if (selection.kind === Kind.INLINE_FRAGMENT) this.count(selection.selectionSet).forEach((times, name) => add(name, times));
      else this.countFragment(selection.name.value).forEach((times, name) => add(name, times));
    }
    return counts;
  }

  private countFragment(name: string): Map<string, number> {
    const known = this.fragmentCounts.get(name);
    if (known !== undefined) return known;
    // Placed before counting, so a fragment cycle (refused by validation anyway) ends here.
    this.fragmentCounts.set(name, new Map());
    const fragment = this.fragments.get(name);
    const counts = fragment === undefined ? new Map<string, number>() : this.count(fragment.selectionSet);
    this.fragmentCounts.set(name, counts);
    return counts;
  }
}

function shapeProblem(document: DocumentNode, limits: DocumentShapeLimits): ShapeProblem | undefined {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION).length;
  if (operations > limits.maxOperations) {
    return { limit: "maxOperations", message: `The document holds ${operations} operations; at most ${limits.maxOperations} are accepted (one is executed per request).` };
  }
  const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const counter = new ResponseNameCounter(fragments, limits.maxFieldRepeats + 1);
  let problem: ShapeProblem | undefined;
  visit(document, {
    SelectionSet(node, _key, parent) {
      // An inline fragment's selections merge into the enclosing set, and are counted there.
      if (problem !== undefined || (parent !== undefined && !Array.isArray(parent) && (parent as { kind?: string }).kind === Kind.INLINE_FRAGMENT)) return;
      for (const [name, times] of counter.count(node)) {
        if (times > limits.maxFieldRepeats) {
          problem = { limit: "maxFieldRepeats", message: `The field "${name}" is selected more than ${limits.maxFieldRepeats} times in one selection set.` };
          return;
        }
      }
    },
  });
  return problem;
}

/**
 * A validation rule that looks at the document's shape before anything costly does. When a limit is
 * exceeded it reports QUERY_TOO_COMPLEX and returns null for the document node, which (graphql-js
 * visitor contract, shared by every rule visiting in parallel) removes the document from the traversal:
 * no other rule then spends time on it.
 */
export function documentShapeRule(limits: DocumentShapeLimits): (context: ValidationContext) => ASTVisitor {
  return (context) => ({
    Document(document) {
      const problem = shapeProblem(document, limits);
      if (problem === undefined) return undefined;
      context.reportError(new GraphQLError(problem.message, { extensions: { limit: problem.limit } }));
      return null;
    },
  });
}
