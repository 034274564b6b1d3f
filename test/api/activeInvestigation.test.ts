import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS } from "../support/testKeys";

/**
 * DOMAIN rule 6: anything that would jeopardise a police investigation never reaches the family. A
 * police record of an active investigation is withheld from the family whether or not the force
 * labelled it (policies/labels.yaml derivedLabels). A child of this file's own.
 */
let hub: TestHub;
const childSui = syntheticNhsNumbers(860_000).next().value as string;

beforeAll(async () => {
  hub = await startTestHub();
  const child = { sui: childSui, givenNames: "Tegan", familyName: "Probity", dateOfBirth: "2012-08-08", sex: "FEMALE", address: { kind: "HOME", line1: "4 Quiet Way", postcode: "HP20 9EF", localAuthority: "E06000060" } };
  const records: [string, Record<string, unknown>][] = [
    ["CHILDRENS_SOCIAL_CARE", { agencyCode: "LA-E06000060", agencyReference: "CSC-INV-1", child, socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "SEXUAL_ABUSE", startDate: "2026-10-01", responsibleLocalAuthority: "E06000060" } }],
    ["POLICE", { agencyCode: "POLICE-43", agencyReference: "TVP-INV-1", child, police: { incidentType: "SEXUAL_EXPLOITATION", childRole: "VICTIM", reportedOn: "2026-11-28", activeInvestigation: true } }],
  ];
  for (const [agencyType, record] of records) {
    const body = (await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode as string, agencyType)))).body;
    expect(body.errors).toBeUndefined();
  }
});
afterAll(async () => {
  await hub.stop();
});

const read = async (purpose: string) => {
  const body = (await hub.graphql(CHILD_QUERY, { sui: childSui, access: access(purpose) }, await hub.token(CALLERS.socialWorker))).body;
  expect(body.errors).toBeUndefined();
  return body.data.child as { police: unknown[]; redactions: { path: string }[] };
};

it("reaches children's social care making s.47 enquiries", async () => {
  expect((await read("SECTION_47_ENQUIRY")).police).toHaveLength(1);
});

it("never reaches a conference, where parents attend, though the force labelled nothing: no record, no redaction", async () => {
  const child = await read("CHILD_PROTECTION_CONFERENCE");
  expect(child.police).toEqual([]);
  expect(child.redactions.filter((redaction) => redaction.path.startsWith("police["))).toEqual([]);
});
