import fs from "node:fs";
import path from "node:path";
import { PASS_THROUGH_CODES } from "../../graphql/formatError";
import { ERROR_CATALOGUE } from "../errorCatalogue";
import { ErrorCode } from "../HubError";

const README = fs.readFileSync(path.join(__dirname, "..", "..", "..", "README.md"), "utf8");
const catalogued = ERROR_CATALOGUE.map((entry) => entry.code);

describe("every code a caller can receive is catalogued and in the README", () => {
  it("lists each code once", () => {
    expect(new Set(catalogued).size).toBe(catalogued.length);
  });

  it("holds every domain code and every GraphQL stage's code the hub passes on", () => {
    expect(catalogued).toEqual(expect.arrayContaining([...Object.values(ErrorCode), ...PASS_THROUGH_CODES]));
  });

  it.each(catalogued)("the README's error table has a row for %s", (code) => {
    expect(README).toMatch(new RegExp(`^\\| \`${code}\` \\|`, "m"));
  });
});
