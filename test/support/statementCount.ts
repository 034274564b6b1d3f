import { Client } from "pg";
import { JOB_QUEUE_STATEMENT } from "../../src/db/jobQueueDatabase";

/**
 * Work a hub does on its own clock, whatever request is in flight: the job queue's polling and
 * maintenance (marked in its text), the audit checkpoints and the escalation timer (by where they were
 * sent from). Their statements land in any window a test measures, the more often the busier the
 * machine (a request then takes longer), so a count of a request's statements leaves them out.
 */
const BACKGROUND_SOURCE = /auditCheckpointSchedule|escalationSchedule/;

function isBackground(args: unknown[]): boolean {
  const [first] = args;
  const text = typeof first === "string" ? first : (first as { text?: unknown } | undefined)?.text;
  if (typeof text === "string" && text.startsWith(JOB_QUEUE_STATEMENT)) return true;
  return BACKGROUND_SOURCE.test(new Error().stack ?? "");
}

/**
 * How many statements the hub sends to the database while answering one request (design §5: a child
 * the caller may not see and one the hub does not hold take the same statements). Counted at the
 * driver, for every client of the process, background work left out. A hub whose counts are compared
 * starts with `AGENCY_STANDING_CACHE_SECONDS: "0"`: otherwise the cache of the caller's agency's
 * standing can expire between the two requests, and one of them reads it again.
 */
export async function statementsFor(send: () => Promise<unknown>): Promise<number> {
  const original = Object.getOwnPropertyDescriptor(Client.prototype, "query")?.value as (...parameters: unknown[]) => ReturnType<Client["query"]>;
  let statements = 0;
  const query = jest.spyOn(Client.prototype, "query").mockImplementation(function (this: Client, ...args: unknown[]) {
    if (!isBackground(args)) statements += 1;
    return original.apply(this, args);
  });
  try {
    await send();
    return statements;
  } finally {
    query.mockRestore();
  }
}
