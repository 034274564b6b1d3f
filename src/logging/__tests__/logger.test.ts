import { Writable } from "node:stream";
import winston from "winston";
import { createLogger, describeError } from "../logger";

function capture(): { lines: string[]; logger: winston.Logger } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger("debug", [new winston.transports.Stream({ stream })]) };
}

describe("logs carry no personal data (design principle 7)", () => {
  it("keeps allow-listed keys and withholds every other key's value", () => {
    const { lines, logger } = capture();
    logger.info("submitted", { requestId: "r-1", sub: "system-a", givenNames: "Ada", dateOfBirth: "2015-04-09", record: { summary: "x" } });
    const line = JSON.parse(lines[0] ?? "{}");
    expect(line.requestId).toBe("r-1");
    expect(line.sub).toBe("system-a");
    expect(line.givenNames).toBe("[withheld]");
    expect(line.dateOfBirth).toBe("[withheld]");
    expect(line.record).toBe("[withheld]");
    expect(lines[0]).not.toContain("Ada");
    expect(lines[0]).not.toContain("2015-04-09");
  });

  it("applies the allow-list to child loggers' defaults too", () => {
    const { lines, logger } = capture();
    logger.child({ requestId: "r-2", familyName: "Testbrook" }).info("x");
    expect(lines[0]).not.toContain("Testbrook");
  });

  it("describes an unexpected error by class, SQLSTATE and constraint, never its message", () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint: Key (sui)=(9990000018)'), {
      driverError: { code: "23505", constraint: "UQ_child_sui" },
    });
    const described = describeError(error);
    expect(described).toMatchObject({ errorName: "Error", sqlState: "23505", constraint: "UQ_child_sui" });
    expect(JSON.stringify(described)).not.toContain("9990000018");
  });
});
