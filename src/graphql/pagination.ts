import { Field, ObjectType } from "type-graphql";
import { ErrorCode, HubError } from "../errors/HubError";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

@ObjectType({ description: "Where a page ends, for cursor pagination (pass endCursor as `after`)." })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

/** Cursors are opaque to callers: a kind prefix and the sort key, base64url-encoded. */
export function encodeCursor(kind: string, key: string): string {
  return Buffer.from(`${kind}:${key}`, "utf8").toString("base64url");
}

export function decodeCursor(kind: string, cursor: string | null | undefined): string | null {
  if (cursor === null || cursor === undefined) return null;
  const decoded = /^[A-Za-z0-9_-]{1,400}$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  if (!decoded.startsWith(`${kind}:`)) throw new HubError(ErrorCode.INVALID_INPUT, "The `after` cursor is not one this list returned.", { path: "after" });
  return decoded.slice(kind.length + 1);
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new HubError(ErrorCode.INVALID_INPUT, `\`first\` must be from 1 to ${MAX_PAGE_SIZE}.`, { path: "first" });
  }
  return first;
}
