import { AGENCY_TYPES } from "../../directory/AgencyType";
import { isValidNhsNumber } from "../../identity/nhsNumber";
import { AddressKind } from "../../people/AddressKind";
import { normalisePostcode } from "../../people/postcode";
import { Relationship } from "../../people/Relationship";
import { type AgencyRecordSubmission } from "../../records/AgencyRecordSubmission";
import { RECORD_TYPE_OF_AGENCY, RECORD_TYPES, type RecordType } from "../../records/RecordType";
import { SensitivityLabel } from "../../records/SensitivityLabel";
import { validateSubmission } from "../../records/validateSubmission";
import { ConcernCategory, RollStatus } from "../../records/details/EducationRecord";
import { PprcStatus } from "../../records/details/PrisonRecord";
import { RoshGroup } from "../../records/details/riskVocabulary";
import { LegalStatus, SocialCareStatus } from "../../records/details/SocialCareRecord";
import { ageOn, DEMO_REFERENCE_DATE } from "../demoCalendar";
import { summariseDemoDataSet } from "../demoDataSummary";
import { BUCKINGHAMSHIRE, LINCOLNSHIRE, MILTON_KEYNES } from "../demoDirectory";
import { buildDemoDataSet } from "../loadDemoData";
import { DEMO_SCENARIOS, type ScenarioNumber } from "../scenarios";

const dataSet = buildDemoDataSet();
const { agencies, submissions } = dataSet;
const agencyType = new Map(agencies.map((agency) => [agency.code, agency.type]));
const recordTypeOf = (submission: AgencyRecordSubmission): RecordType => RECORD_TYPE_OF_AGENCY[agencyType.get(submission.agencyCode)!];
const aboutChild = (sui: string) => submissions.filter((submission) => submission.child.sui === sui);
const ofType = (sui: string, type: RecordType) => aboutChild(sui).filter((submission) => recordTypeOf(submission) === type);
const subjectOf = (submission: AgencyRecordSubmission) => (submission.relatedAdults ?? []).find((adult) => adult.subjectOfRecord === true)!;

/** Every value in a submission that looks like an ISO date, with the key it sits under. */
function datesIn(value: unknown, key = ""): { key: string; date: string }[] {
  if (value instanceof Date) return [{ key, date: value.toISOString().slice(0, 10) }];
  if (typeof value === "string") return /^\d{4}-\d{2}-\d{2}$/.test(value) ? [{ key, date: value }] : [];
  if (Array.isArray(value)) return value.flatMap((item) => datesIn(item, key));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => datesIn(v, k));
  return [];
}

// Three records arrive without an SUI, for the matcher (scenario 5): every other record carries one.
const withSui = submissions.filter(({ child }) => child.sui);

