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
 * family of each test's own.
 */
let hub: TestHub;
const suis = syntheticNhsNumbers(880_000);
const BUCKS = "E06000060";

interface UnbornFamily {
  sui: string;
  unborn: Record<string, unknown>;
  reference: string;
  midwifeRecord: string;
}

async function submit(agencyType: string, record: Record<string, unknown>) {
  const body = (await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode as string, agencyType, BUCKS)))).body;
  expect(body.errors).toBeUndefined();
  const receipt = body.data.submitRecord as { recordId: string };
  // The receipt does not say how the record was linked (it would tell whom the hub holds): read what the hub stored.
  return { ...receipt, link: await storedLinkOf(hub.hub.database.dataSource, receipt.recordId) };
}

/**
 * A family of the calling test's own: an unborn child, the midwife and children's social care each
 * working with the mother, and the police's record of the household's domestic abuse incident against
 * the unborn child, naming no mother.
 */
async function unbornFamily(familyName: string, reference: string): Promise<UnbornFamily> {
  const sui = suis.next().value as string;
  const address = { kind: "HOME", line1: "17 Candlewick Row", postcode: "HP20 2CR", localAuthority: BUCKS };
  const unborn = { sui, givenNames: "Baby", familyName, expectedDateOfBirth: "2027-03-01", sex: "NOT_KNOWN", address };
  const mother = (motherReference: string) => ({ reference: motherReference, givenNames: "Delphine", familyName, dateOfBirth: "1996-02-02", sex: "FEMALE", relationship: "MOTHER", parentalResponsibility: true });
  const midwifeRecord = (await submit("HEALTH", {
    agencyCode: "GP-K99001", agencyReference: `MW-${reference}`, child: unborn, relatedAdults: [mother(`GP-MUM-${reference}`)],
    health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", conditions: [{ description: "Maternal substance misuse in pregnancy" }] },
  })).recordId;
  await submit("CHILDRENS_SOCIAL_CARE", {
    agencyCode: "LA-E06000060", agencyReference: `CSC-PREBIRTH-${reference}`, child: unborn, relatedAdults: [mother(`LA-MUM-${reference}`)],
    socialCare: { status: "CHILD_IN_NEED", startDate: "2026-11-01", allocatedWorkerName: "Sam Worker", allocatedWorkerContact: "sam.worker@bucks.example", responsibleLocalAuthority: BUCKS },
  });
  await submit("POLICE", {
    agencyCode: "POLICE-43", agencyReference: `TVP-${reference}`, child: unborn,
    police: { incidentType: "DOMESTIC_ABUSE", childRole: "HOUSEHOLD_MEMBER", occurredOn: "2026-11-20", reportedOn: "2026-11-20", activeInvestigation: false },
  });
  return { sui, unborn, reference, midwifeRecord };
}

async function ask(caller: TestClaims, sui: string) {
  const body = (await hub.graphql(CHILD_QUERY, { sui, access: access("CHILD_PROTECTION_CONFERENCE") }, await hub.token(caller))).body;
  expect(body.errors).toBeUndefined();
  return body.data.child as Record<string, any> | null;
}

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

describe("the file of a child not yet born", () => {
  it("opens to the midwife working with the mother, her health in pregnancy included", async () => {
    const family = await unbornFamily("Thistlewood", "THIS");
    const seen = await ask(CALLERS.gp, family.sui);
    expect(seen!.relationships).toEqual(expect.arrayContaining(["WORKS_WITH_MOTHER"]));
    expect(seen!.health).toEqual([expect.objectContaining({ recordId: family.midwifeRecord, conditions: [{ description: "Maternal substance misuse in pregnancy" }] })]);
  });

  it("opens to children's social care working with her for the pre-birth conference", async () => {
    const family = await unbornFamily("Marrowgate", "MARR");
    const seen = await ask(CALLERS.socialWorker, family.sui);
    expect(seen!.health.map((record: { conditions: unknown }) => record.conditions)).toEqual([[{ description: "Maternal substance misuse in pregnancy" }]]);
    expect(seen!.police).toHaveLength(1);
  });

  it("stays shut to an agency whose record is only about the unborn child, and to agencies with none", async () => {
    const family = await unbornFamily("Quillstone", "QUIL");
    expect(await ask(CALLERS.police, family.sui)).toBeNull();
    expect(await ask(CALLERS.hospitalDoctor, family.sui)).toBeNull();
  });

  it("opens as any child's does once a record gives the date of birth", async () => {
    const family = await unbornFamily("Brackenby", "BRAC");
    await submit("HEALTH", {
      agencyCode: "TRUST-RX1", agencyReference: `BN-${family.reference}`, child: { ...family.unborn, givenNames: "Linnea", dateOfBirth: "2026-12-01", expectedDateOfBirth: null, sex: "FEMALE" },
      health: { unscheduledCareAttendances: [{ attendedOn: "2026-12-01", setting: "EMERGENCY_DEPARTMENT", site: "Example General Hospital maternity unit" }] },
    });
    const police = await ask(CALLERS.police, family.sui);
    expect(police!.relationships).toEqual(["AGENCY_INVOLVED"]);
    expect(police!.police).toHaveLength(1);
    expect(await ask(CALLERS.hospitalDoctor, family.sui)).not.toBeNull();
  });
});
