import { AsyncLocalStorage } from "node:async_hooks";

/** What every log line written while serving a request carries without being passed it: the request's id. */
export interface RequestContext {
  requestId: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();
