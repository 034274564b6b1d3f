import { type ApolloServerPlugin } from "@apollo/server";
import { Kind, type OperationDefinitionNode } from "graphql";
import { graphqlDuration, graphqlRequests } from "./hubMetrics";

/**
 * Counts and times each GraphQL request by the schema's root fields it asked for (`child`,
 * `submitRecord`…: a closed set, unlike the operation's name, which the caller chooses) and its
 * outcome: `ok`, or the first error's `extensions.code` — already one of the hub's stable codes by the
 * time the response is sent. A request that never reached an operation (it did not parse, or named
 * none) is counted as `none`.
 */
export function graphqlMetricsPlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      const started = process.hrtime.bigint();
      let operations: string[] = ["none"];
      return Promise.resolve({
        didResolveOperation({ operation }) {
          if (operation) operations = rootFields(operation);
          return Promise.resolve();
        },
        willSendResponse({ response }) {
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
          const code = errors?.[0]?.extensions?.code;
          const outcome = errors === undefined || errors.length === 0 ? "ok" : typeof code === "string" ? code : "UNKNOWN";
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          for (const operation of operations) {
            graphqlRequests.inc({ operation, outcome });
            graphqlDuration.observe({ operation }, seconds);
          }
          return Promise.resolve();
        },
      });
    },
  };
}

/** The root fields an operation selects, each once; fragments at the root are followed by name only as `fragment`. */
function rootFields(operation: OperationDefinitionNode): string[] {
  const fields = new Set<string>();
  for (const selection of operation.selectionSet.selections) fields.add(selection.kind === Kind.FIELD ? selection.name.value : "fragment");
  return fields.size === 0 ? ["none"] : [...fields];
}
