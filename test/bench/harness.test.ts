import { ResponseTally, errorRate } from "../../bench/harness/responseTally";
import { WORKLOADS } from "../../bench/harness/workloads";
import { benchRecord } from "../../bench/harness/workloads/submit";

const RECEIPT = "0b6c3f1e-2a4d-4c8e-9f10-1a2b3c4d5e6f";

describe("the load harness's tally", () => {
  it("counts 5xx apart, 503s among them, and those outside a fault", () => {
    const tally = new ResponseTally();
    tally.record(200, `{"data":{"child":{"disclosureId":"${RECEIPT}"}}}`);
    tally.record(200, `{"errors":[{"message":"refused"}],"data":null}`);
    tally.record(429, `{"errors":[]}`);
    tally.record(503, "", "database restarted");
    tally.record(500, "", null);
    tally.connectionError(3);
    expect(tally.counts).toEqual({ responses: 5, ok: 1, graphqlErrors: 1, clientErrors: 1, serverErrors: 2, unavailable: 1, serverErrorsOutsideFaults: 1, connectionErrors: 3 });
    expect([...tally.serverErrorsByFault]).toEqual([["database restarted", 1]]);
  });

  it("keeps every disclosure id a response carried, and no baseline's placeholder", () => {
    const tally = new ResponseTally();
    tally.record(200, `{"data":{"child":{"disclosureId":"${RECEIPT}"}}}`);
    tally.record(200, `{"data":{"child":{"disclosureId":"baseline"}}}`);
    tally.record(503, `{"data":{"child":{"disclosureId":"${RECEIPT.replace("0b", "ff")}"}}}`, "hub SIGKILLed");
    expect([...tally.disclosureIds]).toEqual([RECEIPT, RECEIPT.replace("0b", "ff")]);
  });

  it("states error rates as a share of requests", () => {
    expect(errorRate(0, 0)).toBe("0.0");
    expect(errorRate(1, 8)).toBe("12.5");
  });
});

describe("the load harness's workloads", () => {
  it("are named once each", () => {
    const names = WORKLOADS.map((workload) => workload.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(["disclosure", "submit", "ig"]));
  });

  it("submit a new reference each time, never an SUI", () => {
    const first = benchRecord("run", 1);
    const again = benchRecord("run", 401);
    expect(first.agencyReference).not.toBe(again.agencyReference);
    expect(first.child).toEqual(again.child);
    expect(first.child).not.toHaveProperty("sui");
  });
});
