import { parse, specifiedRules, validate } from "graphql";
import { buildHubSchema } from "../buildHubSchema";
import { documentShapeRule } from "../limits/documentShapeRule";

const LIMITS = { maxOperations: 3, maxFieldRepeats: 4 };

async function errorsOf(text: string): Promise<{ message: string; limit: unknown }[]> {
  const schema = await buildHubSchema();
  return validate(schema, parse(text), [...specifiedRules, documentShapeRule(LIMITS)]).map((e) => ({ message: e.message, limit: e.extensions.limit }));
}

describe("the document's shape", () => {
  it("accepts a document at the limits", async () => {
    expect(await errorsOf("query A { me { sub } } query B { me { sub } } query C { me { sub sub sub sub } }")).toEqual([]);
  });

  it("refuses more operations than the limit, and nothing else is validated", async () => {
    const errors = await errorsOf("query A { me { sub } } query B { me { sub } } query C { me { sub } } query D { me { nosuchfield } }");
    expect(errors).toEqual([{ message: expect.stringContaining("4 operations") as unknown, limit: "maxOperations" }]);
  });

  it.each([
    ["in one selection set", "{ me { sub sub sub sub sub nosuchfield } }"],
    ["through inline fragments", "{ me { sub ... on Caller { sub sub } ... on Caller { ... on Caller { sub sub } } nosuchfield } }"],
    ["through fragment spreads", "{ me { ...A ...A ...B nosuchfield } } fragment A on Caller { sub sub } fragment B on Caller { sub }"],
    ["under an alias", "{ a: me { sub } a: me { sub } a: me { sub } a: me { sub } a: me { sub } nosuchfield }"],
  ])("refuses one field repeated past the limit %s, before any other rule runs", async (_how, text) => {
    expect(await errorsOf(text)).toEqual([{ message: expect.stringContaining("more than 4 times") as unknown, limit: "maxFieldRepeats" }]);
  });

  it("counts each selection set on its own", async () => {
    expect(await errorsOf("{ me { sub sub sub sub } agencies { nodes { code code code code } } }")).toEqual([]);
  });

  it("survives a fragment cycle, which validation then reports", async () => {
    const errors = await errorsOf("{ me { ...A } } fragment A on Caller { ...B } fragment B on Caller { ...A }");
    expect(errors.map((e) => e.message).join(" ")).toMatch(/Cannot spread fragment/);
  });
});
