import { ConsentRecord } from "../../src/consent/ConsentRecord";
import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { DATA_QUALITY } from "../support/governanceAccess";
import { SUBMIT } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

const SPLIT = /* GraphQL */ `
  mutation ($childId: ID!, $recordIds: [ID!]!, $reason: String!, $access: AccessContext!) {
    splitChild(childId: $childId, recordIds: $recordIds, reason: $reason, access: $access) { change { id } }
  }
`;

const RECORD_CONSENT = /* GraphQL */ `
  mutation ($sui: ID!, $consent: ConsentInput!) {
    recordConsent(sui: $sui, consent: $consent) { consentId competence parentRelationship effective { purpose state } }
  }
`;

const OVERRIDE = /* GraphQL */ `mutation ($sui: ID!, $reason: String!) { recordConsentOverride(sui: $sui, reason: $reason) { overrideId } }`;

const prisonOmu: TestClaims = { sub: "omu-exampleton", name: "Test omu-exampleton", agency: "HMP-EXAMPLETON", agency_type: "PRISON", roles: ["PRISON_OMU"], la: "E10000019" };

/** A date of birth that makes the child this old today, months clear of any birthday, so no test turns on the clock. */
function bornYearsAgo(years: number): string {
  const day = new Date();
  day.setUTCMonth(day.getUTCMonth() - 6);
  day.setUTCFullYear(day.getUTCFullYear() - years);
  return day.toISOString().slice(0, 10);
}

const SPARE_SUIS = syntheticNhsNumbers(746_300);

/** Valid NHS numbers in the 999 test range, one for each child these tests create. */
const SUIS = {
  oneMother: "9990077002",
  siblingOfOneMother: "9990077010",
  fatherInPrison: "9990077029",
  fifteen: "9990077037",
  ten: "9990077045",
  sixteen: "9990077053",
  unborn: "9990077061",
  competentRefusal: "9990077088",
  notAParent: "9990077096",
  schoolAndPrison: "9990077118",
  splitFromMother: "9990071209",
  seventeenPrison: "9990071217",
  seventeenOwnDecision: "9990071225",
  ownConsentThroughAnotherPupil: SPARE_SUIS.next().value as string,
  ownRefusalThroughAnotherPupil: SPARE_SUIS.next().value as string,
  overrideThroughAnotherChild: SPARE_SUIS.next().value as string,
} as const;

interface Family {
  /** The child's given names (Robin unless said): two children of one age and name at one address are one child to the matcher. */
  givenNames?: string;
  /** The family's name and home (Consentford at 4 Consent Row unless said). */
  familyName?: string;
  home?: { line1: string; postcode: string };
  dateOfBirth?: string;
  expectedDateOfBirth?: string;
  /** The local authority's record, naming the mother (with PR) and a stepfather (without). */
  socialCare?: boolean;
  /** The school's record, naming the mother by the school's own reference. */
  school?: boolean;
  /** A prison record about the child's father, who has parental responsibility. */
  prison?: boolean;
  /** The GP's record, which names no adult. */
  gp?: boolean;
}

const adult = (familyName: string, reference: string, givenNames: string, relationship: string, parentalResponsibility: boolean, extra: Record<string, unknown> = {}) => ({
  reference, givenNames, familyName, sex: relationship === "MOTHER" ? "FEMALE" : "MALE", relationship, parentalResponsibility, ...extra,
});

