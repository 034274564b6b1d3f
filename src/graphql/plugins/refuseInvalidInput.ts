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
        // The declared bounds of input fields (a length, an ONS code's form: class-validator, checked by
        // type-graphql before the resolver runs) refuse a field before anything of it ran: an operation
        // refused only so, with nothing resolved, is the caller's malformed input and answers 400 as the
        // rules above do, not 200.
        async willSendResponse({ response }) {
          const body = response.body;
          if (body.kind !== "single") return;
          const { data, errors } = body.singleResult;
          if (errors === undefined || errors.length === 0 || !errors.every((error) => error.extensions?.invalidFields !== undefined)) return;
          if (data !== null && data !== undefined && Object.values(data).some((value) => value !== null)) return;
          response.http.status = 400;
        },
      };
    },
  };
}
