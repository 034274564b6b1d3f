import { type DataSource } from "typeorm";
import { recordAuditEntry, type AuditEntryInput } from "../recordAuditEntry";

/** Never reached: the entry is refused before anything is written. */
const NO_DATABASE = {} as DataSource;

const entry = (overrides: Partial<AuditEntryInput>): AuditEntryInput => ({
  requestId: "req-1",
  principal: { sub: "sw-1", name: "Never Logged", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE", roles: ["SOCIAL_WORKER"], localAuthority: "E06000060", team: null, tokenId: null },
  operation: "CHILD_RECORD",
  access: null,
  childSuis: [],
  outcome: "REFUSED",
  fieldsDisclosed: [],
  fieldsWithheld: [],
  policyVersion: null,
  breakGlass: false,
  prejudicesInvestigation: false,
  ...overrides,
});

describe("an audit entry the hub cannot describe", () => {
  it.each([
    ["an unknown operation", { operation: "PEEK" as never }, "unknown audit operation"],
    ["an unknown outcome", { outcome: "MAYBE" as never }, "unknown audit outcome"],
    ["a blank request id", { requestId: "  " }, "an audit entry needs a request id"],
  ])("is refused as AUDIT_UNAVAILABLE for %s, the reason kept as its cause", async (_label, overrides, reason) => {
    await expect(recordAuditEntry(NO_DATABASE, entry(overrides))).rejects.toMatchObject({ code: "AUDIT_UNAVAILABLE", cause: expect.objectContaining({ message: reason }) });
  });
});
