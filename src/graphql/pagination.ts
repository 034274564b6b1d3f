import { Field, ObjectType } from "type-graphql";
import { ErrorCode, HubError } from "../errors/HubError";
import { type ArgumentRule } from "./input/ArgumentRules";
import { isWithinAcceptedYears } from "./input/dateRange";
import { refusedCharacter } from "./input/text";
import { isUuid } from "./input/uuid";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

@ObjectType({ description: "Where a page ends, for cursor pagination (pass endCursor as `after`)." })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

/** Longer than any cursor the hub issues (a kind, an ISO timestamp and a uuid, base64url-encoded). */
const MAX_CURSOR_LENGTH = 200;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function notOurs(path: string): HubError {
  return new HubError(ErrorCode.INVALID_INPUT, `The \`${path}\` cursor is not one this list returned.`, { path });
}

/**
 * Cursors are opaque to callers: a kind prefix and the sort key, base64url-encoded. Decoding is strict —
 * only the exact text the hub would have issued is accepted (re-encoding must give the caller's cursor
 * back), so a forged cursor cannot carry a NUL, invalid UTF-8 or a key of another list to the database.
 */
abstract class Cursor<Position> {
  constructor(readonly kind: string) {}

  protected abstract key(position: Position): string;

  /** The position the key names, or undefined when the key is not one this list could have issued. */
  protected abstract parse(key: string): Position | undefined;

  encode(position: Position): string {
    return Buffer.from(`${this.kind}:${this.key(position)}`, "utf8").toString("base64url");
  }

  decode(cursor: string | null | undefined, path = "after"): Position | null {
    if (cursor === null || cursor === undefined) return null;
    if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) throw notOurs(path);
    const text = Buffer.from(cursor, "base64url").toString("utf8");
    if (!text.startsWith(`${this.kind}:`)) throw notOurs(path);
    const position = this.parse(text.slice(this.kind.length + 1));
    if (position === undefined || this.encode(position) !== cursor) throw notOurs(path);
    return position;
  }

  /** The same decoding as an edge rule, so a bad cursor is refused before any resolver runs. */
  readonly rule: ArgumentRule = (value, path) => {
    this.decode(value, path);
  };
}

export interface TimeAndId {
  at: Date;
  id: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** For lists ordered by (a timestamp, a uuid): the audit, IG alerts, link reviews. */
export class TimeAndIdCursor extends Cursor<TimeAndId> {
  protected key({ at, id }: TimeAndId): string {
    return `${at.toISOString()}|${id}`;
  }

  protected parse(key: string): TimeAndId | undefined {
    const [at = "", id = "", ...rest] = key.split("|");
    if (rest.length > 0 || !ISO_INSTANT.test(at) || !isUuid(id) || id !== id.toLowerCase()) return undefined;
    const instant = new Date(at);
    return Number.isNaN(instant.getTime()) || !isWithinAcceptedYears(instant) ? undefined : { at: instant, id };
  }
}

/** For lists ordered by a short code (the agency directory). */
export class CodeCursor extends Cursor<string> {
  constructor(
    kind: string,
    private readonly maxLength: number,
  ) {
    super(kind);
  }

  protected key(code: string): string {
    return code;
  }

  protected parse(key: string): string | undefined {
    return key.length > 0 && key.length <= this.maxLength && refusedCharacter(key, false) === undefined ? key : undefined;
  }
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new HubError(ErrorCode.INVALID_INPUT, `\`first\` must be from 1 to ${MAX_PAGE_SIZE}.`, { path: "first" });
  }
  return first;
}
