import { recordConsent } from "../../consent/recordConsent";
import { recordConsentOverride } from "../../consent/recordConsentOverride";
import { syntheticNhsNumbers } from "../../identity/nhsNumber";
import { openReferral } from "../../referrals/openReferral";
import { type ChildFile } from "../ChildFile";
import { loadChildFile, loadChildFileRead } from "../loadChildFile";
import { ChildExclusion } from "../../exclusions/ChildExclusion";
import { CALLER, childOf, openDisclosureDatabase, type DisclosureDatabase } from "./disclosureDatabase";
import { storedLinkOf } from "../../../test/support/storedLink";

/**
 * `loadChildFile` on a migrated database: everything the hub holds about one child, as the records
 * written through `submitRecord` (and the consent, override and referral services) left it.
 */
let db: DisclosureDatabase;
const suis = syntheticNhsNumbers(872_000);
const JUNIPER = suis.next().value as string;
const NOBODY = suis.next().value as string;
const UNBORN = suis.next().value as string;
const ids: Record<string, string> = {};
let overrideInForce: string;
let referralId: string;
const now = new Date();

const father = {
  reference: "CRN-DB-FATHER", givenNames: "Corin", familyName: "Ashgrove", dateOfBirth: "1984-10-30", sex: "MALE" as const, homeLocalAuthority: "E06000060",
  relationship: "FATHER" as const, parentalResponsibility: true, posesRiskToChild: true, subjectOfRecord: true,
};

beforeAll(async () => {
  db = await openDisclosureDatabase();
  const juniper = childOf(JUNIPER, "Juniper", "Ashgrove", "2012-02-29", {
    address: { kind: "HOME", line1: "9 Ashgrove Yard", line2: "Upper Flat", town: "Sampleton", postcode: "HP20 3CC", localAuthority: "E06000060", validFrom: "2024-03-01" },
  });
  ids.csc = (await db.submit({
    agencyCode: "LA-E06000060", agencyReference: "CSC-DB-JUNIPER", child: juniper, labels: ["THIRD_PARTY"],
    fieldLabels: [{ field: "summary", labels: ["SPECIAL_CATEGORY"] }],
    relatedAdults: [{ reference: "CSC-DB-MOTHER", givenNames: "Hazel", familyName: "Ashgrove", dateOfBirth: "1986-01-12", sex: "FEMALE", relationship: "MOTHER", parentalResponsibility: true }],
    socialCare: { status: "CHILD_IN_NEED", startDate: "2026-06-01", allocatedWorkerName: "Ari Caseworker", allocatedTeam: "North", responsibleLocalAuthority: "E06000060", summary: "Low mood reported" },
  })).recordId;
  ids.gp = (await db.submit({
    agencyCode: "GP-K99001", agencyReference: "GP-DB-JUNIPER", child: { ...juniper, givenNames: "June", address: { kind: "PLACEMENT", line1: "1 Quiet Close", postcode: "HP21 4DD", localAuthority: "E06000060", labels: ["LOCATION_WITHHELD"] } },
    health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2012-03-10", conditions: [{ description: "Asthma" }] },
  })).recordId;
  ids.probation = (await db.submit({
    agencyCode: "PDU-BUCKS", agencyReference: "CRN-DB-FATHER", child: juniper, relatedAdults: [father],
    probation: { roshLevel: "HIGH", roshTo: ["CHILDREN"], mappaCategory: 2, mappaLevel: 1, offenderManagerName: "Jo Manager", supervisionEndDate: "2027-05-01" },
  })).recordId;
  ids.prison = (await db.submit({
    agencyCode: "HMP-EXAMPLETON", agencyReference: "HMP-DB-A9999ZZ", child: juniper, relatedAdults: [{ ...father, reference: "A9999ZZ", givenNames: "Corin James" }],
    prison: { prisonNumber: "A9999ZZ", pprcStatus: "CONFIRMED", expectedReleaseDate: "2027-01-10" },
  })).recordId;
  // Names the child by SUI but cannot be her: held for a steward, not hers to disclose.
  const possible = await db.submit({
    agencyCode: "SCH-199001", agencyReference: "UPN-DB-NOTJUNIPER", child: childOf(JUNIPER, "Zebedee", "Quarrington", "2019-11-02", { sex: "MALE" }),
    education: { rollStatus: "ON_ROLL", dslName: "Pat Lead" },
  });
  expect((await storedLinkOf(db.dataSource, possible.recordId)).state).toBe("POSSIBLE");
  ids.possible = possible.recordId;

  await recordConsent(db.dataSource, db.policy, CALLER.socialWorker, "req-consent-1", JUNIPER, { givenBy: "PERSON_WITH_PARENTAL_RESPONSIBILITY", parent: { agencyReference: "CSC-DB-MOTHER" }, decision: "GIVEN", purposes: ["EARLY_HELP", "CHILD_IN_NEED_ASSESSMENT"] });
  const earlier = new Date(now.getTime() - 3 * 86_400_000);
  // Recorded three days ago for a review two days ago: no longer in force. The later one is.
  await recordConsentOverride(db.dataSource, CALLER.cscManager, "req-override-old", db.policy, JUNIPER, "Earlier override, reviewed and lapsed since then.", new Date(earlier.getTime() + 86_400_000), earlier);
  overrideInForce = (await recordConsentOverride(db.dataSource, CALLER.cscManager, "req-override-new", db.policy, JUNIPER, "Risk of significant harm outweighs the refusal on record.", new Date(now.getTime() + 10 * 86_400_000), now)).overrideId;
  referralId = (await openReferral(db.dataSource, CALLER.mash, "req-referral-j", db.policy, { sui: JUNIPER, reference: "MASH-DB-J1", stage: "REFERRAL", referralSource: "SCHOOL", reason: "School reports the child arrived hungry again." }, now)).referralId;

  ids.unborn = (await db.submit({
    agencyCode: "TRUST-RX1", agencyReference: "MAT-DB-UNBORN", child: { sui: UNBORN, givenNames: "Baby", familyName: "Ashgrove", expectedDateOfBirth: "2027-03-01", sex: "NOT_KNOWN" },
    health: { namedProfessionalName: "Midwife Example" },
  })).recordId;
}, 120_000);

