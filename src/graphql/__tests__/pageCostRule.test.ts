import { buildSchema, parse, validate } from "graphql";
import { pageCostRule } from "../limits/pageCostRule";

const schema = buildSchema(`
  type Query { items(first: Int): Page, me: Item }
  type Page { totalCount: Int, nodes: [Item] }
  type Item { a: Int, b: Int, pages(first: Int): Page }
`);
const LIMITS = { maxCost: 1000, defaultPageSize: 50, maxPageSize: 200 };

/** The cost the rule reports, or null when the operation is within the limit. */
function refusal(query: string, maxCost = LIMITS.maxCost) {
  const errors = validate(schema, parse(query), [pageCostRule({ ...LIMITS, maxCost })]);
  return errors.length === 0 ? null : { message: errors[0]?.message, limit: errors[0]?.extensions.limit };
}
const fits = (query: string, maxCost: number) => refusal(query, maxCost) === null;

describe("the page-aware cost limit", () => {
  it("counts every field once for each item of the page it is in, a page as large as its literal first", () => {
    // items, totalCount, nodes: 3; a and b on each of 10 items: 20.
    const query = "{ items(first: 10) { totalCount nodes { a b } } }";
    expect(fits(query, 23)).toBe(true);
    expect(refusal(query, 22)).toEqual({ message: expect.stringContaining("about 23 values"), limit: "costLimit" });
  });

  it("counts a page size given as a variable as the largest page, which validation cannot see past", () => {
    const query = "query ($n: Int) { items(first: $n) { nodes { a } } }";
    // items, nodes, then 200 × a.
    expect(fits(query, 202)).toBe(true);
    expect(fits(query, 201)).toBe(false);
  });

  it("counts a connection with no first as its default page", () => {
    expect(fits("{ items { nodes { a } } }", 52)).toBe(true);
    expect(fits("{ items { nodes { a } } }", 51)).toBe(false);
  });

  it("multiplies pages within pages, and leaves fields that take no first at one", () => {
    expect(refusal("{ items(first: 200) { nodes { pages(first: 200) { nodes { a } } } } }")).not.toBeNull();
    expect(fits("{ me { a b } }", 3)).toBe(true);
  });

  it("counts fields reached through fragments and inline fragments where they are spread", () => {
    const spread = "{ items(first: 10) { nodes { ...F } } } fragment F on Item { a b }";
    const inline = "{ items(first: 10) { nodes { ... on Item { a b } } } }";
    expect(fits(spread, 22)).toBe(true);
    expect(fits(spread, 21)).toBe(false);
    expect(fits(inline, 22)).toBe(true);
    expect(fits(inline, 21)).toBe(false);
  });

  it("refuses a literal page size no connection serves long before anything runs", () => {
    expect(refusal("{ items(first: 100000) { nodes { a } } }")).not.toBeNull();
  });

  it("ends on a fragment that spreads itself (refused by validation on its own)", () => {
    const errors = validate(schema, parse("{ me { ...F } } fragment F on Item { a pages { nodes { ...F } } }"), [pageCostRule(LIMITS)]);
    expect(errors).toHaveLength(0);
  });
});
