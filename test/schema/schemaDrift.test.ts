import fs from "node:fs";
import path from "node:path";
import { buildHubSchema, printHubSchema } from "../../src/graphql/buildHubSchema";

describe("the committed schema", () => {
  it("matches the schema the code builds (run `npm run schema:emit` after changing the API)", async () => {
    const committed = fs.readFileSync(path.join(__dirname, "../../schema/schema.graphql"), "utf8");
    expect(printHubSchema(await buildHubSchema())).toBe(committed);
  });
});