// Loaded in each test, not once for the file: code run while setting up is not measured against a mutant.
const loadJuniper = async (at = now) => (await loadChildFile(db.dataSource, JUNIPER, at)) as ChildFile;

afterAll(async () => db.close());

test("a child the hub does not hold: null", async () => {
  expect(await loadChildFile(db.dataSource, NOBODY, now)).toBeNull();
});

test("the child, with dates as the days they are (a leap day stays the leap day)", async () => {
  const file = await loadJuniper();
  expect(file.child).toMatchObject({ sui: JUNIPER, givenNames: "Juniper", familyName: "Ashgrove", dateOfBirth: "2012-02-29", expectedDateOfBirth: null, sex: "FEMALE" });
  expect(file.child.id).toMatch(/^[0-9a-f-]{36}$/);
  expect(file.child.createdAt).toBeInstanceOf(Date);
  expect(file.child.updatedAt).toBeInstanceOf(Date);
  expect(file.identity.usual).toEqual({ givenNames: "Juniper", familyName: "Ashgrove", dateOfBirth: "2012-02-29", expectedDateOfBirth: null, sex: "FEMALE" });
});

test("an unborn child has an expected date of birth and none of birth", async () => {
  const unborn = (await loadChildFile(db.dataSource, UNBORN, now)) as ChildFile;
  expect(unborn.identity.usual).toEqual({ givenNames: "Baby", familyName: "Ashgrove", dateOfBirth: null, expectedDateOfBirth: "2027-03-01", sex: "NOT_KNOWN" });
  expect(unborn.child.expectedDateOfBirth).toBe("2027-03-01");
});

test("each name, oldest first, with the records that reported it", async () => {
  const file = await loadJuniper();
  expect(file.identity.names.map(({ givenNames, familyName, kind, sources }) => ({ givenNames, familyName, kind, sources: [...sources].sort() }))).toEqual([
    { givenNames: "Juniper", familyName: "Ashgrove", kind: "USUAL", sources: [ids.csc, ids.probation, ids.prison].sort() },
    { givenNames: "June", familyName: "Ashgrove", kind: "ALIAS", sources: [ids.gp] },
  ]);
  for (const name of file.identity.names) expect(name.id).toMatch(/^[0-9a-f-]{36}$/);
});

