import { ApolloServer } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { type GraphQLArmorCallbackConfiguration } from "@escape.tech/graphql-armor-types";
import { type HubConfig } from "../config/config";
import { type HubContext } from "./context";
import { formatError } from "./formatError";
import { documentShapeRule } from "./limits/documentShapeRule";
import { pageCostRule } from "./limits/pageCostRule";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./pagination";
import { parserLimits } from "./limits/parserLimits";
import { graphqlMetricsPlugin } from "../metrics/graphqlMetricsPlugin";
import { requestLoggingPlugin } from "./plugins/requestLogging";
import { servedOperationTypesRule } from "./limits/servedOperationTypesRule";
import { trustedOperationIds } from "./trustedOperations/OperationManifest";
import { trustedOperationsPlugin } from "./trustedOperations/trustedOperationsPlugin";
import { refuseInvalidInputPlugin } from "./plugins/refuseInvalidInput";
import { serviceUnavailableStatusPlugin } from "./plugins/serviceUnavailableStatus";

/**
 * Fixed operation limits; the ones operators tune come from the configuration. `maxCost` is the most
 * values one response may be estimated to hold (`limits/pageCostRule.ts`): a data steward's page of
 * 200 link reviews with every field is about 5,600.
 */
export const FIXED_LIMITS = { maxDirectives: 20, maxCost: 20000, maxOperations: 20, maxFieldRepeats: 20 } as const;

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
 * Apollo Server with the hub's lifecycle concerns: limits at each stage (the parser: tokens and
 * comments; validation: document shape, then armor's depth, aliases and directives, then the page-aware cost), no schema
 * suggestions in any message, the edge's input rules before execution, request logging, error
 * formatting. No batched requests, no persisted-query registry, no stack traces in responses.
 */
export function createApolloServer(schema: GraphQLSchema, config: HubConfig): ApolloServer<HubContext> {
  const limits = config.graphql;
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ...reject("maxDepth") },
    maxAliases: { n: limits.maxAliases, ...reject("maxAliases") },
    maxDirectives: { n: FIXED_LIMITS.maxDirectives, ...reject("maxDirectives") },
    // Its cost estimate multiplies by a literal `first` only (a variable counts as one item) and grows
    // 1.5× per level, refusing a steward's full page while a variable page size passes unweighed: the
    // hub's own page-aware rule replaces it.
    costLimit: { enabled: false },
    // Armor's token check re-parses the document in a plugin, where a syntax error becomes HTTP 500 and
    // its own limit reaches no reporter: the parser enforces tokens instead (parseOptions below).
    maxTokens: { enabled: false },
    // Its masking misses enum-value suggestions; graphql-js's hideSuggestions removes them all.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return new ApolloServer<HubContext>({
    schema,
    introspection: limits.introspection,
    parseOptions: parserLimits(limits.maxTokens),
    validationRules: [documentShapeRule(FIXED_LIMITS), servedOperationTypesRule, ...armor.validationRules, pageCostRule({ maxCost: FIXED_LIMITS.maxCost, defaultPageSize: DEFAULT_PAGE_SIZE, maxPageSize: MAX_PAGE_SIZE })],
    validationOptions: { hideSuggestions: true },
    plugins: [
      // Trusted operations first: an operation its caller may not run is refused before its input is inspected.
      ...(config.trustedOperations.enforcedFor.length > 0
        ? [trustedOperationsPlugin({ enforcedFor: new Set(config.trustedOperations.enforcedFor), trusted: trustedOperationIds(config.trustedOperations.manifest) })]
        : []),
      refuseInvalidInputPlugin(),
      requestLoggingPlugin(),
      serviceUnavailableStatusPlugin(),
      graphqlMetricsPlugin(),
    ],
    allowBatchedHttpRequests: false,
    // Every request carries its own document, which the parser limits bound; no caller-filled cache.
    persistedQueries: false,
    includeStacktraceInErrorResponses: false,
    // The hub handles SIGTERM itself (drain HTTP, then Apollo, then the database): Apollo's own
    // handler would race it and re-raise the signal mid-shutdown.
    stopOnTerminationSignals: false,
    formatError,
  });
}
