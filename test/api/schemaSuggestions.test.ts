import { CALLERS } from "../support/claims";
import { startTestHub, type TestHub } from "../support/testHub";
import { MASH_CLAIMS } from "../support/testKeys";

/**
 * In production introspection is off, and a caller probing with near-miss names must learn nothing of
 * the schema from error messages: graphql-js would otherwise answer "Did you mean …?" with the real
 * names of fields, arguments, types, input fields and enum values.
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ env: { NODE_ENV: "production" } });
});
afterAll(async () => {
  await hub.stop();
});

async function messagesOf(query: string, variables: Record<string, unknown> = {}, caller = MASH_CLAIMS) {
  const response = await hub.graphql(query, variables, await hub.token(caller));
  expect(response.status).toBe(400);
  return (response.body.errors as { message: string }[]).map((e) => e.message).join("\n");
}

describe("with introspection off, error messages suggest no schema names", () => {
  it("refuses introspection", async () => {
    expect(await messagesOf("{ __schema { types { name } } }")).toMatch(/introspection is not allowed/);
  });

  it.each([
    ["a field", "{ agencies { totalCont } }", {}, "totalCount"],
    ["an argument", "{ agencies(frist: 1) { totalCount } }", {}, "first"],
    ["a type", "query ($t: AgencyTyp) { agencies(type: $t) { totalCount } }", {}, "AgencyType"],
    ["an enum value in the document", "{ agencies(type: PRISN) { totalCount } }", {}, "PRISON"],
    ["an enum value in a variable", "query ($t: AgencyType) { agencies(type: $t) { totalCount } }", { t: "PRISN" }, "PRISON"],
    ["an input field in the document", '{ disclosures(filter: { childSiu: "9990000018" }) { totalCount } }', {}, "childSui"],
    ["an input field in a variable", "query ($f: DisclosureFilterInput) { disclosures(filter: $f) { totalCount } }", { f: { childSiu: "9990000018" } }, "childSui"],
  ])("for a misspelt %s", async (_what, query, variables, realName) => {
    const messages = await messagesOf(query, variables, CALLERS.igLead);
    expect(messages).not.toMatch(/Did you mean|Suggestion/);
    expect(messages).not.toContain(`"${realName}"`);
  });
});
