import { type ApolloServerPlugin } from "@apollo/server";
import { type HubContext } from "../context";
import { principalLogFields } from "../../auth/Principal";
import { describeError } from "../../logging/logger";
import { isUnexpected } from "../formatError";
import { ErrorCode, isHubError } from "../../errors/HubError";

/** An operation name is caller-supplied text: only a plain identifier is logged. */
function safeOperationName(name: string | null | undefined): string | undefined {
  return name && /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) ? name : undefined;
}

/**
 * One log line per GraphQL request: who (sub, agency, roles), what operation, how long, and the error
 * codes returned — never variables or results. Unexpected errors are logged with their class and stack
 * frames, not their messages.
 */
export function requestLoggingPlugin(): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      const { logger, principal } = contextValue;
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const original = error.originalError;
            if (isUnexpected(error)) logger.error("unexpected error", { event: "graphql.error", ...describeError(original ?? error) });
            // Nothing was disclosed, but operators must learn why the trail refused the write.
            else if (isHubError(original) && original.code === ErrorCode.AUDIT_UNAVAILABLE) logger.error("audit unavailable", { event: "audit.unavailable", ...describeError(original.cause) });
          }
        },
        async willSendResponse({ response, operationName, operation }) {
          const body = response.body;
          const errors = body.kind === "single" ? (body.singleResult.errors ?? []) : [];
          logger.info("graphql request", {
            event: "graphql.request",
            ...principalLogFields(principal),
            operationName: safeOperationName(operationName),
            operationType: operation?.operation,
            durationMs: Number((process.hrtime.bigint() - started) / 1_000_000n),
            codes: errors.map((e) => e.extensions?.code).filter((c) => typeof c === "string"),
          });
        },
      };
    },
  };
}
