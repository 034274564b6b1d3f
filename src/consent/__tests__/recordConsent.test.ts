import { type Principal } from "../../auth/Principal";
import { HubError } from "../../errors/HubError";
import { syntheticNhsNumbers } from "../../identity/nhsNumber";
import { CALLER, childOf, openDisclosureDatabase, practitioner, type DisclosureDatabase } from "../../disclosure/__tests__/disclosureDatabase";
import { ConsentOverride } from "../ConsentOverride";
import { ConsentRecord } from "../ConsentRecord";
import { recordConsent, type ConsentSubmission } from "../recordConsent";
import { recordConsentOverride } from "../recordConsentOverride";

/**
 * Recording consent decisions and overrides on a migrated database, with records written through
 * `submitRecord` and the real policies: who may record what, what the hub finds about a parent and a
 * child's competence, what governs afterwards, and the audit entry written before anything takes effect.
 */
let db: DisclosureDatabase;
const suis = syntheticNhsNumbers(874_000);
const MORWENNA = suis.next().value as string; // 17 on the test day: presumed competent
const PIRAN = suis.next().value as string; // 9: a manager confirms
const UNBORN = suis.next().value as string;
const NOBODY = suis.next().value as string;
// Each decision recorded below is about a young person of its own, so what governs afterwards is only what that test recorded.
const KERENZA = suis.next().value as string;
const TAMSIN = suis.next().value as string;
const LOWENNA = suis.next().value as string;
const now = new Date("2026-11-20T10:00:00Z");

const mother = { reference: "CSC-DB-MUM", givenNames: "Demelza", familyName: "Carne", dateOfBirth: "1985-07-07", sex: "FEMALE" as const, relationship: "MOTHER" as const, parentalResponsibility: true };
const uncle = { reference: "CSC-DB-UNCLE", givenNames: "Jago", familyName: "Carne", dateOfBirth: "1980-01-01", sex: "MALE" as const, relationship: "OTHER_RELATIVE" as const, parentalResponsibility: false };

beforeAll(async () => {
  db = await openDisclosureDatabase();
  await db.submit({
    agencyCode: "LA-E06000060", agencyReference: "CSC-DB-MORWENNA", child: childOf(MORWENNA, "Morwenna", "Carne", "2009-05-01"), relatedAdults: [mother, uncle],
    socialCare: { status: "CHILD_IN_NEED", startDate: "2026-06-01", responsibleLocalAuthority: "E06000060" },
  });
  // The police hold the child too, and the mother as they reported her: not an agency working with the family.
  await db.submit({
    agencyCode: "POLICE-43", agencyReference: "TVP-DB-MORWENNA", child: childOf(MORWENNA, "Morwenna", "Carne", "2009-05-01"), relatedAdults: [{ ...mother, reference: "TVP-NOMINAL-1" }],
    police: { incidentType: "CHILD_CONCERN", childRole: "PERSON_AT_RISK", reportedOn: "2026-10-01" },
  });
  await db.submit({
    agencyCode: "LA-E06000060", agencyReference: "CSC-DB-PIRAN", child: childOf(PIRAN, "Piran", "Carne", "2017-03-03", { sex: "MALE" }),
    socialCare: { status: "CHILD_IN_NEED", startDate: "2026-06-01", responsibleLocalAuthority: "E06000060" },
  });
  await db.submit({
    agencyCode: "LA-E06000060", agencyReference: "CSC-DB-UNBORN", child: { sui: UNBORN, givenNames: "Baby", familyName: "Carne", expectedDateOfBirth: "2027-04-01", sex: "NOT_KNOWN" },
    socialCare: { status: "CHILD_IN_NEED", startDate: "2026-10-01", responsibleLocalAuthority: "E06000060" },
  });
}, 120_000);

afterAll(async () => db.close());

let requests = 0;
const record = (principal: Principal, sui: string, submission: ConsentSubmission) => recordConsent(db.dataSource, db.policy, principal, `req-consent-${++requests}`, sui, submission, now);

async function refusalOf(promise: Promise<unknown>): Promise<HubError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HubError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

const parentGives: ConsentSubmission = { givenBy: "PERSON_WITH_PARENTAL_RESPONSIBILITY", parent: { agencyReference: " CSC-DB-MUM " }, decision: "GIVEN", purposes: ["EARLY_HELP", "CHILD_IN_NEED_ASSESSMENT", "EARLY_HELP"], note: "Agreed at the home visit." };