test("each record's report of each address, with its labels, its dates and its record", async () => {
  const file = await loadJuniper();
  const fromCsc = file.identity.addresses.find((address) => address.sourceRecordId === ids.csc);
  expect(fromCsc).toEqual({
    id: expect.any(String), kind: "HOME", line1: "9 Ashgrove Yard", line2: "Upper Flat", town: "Sampleton", postcode: "HP20 3CC", localAuthority: "E06000060",
    labels: [], validFrom: "2024-03-01", firstReportedAt: expect.any(Date), sourceRecordId: ids.csc,
  });
  expect(Number.isNaN(fromCsc?.firstReportedAt.getTime())).toBe(false);
  const fromGp = file.identity.addresses.find((address) => address.sourceRecordId === ids.gp);
  expect(fromGp).toMatchObject({ kind: "PLACEMENT", line1: "1 Quiet Close", line2: null, town: null, labels: ["LOCATION_WITHHELD"], validFrom: null });
  expect(file.identity.addresses.map((address) => address.sourceRecordId)).toEqual([ids.csc, ids.gp, ids.probation, ids.prison]);
});

test("every record linked to the child, by type, in the order received, with its agency and details; a record only possibly hers is left out", async () => {
  const file = await loadJuniper();
  expect(file.records.SOCIAL_CARE.map(({ record }) => record.id)).toEqual([ids.csc]);
  expect(file.records.HEALTH.map(({ record }) => record.id)).toEqual([ids.gp]);
  expect(file.records.PROBATION.map(({ record }) => record.id)).toEqual([ids.probation]);
  expect(file.records.PRISON.map(({ record }) => record.id)).toEqual([ids.prison]);
  expect(file.records.EDUCATION).toEqual([]);
  expect(file.records.POLICE).toEqual([]);
  expect(file.records.YOUTH_JUSTICE).toEqual([]);
  expect(JSON.stringify(file)).not.toContain(ids.possible);
  expect(file.identity.reports.map((report) => report.recordId)).toEqual([ids.csc, ids.gp, ids.probation, ids.prison]);

  const [csc] = file.records.SOCIAL_CARE;
  expect(csc.record).toMatchObject({
    id: ids.csc, agencyReference: "CSC-DB-JUNIPER", recordType: "SOCIAL_CARE", labels: ["THIRD_PARTY"], fieldLabels: { summary: ["SPECIAL_CATEGORY"] },
    linkMethod: "SUI", linkState: "LINKED", linkOrigin: "AUTO", recordedAt: null, version: 1,
  });
  expect(csc.record.receivedAt).toBeInstanceOf(Date);
  expect(csc.record.updatedAt).toBeInstanceOf(Date);
  expect(csc.record.reportedIdentity).toMatchObject({ givenNames: "Juniper", familyName: "Ashgrove", dateOfBirth: "2012-02-29" });
  expect(csc.agency).toEqual({
    code: "LA-E06000060", name: "Buckinghamshire Council children's services", type: "CHILDRENS_SOCIAL_CARE", localAuthority: "E06000060",
    policeForceArea: null, contactEmail: "safeguarding@la-e06000060.example", contactPhone: null, active: true,
  });
  expect(csc.details).toEqual({
    status: "CHILD_IN_NEED", planCategory: null, legalStatus: null, startDate: "2026-06-01", endDate: null, allocatedWorkerName: "Ari Caseworker",
    allocatedWorkerContact: null, allocatedTeam: "North", responsibleLocalAuthority: "E06000060", summary: "Low mood reported",
  });
  expect(file.records.HEALTH[0].details).toMatchObject({ gpPracticeCode: "K99001", registeredOn: "2012-03-10", deregisteredOn: null, conditions: [{ description: "Asthma" }] });
});

test("the adult a probation or prison record is about, as a person, with the other names they are known by", async () => {
  const file = await loadJuniper();
  expect(file.records.PROBATION[0].details).toMatchObject({
    offender: { givenNames: "Corin", familyName: "Ashgrove", dateOfBirth: "1984-10-30", aliases: expect.any(Array) },
    roshLevel: "HIGH", roshTo: ["CHILDREN"], mappaCategory: 2, mappaLevel: 1, offenderManagerName: "Jo Manager", supervisionEndDate: "2027-05-01", riskManagementSummary: null,
  });
  const prisoner = file.records.PRISON[0].details.prisoner as { givenNames: string; aliases: string[] };
  expect(prisoner).toMatchObject({ familyName: "Ashgrove", dateOfBirth: "1984-10-30" });
  expect(file.records.PRISON[0].details).toMatchObject({ prisonNumber: "A9999ZZ", pprcStatus: "CONFIRMED", expectedReleaseDate: "2027-01-10", pprcAssessedOn: null });
  expect(file.records.SOCIAL_CARE[0].details).not.toHaveProperty("offender");
});