/** Submits the child's records as each agency's system would; adults' references are the agencies' own. */
async function seedFamily(sui: string, family: Family): Promise<void> {
  const familyName = family.familyName ?? "Consentford";
  const home = family.home ?? { line1: "4 Consent Row", postcode: "HP20 1AA" };
  const child = {
    sui, givenNames: family.givenNames ?? "Robin", familyName, sex: "MALE",
    ...(family.expectedDateOfBirth ? { expectedDateOfBirth: family.expectedDateOfBirth } : { dateOfBirth: family.dateOfBirth ?? bornYearsAgo(15) }),
    address: { kind: "HOME", ...home, town: "Sampleton", localAuthority: "E06000060" },
  };
  const records: [string, Record<string, unknown>][] = [];
  if (family.socialCare !== false) {
    records.push(["CHILDRENS_SOCIAL_CARE", {
      agencyCode: "LA-E06000060", agencyReference: `CSC-${sui}`, child,
      relatedAdults: [adult(familyName, `LA-MOTHER-${sui}`, "Morgan", "MOTHER", true), adult(familyName, `LA-STEP-${sui}`, "Casey", "STEP_PARENT", false)],
      socialCare: { status: "CHILD_IN_NEED", startDate: "2026-06-01", allocatedWorkerName: "Sam Worker", allocatedWorkerContact: "sam.worker@bucks.example", responsibleLocalAuthority: "E06000060" },
    }]);
  }
  if (family.school === true) {
    records.push(["EDUCATION", {
      agencyCode: "SCH-199001", agencyReference: `UPN-${sui}`, child, relatedAdults: [adult(familyName, `SCH-MOTHER-${sui}`, "Morgan", "MOTHER", true)],
      education: { rollStatus: "ON_ROLL", onRollFrom: "2022-09-01", dslName: "Pat Lead", dslContact: "dsl@sampleton.example" },
    }]);
  }
  if (family.prison === true) {
    records.push(["PRISON", {
      agencyCode: "HMP-EXAMPLETON", agencyReference: `HMP-${sui}`, child,
      relatedAdults: [adult(familyName, `A${sui.slice(-4)}ZZ`, "Jordan", "FATHER", true, { subjectOfRecord: true, posesRiskToChild: true, homeLocalAuthority: "E06000060" })],
      prison: { prisonNumber: `A${sui.slice(-4)}ZZ`, pprcStatus: "CONFIRMED", pprcAssessedOn: "2026-01-20", expectedReleaseDate: "2027-06-10" },
    }]);
  }
  if (family.gp === true) {
    records.push(["HEALTH", { agencyCode: "GP-K99001", agencyReference: `GP-${sui}`, child, health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2016-01-01" } }]);
  }
  for (const [agencyType, record] of records) {
    const response = await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode as string, agencyType)));
    if (response.body.errors) throw new Error(`seeding ${String(record.agencyReference)} failed: ${JSON.stringify(response.body.errors)}`);
  }
}