/** A 17-year-old (presumed competent) on the Vale's social care records with her mother, who has parental responsibility, known by a reference of her own. */
async function youngPersonWithMother(sui: string, givenNames: string): Promise<{ recordId: string; parentGives: ConsentSubmission }> {
  const reference = `CSC-DB-MUM-${givenNames.toUpperCase()}`;
  const { recordId } = await db.submit({
    agencyCode: "LA-E06000060", agencyReference: `CSC-DB-${givenNames.toUpperCase()}`, child: childOf(sui, givenNames, "Carne", "2009-05-01"), relatedAdults: [{ ...mother, reference }],
    socialCare: { status: "CHILD_IN_NEED", startDate: "2026-06-01", responsibleLocalAuthority: "E06000060" },
  });
  return { recordId, parentGives: { ...parentGives, parent: { agencyReference: ` ${reference} ` } } };
}

describe("recordConsent refuses", () => {
  test("anyone but a practitioner", async () => {
    const error = await refusalOf(record(practitioner("ig-db-1", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["IG_LEAD"]), MORWENNA, parentGives));
    expect([error.code, error.message]).toEqual(["FORBIDDEN", "Only a practitioner may record a consent decision."]);
  });

  test("a decision whose shape does not fit its giver, at the part that is wrong", async () => {
    const cases: [ConsentSubmission, string, string][] = [
      [{ ...parentGives, purposes: [] }, "consent.purposes", "Name at least one purpose the decision covers."],
      [{ givenBy: "CHILD", parent: { agencyReference: "CSC-DB-MUM" }, decision: "GIVEN", purposes: ["EARLY_HELP"] }, "consent.parent", "A child's own decision names no parent."],
      [{ ...parentGives, competence: { assessedCompetent: true, assessment: "Understands fully what is proposed." } }, "consent.competence", "A competence assessment goes with the child's own decision, not a parent's."],
      [{ ...parentGives, parent: { agencyReference: "   " } }, "consent.parent.agencyReference", "Name the person with parental responsibility by your agency's own reference for them."],
      [{ ...parentGives, parent: null }, "consent.parent.agencyReference", "Name the person with parental responsibility by your agency's own reference for them."],
    ];
    for (const [submission, path, message] of cases) {
      const error = await refusalOf(record(CALLER.socialWorker, MORWENNA, submission));
      expect({ code: error.code, details: error.details, message: error.message }).toEqual({ code: "INVALID_INPUT", details: { path }, message });
    }
  });

  test("a child the caller's agency is not involved with, as if the hub did not hold them", async () => {
    for (const [principal, sui] of [[CALLER.socialWorker, NOBODY], [CALLER.lincolnshire, MORWENNA]] as [Principal, string][]) {
      const error = await refusalOf(record(principal, sui, parentGives));
      expect([error.code, error.details]).toEqual(["NOT_FOUND", { path: "sui" }]);
    }
  });

  test("an agency that is not working with the family: FORBIDDEN, naming the rule", async () => {
    const error = await refusalOf(record(CALLER.police, MORWENNA, { ...parentGives, parent: { agencyReference: "TVP-NOMINAL-1" } }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.details).toEqual({ path: "consent.givenBy", problem: "NOT_WORKING_WITH_FAMILY", rule: "consent-family-agencies" });
    expect(error.message).toBe("A parent's consent decision is recorded by an agency working with the child's family: yours holds no record about this child of a type that does (SOCIAL_CARE, HEALTH, EDUCATION, YOUTH_JUSTICE).");
    const childsOwn = await refusalOf(record(CALLER.police, MORWENNA, { givenBy: "CHILD", decision: "REFUSED", purposes: ["EARLY_HELP"] }));
    expect(childsOwn.message).toMatch(/^A child's own consent decision is recorded by an agency working with the child's family/);
  });

  test("a child under twelve recorded competent by anyone but a manager: FORBIDDEN; a manager records it", async () => {
    const assessed = { givenBy: "CHILD" as const, competence: { assessedCompetent: true, assessment: "Explained in his own words what sharing means." }, decision: "REFUSED" as const, purposes: ["EARLY_HELP" as const] };
    const error = await refusalOf(record(CALLER.socialWorker, PIRAN, assessed));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.details).toEqual({ path: "consent.competence", problem: "MANAGER_CONFIRMATION_REQUIRED", rule: "child-competence-by-age" });
    expect(error.message).toBe("A child under 12 is recorded as competent only by a CSC_MANAGER confirming the assessment: ask them to record this decision.");
    expect((await record(CALLER.cscManager, PIRAN, assessed)).competence).toBe("CONFIRMED_BY_MANAGER");
  });

  test("a competence assessment too short to read: INVALID_INPUT, naming the rule", async () => {
    const error = await refusalOf(record(CALLER.socialWorker, PIRAN, { givenBy: "CHILD", competence: { assessedCompetent: true, assessment: "  seems fine  " }, decision: "GIVEN", purposes: ["EARLY_HELP"] }));
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.details).toEqual({ path: "consent.competence.assessment", problem: "ASSESSMENT_REQUIRED", rule: "child-competence-by-age" });
    expect(error.message).toBe("Write down the competence assessment (at least 20 characters).");
  });

  test("an unborn child's own decision: there is none to record", async () => {
    const error = await refusalOf(record(CALLER.socialWorker, UNBORN, { givenBy: "CHILD", decision: "GIVEN", purposes: ["EARLY_HELP"] }));
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.details).toEqual({ path: "consent.givenBy", problem: "CHILD_AGE_UNKNOWN", rule: "child-competence-by-age" });
    expect(error.message).toBe("No record your agency may see gives this child's date of birth, so the hub cannot record a decision as the child's own.");
  });

  test("a parent the caller's agency knows by no such reference, or one without parental responsibility", async () => {
    for (const reference of ["CSC-DB-NOBODY", "CSC-DB-UNCLE", "TVP-NOMINAL-1"]) {
      const error = await refusalOf(record(CALLER.socialWorker, MORWENNA, { ...parentGives, parent: { agencyReference: reference } }));
      expect({ code: error.code, details: error.details, message: error.message }).toEqual({
        code: "NOT_FOUND", details: { path: "consent.parent.agencyReference" },
        message: "Your agency's records about this child name no person with parental responsibility by this reference.",
      });
    }
  });
});

