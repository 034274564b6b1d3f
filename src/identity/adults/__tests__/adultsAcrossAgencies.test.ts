import "reflect-metadata";
import { Writable } from "node:stream";
import winston from "winston";
import { type Principal } from "../../../auth/Principal";
import { Role } from "../../../auth/Role";
import { openDatabase, type Database } from "../../../db/database";
import { Agency } from "../../../directory/Agency";
import { isInterfaceType, isObjectType, type GraphQLObjectType } from "graphql";
import { loadChildFile } from "../../../disclosure/loadChildFile";
import { loadAdultProfiles } from "../adultProfiles";
import { buildHubSchema } from "../../../graphql/buildHubSchema";
import { createLogger } from "../../../logging/logger";
import { type AgencyRecordSubmission, type RelatedAdultSubmission } from "../../../records/AgencyRecordSubmission";
import { submitRecord, submitRecords, type SubmissionResult } from "../../../records/submitRecord";
import { createTestDatabase, type TestDatabase, IN_MEMORY_FOR_TESTS } from "../../../../test/support/testDatabase";
import { TEST_AGENCIES } from "../../../../test/support/fixtures";

/**
 * Adults across agencies (HUB.md §8): the prisoner in a prison's record, the father in a social care
 * record and the offender in a probation record are one adult when they are — by a national identifier,
 * or by the children's matcher — and two when the evidence says so or cannot tell; what a sealed record
 * names stays with it; and each agency's report of a person shows only through that agency's records.
 * Every adult and child here is made by the test's own submissions.
 */
let testDatabase: TestDatabase;
let database: Database;

const CSC = "AD-CSC";
const PRISON = "AD-HMP";
const PROBATION = "AD-PDU";
const POLICE = "AD-POLICE";
const LA = "E06000060";

beforeAll(async () => {
  testDatabase = await createTestDatabase("default", { migrated: true });
  const silent = new winston.transports.Stream({ stream: new Writable({ write: (_chunk, _encoding, done) => done() }) });
  database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: "", poolSize: 4, ...IN_MEMORY_FOR_TESTS }, createLogger("error", [silent]));
  const like = (type: string) => TEST_AGENCIES.find((agency) => agency.type === type) as Agency;
  await database.dataSource.getRepository(Agency).insert([
    { ...like("CHILDRENS_SOCIAL_CARE"), code: CSC, name: "Adults Test Council children's services", localAuthority: LA },
    { ...like("PRISON"), code: PRISON, name: "HMP Adults Test" },
    { ...like("PROBATION"), code: PROBATION, name: "Adults Test Probation" },
    { ...like("POLICE"), code: POLICE, name: "Adults Test Police" },
  ]);
}, 120_000);

afterAll(async () => {
  await database.close();
  await testDatabase.drop();
});

const TYPES: Record<string, string> = { [CSC]: "CHILDRENS_SOCIAL_CARE", [PRISON]: "PRISON", [PROBATION]: "PROBATION", [POLICE]: "POLICE" };
const systemOf = (agency: string): Principal => ({
  sub: `system-${agency.toLowerCase()}`, name: `${agency} system`, agency, agencyType: TYPES[agency] as Principal["agencyType"], roles: [Role.AGENCY_SYSTEM],
  localAuthority: LA, team: null, tokenId: null,
});

/** A child of the test's own, by SUI. */
const child = (sui: string, givenNames: string, familyName: string) => ({ sui, givenNames, familyName, dateOfBirth: "2016-06-14", sex: "FEMALE" as const, address: { kind: "HOME" as const, line1: "3 Quarry Lane", postcode: "HP21 7QT", localAuthority: LA } });

type Person = Partial<RelatedAdultSubmission> & Pick<RelatedAdultSubmission, "reference" | "givenNames" | "familyName">;
const person = (details: Person): RelatedAdultSubmission => ({ sex: "MALE", relationship: "FATHER", dateOfBirth: "1984-11-23", ...details });

function socialCare(reference: string, childOf: ReturnType<typeof child>, adults: RelatedAdultSubmission[], labels?: AgencyRecordSubmission["labels"]): AgencyRecordSubmission {
  return {
    agencyCode: CSC, agencyReference: reference, child: childOf, relatedAdults: adults,
    socialCare: { status: "CHILD_IN_NEED", startDate: "2026-02-01", responsibleLocalAuthority: LA },
    ...(labels === undefined ? {} : { labels }),
  };
}

