import { createHash } from "node:crypto";
import { Kind, print, visit, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";

/**
 * One operation of a document as the hub compares it: the operation and every fragment it reaches,
 * printed by graphql-js (so layout, comments and unused definitions don't matter), operation first and
 * fragments by name. Two documents that would run the same operation have the same text.
 */
export function canonicalOperation(document: DocumentNode, operation: OperationDefinitionNode): string {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const reached = new Map<string, FragmentDefinitionNode>();
  const pending: (OperationDefinitionNode | FragmentDefinitionNode)[] = [operation];
  while (pending.length > 0) {
    const node = pending.pop() as OperationDefinitionNode | FragmentDefinitionNode;
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (fragment !== undefined && !reached.has(name)) {
          reached.set(name, fragment);
          pending.push(fragment);
        }
      },
    });
  }
  const ordered = [...reached.values()].sort((a, b) => a.name.value.localeCompare(b.name.value));
  return [operation, ...ordered].map((definition) => print(definition)).join("\n\n");
}

/** The manifest id of an operation's canonical text (Apollo's persisted query manifests use SHA-256, hex). */
export function operationId(canonical: string): string {
  return createHash("sha256").update(canonical).digest("hex");
}
