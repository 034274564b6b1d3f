import { Writable } from "node:stream";
import winston from "winston";
import { createLogger } from "../logger";
import { requestContext } from "../requestContext";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger("info", [new winston.transports.Stream({ stream: new Writable({ write: (chunk: Buffer, _e, done) => { lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>); done(); } }) })]);
  return { logger, lines };
}

describe("every log line written while serving a request carries its id", () => {
  it("takes the request id from the request's context, without being passed it", async () => {
    const { logger, lines } = capture();
    await requestContext.run({ requestId: "req-correlated-1" }, async () => {
      await Promise.resolve();
      logger.info("inside", { event: "test.inside" });
    });
    logger.info("outside", { event: "test.outside" });
    expect(lines.map((line) => [line.event, line.requestId])).toEqual([["test.inside", "req-correlated-1"], ["test.outside", undefined]]);
  });

  it("keeps a request id the caller of the logger gave", () => {
    const { logger, lines } = capture();
    requestContext.run({ requestId: "req-outer" }, () => logger.info("given", { event: "test.given", requestId: "req-given" }));
    expect(lines[0].requestId).toBe("req-given");
  });
});
