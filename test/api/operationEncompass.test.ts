import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS } from "../support/testKeys";

/**
 * Operation Encompass (DOMAIN "Who must tell whom"): the DSL of the school a child is on the roll of
 * reads a domestic abuse incident involving the pupil — its type, date and the child's role — and
 * never its intelligence, its summary, the officer, or any other kind of incident. A child of this
 * file's own.
 */
let hub: TestHub;
const childSui = syntheticNhsNumbers(850_000).next().value as string;

beforeAll(async () => {
  hub = await startTestHub();
  const child = { sui: childSui, givenNames: "Osian", familyName: "Encompass", dateOfBirth: "2015-02-02", sex: "MALE", address: { kind: "HOME", line1: "6 Hearth Row", postcode: "HP20 7ST", localAuthority: "E06000060" } };
  const records: [string, Record<string, unknown>][] = [
    ["EDUCATION", { agencyCode: "SCH-199001", agencyReference: "UPN-ENC-1", child, education: { rollStatus: "ON_ROLL", onRollFrom: "2020-09-01" } }],
    ["POLICE", { agencyCode: "POLICE-43", agencyReference: "TVP-ENC-DA", child, police: {
      incidentType: "DOMESTIC_ABUSE", childRole: "WITNESS", occurredOn: "2026-12-05", reportedOn: "2026-12-05",
      summary: "Neighbour called police to shouting at the address", intelligence: "Partner has previous for assault", officerName: "PC Example", officerContact: "pc.example@tvp.example",
    } }],
    ["POLICE", { agencyCode: "POLICE-43", agencyReference: "TVP-ENC-OTHER", child, police: { incidentType: "ONLINE_HARM", childRole: "VICTIM", reportedOn: "2026-11-02", summary: "Images shared by another pupil" } }],
  ];
  for (const [agencyType, record] of records) {
    const body = (await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode as string, agencyType)))).body;
    expect(body.errors).toBeUndefined();
  }
});
afterAll(async () => {
  await hub.stop();
});

const ENCOMPASS_QUERY = /* GraphQL */ `
  query ($sui: ID!, $access: AccessContext!) {
    child(sui: $sui, access: $access) { police { agencyReference incidentType occurredOn reportedOn childRole summary intelligence officerName } }
  }
`;

it("gives the pupil's school the domestic abuse incident's type, date and the child's role, and nothing else of it", async () => {
  const body = (await hub.graphql(ENCOMPASS_QUERY, { sui: childSui, access: access("STRATEGY_DISCUSSION") }, await hub.token(CALLERS.schoolDsl))).body;
  expect(body.errors).toBeUndefined();
  const police = body.data.child.police as Record<string, unknown>[];
  expect(police).toContainEqual({ agencyReference: "TVP-ENC-DA", incidentType: "DOMESTIC_ABUSE", occurredOn: "2026-12-05", reportedOn: "2026-12-05", childRole: "WITNESS", summary: null, intelligence: null, officerName: null });
  // Another kind of incident: the school learns only that the force holds a record.
  expect(police).toContainEqual({ agencyReference: null, incidentType: null, occurredOn: null, reportedOn: null, childRole: null, summary: null, intelligence: null, officerName: null });
  expect(JSON.stringify(body)).not.toMatch(/shouting|previous for assault|Images shared/);
});
