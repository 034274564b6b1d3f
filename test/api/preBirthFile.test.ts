import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";
import { storedLinkOf } from "../support/storedLink";

/**
 * A child not yet born is known to the hub through its mother: its file — her health in pregnancy
 * among it — opens only to the agencies working with her (a current record of theirs names her as the
 * child's MOTHER), for a pre-birth assessment or conference (policies/relationships.yaml `preBirth`).
 * An agency whose record is only about the unborn child sees nothing until the birth. A fictional
 * family of this file's own.
 */
let hub: TestHub;
const unbornSui = syntheticNhsNumbers(880_000).next().value as string;
const BUCKS = "E06000060";
const address = { kind: "HOME", line1: "17 Candlewick Row", postcode: "HP20 2CR", localAuthority: BUCKS };
const unborn = { sui: unbornSui, givenNames: "Baby", familyName: "Thistlewood", expectedDateOfBirth: "2027-03-01", sex: "NOT_KNOWN", address };
const mother = (reference: string) => ({ reference, givenNames: "Delphine", familyName: "Thistlewood", dateOfBirth: "1996-02-02", sex: "FEMALE", relationship: "MOTHER", parentalResponsibility: true });
let midwifeRecord: string;

async function submit(agencyType: string, record: Record<string, unknown>) {
  const body = (await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode as string, agencyType, BUCKS)))).body;
  expect(body.errors).toBeUndefined();
  const receipt = body.data.submitRecord as { recordId: string };
  // The receipt does not say how the record was linked (it would tell whom the hub holds): read what the hub stored.
  return { ...receipt, link: await storedLinkOf(hub.hub.database.dataSource, receipt.recordId) };
}

async function ask(caller: TestClaims) {
  const body = (await hub.graphql(CHILD_QUERY, { sui: unbornSui, access: access("CHILD_PROTECTION_CONFERENCE") }, await hub.token(caller))).body;
  expect(body.errors).toBeUndefined();
  return body.data.child as Record<string, any> | null;
}

beforeAll(async () => {
  hub = await startTestHub();
  midwifeRecord = (await submit("HEALTH", {
    agencyCode: "GP-K99001", agencyReference: "MW-THIS-1", child: unborn, relatedAdults: [mother("GP-MUM-THIS")],
    health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", conditions: [{ description: "Maternal substance misuse in pregnancy" }] },
  })).recordId;
  await submit("CHILDRENS_SOCIAL_CARE", {
    agencyCode: "LA-E06000060", agencyReference: "CSC-PREBIRTH-THIS", child: unborn, relatedAdults: [mother("LA-MUM-THIS")],
    socialCare: { status: "CHILD_IN_NEED", startDate: "2026-11-01", allocatedWorkerName: "Sam Worker", allocatedWorkerContact: "sam.worker@bucks.example", responsibleLocalAuthority: BUCKS },
  });
  // The police record the household's domestic abuse incident against the unborn child, naming no mother.
  await submit("POLICE", {
    agencyCode: "POLICE-43", agencyReference: "TVP-THIS-1", child: unborn,
    police: { incidentType: "DOMESTIC_ABUSE", childRole: "HOUSEHOLD_MEMBER", occurredOn: "2026-11-20", reportedOn: "2026-11-20", activeInvestigation: false },
  });
});
afterAll(async () => {
  await hub.stop();
});

describe("the file of a child not yet born", () => {
  it("opens to the midwife working with the mother, her health in pregnancy included", async () => {
    const seen = await ask(CALLERS.gp);
    expect(seen!.relationships).toEqual(expect.arrayContaining(["WORKS_WITH_MOTHER"]));
    expect(seen!.health).toEqual([expect.objectContaining({ recordId: midwifeRecord, conditions: [{ description: "Maternal substance misuse in pregnancy" }] })]);
  });

  it("opens to children's social care working with her for the pre-birth conference", async () => {
    const seen = await ask(CALLERS.socialWorker);
    expect(seen!.health.map((record: { conditions: unknown }) => record.conditions)).toEqual([[{ description: "Maternal substance misuse in pregnancy" }]]);
    expect(seen!.police).toHaveLength(1);
  });

  it("stays shut to an agency whose record is only about the unborn child, and to agencies with none", async () => {
    expect(await ask(CALLERS.police)).toBeNull();
    expect(await ask(CALLERS.hospitalDoctor)).toBeNull();
  });

  it("opens as any child's does once a record gives the date of birth", async () => {
    await submit("HEALTH", {
      agencyCode: "TRUST-RX1", agencyReference: "BN-THIS-1", child: { ...unborn, givenNames: "Linnea", dateOfBirth: "2026-12-01", expectedDateOfBirth: null, sex: "FEMALE" },
      health: { unscheduledCareAttendances: [{ attendedOn: "2026-12-01", setting: "EMERGENCY_DEPARTMENT", site: "Example General Hospital maternity unit" }] },
    });
    const police = await ask(CALLERS.police);
    expect(police!.relationships).toEqual(["AGENCY_INVOLVED"]);
    expect(police!.police).toHaveLength(1);
    expect(await ask(CALLERS.hospitalDoctor)).not.toBeNull();
  });
});