function prison(reference: string, childOf: ReturnType<typeof child>, prisoner: RelatedAdultSubmission): AgencyRecordSubmission {
  return {
    agencyCode: PRISON, agencyReference: reference, child: childOf, relatedAdults: [{ ...prisoner, subjectOfRecord: true, posesRiskToChild: true }],
    prison: { prisonNumber: prisoner.prisonNumber ?? "A1000AA", pprcStatus: "CONFIRMED", pprcAssessedOn: "2026-01-20" },
  };
}

function probation(reference: string, childOf: ReturnType<typeof child>, offender: RelatedAdultSubmission): AgencyRecordSubmission {
  return {
    agencyCode: PROBATION, agencyReference: reference, child: childOf, relatedAdults: [{ ...offender, subjectOfRecord: true }],
    probation: { roshLevel: "HIGH", roshTo: ["CHILDREN"], offenderManagerName: "Adults Test Manager" },
  };
}

function police(reference: string, childOf: ReturnType<typeof child>, adults: RelatedAdultSubmission[]): AgencyRecordSubmission {
  return {
    agencyCode: POLICE, agencyReference: reference, child: childOf, relatedAdults: adults,
    police: { incidentType: "DOMESTIC_ABUSE", childRole: "HOUSEHOLD_MEMBER", occurredOn: "2026-03-02", reportedOn: "2026-03-02" },
  };
}

async function submit(submission: AgencyRecordSubmission): Promise<string> {
  return (await submitRecord(database.dataSource, systemOf(submission.agencyCode), submission)).recordId;
}

interface ReferenceRow { adult_id: string; link_method: string; restricted: boolean }
async function referenceOf(agencyCode: string, reference: string): Promise<ReferenceRow> {
  const [row] = await database.dataSource.query<ReferenceRow[]>(`SELECT adult_id, link_method, restricted FROM adult_identifier WHERE agency_code = $1 AND reference = $2`, [agencyCode, reference]);
  if (row === undefined) throw new Error(`no reference ${agencyCode}/${reference}`);
  return row;
}
const openReviews = (adultId: string) =>
  database.dataSource.query<{ candidate_adult_id: string; evidence: { rule: string; identifiers: Record<string, string> } }[]>(
    `SELECT candidate_adult_id, evidence FROM adult_link_review WHERE adult_id = $1 AND status = 'OPEN'`, [adultId]);