describe("recordConsent records", () => {
  test("a parent's decision: the adult and the record that founds their responsibility, audited first, and what now governs", async () => {
    const family = await youngPersonWithMother(KERENZA, "Kerenza");
    const receipt = await record(CALLER.socialWorker, KERENZA, family.parentGives);
    expect(receipt.competence).toBeNull();
    expect(receipt.parentRelationship).toBe("MOTHER");
    // Kerenza is 17, presumed to have capacity: her mother's consent is recorded, but only her own decision governs.
    expect(receipt.effective).toEqual([{ purpose: "EARLY_HELP", state: "NOT_RECORDED" }, { purpose: "CHILD_IN_NEED_ASSESSMENT", state: "NOT_RECORDED" }]);

    const stored = await db.dataSource.getRepository(ConsentRecord).findOneOrFail({ where: { id: receipt.consentId }, relations: { adult: true, parentalResponsibilitySource: true } });
    expect(stored).toMatchObject({
      givenBy: "PERSON_WITH_PARENTAL_RESPONSIBILITY", competence: null, competenceAssessment: null, parentRelationship: "MOTHER", legacyGiverDescription: null,
      decision: "GIVEN", purposes: ["EARLY_HELP", "CHILD_IN_NEED_ASSESSMENT"], note: "Agreed at the home visit.", recordedBySub: CALLER.socialWorker.sub, recordedByAgency: "LA-E06000060",
    });
    expect(stored.parentalResponsibilitySource?.id).toBe(family.recordId);
    const [entry] = await db.auditByRequest(`req-consent-${requests}`);
    expect(entry).toMatchObject({ operation: "CONSENT_RECORDED", outcome: "RECORDED", childSuis: [KERENZA], policyVersion: db.policy.version, principalSub: CALLER.socialWorker.sub });
    expect(entry.occurredAt.getTime()).toBe(receipt.recordedAt.getTime());
    expect(entry.details).toEqual({
      consentId: receipt.consentId, decision: "GIVEN", givenBy: "PERSON_WITH_PARENTAL_RESPONSIBILITY", purposes: ["EARLY_HELP", "CHILD_IN_NEED_ASSESSMENT"], lawfulBasis: "CONSENT",
      rule: "consent-family-agencies", adultId: stored.adult?.id, parentRelationship: "MOTHER", parentalResponsibilitySourceId: family.recordId,
    });
  });

  test("a competent young person's refusal, which then governs over the parent's agreement", async () => {
    const family = await youngPersonWithMother(TAMSIN, "Tamsin");
    await record(CALLER.socialWorker, TAMSIN, family.parentGives);
    const receipt = await record(CALLER.socialWorker, TAMSIN, { givenBy: "CHILD", competence: { assessedCompetent: true, assessment: "  Understands what would be shared and why.  " }, decision: "REFUSED", purposes: ["EARLY_HELP"] });
    expect(receipt).toMatchObject({ competence: "PRESUMED", parentRelationship: null, effective: [{ purpose: "EARLY_HELP", state: "REFUSED" }] });
    const stored = await db.dataSource.getRepository(ConsentRecord).findOneOrFail({ where: { id: receipt.consentId }, relations: { adult: true, parentalResponsibilitySource: true } });
    expect(stored).toMatchObject({ givenBy: "CHILD", competence: "PRESUMED", competenceAssessment: "Understands what would be shared and why.", adult: null, parentalResponsibilitySource: null, parentRelationship: null, note: null });
    const [entry] = await db.auditByRequest(`req-consent-${requests}`);
    expect(entry.details).toEqual({ consentId: receipt.consentId, decision: "REFUSED", givenBy: "CHILD", purposes: ["EARLY_HELP"], lawfulBasis: "CONSENT", rule: "child-competence-by-age", competence: "PRESUMED", childCompetent: true });
  });

  test("a child's view that does not govern: recorded with childCompetent false", async () => {
    await youngPersonWithMother(LOWENNA, "Lowenna");
    const receipt = await record(CALLER.socialWorker, LOWENNA, { givenBy: "CHILD", competence: { assessedCompetent: false, assessment: "Could not weigh up what sharing would mean today." }, decision: "GIVEN", purposes: ["CHILD_IN_NEED_ASSESSMENT"] });
    expect(receipt.competence).toBe("ASSESSED_NOT_COMPETENT");
    const [entry] = await db.auditByRequest(`req-consent-${requests}`);
    expect(entry.details).toMatchObject({ competence: "ASSESSED_NOT_COMPETENT", childCompetent: false });
  });
});