describe("the demo data set", () => {
  it("is the same for the same seed, and different for another", () => {
    expect(buildDemoDataSet()).toEqual(dataSet);
    expect(buildDemoDataSet(20261122)).toEqual(dataSet);
    expect(buildDemoDataSet(7).submissions).not.toEqual(submissions);
  });

  it("has at least 220 children, aged 0 to 17 on the reference date, each under one identity", () => {
    const children = new Map<string, string>();
    for (const { child } of withSui) {
      const identity = `${child.givenNames}|${child.familyName}|${child.dateOfBirth}|${child.sex}`;
      expect(children.get(child.sui!) ?? identity).toBe(identity);
      children.set(child.sui!, identity);
      expect(child.expectedDateOfBirth ?? null).toBeNull();
      const age = ageOn(child.dateOfBirth!);
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThanOrEqual(17);
    }
    expect(children.size).toBeGreaterThanOrEqual(220);
    expect(summariseDemoDataSet(dataSet).children).toBe(children.size);
  });

  it("sends exactly three records without an SUI, all about scenario 5's family, for the matcher", () => {
    const without = submissions.filter(({ child }) => !child.sui);
    expect(without.map(({ child }) => child.familyName).sort()).toEqual(["MacAlderbury", "McAlder", "McAlderbury"]);
  });

  it("gives every child a valid NHS number from the 999 test range", () => {
    for (const { child } of withSui) {
      expect(child.sui).toMatch(/^999\d{7}$/);
      expect(isValidNhsNumber(child.sui!)).toBe(true);
    }
  });

  it("has every agency type in the directory and every record type many times over", () => {
    expect(new Set(agencies.map((agency) => agency.type))).toEqual(new Set(AGENCY_TYPES));
    const { records } = summariseDemoDataSet(dataSet);
    for (const type of RECORD_TYPES) expect(records[type]).toBeGreaterThanOrEqual(10);
    expect(submissions.length).toBeLessThanOrEqual(1500);
  });

  it("spreads the children over three local authorities", () => {
    const children = new Map(submissions.filter(({ child }) => child.address).map(({ child }) => [child.sui, child.address!.localAuthority]));
    for (const localAuthority of [BUCKINGHAMSHIRE, MILTON_KEYNES, LINCOLNSHIRE]) {
      expect([...children.values()].filter((code) => code === localAuthority).length).toBeGreaterThanOrEqual(30);
    }
  });

  it("passes the hub's own submission rules, each record from an agency of its type", () => {
    const refused: string[] = [];
    for (const submission of submissions) {
      expect(agencyType.has(submission.agencyCode)).toBe(true);
      try {
        validateSubmission(submission, recordTypeOf(submission), "2026-11-22", new Date("2026-11-22T12:00:00Z"));
      } catch (error) {
        refused.push(`${submission.agencyCode}/${submission.agencyReference}: ${(error as Error).message}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it("dates nothing after the reference date but a prisoner's expected release and an unborn child's expected birth", () => {
    const late = submissions.flatMap((submission) => datesIn(submission)).filter(({ key, date }) => key !== "expectedReleaseDate" && key !== "expectedDateOfBirth" && date > DEMO_REFERENCE_DATE);
    expect(late).toEqual([]);
  });

  it("uses postcodes of each authority's own postcode areas", () => {
    const areas: Record<string, RegExp> = { [BUCKINGHAMSHIRE]: /^(HP|MK)\d/, [MILTON_KEYNES]: /^MK\d/, [LINCOLNSHIRE]: /^(LN|PE)\d/ };
    for (const { child } of submissions.filter((submission) => submission.child.address)) {
      const postcode = normalisePostcode(child.address!.postcode!);
      expect(postcode).not.toBeNull();
      expect(postcode).toMatch(areas[child.address!.localAuthority!]);
    }
  });

  it("uses printable references, one record per reference", () => {
    const seen = new Set<string>();
    for (const { agencyCode, agencyReference } of submissions) {
      expect(agencyReference).toMatch(/^[!-~]+$/);
      const key = `${agencyCode}/${agencyReference}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });

  it("notifies scenarios 1 and 2 from the prisons, naming each child under the prison's own record of them", () => {
    const { notifications } = dataSet;
    expect(notifications.map(({ agencyCode, event }) => [agencyCode, event])).toEqual([["HMP-EXA", "RELEASE"], ["HMP-SFG", "NAME_CHANGE_REQUEST"]]);
    const prisonRecords = new Set(submissions.filter((submission) => submission.prison).map((submission) => `${submission.agencyCode}/${submission.agencyReference}/${submission.child.sui}`));
    for (const notification of notifications) {
      expect(notification.childrenAtRisk?.length).toBeGreaterThan(0);
      for (const child of notification.childrenAtRisk ?? []) expect(prisonRecords.has(`${notification.agencyCode}/${child.reference}/${child.sui}`)).toBe(true);
    }
  });

  it("gives an adult the same reference and date of birth every time one agency names them", () => {
    const byReference = new Map<string, string>();
    for (const submission of submissions) {
      for (const adult of submission.relatedAdults ?? []) {
        const key = `${submission.agencyCode}/${adult.reference}`;
        expect(byReference.get(key) ?? adult.dateOfBirth).toBe(adult.dateOfBirth);
        byReference.set(key, adult.dateOfBirth!);
      }
    }
  });

  it("keeps youth justice to children of 10 and over, and care leavers to 16 and 17", () => {
    for (const submission of submissions.filter(({ child }) => child.dateOfBirth)) {
      const age = ageOn(submission.child.dateOfBirth!);
      if (submission.youthJustice) expect(age).toBeGreaterThanOrEqual(10);
      if (submission.socialCare?.status === SocialCareStatus.CARE_LEAVER) expect(age).toBeGreaterThanOrEqual(16);
    }
    const statuses = new Set(submissions.map((submission) => submission.socialCare?.status).filter(Boolean));
    // A strategy discussion or s.47 enquiry is a case's stage for hours or days (its MASH window), not a
    // standing status: the generated children carry none, each of the others at least once.
    const stages: unknown[] = [SocialCareStatus.STRATEGY_DISCUSSION, SocialCareStatus.SECTION_47_ENQUIRY];
    expect(statuses).toEqual(new Set(Object.values(SocialCareStatus).filter((status) => !stages.includes(status))));
  });

  it("uses only organisational contacts on example domains in the directory", () => {
    for (const agency of agencies) {
      expect(agency.contactEmail).toMatch(/@[a-z0-9-]+(\.[a-z0-9-]+)*\.example$/);
      expect(agency.contactPhone).toMatch(/^01632 960\d{3}$/);
    }
  });
});

describe("the scenario fixtures", () => {
  const scenario = (number: ScenarioNumber) => DEMO_SCENARIOS[number].sui;

  it("name a child with records for every one of the ten scenarios", () => {
    expect(Object.keys(DEMO_SCENARIOS)).toHaveLength(10);
    for (const { sui, title, notes } of Object.values(DEMO_SCENARIOS)) {
      expect(isValidNhsNumber(sui)).toBe(true);
      expect(aboutChild(sui).length).toBeGreaterThan(0);
      expect(title).not.toBe("");
      expect(notes).not.toBe("");
    }
  });

  it("1: a confirmed PPRC from one authority, the identified child in another", () => {
    const [record] = ofType(scenario(1), "PRISON");
    expect(record.prison).toMatchObject({ pprcStatus: PprcStatus.CONFIRMED, expectedReleaseDate: expect.any(String) });
    const prisoner = subjectOf(record);
    expect(prisoner).toMatchObject({ homeLocalAuthority: LINCOLNSHIRE, posesRiskToChild: true });
    expect(record.child.address!.localAuthority).toBe(BUCKINGHAMSHIRE);
    expect(prisoner.homeLocalAuthority).not.toBe(record.child.address!.localAuthority);
  });

  it("2: the prison holds one record of the prisoner and notifies his request to change name under the same prison number", () => {
    const [record, ...others] = ofType(scenario(2), "PRISON");
    expect(others).toEqual([]);
    const request = dataSet.notifications.find((notification) => notification.event === "NAME_CHANGE_REQUEST");
    expect(request?.prisoner.prisonNumber).toBe(subjectOf(record).reference);
    expect(request?.requestedName?.familyName).not.toBe(subjectOf(record).familyName);
    expect(request?.childrenAtRisk?.map((child) => child.reference)).toEqual([record.agencyReference]);
  });

  it("3: on a school's roll, on a plan with an allocated worker, with diagnoses and police intelligence", () => {
    const sui = scenario(3);
    expect(ofType(sui, "EDUCATION")[0].education!.rollStatus).toBe(RollStatus.ON_ROLL);
    const plan = ofType(sui, "SOCIAL_CARE")[0].socialCare!;
    expect(plan).toMatchObject({ status: SocialCareStatus.CHILD_PROTECTION_PLAN, planCategory: expect.any(String) });
    expect(plan.allocatedWorkerName).toBeTruthy();
    expect(plan.allocatedWorkerContact).toBeTruthy();
    expect(ofType(sui, "HEALTH")[0].health!.conditions!.length).toBeGreaterThan(0);
    expect(ofType(sui, "POLICE")[0].police!.intelligence).toBeTruthy();
  });

  it("4: a school's forced-marriage record, withheld from the family", () => {
    const [school] = ofType(scenario(4), "EDUCATION");
    expect(school.labels).toContain(SensitivityLabel.WITHHOLD_FROM_FAMILY);
    expect(school.education!.safeguardingConcerns!.map((concern) => concern.category)).toContain(ConcernCategory.FORCED_MARRIAGE);
    expect(school.relatedAdults).toEqual([]);
  });

  it("5: a commonly misspelt name and a date of birth that can be read day-for-month", () => {
    const { child } = aboutChild(scenario(5))[0];
    expect(child.givenNames).toBe("Caitlin");
    const [, month, day] = child.dateOfBirth!.split("-").map(Number);
    expect(day).toBeLessThanOrEqual(12);
    expect(day).not.toBe(month);
  });

  it("6: a 15-year-old with a parent holding parental responsibility", () => {
    const records = aboutChild(scenario(6));
    expect(ageOn(records[0].child.dateOfBirth!)).toBe(15);
    const parents = records.flatMap((record) => record.relatedAdults ?? []).filter((adult) => adult.parentalResponsibility === true);
    expect(parents.length).toBeGreaterThan(0);
  });

  it("7: a father under probation supervision at MAPPA category 2, level 2, a risk to children", () => {
    const [record] = ofType(scenario(7), "PROBATION");
    expect(record.probation).toMatchObject({ mappaCategory: 2, mappaLevel: 2 });
    expect(record.probation!.roshTo).toContain(RoshGroup.CHILDREN);
    expect(subjectOf(record).relationship).toBe(Relationship.FATHER);
  });

  it("8: an unaccompanied child looked after under s.20, whose placement only children's social care reports", () => {
    const records = aboutChild(scenario(8));
    const [care] = ofType(scenario(8), "SOCIAL_CARE");
    expect(care.socialCare).toMatchObject({ status: SocialCareStatus.LOOKED_AFTER, legalStatus: LegalStatus.SECTION_20_ACCOMMODATED });
    expect(care.child.address).toMatchObject({ kind: AddressKind.PLACEMENT, labels: [SensitivityLabel.LOCATION_WITHHELD] });
    for (const record of records.filter((r) => r !== care)) expect(record.child.address ?? null).toBeNull();
  });

  it("9: a child on a plan with an unscheduled-care attendance", () => {
    expect(ofType(scenario(9), "SOCIAL_CARE")[0].socialCare!.status).toBe(SocialCareStatus.CHILD_PROTECTION_PLAN);
    expect(ofType(scenario(9), "HEALTH").some((record) => (record.health!.unscheduledCareAttendances ?? []).length > 0)).toBe(true);
  });

  it("10: a child with a record from every agency type", () => {
    expect(new Set(aboutChild(scenario(10)).map(recordTypeOf))).toEqual(new Set(RECORD_TYPES));
  });
});
