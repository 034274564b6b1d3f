import { type ApolloServerPlugin } from "@apollo/server";
import { Kind, visit, type DocumentNode } from "graphql";
import { ErrorCode, HubError } from "../../errors/HubError";
import { type HubContext } from "../context";

const NUL = "\u0000";

function containsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes(NUL);
  if (Array.isArray(value)) return value.some(containsNul);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsNul);
  return false;
}

function documentContainsNul(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.STRING](node) {
      if (node.value.includes(NUL)) found = true;
    },
  });
  return found;
}

/**
 * PostgreSQL cannot store U+0000 in text. Let through, it would fail deep inside a write — and inside
 * the audit, whose entries are committed together, one caller's NUL could fail other callers'
 * requests. It is refused at the edge, for every operation, with INVALID_INPUT.
 */
export function refuseNulCharactersPlugin(): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          if (containsNul(request.variables) || documentContainsNul(document)) {
            throw new HubError(ErrorCode.INVALID_INPUT, "Text may not contain the NUL character (U+0000).", { path: "variables" });
          }
        },
      };
    },
  };
}
