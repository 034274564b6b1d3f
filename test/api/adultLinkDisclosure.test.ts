import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS } from "../support/testKeys";

/**
 * What a link between agencies' adults opens, attacked end to end (HUB.md §8, design principle 8): an
 * agency system may not come to hold a child's linked adult — and with it HOLDS_LINKED_ADULT and what
 * policy gives that — by an identifier alone, through a sealed record, or through a reference its own
 * records no longer name. Every child and adult here is this file's own, fictional.
 */
let hub: TestHub;
const numbers = syntheticNhsNumbers(890_000);
const next = () => numbers.next().value as string;
const BUCKS = "E06000060";
const CONFERENCE = access("CHILD_PROTECTION_CONFERENCE");
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
const school = (agencyReference: string, of: Child) => ({
  agencyCode: "SCH-199001", agencyReference, child: of,
  education: { rollStatus: "ON_ROLL", onRollFrom: "2024-09-04", attendancePercent: 97, dslName: "Pat Lead", dslContact: "dsl@sampleton.example" },
});

async function submit(agencyType: string, record: { agencyCode: string } & Record<string, unknown>) {
  const body = (await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode, agencyType, BUCKS)))).body;
  expect(body.errors).toBeUndefined();
  return body.data.submitRecord as { recordId: string };
}

async function asProbation(sui: string) {
  const body = (await hub.graphql(CHILD_QUERY, { sui, access: CONFERENCE }, await hub.token(CALLERS.probation))).body;
  expect(body.errors).toBeUndefined();
  return body.data.child as { relationships: string[]; demographics: unknown; socialCare: unknown[] } | null;
}

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

describe("an adult's national identifier", () => {
  it("alone — another person's name, no date of birth — does not make a probation system the holder of a child's father", async () => {
    const nhsNumber = next();
    const wren = child("Wren", "Quillfeather", "2016-06-06");
    await submit("CHILDRENS_SOCIAL_CARE", socialCare("RV1-CSC-WREN", wren, [
      { reference: "RV1-DAD", givenNames: "Ambrose", familyName: "Quillfeather", dateOfBirth: "1982-03-04", sex: "MALE", relationship: "FATHER", parentalResponsibility: true, nhsNumber },
    ]));
    // A record about a child of the system's own invention, its "offender" nobody but the number.
    await submit("PROBATION", probation("RV1-PB", child("Pip", "Larkspur", "2014-01-01", home("8 Elsewhere Row", "HP19 8ER")), {
      reference: "RV1-CRN", givenNames: "Zebedee", familyName: "Marsh", nhsNumber,
    }));

    const seen = await asProbation(wren.sui);
    expect(seen?.relationships ?? []).not.toContain("HOLDS_LINKED_ADULT");
    expect(seen).toBeNull();
  });
});

describe("a sealed record", () => {
  it("naming a person by a reference its agency used before opens the sealed record's child to no other agency holding that person", async () => {
    const nhsNumber = next();
    const tamsin = child("Tamsin", "Farrant", "2015-09-09");
    const odile = { reference: "RV2-MUM", givenNames: "Odile", familyName: "Farrant", dateOfBirth: "1990-09-09", sex: "FEMALE", relationship: "MOTHER", parentalResponsibility: true, nhsNumber };
    await submit("CHILDRENS_SOCIAL_CARE", socialCare("RV2-CSC-TAMSIN", tamsin, [odile]));
    // Probation supervises the mother: the same person by her NHS number.
    await submit("PROBATION", probation("RV2-PB", tamsin, { ...odile, reference: "RV2-CRN", relationship: "MOTHER" }));
    // Her younger child, adopted under a new identity: the council's adoption record is sealed and names
    // the birth mother by the reference the council has always used for her. The adoptive family's school
    // holds the child's new identity in an ordinary record.
    const ivy = child("Ivy", "Lockwood", "2021-02-02", home("12 Harbour Walk", "HP22 5HW"));
    await submit("CHILDRENS_SOCIAL_CARE", socialCare("RV2-CSC-ADOPTION", ivy, [{ ...odile, parentalResponsibility: false }], ["SEALED"]));
    await submit("EDUCATION", school("RV2-SCH-IVY", ivy));

    const seen = await asProbation(ivy.sui);
    expect(seen?.relationships ?? []).not.toContain("HOLDS_LINKED_ADULT");
    expect(seen).toBeNull();
  });
});

describe("a reference an agency's records no longer name", () => {
  it("gives the agency no linked adult once its record is corrected to name someone else", async () => {
    const nhsNumber = next();
    const hollis = child("Hollis", "Brandt", "2017-11-11");
    const conrad = { reference: "RV3-DAD", givenNames: "Conrad", familyName: "Brandt", dateOfBirth: "1979-11-11", sex: "MALE", relationship: "FATHER", parentalResponsibility: true, nhsNumber };
    await submit("CHILDRENS_SOCIAL_CARE", socialCare("RV3-CSC-HOLLIS", hollis, [conrad]));
    const milo = child("Milo", "Vance", "2013-05-05", home("40 Tanyard Street", "HP19 8TS"));
    // Probation's offender for Milo is entered as Conrad Brandt, NHS number and all...
    await submit("PROBATION", probation("RV3-PB", milo, { ...conrad, reference: "RV3-CRN-A", relationship: "NO_FAMILIAL_RELATIONSHIP", parentalResponsibility: false }));
    expect((await asProbation(hollis.sui))?.relationships).toContain("HOLDS_LINKED_ADULT");
    // ...and corrected: the offender is another man. No record of probation's names Conrad now.
    await submit("PROBATION", probation("RV3-PB", milo, { reference: "RV3-CRN-B", givenNames: "Dorian", familyName: "Vance", dateOfBirth: "1985-05-05" }));
    const [named] = await hub.hub.database.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM child_adult_relationship rel JOIN agency_record r ON r.id = rel.source_record_id
       JOIN adult_identifier i ON i.adult_id = rel.adult_id AND i.agency_code = 'LA-E06000060' AND i.reference = 'RV3-DAD'
       WHERE r.agency_code = 'PDU-BUCKS'`,
    );
    expect(named?.count).toBe(0);

    const seen = await asProbation(hollis.sui);
    expect(seen?.relationships ?? []).not.toContain("HOLDS_LINKED_ADULT");
    expect(seen).toBeNull();
  });
});
