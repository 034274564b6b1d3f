import { ErrorCode } from "./HubError";

/** One `extensions.code` a caller can receive, with the HTTP status it comes with and what to do about it. */
export interface ErrorCatalogueEntry {
  code: string;
  /** The HTTP status of the response that carries it (GraphQL errors inside a 200 response say 200). */
  http: string;
  meaning: string;
}

/**
 * Every `extensions.code` the hub can answer: the domain's `ErrorCode`s, the GraphQL stages' codes that
 * `graphql/formatError.ts` passes on, and the HTTP edge's. The README's error table lists each
 * (`__tests__/errorCatalogue.test.ts` fails when a code is added without it).
 */
export const ERROR_CATALOGUE: readonly ErrorCatalogueEntry[] = [
  { code: ErrorCode.UNAUTHENTICATED, http: "401", meaning: "No bearer token, or one the hub does not accept; `reason` says which: `MISSING`, `MALFORMED`, `EXPIRED`, `NOT_YET_VALID`, `BAD_SIGNATURE`, `ALGORITHM_NOT_ALLOWED` (only asymmetric algorithms), `WRONG_ISSUER`, `WRONG_AUDIENCE`, `UNKNOWN_KEY`, `INVALID_CLAIMS`." },
  { code: ErrorCode.FORBIDDEN, http: "200 / 403", meaning: "Your role or agency may not do this (default deny); `problem` and `rule` where a policy decided it. Refusals of disclosure are audited. HTTP 403 with `OPERATION_NOT_TRUSTED`: your system ran an operation the trusted operations manifest does not hold; with `AGENCY_NOT_IN_DIRECTORY` / `AGENCY_NOT_ACTIVE` / `AGENCY_TYPE_MISMATCH` / `AGENCY_AREA_MISMATCH`: the directory does not hold your agency, holds it as inactive, as another type than your token claims, or (staff) as serving no local authority your token's `la` names — a council only its own, a police force, health body, school or other agency the areas its directory entry lists — and nothing is read or submitted for it. With `ROLE_NOT_HELD_BY_AGENCY`: your token carries a role your agency's type cannot hold (`policies/roles.yaml`: the MASH, social workers and CSC managers are children's social care's, a police officer a police force's, a DSL a school's, …); the whole token is refused and nothing is read or submitted for it." },
  { code: ErrorCode.INVALID_INPUT, http: "400 / 200", meaning: "The input is wrong: `path` names it and `problem` says why. HTTP 400 when the edge refused it before anything ran (a control character, a malformed id, cursor or case reference, a date outside 0001–9999, a variable of the wrong type, a body that is not JSON, a field past its declared length or form when nothing else of the operation ran)." },
  { code: ErrorCode.INVALID_SUI, http: "200", meaning: "Not a valid NHS number (length, digits or check digit); `path` names it." },
  { code: ErrorCode.SUI_REQUIRED, http: "—", meaning: "No longer issued (records without an SUI are matched); kept so the code is never reused." },
  { code: ErrorCode.UNKNOWN_AGENCY, http: "200", meaning: "The agency code is not in the hub's directory, or is no longer active." },
  { code: ErrorCode.RECORD_TYPE_MISMATCH, http: "200", meaning: "The record's details block is not the one your agency type submits." },
  { code: ErrorCode.QUERY_TOO_COMPLEX, http: "400", meaning: "The document or operation is over a limit, named in `limit` (`maxTokens`, `maxDepth`, `maxAliases`, `costLimit`, …)." },
  { code: ErrorCode.ACCESS_CONTEXT_INVALID, http: "200", meaning: "The `access` context is missing, blank or does not fit your role and the work; `problem` and `rule` say why. Audited." },
  { code: ErrorCode.AUDIT_UNAVAILABLE, http: "200", meaning: "The database refused the audit entry, so nothing was disclosed (no audit, no disclosure)." },
  { code: ErrorCode.NOT_FOUND, http: "200", meaning: "Nothing by that name, or nothing you may know exists." },
  { code: ErrorCode.CONFLICT, http: "200", meaning: "The request contradicts the current state: a review already decided, a child already merged, a reference reused for a different thing." },
  { code: ErrorCode.SERVICE_UNAVAILABLE, http: "503", meaning: "The database could not be reached or did not answer in time, or the hub is starting; `Retry-After` says when to retry. Nothing was disclosed." },
  { code: ErrorCode.RATE_LIMITED, http: "429", meaning: "Over your requests per minute, or your agency's (`limit` says which); `Retry-After` says when to try again. Nothing ran." },
  { code: ErrorCode.SEARCH_TOO_WIDE, http: "200", meaning: "`searchChildren` would show too many children, or was given a single field: narrow it as the message advises (a name with a date of birth, a postcode, the SUI or an agency's reference). Audited." },
  { code: ErrorCode.INTERNAL_SERVER_ERROR, http: "200 / 500", meaning: "Something unexpected: masked. Quote the `X-Request-Id` response header." },
  { code: "GRAPHQL_PARSE_FAILED", http: "400", meaning: "The document is not GraphQL." },
  { code: "GRAPHQL_VALIDATION_FAILED", http: "400", meaning: "The document does not fit the schema (`schema/schema.graphql`); no schema names are suggested." },
  { code: "BAD_REQUEST", http: "400 / 405", meaning: "Not a GraphQL request the hub takes: no `query`, a batched array (400), or a mutation sent by GET (405)." },
  { code: "PERSISTED_QUERY_NOT_FOUND", http: "200", meaning: "A persisted query hash the hub does not hold: send the document itself." },
  { code: "PERSISTED_QUERY_NOT_SUPPORTED", http: "200", meaning: "Persisted queries are not accepted here." },
  { code: "OPERATION_RESOLUTION_FAILURE", http: "400", meaning: "Several operations and no (or an unknown) `operationName`." },
  { code: "PAYLOAD_TOO_LARGE", http: "413", meaning: "The request body is over `GRAPHQL_MAX_BODY_BYTES`." },
];
