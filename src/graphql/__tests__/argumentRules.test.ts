import "reflect-metadata";
import { getNamedType, type GraphQLField, type GraphQLObjectType } from "graphql";
import { buildHubSchema } from "../buildHubSchema";
import { argumentRulesOf } from "../input/ArgumentRules";
import { uuid } from "../input/uuid";

async function rootFields(): Promise<GraphQLField<unknown, unknown>[]> {
  const schema = await buildHubSchema();
  return [schema.getQueryType(), schema.getMutationType()].flatMap((type: GraphQLObjectType | null | undefined) => Object.values(type?.getFields() ?? {}));
}

describe("arguments whose GraphQL type says too little carry a rule the edge applies", () => {
  it("every ID argument naming a row is checked as a uuid; `sui` stays an NHS number (INVALID_SUI)", async () => {
    for (const field of await rootFields()) {
      for (const argument of field.args.filter((a) => getNamedType(a.type).name === "ID")) {
        const rule = argumentRulesOf(field)[argument.name];
        if (argument.name === "sui") expect({ field: field.name, rule }).toEqual({ field: field.name, rule: undefined });
        else expect({ field: field.name, argument: argument.name, uuid: rule === uuid }).toEqual({ field: field.name, argument: argument.name, uuid: true });
      }
    }
  });

  it("every `after` cursor is decoded by its list's cursor before any resolver runs", async () => {
    const fields = await rootFields();
    // A cursor is text; `auditCheckpoints(after: Int)` takes a checkpoint number, which GraphQL's Int coerces and its service bounds.
    const paged = fields.filter((field) => field.args.some((a) => a.name === "after" && getNamedType(a.type).name === "String"));
    expect(paged.map((f) => f.name).sort()).toEqual(["adultLinkReviews", "agencies", "deadWebhookDeliveries", "disclosures", "igAlerts", "linkReviews", "notifications", "plansHeldElsewhere", "subjectAccessRequests"]);
    expect(fields.filter((field) => field.args.some((a) => a.name === "after" && getNamedType(a.type).name !== "String")).map((f) => f.name)).toEqual(["auditCheckpoints"]);
    for (const field of paged) expect({ field: field.name, checked: typeof argumentRulesOf(field).after }).toEqual({ field: field.name, checked: "function" });
  });
});
