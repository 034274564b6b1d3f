import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS } from "../support/testKeys";

/**
 * An adult's names as another agency reads them (design principle 8): a name an agency reported only
 * in a sealed record never shows through that agency's ordinary record of the same person, whichever
 * it sent first. Every child and adult here is this file's own, fictional.
 */
let hub: TestHub;
const numbers = syntheticNhsNumbers(893_300);
const next = () => numbers.next().value as string;
const BUCKS = "E06000060";
const home = (line1: string, postcode: string) => ({ kind: "HOME", line1, town: "Sampleton", postcode, localAuthority: BUCKS });
const child = (givenNames: string, familyName: string, dateOfBirth: string, address = home("3 Osier Lane", "HP20 2OL")) => ({ sui: next(), givenNames, familyName, dateOfBirth, sex: "FEMALE", address });
type Child = ReturnType<typeof child>;
type Person = Record<string, unknown> & { reference: string };

const socialCare = (agencyReference: string, of: Child, relatedAdults: Person[], labels: string[] = []) => ({
  agencyCode: "LA-E06000060", agencyReference, child: of, relatedAdults, labels,
  socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-09-01", allocatedWorkerName: "Ren Worker", allocatedWorkerContact: "ren.worker@bucks.example", responsibleLocalAuthority: BUCKS },
});
const probation = (agencyReference: string, of: Child, offender: Person) => ({
  agencyCode: "PDU-BUCKS", agencyReference, child: of, relatedAdults: [{ sex: "MALE", relationship: "NO_FAMILIAL_RELATIONSHIP", ...offender, subjectOfRecord: true, posesRiskToChild: true }],
  probation: { roshLevel: "HIGH", roshTo: ["CHILDREN"], offenderManagerName: "Link Review Manager" },
});

async function submit(agencyType: string, record: { agencyCode: string } & Record<string, unknown>) {
  const body = (await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode, agencyType, BUCKS)))).body;
  expect(body.errors).toBeUndefined();
  return body.data.submitRecord as { recordId: string };
}


beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

describe("a person an agency first reported in a sealed record", () => {
  it("is shown through its ordinary record by the name that record gives, never the sealed one", async () => {
    const sealedChild = child("Briony", "Ashdown", "2015-02-02", home("1 Hidden Way", "HP22 1HW"));
    const ordinaryChild = child("Lark", "Fairweather", "2014-04-04");
    await submit("PROBATION", { ...probation("RV9-PB-SEALED", sealedChild, { reference: "RV9-CRN", givenNames: "Gideon", familyName: "Ashdown", dateOfBirth: "1980-01-01" }), labels: ["SEALED"] });
    await submit("PROBATION", probation("RV9-PB", ordinaryChild, { reference: "RV9-CRN", givenNames: "Gideon", familyName: "Fairweather", dateOfBirth: "1980-01-01" }));
    await submit("CHILDRENS_SOCIAL_CARE", socialCare("RV9-CSC", ordinaryChild, []));
    const body = (await hub.graphql(CHILD_QUERY, { sui: ordinaryChild.sui, access: access("SECTION_47_ENQUIRY") }, await hub.token(CALLERS.socialWorker))).body;
    expect(body.errors).toBeUndefined();
    const text = JSON.stringify(body.data.child);
    expect(text).toContain("Fairweather");
    expect(text).not.toContain("Ashdown");
    expect(body.data.child.probation).toEqual([expect.objectContaining({ offender: { givenNames: "Gideon", familyName: "Fairweather" } })]);
  });
});