test("the agencies holding an adult linked to the child, with the record that links them", async () => {
  const file = await loadJuniper();
  const holders = file.linkedAdultHolders.map((holder) => `${holder.agencyCode} ${holder.sourceRecordId}`).sort();
  expect(holders).toEqual(expect.arrayContaining([`PDU-BUCKS ${ids.probation}`, `HMP-EXAMPLETON ${ids.prison}`, `LA-E06000060 ${ids.csc}`]));
  for (const holder of file.linkedAdultHolders) expect(Object.keys(holder).sort()).toEqual(["agencyCode", "holderRecord", "relationship", "sourceRecordId"]);
  // Each holding names the holder's own record that names the adult, with what its lapse is judged on.
  const probation = file.linkedAdultHolders.find((holder) => holder.agencyCode === "PDU-BUCKS" && holder.sourceRecordId === ids.probation);
  expect(probation?.holderRecord).toMatchObject({ id: ids.probation, recordType: "PROBATION", updatedAt: expect.any(Date), details: expect.objectContaining({ supervisionEndDate: "2027-05-01", roshLevel: "HIGH" }) });
});

test("the consent decisions, and the override in force — not one whose review date has passed", async () => {
  const file = await loadJuniper();
  expect(file.consentFacts).toHaveLength(1);
  expect(file.consentFacts[0]).toMatchObject({ givenBy: "PERSON_WITH_PARENTAL_RESPONSIBILITY", decision: "GIVEN", purposes: ["EARLY_HELP", "CHILD_IN_NEED_ASSESSMENT"] });
  expect(file.consentFacts[0].recordedAt).toBeInstanceOf(Date);
  expect(Number.isNaN(file.consentFacts[0].recordedAt.getTime())).toBe(false);
  expect(file.consentOverride?.id).toBe(overrideInForce);
  expect(file.consentOverride?.reviewBy.getTime()).toBeGreaterThan(now.getTime());
  expect(file.consentOverride?.recordedAt).toBeInstanceOf(Date);
});

test("no override once every one has passed its review date", async () => {
  const later = await loadJuniper(new Date(now.getTime() + 11 * 86_400_000));
  expect(later.consentOverride).toBeNull();
  expect(later.consentFacts).toHaveLength(1);
});

test("the referrals opened in the hub about the child", async () => {
  const file = await loadJuniper();
  expect(file.referrals).toHaveLength(1);
  expect(file.referrals[0]).toMatchObject({ id: referralId, sui: JUNIPER, localAuthority: "E06000060", reference: "MASH-DB-J1", stage: "REFERRAL", referralSource: "SCHOOL", decidedAt: null, decision: null });
  expect(file.referrals[0].receivedAt.getTime()).toBe(now.getTime());
  expect(file.referrals[0].stageStartedAt.getTime()).toBe(now.getTime());
});

test("the exclusions standing on the child holding the SUI, not a lifted one, and none for a child the hub does not hold", async () => {
  const exclusions = db.dataSource.getRepository(ChildExclusion);
  const childId = (await loadJuniper()).child.id;
  const recorded = { reason: "Named in the allegation.", recordedBySub: "ig-lead", recordedByAgency: "LA-E06000060", childId };
  const standing = await exclusions.save({ ...recorded, sui: JUNIPER, kind: "TEAM", subjectSub: null, agencyCode: "POLICE-43", team: "CAIU A", teamKey: "caiu a" });
  await exclusions.save({ ...recorded, sui: JUNIPER, kind: "STAFF", subjectSub: "sw-lifted", agencyCode: null, team: null, liftedAt: now, liftedBySub: "ig-lead", liftReason: "Cleared." });

  const juniper = await loadChildFileRead(db.dataSource, JUNIPER, now);
  expect(juniper.file?.child.sui).toBe(JUNIPER);
  expect(juniper.exclusions).toEqual([{ id: standing.id, childId, sui: JUNIPER, kind: "TEAM", subjectSub: null, agencyCode: "POLICE-43", team: "CAIU A", liftedAt: null }]);
  expect(await loadChildFileRead(db.dataSource, NOBODY, now)).toEqual({ file: null, exclusions: [] });
});
