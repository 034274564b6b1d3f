import "reflect-metadata";
import { CodeCursor, pageSize, TimeAndIdCursor } from "../pagination";

const REVIEWS = new TimeAndIdCursor("link-review");
const AGENCIES = new CodeCursor("agency", 40);
const ID = "0b6f3a52-57c4-4f0e-9b9a-2f1c4f1d7e10";
const raw = (text: string) => Buffer.from(text, "utf8").toString("base64url");

function refusal(decode: () => unknown): unknown {
  try {
    decode();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("cursors", () => {
  it("decode to exactly the position they were issued for", () => {
    const at = new Date("2026-03-02T10:15:30.123Z");
    expect(REVIEWS.decode(REVIEWS.encode({ at, id: ID }))).toEqual({ at, id: ID });
    expect(AGENCIES.decode(AGENCIES.encode("LA-E06000060"))).toBe("LA-E06000060");
    expect(REVIEWS.decode(null)).toBeNull();
    expect(REVIEWS.decode(undefined)).toBeNull();
  });

  it.each([
    ["a timestamp before year 1 (JavaScript accepts it, PostgreSQL does not)", raw(`link-review:-271821-04-20T00:00:00.000Z|${ID}`)],
    ["a six-digit year", raw(`link-review:+275760-09-13T00:00:00.000Z|${ID}`)],
    ["year 0000", raw(`link-review:0000-01-01T00:00:00.000Z|${ID}`)],
    ["a timestamp not in the hub's own form", raw(`link-review:2026-03-02 10:15:30|${ID}`)],
    ["an impossible date", raw(`link-review:2026-02-30T00:00:00.000Z|${ID}`)],
    ["36 dashes for a uuid", raw("link-review:2026-03-02T10:15:30.123Z|------------------------------------")],
    ["an uppercase uuid (never issued)", raw(`link-review:2026-03-02T10:15:30.123Z|${ID.toUpperCase()}`)],
    ["a NUL", raw(`link-review:2026-03-02T10:15:30.123Z|${ID}\u0000`)],
    ["a third part", raw(`link-review:2026-03-02T10:15:30.123Z|${ID}|x`)],
    ["another list's kind", raw(`ig-alert:2026-03-02T10:15:30.123Z|${ID}`)],
    ["padding (not the canonical encoding)", `${REVIEWS.encode({ at: new Date("2026-03-02T10:15:30.123Z"), id: ID })}=`],
    ["characters outside base64url", "bGluay1yZXZpZXc6*"],
    ["an oversized cursor", "A".repeat(201)],
  ])("refuse %s with INVALID_INPUT on the argument", (_name, cursor) => {
    expect(refusal(() => REVIEWS.decode(cursor, "after"))).toMatchObject({ code: "INVALID_INPUT", details: { path: "after" } });
  });

  it.each([
    ["a NUL", raw("agency:LA\u0000")],
    ["invalid UTF-8", Buffer.concat([Buffer.from("agency:"), Buffer.from([0xff, 0xfe])]).toString("base64url")],
    ["an escape sequence", raw("agency:\u001b[2J")],
    ["an empty code", raw("agency:")],
    ["a code longer than any the directory holds", raw(`agency:${"A".repeat(41)}`)],
  ])("refuse a directory cursor carrying %s", (_name, cursor) => {
    expect(refusal(() => AGENCIES.decode(cursor))).toMatchObject({ code: "INVALID_INPUT" });
  });

  it("refuses a page size outside 1 to 200", () => {
    expect(pageSize(undefined)).toBe(50);
    expect(refusal(() => pageSize(0))).toMatchObject({ code: "INVALID_INPUT", details: { path: "first" } });
    expect(refusal(() => pageSize(201))).toMatchObject({ code: "INVALID_INPUT" });
  });
});
