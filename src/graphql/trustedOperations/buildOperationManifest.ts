import fs from "node:fs";
import { Kind, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { canonicalOperation, operationId } from "./canonicalOperation";
import { type ManifestOperation, type OperationManifest } from "./OperationManifest";

/**
 * The manifest for a set of `.graphql` files: each document validated against the hub's schema (a
 * manifest never registers an operation that cannot run), each named operation one entry whose body is
 * its canonical text, sorted by name. Returns the problems instead when there are any.
 */
export function buildOperationManifest(schema: GraphQLSchema, files: string[]): { manifest: OperationManifest } | { problems: string[] } {
  const operations = new Map<string, ManifestOperation>();
  const problems: string[] = [];
  for (const file of files) {
    const document = parse(fs.readFileSync(file, "utf8"));
    for (const error of validate(schema, document)) problems.push(`${file}: ${error.message}`);
    for (const definition of document.definitions.filter((node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION)) {
      const name = definition.name?.value;
      if (name === undefined) {
        problems.push(`${file}: every operation needs a name`);
        continue;
      }
      if (operations.has(name)) problems.push(`${file}: a second operation named ${name}`);
      const body = canonicalOperation(document, definition);
      operations.set(name, { id: operationId(body), name, type: definition.operation, body });
    }
  }
  if (problems.length > 0) return { problems };
  return { manifest: { format: "apollo-persisted-query-manifest", version: 1, operations: [...operations.values()].sort((a, b) => a.name.localeCompare(b.name)) } };
}
