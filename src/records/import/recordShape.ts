import "reflect-metadata";
import {
  coerceInputValue,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputObjectType,
  type GraphQLInputType,
} from "graphql";
import { getMetadataStorage } from "type-graphql";
import { validate, type ValidationError } from "class-validator";
import { buildHubSchema } from "../../graphql/buildHubSchema";
import { ErrorCode, isHubError } from "../../errors/HubError";
import { inspectInputValue } from "../../graphql/input/inspectArguments";
import { type AgencyRecordSubmission } from "../AgencyRecordSubmission";
import { type LineError } from "./RecordLine";

/** The GraphQL input type an import line must match: the `record` argument of `submitRecord`. */
const RECORD_INPUT = "AgencyRecordInput";

/** Hints for scalars whose name alone does not say how to write them. */
const SCALAR_HINTS: Record<string, string> = {
  LocalDate: "a date such as 2020-01-01",
  DateTime: "a date-time with its offset, such as 2026-03-02T10:15:30Z",
};

export type ShapeCheck = { submission: AgencyRecordSubmission } | { error: LineError };

/** Checks one decoded record against the API's input contract. */
export interface RecordShape {
  check(value: unknown): Promise<ShapeCheck>;
}

let loaded: Promise<RecordShape> | undefined;

/** The shape, built once per process: building the hub's schema takes a moment. */
export function recordShape(): Promise<RecordShape> {
  loaded ??= loadRecordShape();
  return loaded;
}

/**
 * A line is accepted exactly when the API would accept it as the `record` of `submitRecord`: the
 * same GraphQL input type (types, enums, required fields, date scalars) and the same class-validator
 * limits (lengths, patterns, list sizes, which match the database columns). Restating those rules for
 * the import would let the two drift apart, and a value the database cannot hold would then fail
 * the whole import instead of one line. Domain rules (`validateSubmission`) run later, in
 * `submitRecord`, for both.
 */
async function loadRecordShape(): Promise<RecordShape> {
  const schema = await buildHubSchema();
  const recordInput = schema.getType(RECORD_INPUT);
  if (!isInputObjectType(recordInput)) throw new TypeError(`The hub schema has no input type ${RECORD_INPUT}`);
  const inputClasses = new Map(getMetadataStorage().inputTypes.map((metadata) => [metadata.name, metadata.target as new () => object]));

  return {
    async check(value) {
      let problem: LineError | undefined;
      const coerced: unknown = coerceInputValue(value, recordInput, (path, invalidValue, error) => {
        problem ??= describeCoercionProblem(recordInput, path, invalidValue, error.message);
      });
      if (problem !== undefined) return { error: problem };
      // The API's edge rules (control characters, dates PostgreSQL cannot hold), as for `submitRecord`.
      try {
        inspectInputValue(coerced, recordInput, "record");
      } catch (error) {
        if (!isHubError(error)) throw error;
        return { error: { code: error.code, path: String(error.details.path), message: error.message } };
      }
      // Coerced without a problem against an input object type, so it is an object.
      const violations = await validate(toInstance(coerced, recordInput, inputClasses) as object, {
        // As type-graphql validates resolver arguments (see buildHubSchema).
        skipMissingProperties: true,
        forbidUnknownValues: false,
        validationError: { target: false, value: false },
      });
      const violation = firstViolation(violations, []);
      if (violation !== undefined) return { error: violation };
      return { submission: coerced as AgencyRecordSubmission };
    },
  };
}

function pathText(path: readonly (string | number)[]): string {
  return path.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : `${text}.${key}`), "record");
}

/**
 * GraphQL's messages about a record's structure (a missing or unknown field, a null where a value is
 * required) name only fields and types; its messages about a leaf value quote the value, so for
 * those the message is rebuilt from the expected type.
 */
function describeCoercionProblem(root: GraphQLInputObjectType, path: readonly (string | number)[], invalidValue: unknown, message: string): LineError {
  const at = pathText(path);
  if (invalidValue === null || typeof invalidValue === "object") return { code: ErrorCode.INVALID_INPUT, path: at, message: `${at}: ${message}` };
  return { code: ErrorCode.INVALID_INPUT, path: at, message: `${at}: expects ${describeType(typeAt(root, path))}.` };
}

function typeAt(root: GraphQLInputObjectType, path: readonly (string | number)[]): GraphQLInputType | undefined {
  let type: GraphQLInputType | undefined = root;
  for (const key of path) {
    const nullable: GraphQLInputType | undefined = isNonNullType(type) ? type.ofType : type;
    if (typeof key === "number") type = isListType(nullable) ? nullable.ofType : undefined;
    else type = isInputObjectType(nullable) ? nullable.getFields()[key]?.type : undefined;
  }
  return type;
}

function describeType(type: GraphQLInputType | undefined): string {
  if (type === undefined) return "a value of another type";
  if (isListType(type) || (isNonNullType(type) && isListType(type.ofType))) return `a list of ${describeType(getNamedType(type))}`;
  const named = getNamedType(type);
  if (isEnumType(named)) return `one of ${named.getValues().map((value) => value.name).join(", ")}`;
  if (isInputObjectType(named)) return `an object (${named.name})`;
  return SCALAR_HINTS[named.name] ?? `a ${named.name}`;
}

/** The coerced value as instances of the API's input classes, which carry the class-validator rules. */
function toInstance(value: unknown, type: GraphQLInputType, inputClasses: Map<string, new () => object>): unknown {
  if (value === null || value === undefined) return value;
  if (isNonNullType(type)) return toInstance(value, type.ofType, inputClasses);
  if (isListType(type)) return (value as unknown[]).map((item) => toInstance(item, type.ofType, inputClasses));
  if (!isInputObjectType(type)) return value;
  const InputClass = inputClasses.get(type.name);
  const instance: Record<string, unknown> = InputClass === undefined ? {} : (new InputClass() as Record<string, unknown>);
  for (const [name, field] of Object.entries(type.getFields())) {
    const fieldValue = (value as Record<string, unknown>)[name];
    if (fieldValue !== undefined) instance[name] = toInstance(fieldValue, field.type, inputClasses);
  }
  return instance;
}

function firstViolation(violations: ValidationError[], parents: (string | number)[]): LineError | undefined {
  for (const violation of violations) {
    const path = [...parents, /^\d+$/.test(violation.property) ? Number(violation.property) : violation.property];
    const constraint = Object.values(violation.constraints ?? {})[0];
    if (constraint !== undefined) return { code: ErrorCode.INVALID_INPUT, path: pathText(path), message: `${pathText(path)}: ${constraint}.` };
    const nested = firstViolation(violation.children ?? [], path);
    if (nested !== undefined) return nested;
  }
  return undefined;
}
