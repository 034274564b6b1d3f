import { GraphQLError, type ASTVisitor, type ValidationContext } from "graphql";

/**
 * Refuses, at validation, an operation of a type the schema has no root for — a subscription: the hub
 * serves queries and mutations only. graphql-js validates such a document and then fails while
 * executing it ("Schema is not configured to execute subscription operation"), which Apollo answered as
 * an unexpected server error, logged at error level with its stack: any caller with a token could fill
 * the operators' error log. Refused here, it is the caller's mistake (HTTP 400,
 * GRAPHQL_VALIDATION_FAILED) and nothing runs.
 */
export function servedOperationTypesRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (context.getSchema().getRootType(node.operation) === undefined) {
        context.reportError(new GraphQLError("The hub serves queries and mutations only: it has no subscriptions.", { nodes: node }));
      }
    },
  };
}