const holdersOf = (file: Awaited<ReturnType<typeof loadChildFile>>) => [...new Set(file?.linkedAdultHolders.map((holder) => holder.agencyCode))].sort();
const prisonHoldsThrough = (file: Awaited<ReturnType<typeof loadChildFile>>) => (file?.linkedAdultHolders ?? []).filter((holder) => holder.agencyCode === PRISON).map((holder) => holder.sourceRecordId);
const keysOf = async (adultId: string) => (await database.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM adult_match_key WHERE adult_id = $1`, [adultId]))[0]?.count ?? 0;

describe("one person across agencies", () => {
  it("links the prisoner a prison reports to the father social care holds, by the matcher: one adult, which founds no relationship for the prison", async () => {
    const maya = child("9991002014", "Maya", "Oakridge");
    await submit(socialCare("AD-SC-1", maya, [person({ reference: "SC-P-1", givenNames: "Declan", familyName: "Oakridge", postcode: "HP21 7QT", parentalResponsibility: true })]));
    const prisonRecord = await submit(prison("AD-PR-1", maya, person({ reference: "A2001BC", givenNames: "Declan", familyName: "Oakridge", postcode: "HP21 7QT", prisonNumber: "A2001BC" })));

    const father = await referenceOf(CSC, "SC-P-1");
    const prisoner = await referenceOf(PRISON, "A2001BC");
    expect(prisoner.adult_id).toBe(father.adult_id);
    expect(prisoner.link_method).toBe("PROBABILISTIC");
    expect(father.link_method).toBe("FOUNDED");
    // A probabilistic link joins the identity, but the prison holds the adult only through its own record,
    // never through social care's: the link founds no relationship.
    const csc = await database.dataSource.query<{ id: string }[]>(`SELECT id FROM agency_record WHERE agency_reference = 'AD-SC-1'`);
    const through = prisonHoldsThrough(await loadChildFile(database.dataSource, "9991002014", new Date()));
    expect(through).toEqual([prisonRecord]);
    expect(through).not.toContain(csc[0]?.id);

    // The prison number came through a guess: probation giving it later is not linked as by an identifier.
    await submit(probation("AD-PB-1", child("9991002170", "Rosa", "Lyle"), person({ reference: "X100001", givenNames: "Declan", familyName: "Oakridge", prisonNumber: "A2001BC" })));
    const offender = await referenceOf(PROBATION, "X100001");
    expect(offender.link_method).not.toBe("IDENTIFIER");
    expect(holdersOf(await loadChildFile(database.dataSource, "9991002014", new Date()))).not.toContain(PROBATION);
  });

  it("links by a national identifier with the date of birth and a short form of the name, no postcode, and the agency then holds a linked adult of the child", async () => {
    const noah = child("9991002022", "Noah", "Penhallow");
    await submit(socialCare("AD-SC-2", noah, [person({ reference: "SC-P-2", givenNames: "William", familyName: "Penhallow", probationCrn: "X200002", parentalResponsibility: true })]));
    const otherChild = child("9991002030", "Ivy", "Trask");
    await submit(probation("AD-PB-2", otherChild, person({ reference: "X200002", givenNames: "Bill", familyName: "Penhallow", probationCrn: "x200002" })));

    const father = await referenceOf(CSC, "SC-P-2");
    const offender = await referenceOf(PROBATION, "X200002");
    expect(offender.adult_id).toBe(father.adult_id);
    expect(offender.link_method).toBe("IDENTIFIER");
    // Noah's file: probation holds the adult Noah's social care record names (HOLDS_LINKED_ADULT).
    const file = await loadChildFile(database.dataSource, "9991002022", new Date());
    expect(holdersOf(file)).toEqual([CSC, PROBATION]);
  });

  it("does not take a national identifier as the person when the rest of the identity cannot be theirs: a new adult, a review", async () => {
    const ruby = child("9991002049", "Ruby", "Calloway");
    await submit(socialCare("AD-SC-3", ruby, [person({ reference: "SC-P-3", givenNames: "Gareth", familyName: "Calloway", pncId: "2011/0412345T", dateOfBirth: "1979-04-02" })]));
    await submit(police("AD-PO-3", ruby, [person({ reference: "NOM-3", givenNames: "Priya", familyName: "Raman", sex: "FEMALE", relationship: "NO_FAMILIAL_RELATIONSHIP", dateOfBirth: "1996-08-30", pncId: "2011/0412345T" })]));

    const father = await referenceOf(CSC, "SC-P-3");
    const nominal = await referenceOf(POLICE, "NOM-3");
    expect(nominal.adult_id).not.toBe(father.adult_id);
    expect(nominal.link_method).toBe("FOUNDED");
    const reviews = await openReviews(nominal.adult_id);
    expect(reviews).toEqual([{ candidate_adult_id: father.adult_id, evidence: expect.objectContaining({ rule: "identifier-uncorroborated", identifiers: { PNC_ID: "AGREE" } }) }]);
    // The review evidence says whether identifiers agree, never their values.
    expect(JSON.stringify(reviews)).not.toContain("0412345");
  });

  it("asks a steward once about a pair, however often an agency reports again the identifier that makes it one", async () => {
    const ivo = child("9991002103", "Ivo", "Marchetti");
    await submit(socialCare("AD-SC-PAIR", ivo, [person({ reference: "SC-P-PAIR", givenNames: "Lorenzo", familyName: "Marchetti", pncId: "2014/0555123K", dateOfBirth: "1981-02-14" })]));
    // The force's nominal, first without the PNC id, then twice with the one the father's record holds.
    const nominal = person({ reference: "NOM-PAIR", givenNames: "Bartholomew", familyName: "Quist", relationship: "NO_FAMILIAL_RELATIONSHIP", dateOfBirth: "1990-10-10" });
    await submit(police("AD-PO-PAIR-1", ivo, [nominal]));
    await submit(police("AD-PO-PAIR-2", ivo, [{ ...nominal, pncId: "2014/0555123K" }]));
    await submit(police("AD-PO-PAIR-3", ivo, [{ ...nominal, pncId: "2014/0555123K" }]));
    const father = await referenceOf(CSC, "SC-P-PAIR");
    const quist = await referenceOf(POLICE, "NOM-PAIR");
    expect(quist.adult_id).not.toBe(father.adult_id);
    expect((await openReviews(quist.adult_id)).map((review) => review.candidate_adult_id)).toEqual([father.adult_id]);
  });

  it("sends a same-birthday person with another first name to a steward rather than linking (a twin brother is not his brother)", async () => {
    const leo = child("9991002057", "Leo", "Marchbank");
    await submit(socialCare("AD-SC-4", leo, [person({ reference: "SC-P-4", givenNames: "Callum", familyName: "Marchbank", dateOfBirth: "1990-01-15", postcode: "HP21 7QT" })]));
    await submit(police("AD-PO-4", leo, [person({ reference: "NOM-4", givenNames: "Colin", familyName: "Marchbank", dateOfBirth: "1990-01-15", postcode: "HP21 7QT" })]));
    const father = await referenceOf(CSC, "SC-P-4");
    const nominal = await referenceOf(POLICE, "NOM-4");
    expect(nominal.adult_id).not.toBe(father.adult_id);
    expect((await openReviews(nominal.adult_id)).map((review) => review.candidate_adult_id)).toEqual([father.adult_id]);
  });

  it("never links two people whose identifiers of one scheme differ, however alike the rest", async () => {
    const ada = child("9991002065", "Ada", "Fenwright");
    await submit(socialCare("AD-SC-5", ada, [person({ reference: "SC-P-5", givenNames: "Tobias", familyName: "Fenwright", postcode: "HP21 7QT", nhsNumber: "9991002073" })]));
    await submit(police("AD-PO-5", ada, [person({ reference: "NOM-5", givenNames: "Tobias", familyName: "Fenwright", postcode: "HP21 7QT", nhsNumber: "9991002081" })]));
    const first = await referenceOf(CSC, "SC-P-5");
    const second = await referenceOf(POLICE, "NOM-5");
    expect(second.adult_id).not.toBe(first.adult_id);
    expect((await openReviews(second.adult_id)).map((review) => review.evidence.rule)).toEqual(["identifier-conflicts"]);
  });

  it("makes one adult of one new person reported by two agencies in one batch", async () => {
    const iris = child("9991002103", "Iris", "Quenby");
    const [a, b] = await submitRecords(database.dataSource, [
      { principal: systemOf(CSC), submission: socialCare("AD-SC-6", iris, [person({ reference: "SC-P-6", givenNames: "Ambrose", familyName: "Quenby", prisonNumber: "B6006CD" })]) },
      { principal: systemOf(PRISON), submission: prison("AD-PR-6", iris, person({ reference: "B6006CD", givenNames: "Ambrose", familyName: "Quenby", prisonNumber: "B6006CD" })) },
    ]);
    expect([a, b].every((result: SubmissionResult | undefined) => result?.stored === true)).toBe(true);
    const father = await referenceOf(CSC, "SC-P-6");
    const prisoner = await referenceOf(PRISON, "B6006CD");
    expect(prisoner.adult_id).toBe(father.adult_id);
    expect(prisoner.link_method).toBe("IDENTIFIER");
  });
});

describe("a person's names and seals", () => {
  it("keeps a change of name as an alias of the same person, and shows each agency only the names it reported", async () => {
    const ella = child("9991002111", "Ella", "Strand");
    await submit(socialCare("AD-SC-7", ella, [person({ reference: "SC-P-7", givenNames: "Marcus", familyName: "Strand", prisonNumber: "C7007EF" })]));
    await submit(prison("AD-PR-7", ella, person({ reference: "C7007EF", givenNames: "Marcus", familyName: "Strand", prisonNumber: "C7007EF" })));
    // The prisoner asks to change his name: the prison resubmits its record with the new one.
    await submit(prison("AD-PR-7", ella, person({ reference: "C7007EF", givenNames: "Mark", familyName: "Hollis", prisonNumber: "C7007EF" })));

    const prisoner = await referenceOf(PRISON, "C7007EF");
    expect((await referenceOf(CSC, "SC-P-7")).adult_id).toBe(prisoner.adult_id);
    const names = await database.dataSource.query<{ given_names: string; kind: string; reported_by: string }[]>(
      `SELECT given_names, kind, reported_by FROM adult_name WHERE adult_id = $1 ORDER BY reported_by, kind DESC`, [prisoner.adult_id]);
    expect(names).toEqual([
      { given_names: "Marcus", kind: "USUAL", reported_by: CSC },
      { given_names: "Marcus", kind: "USUAL", reported_by: PRISON },
      { given_names: "Mark", kind: "ALIAS", reported_by: PRISON },
    ]);
    const file = await loadChildFile(database.dataSource, "9991002111", new Date());
    const prisonRecord = file?.records.PRISON.find((entry) => entry.agency.code === PRISON);
    expect(prisonRecord?.details.prisoner).toEqual({ givenNames: "Marcus", familyName: "Strand", dateOfBirth: "1984-11-23", aliases: ["Mark Hollis"] });
  });

  it("never matches a person named on a sealed record, nor anyone later to them", async () => {
    const new1 = child("9991002138", "Wren", "Ashdown");
    await submit(socialCare("AD-SC-8", new1, [person({ reference: "SC-P-8", givenNames: "Howard", familyName: "Ashdown", dateOfBirth: "1971-05-08", postcode: "HP21 7QT", prisonNumber: "D8008GH" })], ["SEALED"]));
    const sealed = await referenceOf(CSC, "SC-P-8");
    expect(sealed.restricted).toBe(true);
    expect(await keysOf(sealed.adult_id)).toBe(0);
    await submit(prison("AD-PR-8", child("9991002146", "Jude", "Ashdown"), person({ reference: "D8008GH", givenNames: "Howard", familyName: "Ashdown", dateOfBirth: "1971-05-08", postcode: "HP21 7QT", prisonNumber: "D8008GH" })));
    const prisoner = await referenceOf(PRISON, "D8008GH");
    expect(prisoner.adult_id).not.toBe(sealed.adult_id);
    expect(prisoner.link_method).toBe("FOUNDED");
    expect((await openReviews(prisoner.adult_id)).map((review) => review.candidate_adult_id)).not.toContain(sealed.adult_id);
  });

  it("matches and explains an adult by no name only restricted records reported, though an ordinary record of the same agency names them too", async () => {
    const ivo = child("9991002154", "Ivo", "Kestrel");
    await submit(prison("AD-PR-9", ivo, person({ reference: "E9009HJ", givenNames: "Tobias", familyName: "Kestrel", prisonNumber: "E9009HJ" })));
    const prisoner = await referenceOf(PRISON, "E9009HJ");
    // The same prison's sealed record of the man under a protected new name: kept, restricted, with him.
    await database.dataSource.query(
      `INSERT INTO adult_name (adult_id, given_names, family_name, kind, reported_by, restricted) VALUES ($1, 'Anselm', 'Varley', 'ALIAS', $2, true)`, [prisoner.adult_id, PRISON]);
    const profile = (await loadAdultProfiles(database.dataSource.manager, [prisoner.adult_id])).get(prisoner.adult_id);
    expect({ givenNames: profile?.givenNames, familyNames: profile?.familyNames }).toEqual({ givenNames: ["Tobias"], familyNames: ["Kestrel"] });
  });
});

describe("national identifiers at the edge", () => {
  const opal = child("9991002154", "Opal", "Merrow");
  it.each([
    ["nhsNumber", "9991002155", "INVALID_INPUT"],
    ["prisonNumber", "12345AB", "INVALID_INPUT"],
    ["pncId", "2012-0443627Z", "INVALID_INPUT"],
    ["probationCrn", "Q98765", "INVALID_INPUT"],
    ["postcode", "NOT A POSTCODE", "INVALID_INPUT"],
  ])("refuses a related adult's %s that cannot be one, naming the field and never echoing the value", async (field, value, code) => {
    const submission = socialCare(`AD-SC-EDGE-${field}`, opal, [person({ reference: "SC-P-EDGE", givenNames: "Ned", familyName: "Merrow", [field]: value })]);
    const refusal = submitRecord(database.dataSource, systemOf(CSC), submission);
    await expect(refusal).rejects.toMatchObject({ code, details: expect.objectContaining({ path: `record.relatedAdults[0].${field}` }) });
    await expect(refusal).rejects.toEqual(expect.objectContaining({ message: expect.not.stringContaining(value) as string }));
  });

  it("offers no way to read a PNC id, a CRN or an adult's NHS number back: no output type of the schema has such a field", async () => {
    const schema = await buildHubSchema();
    const outputFields = Object.values(schema.getTypeMap())
      .filter((type) => !type.name.startsWith("__") && (isObjectType(type) || isInterfaceType(type)))
      .flatMap((type) => Object.keys((type as GraphQLObjectType).getFields()));
    expect(outputFields).toContain("prisonNumber");
    // Under any name: a notification's view of an offender (offenderPncId) is an output type too.
    expect(outputFields.filter((field) => /pnc|crn|nhsnumber/i.test(field))).toEqual([]);
  });
});
