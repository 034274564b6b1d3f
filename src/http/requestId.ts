import { randomUUID } from "node:crypto";
import { type RequestHandler } from "express";
import { requestContext } from "../logging/requestContext";

/** A caller may pass its own correlation id; anything that is not a short token is replaced. */
const ACCEPTABLE = /^[A-Za-z0-9._-]{8,64}$/;

export const REQUEST_ID_HEADER = "X-Request-Id";

/** Gives every request an id, echoed in the response header and carried on every log line and audit entry. */
export const requestId: RequestHandler = (req, res, next) => {
  const offered = req.get(REQUEST_ID_HEADER);
  const id = offered !== undefined && ACCEPTABLE.test(offered) ? offered : randomUUID();
  res.locals.requestId = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  // On every log line written while serving it (the trace's server span takes it from the header).
  requestContext.run({ requestId: id }, next);
};
