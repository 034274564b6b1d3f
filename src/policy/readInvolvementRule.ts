import { RECORD_FIELDS } from "../records/recordFields";
import { RECORD_DATE_FIELDS, RECORD_FIELD_VALUES, type FieldValue } from "../records/recordFieldValues";
import { RECORD_TYPES, type RecordType } from "../records/RecordType";
import { LAST_UPDATE, type FieldCondition, type InvolvementRule, type PresenceCondition } from "./PolicySet";
import { ruleBase } from "./ruleBase";
import { type YamlNode } from "./YamlNode";

/** Reads one `involvement:` rule (policies/relationships.yaml), checking every field and value against the record catalogue. */
export function readInvolvementRule(node: YamlNode): InvolvementRule {
  const map = node.map(["id", "description", "recordType", "lapsesAfterDays"], ["endsOn", "endedWhen", "endedOn", "lastActivityOn", "continuesWhile", "activityLapsesAfterDays"]);
  const recordType = map.required("recordType").oneOf(RECORD_TYPES, "record type");
  const dateField = (key: string, ...also: string[]): string | null => map.optional(key)?.oneOf([...RECORD_DATE_FIELDS[recordType], ...also], `${recordType} date field`) ?? null;
  const condition = (key: string): FieldCondition | null => {
    const conditionNode = map.optional(key);
    return conditionNode ? readFieldCondition(conditionNode, recordType) : null;
  };
  const continuesNode = map.optional("continuesWhile");
  const rule: InvolvementRule = {
    ...ruleBase(node, map),
    recordType,
    endsOn: dateField("endsOn"),
    endedWhen: condition("endedWhen"),
    endedOn: dateField("endedOn"),
    lastActivityOn: dateField("lastActivityOn", LAST_UPDATE),
    continuesWhile: continuesNode === undefined ? null : continuesNode.entries().some(([key]) => key.string() === "present") ? readPresence(continuesNode, recordType) : condition("continuesWhile"),
    lapsesAfterDays: map.required("lapsesAfterDays").integer(0),
    activityLapsesAfterDays: map.optional("activityLapsesAfterDays")?.integer(0) ?? map.required("lapsesAfterDays").integer(0),
  };
  if (map.has("activityLapsesAfterDays") && rule.lastActivityOn === null) map.required("activityLapsesAfterDays").fail('"activityLapsesAfterDays" goes with "lastActivityOn"');
  if (rule.endsOn === null && rule.endedWhen === null && rule.lastActivityOn === null) {
    node.fail("an involvement rule says when involvement ends: endsOn, endedWhen or lastActivityOn");
  }
  if (rule.endedOn !== null && rule.endedWhen === null) map.required("endedOn").fail('"endedOn" goes with "endedWhen"');
  if (rule.continuesWhile !== null && rule.lastActivityOn === null) map.required("continuesWhile").fail('"continuesWhile" qualifies "lastActivityOn"');
  return rule;
}

/** `{ field, present: true }`: a date field of the record holds a value. */
function readPresence(node: YamlNode, recordType: RecordType): PresenceCondition {
  const map = node.map(["field", "present"]);
  const field = map.required("field").oneOf(RECORD_DATE_FIELDS[recordType], `${recordType} date field`);
  if (!map.required("present").boolean()) map.required("present").fail('"present" can only be true: leave the condition out instead');
  return { field, present: true };
}

/** `{ field, values }`: a field the catalogue lets policies test, and values it can take. */
export function readFieldCondition(node: YamlNode, recordType: RecordType): FieldCondition {
  const map = node.map(["field", "values"]);
  const testable = RECORD_FIELD_VALUES[recordType];
  const fieldNode = map.required("field");
  const field = fieldNode.string();
  if (!Object.hasOwn(RECORD_FIELDS[recordType], field)) fieldNode.fail(`unknown ${recordType} field "${field}"`);
  const possible = testable[field] ?? fieldNode.fail(`${recordType}.${field} is not a field policies may test; testable: ${Object.keys(testable).join(", ") || "none"}`);
  const items = map.required("values").list();
  if (items.length === 0) map.required("values").fail("expected at least one value");
  const values: FieldValue[] = items.map((item) => {
    if (!item.isScalarValue()) item.fail("expected a single value");
    const value = typeof possible[0] === "boolean" ? item.boolean() : item.string();
    if (!possible.includes(value)) item.fail(`${recordType}.${field} cannot be ${String(value)}; expected one of: ${possible.join(", ")}`);
    return value;
  });
  return { field, values: [...new Set(values)] };
}
