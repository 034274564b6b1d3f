import { type ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import { isHubError } from "../../errors/HubError";
import { type HubContext } from "../context";
import { coerceVariables } from "../input/coerceVariables";
import { inspectArguments } from "../input/inspectArguments";

/**
 * The edge's input rules (see ../input/), once the operation is known and before anything executes:
 * a refusal is HTTP 400 with INVALID_INPUT and the offending path, and no resolver, database query or
 * audit write happens. (Thrown without an HTTP status, Apollo would answer a caller's mistake with 500.)
 */
export function refuseInvalidInputPlugin(): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (operation === undefined) return;
          try {
            const variables = coerceVariables(schema, operation.variableDefinitions ?? [], request.variables ?? {});
            inspectArguments(schema, document, operation, variables);
          } catch (error) {
            if (!isHubError(error)) throw error;
            throw new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, http: { status: 400 } } });
          }
        },
      };
    },
  };
}
