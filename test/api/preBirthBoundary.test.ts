import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";

/**
 * The edge of the pre-birth file (policies/relationships.yaml `preBirth`): before the birth a child's file
 * opens only to the agencies working with its mother. Neither an agency system that merely knows her NHS
 * number nor a date of birth that cannot be this child's birth opens it to anyone else. Fictional
 * families of this file's own.
 */
let hub: TestHub;
const numbers = syntheticNhsNumbers(895_000);
const next = () => numbers.next().value as string;
const BUCKS = "E06000060";
const address = (line1: string, postcode: string) => ({ kind: "HOME", line1, postcode, localAuthority: BUCKS });
const unborn = (familyName: string, line1: string, postcode: string) => ({ sui: next(), givenNames: "Baby", familyName, expectedDateOfBirth: "2027-04-01", sex: "NOT_KNOWN", address: address(line1, postcode) });
const midwife = (agencyReference: string, child: ReturnType<typeof unborn>, mother: Record<string, unknown>) => ({
  agencyCode: "GP-K99001", agencyReference, child, relatedAdults: [{ sex: "FEMALE", relationship: "MOTHER", parentalResponsibility: true, ...mother }],
  health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", conditions: [{ description: "Maternal alcohol use in pregnancy" }] },
});
const police = (agencyReference: string, child: Record<string, unknown>) => ({
  agencyCode: "POLICE-43", agencyReference, child,
  police: { incidentType: "DOMESTIC_ABUSE", childRole: "HOUSEHOLD_MEMBER", occurredOn: "2026-11-20", reportedOn: "2026-11-20", activeInvestigation: false },
});

async function submit(agencyType: string, record: { agencyCode: string } & Record<string, unknown>) {
  const body = (await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode, agencyType, BUCKS)))).body;
  expect(body.errors).toBeUndefined();
}

async function ask(caller: TestClaims, sui: string) {
  const body = (await hub.graphql(CHILD_QUERY, { sui, access: access("CHILD_PROTECTION_CONFERENCE") }, await hub.token(caller))).body;
  expect(body.errors).toBeUndefined();
  return body.data.child as { relationships: string[]; health: unknown[] } | null;
}

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

describe("a child not yet born", () => {
  it("stays shut to a hospital system that reports the mother's NHS number, under another name, on a record about a child of its own invention", async () => {
    const nhsNumber = next();
    const baby = unborn("Penhale", "5 Wicket Row", "HP20 2WR");
    await submit("HEALTH", midwife("PB-MW-PENHALE", baby, { reference: "PB-MUM-PENHALE", givenNames: "Marisol", familyName: "Penhale", dateOfBirth: "1995-05-05", nhsNumber }));
    expect(await ask(CALLERS.hospitalDoctor, baby.sui)).toBeNull();

    // Nothing but the number: no date of birth, a name that is not hers, a child nobody else knows.
    const invented = { sui: next(), givenNames: "Kit", familyName: "Nobody", dateOfBirth: "2015-02-02", sex: "MALE", address: address("1 Nowhere Yard", "HP19 8NY") };
    await submit("HEALTH", {
      agencyCode: "TRUST-RX1", agencyReference: "PB-ED-INVENTED", child: invented,
      relatedAdults: [{ reference: "PB-ED-ADULT-1", givenNames: "Zora", familyName: "Quint", sex: "FEMALE", relationship: "HOUSEHOLD_MEMBER", nhsNumber }],
      health: { unscheduledCareAttendances: [{ attendedOn: "2026-10-10", setting: "EMERGENCY_DEPARTMENT", site: "Example General Hospital" }] },
    });

    const seen = await ask(CALLERS.hospitalDoctor, baby.sui);
    expect(seen?.relationships ?? []).not.toContain("WORKS_WITH_MOTHER");
    expect(seen).toBeNull();
  });

  it("is not born by a record giving a date of birth years before the expected date: an agency whose record is only about it still sees nothing", async () => {
    const baby = unborn("Ardlow", "9 Kestrel Mews", "HP21 7KM");
    await submit("HEALTH", midwife("PB-MW-ARDLOW", baby, { reference: "PB-MUM-ARDLOW", givenNames: "Ione", familyName: "Ardlow", dateOfBirth: "1993-03-03" }));
    await submit("POLICE", police("PB-PO-ARDLOW", baby));
    expect(await ask(CALLERS.police, baby.sui)).toBeNull();

    // The police record resubmitted with a date of birth eight years before the child is due: an older
    // sibling's date, or a claim; either way not this child's birth.
    await submit("POLICE", police("PB-PO-ARDLOW", { ...baby, givenNames: "Baby", dateOfBirth: "2019-01-15", expectedDateOfBirth: null }));

    const seen = await ask(CALLERS.police, baby.sui);
    expect(seen?.health ?? []).toEqual([]);
    expect(seen).toBeNull();
  });
});
