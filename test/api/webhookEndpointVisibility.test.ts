import { CALLERS } from "../support/claims";
import { changeAgency, DIRECTORY_PROPOSER } from "../support/directory";
import { startTestHub, type TestHub } from "../support/testHub";
import { type TestClaims } from "../support/testKeys";

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

const AGENCIES = /* GraphQL */ `query { agencies(type: POLICE, first: 100) { nodes { code webhookUrl } } }`;
const HISTORY = /* GraphQL */ `query ($code: String!) { agencyHistory(code: $code) { version entry { code webhookUrl } } }`;

const directoryAdmin = DIRECTORY_PROPOSER;
// A fictional force of this file's own, with the endpoint its case system receives notifications on.
const FORCE = { code: "POLICE-88", name: "Westmarch Constabulary", type: "POLICE", servedLocalAuthorities: ["E06000060"], contactEmail: "ppu@westmarch.example", webhookUrl: "https://hooks.westmarch-police.example/hub/7f3a" };
const forceSystem: TestClaims = { sub: "system-westmarch", name: "Westmarch case system", agency: "POLICE-88", agency_type: "POLICE", roles: ["AGENCY_SYSTEM"], la: "E06000060" };
const otherIgLead: TestClaims = { ...CALLERS.igLead, sub: "ig-lead-wh" };

const endpointOf = (nodes: { code: string; webhookUrl: string | null }[]) => nodes.find((node) => node.code === "POLICE-88")?.webhookUrl;

/**
 * An agency's webhook endpoint is where the hub sends children's information: knowing it is the first
 * step to impersonating or flooding that agency's receiver. The directory's organisational contacts are
 * for everyone; the endpoint only for the directory's administrators and the agency itself.
 */
describe("an agency's webhook endpoint", () => {
  beforeAll(async () => {
    await changeAgency(hub, FORCE);
  });

  test.each([
    ["a school's DSL", CALLERS.schoolDsl],
    ["another agency's social worker", CALLERS.socialWorker],
    ["another force's officer", CALLERS.police],
    ["another agency's IG lead", otherIgLead],
  ])("is not shown to %s in the directory (null, as for an agency with none)", async (_who, caller) => {
    const response = await hub.graphql(AGENCIES, {}, await hub.token(caller)).expect(200);
    expect(response.body.errors).toBeUndefined();
    expect(endpointOf(response.body.data.agencies.nodes)).toBeNull();
  });

  test("nor to another agency's IG lead reading the entry's history", async () => {
    const response = await hub.graphql(HISTORY, { code: "POLICE-88" }, await hub.token(otherIgLead)).expect(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.agencyHistory.map((version: { entry: { webhookUrl: string | null } }) => version.entry.webhookUrl)).toEqual([null]);
  });

  test("is shown to the directory's administrators and to the agency itself", async () => {
    for (const caller of [directoryAdmin, forceSystem]) {
      const response = await hub.graphql(AGENCIES, {}, await hub.token(caller)).expect(200);
      expect(endpointOf(response.body.data.agencies.nodes)).toBe(FORCE.webhookUrl);
    }
    const history = await hub.graphql(HISTORY, { code: "POLICE-88" }, await hub.token(directoryAdmin)).expect(200);
    expect(history.body.data.agencyHistory[0].entry.webhookUrl).toBe(FORCE.webhookUrl);
  });
});