describe("recordConsentOverride", () => {
  const override = (principal: Principal, reason: string, reviewBy: Date | null, sui = MORWENNA) =>
    recordConsentOverride(db.dataSource, principal, `req-override-${++requests}`, db.policy, sui, reason, reviewBy, now);
  const reason = "  Risk of significant harm outweighs the refusal on record.  ";
  const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

  test("only a CSC manager", async () => {
    const error = await refusalOf(override(CALLER.socialWorker, reason, null));
    expect([error.code, error.message]).toEqual(["FORBIDDEN", "Only a children's social care manager (CSC_MANAGER) may authorise sharing without consent."]);
  });

  test("with a reason of twenty characters or more, once trimmed", async () => {
    const error = await refusalOf(override(CALLER.cscManager, `  ${"x".repeat(19)}  `, null));
    expect({ code: error.code, details: error.details, message: error.message }).toEqual({ code: "INVALID_INPUT", details: { path: "reason" }, message: "Give the safeguarding reason for overriding consent (at least 20 characters)." });
    await override(CALLER.cscManager, "x".repeat(20), null);
  });

  test("reviewed in the future, at most ninety days away", async () => {
    for (const reviewBy of [now, days(-1), new Date(days(90).getTime() + 1)]) {
      const error = await refusalOf(override(CALLER.cscManager, reason, reviewBy));
      expect({ code: error.code, details: error.details, message: error.message }).toEqual({ code: "INVALID_INPUT", details: { path: "reviewBy" }, message: "reviewBy must be in the future and at most 90 days away." });
    }
    expect((await override(CALLER.cscManager, reason, days(90))).reviewBy).toEqual(days(90));
    expect((await override(CALLER.cscManager, reason, new Date(now.getTime() + 1))).reviewBy).toEqual(new Date(now.getTime() + 1));
  });

  test("about a child the manager's agency is not involved with: NOT_FOUND, nothing recorded", async () => {
    const lincolnshireManager = practitioner("csc-db-lincs", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["CSC_MANAGER"], "E10000019");
    const error = await refusalOf(override(lincolnshireManager, reason, null));
    expect(error.code).toBe("NOT_FOUND");
    expect(await db.auditByRequest(`req-override-${requests}`)).toEqual([]);
    expect(await db.dataSource.getRepository(ConsentOverride).countBy({ authorisedBySub: lincolnshireManager.sub })).toBe(0);
  });

  test("recorded, reviewed in ninety days unless sooner, audited with the reason before it takes effect", async () => {
    const receipt = await override(CALLER.cscManager, reason, null);
    expect(receipt.reviewBy).toEqual(days(90));
    const stored = await db.dataSource.getRepository(ConsentOverride).findOneByOrFail({ id: receipt.overrideId });
    expect(stored).toMatchObject({ reason: "Risk of significant harm outweighs the refusal on record.", authorisedBySub: CALLER.cscManager.sub, authorisedByAgency: "LA-E06000060", reviewBy: days(90) });
    const [entry] = await db.auditByRequest(`req-override-${requests}`);
    expect(entry).toMatchObject({ operation: "CONSENT_OVERRIDE", outcome: "RECORDED", childSuis: [MORWENNA], policyVersion: db.policy.version });
    expect(entry.occurredAt.getTime()).toBe(receipt.recordedAt.getTime());
    expect(entry.details).toEqual({ overrideId: receipt.overrideId, reason: "Risk of significant harm outweighs the refusal on record.", reviewBy: days(90).toISOString() });
  });
});
