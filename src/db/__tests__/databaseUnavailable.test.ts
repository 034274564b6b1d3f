import { QueryFailedError } from "typeorm";
import { ErrorCode, HubError } from "../../errors/HubError";
import { isDatabaseUnavailable } from "../databaseUnavailable";

const withCode = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error("database said no"), { code, ...extra });

describe("which database failures a caller can wait out", () => {
  it.each([
    ["08006 connection failure", withCode("08006")],
    ["53300 too many connections", withCode("53300")],
    ["57P01 administrator shutdown (pg_terminate_backend)", withCode("57P01")],
    ["57P03 cannot connect now (starting up)", withCode("57P03")],
    ["57014 statement timeout", withCode("57014")],
    ["55P03 lock timeout", withCode("55P03")],
    ["25P03 idle-in-transaction timeout", withCode("25P03")],
    ["ECONNREFUSED", withCode("ECONNREFUSED", { syscall: "connect" })],
    ["ETIMEDOUT", withCode("ETIMEDOUT")],
    ["a missing socket file", withCode("ENOENT", { syscall: "connect" })],
    ["the pool's acquire timeout", new Error("timeout exceeded when trying to connect")],
    ["a connection cut", new Error("Connection terminated unexpectedly")],
    ["the driver's query timeout", new Error("Query read timeout")],
    ["a lock timeout inside TypeORM's QueryFailedError", new QueryFailedError("INSERT …", [], withCode("55P03"))],
    ["an audit write that failed for that reason", Object.assign(new HubError(ErrorCode.AUDIT_UNAVAILABLE, "not recorded"), { cause: new QueryFailedError("INSERT …", [], withCode("57014")) })],
  ])("%s is unavailability", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["23505 unique violation", withCode("23505")],
    ["42P01 undefined table", new QueryFailedError("SELECT …", [], withCode("42P01"))],
    ["22021 bad encoding (a NUL in text)", withCode("22021")],
    ["40P01 deadlock", withCode("40P01")],
    ["a file that is missing outside a connect", withCode("ENOENT", { syscall: "open" })],
    ["a programming error", new TypeError("x is undefined")],
    ["an audit entry the database refused", Object.assign(new HubError(ErrorCode.AUDIT_UNAVAILABLE, "not recorded"), { cause: withCode("22021") })],
    ["not an error at all", "a string"],
  ])("%s is not", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
