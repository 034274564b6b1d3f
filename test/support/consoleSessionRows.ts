import { createHash } from "node:crypto";
import type request from "supertest";
import { type DataSource } from "typeorm";
import { ConsoleSession, type ConsoleSessionState } from "../../src/console/ConsoleSession";
import { openState, sealState } from "../../src/console/consoleSessions";

/**
 * A console session's row as a test reaches it: by the cookie value the browser holds, since what the
 * session holds is sealed under that value (`src/console/consoleSessions.ts`) and its id is the value's digest.
 */

/** The session cookie's value a response set. */
export const cookieOf = (response: request.Response): string =>
  /^(?:__Host-)?hub-console=([^;]+)/.exec(([] as string[]).concat(response.headers["set-cookie"] ?? []).find((line) => /^(?:__Host-)?hub-console=[^;]/.test(line)) ?? "")?.[1] ?? "";

export const sessionIdOf = (cookie: string): string => createHash("sha256").update(cookie).digest("hex");

/** The row of the session this cookie value names. */
export const sessionRow = (dataSource: DataSource, cookie: string): Promise<ConsoleSession> =>
  dataSource.getRepository(ConsoleSession).findOneByOrFail({ id: sessionIdOf(cookie) });

/** What that session holds, opened as the console opens it. */
export async function sessionState(dataSource: DataSource, cookie: string): Promise<ConsoleSessionState> {
  const state = openState(cookie, (await sessionRow(dataSource, cookie)).sealed);
  if (state === null) throw new Error("The session's state does not open under its cookie");
  return state;
}

/** Changes what that session holds, sealed as the console seals it: a stand-in for a row changed behind the console's back. */
export async function rewriteSessionState(dataSource: DataSource, cookie: string, change: (state: ConsoleSessionState) => ConsoleSessionState): Promise<void> {
  const sealed = sealState(cookie, change(await sessionState(dataSource, cookie)));
  await dataSource.getRepository(ConsoleSession).update({ id: sessionIdOf(cookie) }, { sealed });
}
