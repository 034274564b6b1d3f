import { ApolloServer } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { type GraphQLArmorCallbackConfiguration } from "@escape.tech/graphql-armor-types";
import { type HubConfig } from "../config/config";
import { type HubContext } from "./context";
import { formatError } from "./formatError";
import { requestLoggingPlugin } from "./plugins/requestLogging";
import { refuseNulCharactersPlugin } from "./plugins/refuseNulCharacters";

/**
 * Reports a rejection by a limit with the limit's name, so formatError can give it the
 * QUERY_TOO_COMPLEX code (armor's own reporter would replace it with a generic error).
 */
function reject(limit: string): Pick<GraphQLArmorCallbackConfiguration, "onReject" | "propagateOnRejection"> {
  return {
    propagateOnRejection: false,
    onReject: [
      (context, error) => {
        context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ""), { extensions: { limit } }));
      },
    ],
  };
}

/**
 * Apollo Server with the hub's lifecycle concerns as plugins: operation limits (depth, aliases, tokens,
 * cost, directives; no field suggestions that would map the schema for an attacker), request logging,
 * error formatting. No batched requests; no stack traces in responses.
 */
export function createApolloServer(schema: GraphQLSchema, config: HubConfig): ApolloServer<HubContext> {
  const limits = config.graphql;
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ...reject("maxDepth") },
    maxAliases: { n: limits.maxAliases, ...reject("maxAliases") },
    maxTokens: { n: limits.maxTokens, ...reject("maxTokens") },
    maxDirectives: { n: 20, ...reject("maxDirectives") },
    costLimit: { maxCost: 5000, ...reject("costLimit") },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return new ApolloServer<HubContext>({
    schema,
    introspection: limits.introspection,
    plugins: [...armor.plugins, refuseNulCharactersPlugin(), requestLoggingPlugin()],
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // The hub handles SIGTERM itself (drain HTTP, then Apollo, then the database): Apollo's own
    // handler would race it and re-raise the signal mid-shutdown.
    stopOnTerminationSignals: false,
    formatError,
  });
}