interface ConsentAnswer {
  data?: { recordConsent: { consentId: string; competence: string | null; parentRelationship: string | null; effective: { purpose: string; state: string }[] } | null } | null;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

async function recordConsent(caller: TestClaims, sui: string, consent: Record<string, unknown>): Promise<ConsentAnswer> {
  const response = await hub.graphql(RECORD_CONSENT, { sui, consent: { purposes: ["EARLY_HELP"], ...consent } }, await hub.token(caller));
  return response.body as ConsentAnswer;
}

const parentDecides = (agencyReference: string, decision: string) => ({ givenBy: "PERSON_WITH_PARENTAL_RESPONSIBILITY", parent: { agencyReference }, decision });
const childDecides = (decision: string, competence?: { assessedCompetent: boolean; assessment: string }) => ({ givenBy: "CHILD", decision, ...(competence ? { competence } : {}) });
const ASSESSED_COMPETENT = { assessedCompetent: true, assessment: "Understands what early help would share, with whom, and can weigh it." };

function state(answer: ConsentAnswer): string | undefined {
  expect(answer.errors).toBeUndefined();
  return answer.data?.recordConsent?.effective.find((effective) => effective.purpose === "EARLY_HELP")?.state;
}

async function consentRows(sui: string): Promise<ConsentRecord[]> {
  return hub.hub.database.dataSource.getRepository(ConsentRecord).find({
    where: { child: { sui } }, relations: { adult: true, parentalResponsibilitySource: true }, order: { recordedAt: "ASC" },
  });
}

describe("a parent's consent is keyed by the adult the hub holds", () => {
  it("is one person's decision however often it is recorded: a later withdrawal ends their earlier consent", async () => {
    await seedFamily(SUIS.oneMother, {});
    expect(state(await recordConsent(CALLERS.socialWorker, SUIS.oneMother, parentDecides(`LA-MOTHER-${SUIS.oneMother}`, "GIVEN")))).toBe("GIVEN");
    const withdrawn = await recordConsent(CALLERS.socialWorker, SUIS.oneMother, parentDecides(` LA-MOTHER-${SUIS.oneMother} `, "WITHDRAWN"));
    expect(state(withdrawn)).toBe("WITHDRAWN");
    expect(withdrawn.data?.recordConsent?.parentRelationship).toBe("MOTHER");

    const rows = await consentRows(SUIS.oneMother);
    expect(rows.map((row) => row.decision)).toEqual(["GIVEN", "WITHDRAWN"]);
    expect(new Set(rows.map((row) => row.adult?.id)).size).toBe(1);
    expect(rows[0]).toMatchObject({ parentRelationship: "MOTHER", legacyGiverDescription: null, competence: null, parentalResponsibilitySource: { agencyReference: `CSC-${SUIS.oneMother}` } });
  });

  it("is audited with the adult and the basis of their parental responsibility, and nothing personal is logged", async () => {
    await seedFamily(SUIS.siblingOfOneMother, {});
    const answer = await recordConsent(CALLERS.socialWorker, SUIS.siblingOfOneMother, { ...parentDecides(`LA-MOTHER-${SUIS.siblingOfOneMother}`, "GIVEN"), note: "Agreed at the family meeting" });
    const consentId = answer.data?.recordConsent?.consentId;
    const row = (await consentRows(SUIS.siblingOfOneMother)).find((candidate) => candidate.id === consentId);
    const entries = await hub.hub.database.dataSource.getRepository(DisclosureAuditEntry).createQueryBuilder("entry")
      .where(":sui = ANY(entry.child_suis)", { sui: SUIS.siblingOfOneMother }).andWhere("entry.operation = 'CONSENT_RECORDED'").getMany();
    const entry = entries.find((candidate) => candidate.details.consentId === consentId);
    expect(entry).toMatchObject({ outcome: "RECORDED", principalSub: "sw-north" });
    expect(entry?.details).toMatchObject({
      consentId, givenBy: "PERSON_WITH_PARENTAL_RESPONSIBILITY", decision: "GIVEN", adultId: row?.adult?.id, parentRelationship: "MOTHER",
      parentalResponsibilitySourceId: row?.parentalResponsibilitySource?.id, rule: "consent-family-agencies",
    });
    const logs = hub.logLines.join("\n");
    for (const personal of ["Morgan", "Consentford", "family meeting", `LA-MOTHER-${SUIS.siblingOfOneMother}`]) expect(logs).not.toContain(personal);
  });

  it("refuses an adult not recorded with parental responsibility for this child, telling no more than an unknown reference would", async () => {
    await seedFamily(SUIS.notAParent, { school: true });
    await seedFamily(SUIS.oneMother, {});
    const unknown = await recordConsent(CALLERS.socialWorker, SUIS.notAParent, parentDecides("LA-NOBODY", "GIVEN"));
    expect(unknown.errors?.[0]?.extensions).toEqual({ code: "NOT_FOUND", path: "consent.parent.agencyReference" });
    for (const reference of [
      `LA-STEP-${SUIS.notAParent}`, // named in the record, without parental responsibility
      `LA-MOTHER-${SUIS.oneMother}`, // another child's mother
      `SCH-MOTHER-${SUIS.notAParent}`, // this child's mother, by another agency's reference
    ]) {
      const refused = await recordConsent(CALLERS.socialWorker, SUIS.notAParent, parentDecides(reference, "GIVEN"));
      expect(refused).toEqual(unknown);
    }
    expect(await consentRows(SUIS.notAParent)).toEqual([]);
  });

  it("needs the person named, and nothing of a child's own decision", async () => {
    await seedFamily(SUIS.oneMother, {});
    const unnamed = await recordConsent(CALLERS.socialWorker, SUIS.oneMother, { givenBy: "PERSON_WITH_PARENTAL_RESPONSIBILITY", decision: "GIVEN" });
    expect(unnamed.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", path: "consent.parent.agencyReference" });
    const mixed = await recordConsent(CALLERS.socialWorker, SUIS.oneMother, { ...parentDecides(`LA-MOTHER-${SUIS.oneMother}`, "GIVEN"), competence: ASSESSED_COMPETENT });
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", path: "consent.competence" });
    const childNamingParent = await recordConsent(CALLERS.socialWorker, SUIS.oneMother, { ...childDecides("GIVEN"), parent: { agencyReference: `LA-MOTHER-${SUIS.oneMother}` } });
    expect(childNamingParent.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", path: "consent.parent" });
    const freeText = await hub.graphql(RECORD_CONSENT, { sui: SUIS.oneMother, consent: { givenBy: "PERSON_WITH_PARENTAL_RESPONSIBILITY", giverDescription: "mum", decision: "GIVEN", purposes: ["EARLY_HELP"] } }, await hub.token(CALLERS.socialWorker));
    expect(freeText.body.errors?.[0]?.extensions?.code).toBe("INVALID_INPUT");
  });
});

describe("only agencies working with the child's family record a parent's consent", () => {
  it("a prison holding the father may not record his consent, whoever it names", async () => {
    await seedFamily(SUIS.fatherInPrison, { school: true, prison: true });
    const before = (await consentRows(SUIS.fatherInPrison)).length;
    const father = await recordConsent(prisonOmu, SUIS.fatherInPrison, parentDecides(`A${SUIS.fatherInPrison.slice(-4)}ZZ`, "GIVEN"));
    expect(father.errors?.[0]?.extensions).toEqual({ code: "FORBIDDEN", path: "consent.givenBy", problem: "NOT_WORKING_WITH_FAMILY", rule: "consent-family-agencies" });
    const anybody = await recordConsent(prisonOmu, SUIS.fatherInPrison, parentDecides("NO-SUCH-PERSON", "GIVEN"));
    expect(anybody).toEqual(father);
    expect(await consentRows(SUIS.fatherInPrison)).toHaveLength(before);
  });

  it("the school records the mother's consent by its own reference for her", async () => {
    await seedFamily(SUIS.schoolAndPrison, { school: true, prison: true });
    const mother = await recordConsent(CALLERS.schoolDsl, SUIS.schoolAndPrison, parentDecides(`SCH-MOTHER-${SUIS.schoolAndPrison}`, "GIVEN"));
    expect(state(mother)).toBe("GIVEN");
    expect(mother.data?.recordConsent?.parentRelationship).toBe("MOTHER");
  });

  it("a GP working with the child records a parent only by a reference its own records give", async () => {
    await seedFamily(SUIS.fatherInPrison, { school: true, prison: true, gp: true });
    const answer = await recordConsent(CALLERS.gp, SUIS.fatherInPrison, parentDecides(`LA-MOTHER-${SUIS.fatherInPrison}`, "GIVEN"));
    expect(answer.errors?.[0]?.extensions).toEqual({ code: "NOT_FOUND", path: "consent.parent.agencyReference" });
  });
});

describe("only agencies working with the child's family record the child's own decision", () => {
  it("a prison holding the father may not record a 17-year-old's consent, nor open the family's sharing with it", async () => {
    await seedFamily(SUIS.seventeenPrison, { dateOfBirth: bornYearsAgo(17), school: true, prison: true });
    await recordConsent(CALLERS.socialWorker, SUIS.seventeenPrison, parentDecides(`LA-MOTHER-${SUIS.seventeenPrison}`, "REFUSED"));
    const answer = await recordConsent(prisonOmu, SUIS.seventeenPrison, childDecides("GIVEN"));
    expect(answer.errors?.[0]?.extensions).toEqual({ code: "FORBIDDEN", path: "consent.givenBy", problem: "NOT_WORKING_WITH_FAMILY", rule: "consent-family-agencies" });
    expect((await consentRows(SUIS.seventeenPrison)).map((row) => [row.givenBy, row.decision])).toEqual([["PERSON_WITH_PARENTAL_RESPONSIBILITY", "REFUSED"]]);
    const read = await hub.graphql(CHILD_QUERY, { sui: SUIS.seventeenPrison, access: access("EARLY_HELP", "CONSENT", { specialCategoryCondition: "HEALTH_OR_SOCIAL_CARE" }) }, await hub.token(CALLERS.schoolDsl));
    // At 17 only the young person decides: the mother's refusal does not govern, and nothing of hers was given.
    expect(read.body.errors?.[0]?.extensions).toMatchObject({ code: "ACCESS_CONTEXT_INVALID", problem: "CONSENT_NOT_GIVEN" });
  });
});

describe("a child's competence is found by age, from the date of birth the hub holds", () => {
  it("under 16, a child's view without an assessment does not govern; with the recorder's assessment it does", async () => {
    await seedFamily(SUIS.fifteen, { dateOfBirth: bornYearsAgo(15) });
    await recordConsent(CALLERS.socialWorker, SUIS.fifteen, parentDecides(`LA-MOTHER-${SUIS.fifteen}`, "GIVEN"));
    const view = await recordConsent(CALLERS.socialWorker, SUIS.fifteen, childDecides("REFUSED"));
    expect(view.data?.recordConsent).toMatchObject({ competence: "NOT_ASSESSED", effective: [{ purpose: "EARLY_HELP", state: "GIVEN" }] });
    const assessed = await recordConsent(CALLERS.socialWorker, SUIS.fifteen, childDecides("REFUSED", ASSESSED_COMPETENT));
    expect(assessed.data?.recordConsent).toMatchObject({ competence: "ASSESSED_COMPETENT", effective: [{ purpose: "EARLY_HELP", state: "REFUSED" }] });
    const rows = await consentRows(SUIS.fifteen);
    expect(rows.at(-1)).toMatchObject({ competence: "ASSESSED_COMPETENT", competenceAssessment: ASSESSED_COMPETENT.assessment, adult: null });
  });

  it("under 12, an assessment of competence is a CSC manager's to confirm", async () => {
    await seedFamily(SUIS.ten, { dateOfBirth: bornYearsAgo(10) });
    const before = (await consentRows(SUIS.ten)).length;
    const socialWorker = await recordConsent(CALLERS.socialWorker, SUIS.ten, childDecides("REFUSED", ASSESSED_COMPETENT));
    expect(socialWorker.errors?.[0]?.extensions).toEqual({ code: "FORBIDDEN", path: "consent.competence", problem: "MANAGER_CONFIRMATION_REQUIRED", rule: "child-competence-by-age" });
    expect(await consentRows(SUIS.ten)).toHaveLength(before);
    const manager = await recordConsent(CALLERS.cscManager, SUIS.ten, childDecides("REFUSED", ASSESSED_COMPETENT));
    expect(manager.data?.recordConsent).toMatchObject({ competence: "CONFIRMED_BY_MANAGER", effective: [{ purpose: "EARLY_HELP", state: "REFUSED" }] });
    const entries = await hub.hub.database.dataSource.getRepository(DisclosureAuditEntry).createQueryBuilder("entry")
      .where(":sui = ANY(entry.child_suis)", { sui: SUIS.ten }).andWhere("entry.operation = 'CONSENT_RECORDED'")
      .orderBy("entry.occurred_at", "DESC").addOrderBy("entry.sequence", "DESC").getMany();
    expect(entries[0]).toMatchObject({ principalSub: "csc-manager", details: { competence: "CONFIRMED_BY_MANAGER", childCompetent: true, rule: "child-competence-by-age" } });
  });

  it("at 16 a young person is presumed competent; an unwritten assessment is refused", async () => {
    await seedFamily(SUIS.sixteen, { dateOfBirth: bornYearsAgo(16) });
    const presumed = await recordConsent(CALLERS.socialWorker, SUIS.sixteen, childDecides("GIVEN"));
    expect(presumed.data?.recordConsent).toMatchObject({ competence: "PRESUMED", effective: [{ purpose: "EARLY_HELP", state: "GIVEN" }] });
    const unwritten = await recordConsent(CALLERS.socialWorker, SUIS.sixteen, childDecides("REFUSED", { assessedCompetent: false, assessment: "no" }));
    expect(unwritten.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", path: "consent.competence.assessment", problem: "ASSESSMENT_REQUIRED" });
  });

  it("a child with no date of birth has no decision of their own", async () => {
    await seedFamily(SUIS.unborn, { expectedDateOfBirth: "2027-03-01" });
    const answer = await recordConsent(CALLERS.socialWorker, SUIS.unborn, childDecides("REFUSED", ASSESSED_COMPETENT));
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", problem: "CHILD_AGE_UNKNOWN" });
  });
});

describe("a competent child's refusal governs consent-based sharing", () => {
  it("over a parent's later consent, in what the receipt says and in what the hub discloses", async () => {
    await seedFamily(SUIS.competentRefusal, { dateOfBirth: bornYearsAgo(14), school: true });
    await recordConsent(CALLERS.socialWorker, SUIS.competentRefusal, childDecides("REFUSED", ASSESSED_COMPETENT));
    const mother = await recordConsent(CALLERS.schoolDsl, SUIS.competentRefusal, parentDecides(`SCH-MOTHER-${SUIS.competentRefusal}`, "GIVEN"));
    expect(state(mother)).toBe("REFUSED");
    const againLater = await recordConsent(CALLERS.socialWorker, SUIS.competentRefusal, parentDecides(`LA-MOTHER-${SUIS.competentRefusal}`, "GIVEN"));
    expect(state(againLater)).toBe("REFUSED");

    const response = await hub.graphql(CHILD_QUERY, { sui: SUIS.competentRefusal, access: access("EARLY_HELP", "CONSENT", { specialCategoryCondition: "HEALTH_OR_SOCIAL_CARE" }) }, await hub.token(CALLERS.socialWorker));
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: "ACCESS_CONTEXT_INVALID", problem: "CONSENT_REFUSED" });
  });
});

describe("a parent's decision counts only while the hub still knows them as this child's parent", () => {
  it("stops counting when a steward splits off the record that founded their parental responsibility", async () => {
    // A family of its own: the pupil split off is a child without an SUI, whom a later Consentford child
    // of the same age would be proposed to as an arriving SUI instead of founding a child of his own.
    await seedFamily(SUIS.splitFromMother, { givenNames: "Ellis", familyName: "Splitwood", home: { line1: "9 Parting Lane", postcode: "SL7 1ZZ" }, dateOfBirth: bornYearsAgo(14), school: true });
    const earlyHelp = access("EARLY_HELP", "CONSENT", { specialCategoryCondition: "HEALTH_OR_SOCIAL_CARE" });
    const read = async () => (await hub.graphql(CHILD_QUERY, { sui: SUIS.splitFromMother, access: earlyHelp }, await hub.token(CALLERS.socialWorker))).body;
    expect(state(await recordConsent(CALLERS.schoolDsl, SUIS.splitFromMother, parentDecides(`SCH-MOTHER-${SUIS.splitFromMother}`, "GIVEN")))).toBe("GIVEN");
    expect((await read()).data?.child).not.toBeNull();

    // The school's pupil turns out to be another child: the steward splits the school's record off.
    const [school] = await hub.hub.database.dataSource.query<{ id: string; child_id: string }[]>(
      `SELECT id, child_id FROM agency_record WHERE agency_reference = $1`, [`UPN-${SUIS.splitFromMother}`]);
    const split = await hub.graphql(SPLIT, {
      childId: school.child_id, recordIds: [school.id], reason: "The school's pupil is another child of the same name.", access: DATA_QUALITY,
    }, await hub.token(CALLERS.dataSteward));
    expect(split.body.errors).toBeUndefined();

    // The decision stays on file (the audit and history keep it) but no longer governs this child's sharing.
    expect((await consentRows(SUIS.splitFromMother)).map((row) => row.decision)).toEqual(["GIVEN"]);
    expect((await read()).errors?.[0]?.extensions).toMatchObject({ code: "ACCESS_CONTEXT_INVALID", problem: "CONSENT_NOT_GIVEN" });
    const again = await recordConsent(CALLERS.socialWorker, SUIS.splitFromMother, parentDecides(`LA-MOTHER-${SUIS.splitFromMother}`, "WITHDRAWN"));
    expect(state(again)).toBe("WITHDRAWN");
  });
});

/** The agency's record turns out to be another child's, sent with this child's NHS number: a steward splits it off. */
async function splitRecord(agencyReference: string): Promise<void> {
  const [wrong] = await hub.hub.database.dataSource.query<{ id: string; child_id: string }[]>(`SELECT id, child_id FROM agency_record WHERE agency_reference = $1`, [agencyReference]);
  const split = await hub.graphql(SPLIT, {
    childId: wrong.child_id, recordIds: [wrong.id], reason: "The record is of another child: wrong NHS number sent.", access: DATA_QUALITY,
  }, await hub.token(CALLERS.dataSteward));
  expect(split.body.errors).toBeUndefined();
}

describe("a child's own decision counts only while the record it was recorded through is this child's", () => {
  const earlyHelp = access("EARLY_HELP", "CONSENT", { specialCategoryCondition: "HEALTH_OR_SOCIAL_CARE" });
  const read = async (sui: string) => (await hub.graphql(CHILD_QUERY, { sui, access: earlyHelp }, await hub.token(CALLERS.socialWorker))).body;

  it("another pupil's consent, recorded by the school's DSL, stops opening early help once the school's record is split off", async () => {
    const sui = SUIS.ownConsentThroughAnotherPupil;
    await seedFamily(sui, { givenNames: "Imogen", familyName: "Larkspur", dateOfBirth: bornYearsAgo(15), school: true });
    expect(state(await recordConsent(CALLERS.schoolDsl, sui, childDecides("GIVEN", ASSESSED_COMPETENT)))).toBe("GIVEN");
    expect((await read(sui)).data?.child).not.toBeNull();
    const [stored] = await consentRows(sui);
    const [school] = await hub.hub.database.dataSource.query<{ id: string }[]>(`SELECT id FROM agency_record WHERE agency_reference = $1`, [`UPN-${sui}`]);
    expect(stored?.recordedThrough).toEqual([school.id]);

    await splitRecord(`UPN-${sui}`);

    // Kept on file for the history, but nothing shows this child agreed: the decision was the other pupil's.
    expect((await consentRows(sui)).map((row) => row.decision)).toEqual(["GIVEN"]);
    expect((await read(sui)).errors?.[0]?.extensions).toMatchObject({ code: "ACCESS_CONTEXT_INVALID", problem: "CONSENT_NOT_GIVEN" });
  });

  it("another pupil's refusal, recorded the same way, stops blocking the child's own earlier consent", async () => {
    const sui = SUIS.ownRefusalThroughAnotherPupil;
    await seedFamily(sui, { givenNames: "Isla", familyName: "Ambleside", dateOfBirth: bornYearsAgo(13), school: true });
    expect(state(await recordConsent(CALLERS.socialWorker, sui, childDecides("GIVEN", ASSESSED_COMPETENT)))).toBe("GIVEN");
    expect(state(await recordConsent(CALLERS.schoolDsl, sui, childDecides("REFUSED", ASSESSED_COMPETENT)))).toBe("REFUSED");
    expect((await read(sui)).errors?.[0]?.extensions).toMatchObject({ code: "ACCESS_CONTEXT_INVALID", problem: "CONSENT_REFUSED" });

    await splitRecord(`UPN-${sui}`);

    expect((await read(sui)).data?.child).not.toBeNull();
  });
});

describe("a safeguarding override stands only while the record it was authorised through is this child's", () => {
  it("a manager's override about the child whose record children's social care holds stops overriding once that record is split off", async () => {
    const sui = SUIS.overrideThroughAnotherChild;
    await seedFamily(sui, { givenNames: "Wren", familyName: "Thornbury", dateOfBirth: bornYearsAgo(12), gp: true });
    const assessment = access("CHILD_IN_NEED_ASSESSMENT", "PUBLIC_TASK", { specialCategoryCondition: "HEALTH_OR_SOCIAL_CARE" });
    const read = async () => (await hub.graphql(CHILD_QUERY, { sui, access: assessment }, await hub.token(CALLERS.gp))).body;
    expect(state(await recordConsent(CALLERS.gp, sui, { ...childDecides("REFUSED", ASSESSED_COMPETENT), purposes: ["EARLY_HELP", "CHILD_IN_NEED_ASSESSMENT"] }))).toBe("REFUSED");
    expect((await read()).errors?.[0]?.extensions).toMatchObject({ code: "ACCESS_CONTEXT_INVALID", problem: "CONSENT_REFUSED" });

    // Children's social care's record, and the risk its manager acted on, turn out to be another child's.
    const override = await hub.graphql(OVERRIDE, { sui, reason: "Reasonable cause to believe the child is at risk of significant harm." }, await hub.token(CALLERS.cscManager));
    expect(override.body.errors).toBeUndefined();
    expect((await read()).data?.child).not.toBeNull();

    await splitRecord(`CSC-${sui}`);

    expect((await read()).errors?.[0]?.extensions).toMatchObject({ code: "ACCESS_CONTEXT_INVALID", problem: "CONSENT_REFUSED" });
  });
});

describe("a young person of 16 or over decides alone (Mental Capacity Act 2005)", () => {
  it("a parent's consent does not open consent-based sharing about a 17-year-old; their own does", async () => {
    const sui = SUIS.seventeenOwnDecision;
    await seedFamily(sui, { givenNames: "Jory", dateOfBirth: bornYearsAgo(17), school: true });
    const earlyHelp = access("EARLY_HELP", "CONSENT", { specialCategoryCondition: "HEALTH_OR_SOCIAL_CARE" });
    const read = async () => (await hub.graphql(CHILD_QUERY, { sui, access: earlyHelp }, await hub.token(CALLERS.socialWorker))).body;

    expect(state(await recordConsent(CALLERS.schoolDsl, sui, parentDecides(`SCH-MOTHER-${sui}`, "GIVEN")))).toBe("NOT_RECORDED");
    expect((await read()).errors?.[0]?.extensions).toMatchObject({ code: "ACCESS_CONTEXT_INVALID", problem: "CONSENT_NOT_GIVEN" });

    const own = await recordConsent(CALLERS.socialWorker, sui, childDecides("GIVEN"));
    expect(own.data?.recordConsent?.competence).toBe("PRESUMED");
    expect(state(own)).toBe("GIVEN");
    expect((await read()).data?.child).not.toBeNull();
  });
});
