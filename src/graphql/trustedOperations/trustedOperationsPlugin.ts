import { type ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import { type Role } from "../../auth/Role";
import { ErrorCode, HubError } from "../../errors/HubError";
import { type HubContext } from "../context";
import { canonicalOperation, operationId } from "./canonicalOperation";

export interface TrustedOperations {
  /** Callers holding any of these roles may run only the manifest's operations. */
  enforcedFor: ReadonlySet<Role>;
  /** Canonical ids of the operations the manifest registers (`trustedOperationIds`). */
  trusted: ReadonlySet<string>;
}

/**
 * Trusted operations: once the operation is known and before anything executes, a caller in an
 * enforced role (an agency's system, in production) runs only an operation its operator registered.
 * Anything else is refused — FORBIDDEN with problem OPERATION_NOT_TRUSTED, HTTP 403 — with nothing
 * executed, read or audited. The comparison is by canonical text (`canonicalOperation`), so layout,
 * comments and unused fragments do not matter, and any other selection does.
 */
export function trustedOperationsPlugin(options: TrustedOperations): ApolloServerPlugin<HubContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ contextValue, document, operation }) {
          if (operation === undefined || !contextValue.principal.roles.some((role) => options.enforcedFor.has(role))) return Promise.resolve();
          if (options.trusted.has(operationId(canonicalOperation(document, operation)))) return Promise.resolve();
          const refusal = new HubError(ErrorCode.FORBIDDEN, "This operation is not registered for your system: ask the hub's operators to add it to the trusted operations manifest.", { problem: "OPERATION_NOT_TRUSTED" });
          throw new GraphQLError(refusal.message, { originalError: refusal, extensions: { code: refusal.code, http: { status: 403 } } });
        },
      });
    },
  };
}
