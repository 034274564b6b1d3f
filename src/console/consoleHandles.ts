import { type ConsoleSession } from "./ConsoleSession";
import { newHandle } from "./consoleSessions";

/**
 * What a URL's opaque handle stands for: a child (by SUI), a page of a list, a link review or a
 * notification, kept in the session as the hub named it. SUIs, the hub's ids and cursors name people's
 * records and work, so they stay in the session and only the handle reaches a URL.
 */
export type HandleTarget =
  | { kind: "child"; sui: string }
  | { kind: "reviews-page"; after: string }
  | { kind: "review"; id: string }
  | { kind: "notifications-page"; after: string; status: string | null }
  | { kind: "notification"; id: string };

/** A session keeps this many handles (the newest): it must not grow without bound. */
const MAX_HANDLES = 200;

/** Each kind's handles are kept under a key of their own, so a review's handle opens no child and a child's no review. */
const keyOf = (kind: HandleTarget["kind"], handle: string) => `${kind}:${handle}`;

/** New handles for these targets, in order, saved with the session's others. */
export async function handlesFor(save: (handles: Record<string, string>) => Promise<void>, session: ConsoleSession, targets: HandleTarget[]): Promise<string[]> {
  const handles = { ...session.handles };
  const given = targets.map((target) => {
    const handle = newHandle();
    handles[keyOf(target.kind, handle)] = JSON.stringify(target);
    return handle;
  });
  await save(Object.fromEntries(Object.entries(handles).slice(-MAX_HANDLES)));
  return given;
}

/** What this session's handle of this kind stands for; null for another session's, another kind's, or none. */
export function targetOf<K extends HandleTarget["kind"]>(session: ConsoleSession, kind: K, handle: unknown): Extract<HandleTarget, { kind: K }> | null {
  if (typeof handle !== "string" || !/^[A-Za-z0-9_-]{22}$/.test(handle)) return null;
  const key = keyOf(kind, handle);
  if (!Object.hasOwn(session.handles, key)) return null;
  const target = JSON.parse(session.handles[key] ?? "null") as HandleTarget | null;
  return target?.kind === kind ? (target as Extract<HandleTarget, { kind: K }>) : null;
}
