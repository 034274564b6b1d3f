import { AgencyType } from "../directory/AgencyType";
import { PprcEvent } from "../notifications/PprcEvent";
import { type PprcNotificationSubmission } from "../notifications/PprcNotificationSubmission";
import { AddressKind } from "../people/AddressKind";
import { Relationship } from "../people/Relationship";
import { Sex } from "../people/Sex";
import { type AddressSubmission, type AgencyRecordSubmission, type DetailsOf } from "../records/AgencyRecordSubmission";
import { SensitivityLabel } from "../records/SensitivityLabel";
import { ConcernCategory, ExclusionType, RollStatus, SenStatus, type EducationRecord } from "../records/details/EducationRecord";
import { NamedProfessionalRole, UnscheduledCareSetting, type HealthCondition } from "../records/details/HealthRecord";
import { ChildRoleInIncident, PoliceIncidentType, type PoliceRecord } from "../records/details/PoliceRecord";
import { PprcStatus, type PrisonRecord } from "../records/details/PrisonRecord";
import { type ProbationRecord } from "../records/details/ProbationRecord";
import { RoshGroup, RoshLevel } from "../records/details/riskVocabulary";
import { LegalStatus, PlanCategory, SocialCareStatus, type SocialCareRecord } from "../records/details/SocialCareRecord";
import { ConcernLevel, YouthJusticeDisposal } from "../records/details/YouthJusticeRecord";
import { BUCKINGHAMSHIRE, demoAgency, demoLocalAuthority, HMP_EXAMPLETON, HMP_SAMPLEFORD_GRANGE, LINCOLNSHIRE, MILTON_KEYNES, WESTMOCK_EMERGENCY_DEPARTMENT } from "./demoDirectory";
import { demoFamily, type DemoAdult, type DemoChild, type FamilyMember } from "./demoPeople";
import { type DemoRecordBook, type RecordOptions } from "./demoRecordBook";
import { parentsAsRelatedAdults, prisonNumberOf, relatedAdult } from "./demoRelatedAdults";
import { designatedSafeguardingLead, professional, type DemoProfessional } from "./demoStaff";

/** The numbers of DOMAIN.md's "Scenarios every release must handle". */
export type ScenarioNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

export interface DemoScenario {
  title: string;
  /** The SUI (NHS number) of the child to query. */
  sui: string;
  notes: string;
}

/**
 * The first numbers of the NHS's 999 test range, kept for the scenario children so they never change
 * with the seed; generated children are numbered from a later stem (see `demoDataSet.ts`).
 */
const SUI = {
  pprcChildAtRisk: "9990000018",
  pprcChildAtRiskBrother: "9990000026",
  pprcNameChange: "9990000034",
  childOnPlanAtSchool: "9990000042",
  childOnPlanAtSchoolBrother: "9990000050",
  forcedMarriage: "9990000069",
  misspeltName: "9990000077",
  competentFifteenYearOld: "9990000085",
  fatherUnderMappa: "9990000093",
  fatherUnderMappaBrother: "9990000107",
  unaccompaniedChild: "9990000115",
  breakGlass: "9990000123",
  disclosureTrail: "9990000131",
} as const;

/** The MASH case reference the misspelt-name search (scenario 5) is made against. */
const MASH_CASE_REFERENCE = "MASH-2026-00417";

export const DEMO_SCENARIOS: Readonly<Record<ScenarioNumber, DemoScenario>> = {
  1: {
    title: "Confirmed PPRC's release: prisoner and identified child in different authorities",
    sui: SUI.pprcChildAtRisk,
    notes:
      "Poppy Harebellow (9, Buckinghamshire) is the identified child at risk from her uncle Gary Wintercress, a confirmed PPRC " +
      "at HMP Exampleton whose home area is Lincolnshire; release 2026-12-14 to approved premises in Lincolnshire. The prison's " +
      "release notification arrives on first start: both CSCs (LA-E10000019 and LA-E06000060), Lincolnshire probation " +
      "(PDU-E10000019, which also holds a MAPPA record) and Lincolnshire Police (POLICE-32) each find it in their inbox, told " +
      "only what their agency type may see. Her brother Alfie (9990000026) is named in a second prison record.",
  },
  2: {
    title: "PPRC asks to change name: the new name becomes an alias",
    sui: SUI.pprcNameChange,
    notes:
      "HMP Sampleford Grange holds a PPRC record about Noah Quinceworth's father, Wayne Quinceworth, and notifies his request " +
      "to change his name by deed poll to Wayne Fallowmere: Milton Keynes CSC (LA-E06000042) finds the consultation in its " +
      "inbox, asked to reply, and the hub keeps one adult with Fallowmere as an ALIAS.",
  },
  3: {
    title: "School DSL asks about a child on the roll who is on a child protection plan",
    sui: SUI.childOnPlanAtSchool,
    notes:
      "Isla Pennywhistle (10) is on roll at Sampleford Primary Academy (SCH-199002) and on a child protection plan (neglect) " +
      "with an allocated social worker. Her GP record holds diagnoses (type 1 diabetes, anxiety) and Thames Valley Police hold " +
      "intelligence about a domestic abuse incident: a DSL sees the plan and the worker's contact, not those. Brother Teddy " +
      "(9990000050) is on the same plan.",
  },
  4: {
    title: "Forced-marriage disclosure recorded by a school",
    sui: SUI.forcedMarriage,
    notes:
      "Amber Rosewhistle (16, Lincolnshire) disclosed to her form tutor at Exampleby Academy (SCH-199009). The school's record " +
      "carries a FORCED_MARRIAGE concern and is labelled WITHHOLD_FROM_FAMILY, as are the police and CSC records. Police and " +
      "CSC may see it; any purpose or role that could reach the family is refused, and the refusal audited.",
  },
  5: {
    title: "MASH search by a misspelt name and a day/month-swapped date of birth",
    sui: SUI.misspeltName,
    notes:
      `Caitlin McAlderbury, born 2014-03-07, lives in Milton Keynes. The referral Milton Keynes' system recorded on 2026-10-29 ` +
      `(${MASH_CASE_REFERENCE}) is long past its window, so it opens nothing now: as a MASH practitioner at LA-E06000042, open ` +
      "today's referral with openReferral (README, \"What reaches you\"), then search under its reference for e.g. \"Katelyn " +
      "MacAlderbury\" born 2014-07-03: she must be found, and opening her record is audited against the referral.",
  },
  6: {
    title: "A competent 15-year-old refuses consent while a parent agrees",
    sui: SUI.competentFifteenYearOld,
    notes:
      "Ethan Brindlecombe is 15 on the reference date (born 2011-04-02); his mother Nicola holds parental responsibility and is " +
      "named in the CSC and school records. Consent records are not part of the demo data yet: record Ethan's refusal and his " +
      "mother's agreement when consent is implemented; a CSC manager's safeguarding override then needs a reason.",
  },
  7: {
    title: "Probation practitioner under MAPPA asks about a child",
    sui: SUI.fatherUnderMappa,
    notes:
      "Freya Ravelstoke's father Craig is supervised by Buckinghamshire PDU (PDU-E06000060) as a MAPPA category 2, level 2 " +
      "offender with high risk of serious harm to children. A request by probation for OFFENDER_RISK_MANAGEMENT rests on " +
      "LAW_ENFORCEMENT (DPA 2018 Part 3). Her brother Arlo (9990000107) has a matching probation record.",
  },
  8: {
    title: "Unaccompanied child's placement address withheld",
    sui: SUI.unaccompaniedChild,
    notes:
      "Daniel Emberthorn (16), an unaccompanied asylum-seeking child, is looked after by Lincolnshire under section 20. Only the " +
      "CSC record carries his address: a PLACEMENT labelled LOCATION_WITHHELD. His GP and school records send no address, so " +
      "every recipient but CSC and the police sees it withheld.",
  },
  9: {
    title: "Break-glass request out of hours",
    sui: SUI.breakGlass,
    notes:
      "Reuben Copperwhistle (2, Milton Keynes) is on a child protection plan (physical abuse) and attended Westmock Hospital's " +
      "emergency department with a head injury in the early hours of Saturday 2026-10-31. Use a break-glass request for " +
      "EMERGENCY_PROTECTION out of hours: wider view, mandatory reason, IG alert and a review item.",
  },
  10: {
    title: "IG lead lists every disclosure about one child",
    sui: SUI.disclosureTrail,
    notes:
      "Kai Bramblewick (14, Lincolnshire) has records from all seven agency types (CSC, police, GP and hospital, school, youth " +
      "justice, probation about his mother's partner, prison about his father), so every kind of recipient has something to " +
      "disclose. Query him under several roles, then list, verify and export his disclosures as FHIR AuditEvent resources.",
  },
};

/** Scenario adults are numbered below every generated adult, so their references never collide. */
function adult(number: number, givenNames: string, familyName: string, dateOfBirth: string, sex: Sex, homeLocalAuthority: string): DemoAdult {
  return { number, givenNames, familyName, dateOfBirth, sex, homeLocalAuthority };
}

function member(person: DemoAdult, relationship: Relationship, parentalResponsibility: boolean): FamilyMember {
  return { adult: person, relationship, parentalResponsibility };
}

function home(line1: string, town: string, postcode: string, localAuthority: string): AddressSubmission {
  return { kind: AddressKind.HOME, line1, town, postcode, localAuthority };
}

function childOf(children: DemoChild[], sui: string): DemoChild {
  const found = children.find((child) => child.sui === sui);
  if (found === undefined) throw new RangeError(`No scenario child ${sui}`);
  return found;
}

function registerWithGp(book: DemoRecordBook, child: DemoChild, practice: string, registeredOn: string, named: DemoProfessional & { role: NamedProfessionalRole }, conditions: HealthCondition[] = [], options: RecordOptions = {}): void {
  book.add(practice, child, {
    health: {
      gpPracticeCode: practice.replace(/^GP-/, ""),
      gpPracticeName: demoAgency(practice).name,
      registeredOn,
      namedProfessionalName: named.name,
      namedProfessionalRole: named.role,
      namedProfessionalContact: named.contact,
      conditions,
    },
  }, { recordedOn: registeredOn, ...options });
}

function onSchoolRoll(book: DemoRecordBook, child: DemoChild, school: string, onRollFrom: string, facts: DetailsOf<EducationRecord> = {}, options: RecordOptions = {}): void {
  const dsl = designatedSafeguardingLead(school);
  book.add(school, child, {
    education: { rollStatus: RollStatus.ON_ROLL, onRollFrom, attendancePercent: 95.2, senStatus: SenStatus.NONE, dslName: dsl.name, dslContact: dsl.contact, ...facts },
  }, { relatedAdults: parentsAsRelatedAdults(AgencyType.EDUCATION, child.family), recordedOn: onRollFrom, ...options });
}

function socialCare(book: DemoRecordBook, child: DemoChild, facts: DetailsOf<SocialCareRecord> & { startDate: string }, options: RecordOptions = {}): void {
  const services = demoLocalAuthority(child.family.localAuthority);
  book.add(services.childrensSocialCare, child, {
    socialCare: { responsibleLocalAuthority: services.code, ...facts },
  }, {
    relatedAdults: child.family.adults.map((person) => relatedAdult(AgencyType.CHILDRENS_SOCIAL_CARE, person)),
    recordedOn: facts.startDate,
    ...options,
  });
}

function police(book: DemoRecordBook, child: DemoChild, facts: DetailsOf<PoliceRecord> & { reportedOn: string }, options: RecordOptions = {}): void {
  book.add(demoLocalAuthority(child.family.localAuthority).police, child, { police: facts }, { recordedOn: facts.reportedOn, ...options });
}

function probation(book: DemoRecordBook, child: DemoChild, pdu: string, offender: FamilyMember, facts: DetailsOf<ProbationRecord, "offender">, recordedOn: string): void {
  const towardsChildren = (facts.roshTo ?? []).includes(RoshGroup.CHILDREN);
  book.add(pdu, child, { probation: facts }, {
    relatedAdults: [relatedAdult(AgencyType.PROBATION, offender, { subjectOfRecord: true, posesRiskToChild: towardsChildren })],
    recordedOn,
  });
}

function prison(book: DemoRecordBook, child: DemoChild, hmp: string, prisoner: FamilyMember, facts: DetailsOf<PrisonRecord, "prisoner" | "prisonNumber">, options: RecordOptions = {}): AgencyRecordSubmission {
  const prisonNumber = prisonNumberOf(prisoner.adult);
  return book.add(hmp, child, { prison: { prisonNumber, offenderManagementUnitContact: demoAgency(hmp).contactEmail, ...facts } }, {
    relatedAdults: [relatedAdult(AgencyType.PRISON, prisoner, { subjectOfRecord: true, posesRiskToChild: facts.pprcStatus !== PprcStatus.NO_LONGER_PPRC })],
    recordedOn: facts.pprcAssessedOn ?? undefined,
    ...options,
  });
}

const healthVisitor = (name: DemoProfessional) => ({ ...name, role: NamedProfessionalRole.HEALTH_VISITOR });
const gp = (name: DemoProfessional) => ({ ...name, role: NamedProfessionalRole.GP });
const midwife = (name: DemoProfessional) => ({ ...name, role: NamedProfessionalRole.MIDWIFE });

/** Scenario 1: a confirmed PPRC from Lincolnshire, his identified child at risk in Buckinghamshire. */
function pprcRelease(book: DemoRecordBook): void {
  const mother = member(adult(1, "Laura", "Harebellow", "1991-09-12", Sex.FEMALE, BUCKINGHAMSHIRE), Relationship.MOTHER, true);
  const uncle = member(adult(2, "Gary", "Wintercress", "1984-02-09", Sex.MALE, LINCOLNSHIRE), Relationship.OTHER_RELATIVE, false);
  const family = demoFamily(BUCKINGHAMSHIRE, home("12 Example Street", "Exampleton", "HP20 4QX", BUCKINGHAMSHIRE), [mother], [
    { sui: SUI.pprcChildAtRisk, givenNames: "Poppy", familyName: "Harebellow", dateOfBirth: "2017-06-14", sex: Sex.FEMALE },
    { sui: SUI.pprcChildAtRiskBrother, givenNames: "Alfie", familyName: "Harebellow", dateOfBirth: "2020-01-28", sex: Sex.MALE },
  ]);
  const worker = professional("Rachel", "Beaconsby", "LA-E06000060");
  const prisonRecords: { child: DemoChild; record: AgencyRecordSubmission }[] = [];
  for (const child of family.children) {
    registerWithGp(book, child, "GP-K99001", child.dateOfBirth === "2017-06-14" ? "2017-07-20" : "2020-03-02", gp(professional("Amy", "Carewell", "GP-K99001")));
    onSchoolRoll(book, child, "SCH-199001", child.dateOfBirth === "2017-06-14" ? "2021-09-01" : "2024-09-01");
    socialCare(book, child, {
      status: SocialCareStatus.CHILD_IN_NEED,
      startDate: "2026-06-02",
      allocatedWorkerName: worker.name,
      allocatedWorkerContact: worker.contact,
      allocatedTeam: "Buckinghamshire Children in Need Team",
      summary: "Identified child at risk from a relative in custody, a confirmed PPRC; safety plan agreed with mother ahead of his release.",
    });
    prisonRecords.push({ child, record: prison(book, child, HMP_EXAMPLETON, uncle, { pprcStatus: PprcStatus.CONFIRMED, pprcAssessedOn: "2026-05-18", expectedReleaseDate: "2026-12-14" }) });
    probation(book, child, "PDU-E10000019", uncle, {
      offenderManagerName: "Stuart Lodestar",
      offenderManagerContact: professional("Stuart", "Lodestar", "PDU-E10000019").contact,
      roshLevel: RoshLevel.HIGH,
      roshTo: [RoshGroup.CHILDREN],
      mappaCategory: 1,
      mappaLevel: 2,
      riskManagementSummary: "Pre-release planning: approved premises in Lincolnshire; exclusion zone around the children's home and school in Buckinghamshire.",
    }, "2026-09-30");
  }
  // The release notification: both CSCs (his home area and the children's), probation, and the police force of the release address.
  book.notifyPprc(pprcNotification(HMP_EXAMPLETON, "HMP Exampleton", uncle, prisonRecords, {
    reference: "REL-EXA-2026-0114",
    event: PprcEvent.RELEASE,
    eventDate: "2026-10-30",
    pprcStatus: PprcStatus.CONFIRMED,
    pprcAssessedOn: "2026-05-18",
    mappa: { category: 1, level: 2 },
    release: { date: "2026-12-14", address: { kind: AddressKind.HOME, line1: "Approved Premises, 3 Exemplar Road", town: "Sampleby", postcode: "LN2 5QX", localAuthority: LINCOLNSHIRE } },
  }));
}

/** Scenario 2: a potential PPRC's prison record, and his request to change name notified to CSC. */
function pprcNameChange(book: DemoRecordBook): void {
  const mother = member(adult(3, "Gemma", "Quinceworth", "1993-03-17", Sex.FEMALE, MILTON_KEYNES), Relationship.MOTHER, true);
  const father = member(adult(4, "Wayne", "Quinceworth", "1990-07-30", Sex.MALE, MILTON_KEYNES), Relationship.FATHER, true);
  const family = demoFamily(MILTON_KEYNES, home("7 Sample Lane", "Westmock", "MK5 7TH", MILTON_KEYNES), [mother, father], [
    { sui: SUI.pprcNameChange, givenNames: "Noah", familyName: "Quinceworth", dateOfBirth: "2019-01-23", sex: Sex.MALE },
  ]);
  const noah = childOf(family.children, SUI.pprcNameChange);
  const worker = professional("Natalie", "Haventhorpe", "LA-E06000042");
  registerWithGp(book, noah, "GP-K99003", "2019-02-25", gp(professional("Paul", "Guardwell", "GP-K99003")));
  onSchoolRoll(book, noah, "SCH-199005", "2023-09-01", { attendancePercent: 91.4 });
  const facts = { pprcStatus: PprcStatus.POTENTIAL, pprcAssessedOn: "2026-02-16", expectedReleaseDate: "2027-08-20" };
  const agencyReference = "PPRC-SFG-2026-0031";
  const record = prison(book, noah, HMP_SAMPLEFORD_GRANGE, father, facts, { agencyReference, recordedOn: "2026-03-02" });
  socialCare(book, noah, {
    status: SocialCareStatus.CHILD_IN_NEED,
    startDate: "2026-03-09",
    allocatedWorkerName: worker.name,
    allocatedWorkerContact: worker.contact,
    allocatedTeam: "Milton Keynes Children in Need Team",
    summary: "Father in custody assessed as a potential PPRC. CSC consulted by HMP Sampleford Grange on his request to change his name by deed poll.",
  });
  // His request to change name by deed poll: CSC is consulted, and the name becomes an alias of the same person.
  book.notifyPprc(pprcNotification(HMP_SAMPLEFORD_GRANGE, "HMP Sampleford Grange", father, [{ child: noah, record }], {
    reference: "NCR-SFG-2026-0007",
    event: PprcEvent.NAME_CHANGE_REQUEST,
    eventDate: "2026-10-12",
    requestedName: { givenNames: father.adult.givenNames, familyName: "Fallowmere" },
    ...facts,
  }));
}

/**
 * A prison system's PPRC notification about `prisoner`, naming each child at risk under the prison's
 * own record of them (its reference and the child's SUI), as the prison holds them.
 */
function pprcNotification(
  hmp: string,
  establishment: string,
  prisoner: FamilyMember,
  records: { child: DemoChild; record: AgencyRecordSubmission }[],
  event: Pick<PprcNotificationSubmission, "reference" | "event" | "eventDate" | "pprcStatus"> & Partial<PprcNotificationSubmission>,
): PprcNotificationSubmission {
  const { adult: person } = prisoner;
  return {
    agencyCode: hmp,
    establishment,
    offenderManagementUnitContact: demoAgency(hmp).contactEmail,
    prisoner: {
      prisonNumber: prisonNumberOf(person), givenNames: person.givenNames, familyName: person.familyName, dateOfBirth: person.dateOfBirth, sex: person.sex,
      homeLocalAuthority: person.homeLocalAuthority,
    },
    childrenAtRisk: records.map(({ child, record }) => ({
      reference: record.agencyReference, sui: child.sui, givenNames: child.givenNames, familyName: child.familyName, dateOfBirth: child.dateOfBirth,
      sex: child.sex, address: record.child.address ?? null, relationshipToPrisoner: prisoner.relationship,
    })),
    ...event,
  };
}

/** Scenario 3: a child on a school's roll, on a plan, with health diagnoses and police intelligence. */
function childOnPlanAtSchool(book: DemoRecordBook): void {
  const mother = member(adult(5, "Kirsty", "Pennywhistle", "1992-11-04", Sex.FEMALE, BUCKINGHAMSHIRE), Relationship.MOTHER, true);
  const partner = member(adult(6, "Shaun", "Tallowby", "1988-05-21", Sex.MALE, BUCKINGHAMSHIRE), Relationship.PARTNER_OF_PARENT, false);
  const family = demoFamily(BUCKINGHAMSHIRE, home("41 Placeholder Road", "Sampleford", "HP13 6NW", BUCKINGHAMSHIRE), [mother, partner], [
    { sui: SUI.childOnPlanAtSchool, givenNames: "Isla", familyName: "Pennywhistle", dateOfBirth: "2016-02-11", sex: Sex.FEMALE },
    { sui: SUI.childOnPlanAtSchoolBrother, givenNames: "Teddy", familyName: "Pennywhistle", dateOfBirth: "2021-05-30", sex: Sex.MALE },
  ]);
  const [isla, teddy] = [childOf(family.children, SUI.childOnPlanAtSchool), childOf(family.children, SUI.childOnPlanAtSchoolBrother)];
  const worker = professional("Hayley", "Compassworth", "LA-E06000060");
  registerWithGp(book, isla, "GP-K99002", "2016-03-14", { ...professional("Claire", "Mentorley", "GP-K99002"), role: NamedProfessionalRole.SCHOOL_NURSE }, [
    { description: "Type 1 diabetes mellitus", snomedCode: "46635009", recordedOn: "2022-04-08" },
    { description: "Anxiety disorder", snomedCode: "197480006", recordedOn: "2025-11-19" },
  ]);
  registerWithGp(book, teddy, "GP-K99002", "2021-07-12", healthVisitor(professional("Joanne", "Shelterby", "GP-K99002")));
  onSchoolRoll(book, isla, "SCH-199002", "2020-09-01", {
    attendancePercent: 84.5,
    safeguardingConcerns: [{ recordedOn: "2026-03-24", category: ConcernCategory.NEGLECT, summary: "Arrives without breakfast or diabetes snacks; glucose monitor often uncharged." }],
  });
  onSchoolRoll(book, teddy, "SCH-199002", "2025-09-01", { attendancePercent: 88.1 });
  for (const child of [isla, teddy]) {
    socialCare(book, child, {
      status: SocialCareStatus.CHILD_PROTECTION_PLAN,
      planCategory: PlanCategory.NEGLECT,
      startDate: "2026-04-20",
      allocatedWorkerName: worker.name,
      allocatedWorkerContact: worker.contact,
      allocatedTeam: "Buckinghamshire Child Protection Team",
      summary: "Plan agreed at the initial child protection conference: home conditions, missed diabetes reviews, adult conflict at home.",
    });
    police(book, child, {
      incidentType: PoliceIncidentType.DOMESTIC_ABUSE,
      childRole: ChildRoleInIncident.HOUSEHOLD_MEMBER,
      occurredOn: "2026-03-21",
      reportedOn: "2026-03-21",
      crimeReference: "43/04127/26",
      summary: "Verbal argument escalating to damage at the home address; children asleep upstairs.",
      intelligence: "Partner of the mother has previous domestic abuse call-outs at a former address in another force area.",
      officerName: "PC Adam Keystonely",
      officerContact: professional("Adam", "Keystonely", "POLICE-43").contact,
    }, { relatedAdults: [relatedAdult(AgencyType.POLICE, mother), relatedAdult(AgencyType.POLICE, partner)] });
  }
}

/** Scenario 4: a school records a forced-marriage disclosure; nothing may reach the family. */
function forcedMarriage(book: DemoRecordBook): void {
  const mother = member(adult(7, "Fatima", "Rosewhistle", "1978-06-30", Sex.FEMALE, LINCOLNSHIRE), Relationship.MOTHER, true);
  const father = member(adult(8, "Imran", "Rosewhistle", "1974-01-15", Sex.MALE, LINCOLNSHIRE), Relationship.FATHER, true);
  const family = demoFamily(LINCOLNSHIRE, home("18 Fictional Avenue", "Exampleby", "LN2 5RD", LINCOLNSHIRE), [mother, father], [
    { sui: SUI.forcedMarriage, givenNames: "Amber", familyName: "Rosewhistle", dateOfBirth: "2010-09-19", sex: Sex.FEMALE },
  ]);
  const amber = childOf(family.children, SUI.forcedMarriage);
  const withheld = [SensitivityLabel.WITHHOLD_FROM_FAMILY];
  registerWithGp(book, amber, "GP-C99001", "2010-10-25", gp(professional("Rebecca", "Wellspring", "GP-C99001")));
  // Forced-marriage guidance: never approach or share with the family, so the school names no parents here.
  onSchoolRoll(book, amber, "SCH-199009", "2022-09-01", {
    attendancePercent: 97.8,
    safeguardingConcerns: [{
      recordedOn: "2026-10-20",
      category: ConcernCategory.FORCED_MARRIAGE,
      summary: "Disclosed to her form tutor that relatives are arranging her marriage abroad over the Christmas holiday; DSL informed police and CSC the same day; family not approached.",
    }],
  }, { labels: withheld, relatedAdults: [], recordedOn: "2026-10-20" });
  police(book, amber, {
    incidentType: PoliceIncidentType.CHILD_CONCERN,
    childRole: ChildRoleInIncident.PERSON_AT_RISK,
    occurredOn: "2026-10-20",
    reportedOn: "2026-10-20",
    crimeReference: "32/18843/26",
    summary: "Forced marriage risk reported by school; Forced Marriage Unit consulted; protection order application being prepared.",
    officerName: "DC Lisa Helmsworthy",
    officerContact: professional("Lisa", "Helmsworthy", "POLICE-32").contact,
    activeInvestigation: true,
  }, { labels: withheld });
  socialCare(book, amber, {
    status: SocialCareStatus.ASSESSMENT,
    startDate: "2026-10-21",
    allocatedWorkerName: "Nadia Guardwell",
    allocatedWorkerContact: professional("Nadia", "Guardwell", "LA-E10000019").contact,
    allocatedTeam: "Lincolnshire Assessment Team",
    summary: "Section 47 enquiry after a forced-marriage disclosure; strategy discussion held with police and school; family not to be approached.",
  }, { labels: withheld, relatedAdults: [] });
}

/** Scenario 5: a name people misspell and a date of birth that survives a day/month swap. */
function misspeltName(book: DemoRecordBook): void {
  const mother = member(adult(9, "Leanne", "McAlderbury", "1987-12-01", Sex.FEMALE, MILTON_KEYNES), Relationship.MOTHER, true);
  const family = demoFamily(MILTON_KEYNES, home("3 Specimen Close", "Newexample", "MK10 9BT", MILTON_KEYNES), [mother], [
    { sui: SUI.misspeltName, givenNames: "Caitlin", familyName: "McAlderbury", dateOfBirth: "2014-03-07", sex: Sex.FEMALE },
  ]);
  const caitlin = childOf(family.children, SUI.misspeltName);
  registerWithGp(book, caitlin, "GP-K99004", "2014-04-10", gp(professional("Mark", "Waymarker", "GP-K99004")));
  onSchoolRoll(book, caitlin, "SCH-199006", "2025-09-01", {
    attendancePercent: 79.6,
    safeguardingConcerns: [{ recordedOn: "2026-10-27", category: ConcernCategory.EMOTIONAL_ABUSE, summary: "Told a teaching assistant she is scared to go home at weekends." }],
  });
  socialCare(book, caitlin, {
    status: SocialCareStatus.REFERRAL,
    startDate: "2026-10-29",
    allocatedTeam: "Milton Keynes MASH",
    summary: "Referral from school received by the MASH; triage under way.",
  }, { agencyReference: MASH_CASE_REFERENCE });
  // Records that arrive without her NHS number (HUB.md §8): police misspell her family name and swap day
  // and month (linked automatically); a health visitor's old record has a shortened surname, a
  // slipped digit and no address (a link review for a data steward); the midwife's record of her
  // mother's pregnancy is about a child not yet born (a new child awaiting an SUI).
  police(book, caitlin, { incidentType: PoliceIncidentType.MISSING_EPISODE, childRole: ChildRoleInIncident.MISSING_PERSON, reportedOn: "2026-10-30", occurredOn: "2026-10-30", summary: "Found by officers at a bus station late at night; returned home." }, {
    identity: { sui: null, familyName: "MacAlderbury", dateOfBirth: "2014-07-03" },
  });
  registerWithGp(book, caitlin, "GP-K99004", "2015-01-12", healthVisitor(professional("Mark", "Waymarker", "GP-K99004")), [], {
    identity: { sui: null, familyName: "McAlder", dateOfBirth: "2014-03-08" },
    address: null,
  });
  registerWithGp(book, caitlin, "GP-K99004", "2026-09-15", midwife(professional("Mark", "Waymarker", "GP-K99004")), [], {
    identity: { sui: null, givenNames: "Unborn", dateOfBirth: null, expectedDateOfBirth: "2027-02-14", sex: Sex.NOT_KNOWN },
  });
}

/** Scenario 6: a 15-year-old and a mother with parental responsibility (consent records come later). */
function competentFifteenYearOld(book: DemoRecordBook): void {
  const mother = member(adult(10, "Nicola", "Brindlecombe", "1983-08-08", Sex.FEMALE, LINCOLNSHIRE), Relationship.MOTHER, true);
  const family = demoFamily(LINCOLNSHIRE, home("26 Template Drive", "Fenexample", "PE11 3LS", LINCOLNSHIRE), [mother], [
    { sui: SUI.competentFifteenYearOld, givenNames: "Ethan", familyName: "Brindlecombe", dateOfBirth: "2011-04-02", sex: Sex.MALE },
  ]);
  const ethan = childOf(family.children, SUI.competentFifteenYearOld);
  registerWithGp(book, ethan, "GP-C99002", "2011-05-16", { ...professional("Sarah", "Anchorby", "GP-C99002"), role: NamedProfessionalRole.CAMHS_CLINICIAN }, [
    { description: "Anxiety disorder", snomedCode: "197480006", recordedOn: "2026-01-12" },
  ]);
  onSchoolRoll(book, ethan, "SCH-199010", "2022-09-01", { attendancePercent: 86.9, senStatus: SenStatus.SEN_SUPPORT });
  socialCare(book, ethan, {
    status: SocialCareStatus.CHILD_IN_NEED,
    startDate: "2026-07-06",
    allocatedWorkerName: "Matthew Lanternly",
    allocatedWorkerContact: professional("Matthew", "Lanternly", "LA-E10000019").contact,
    allocatedTeam: "Lincolnshire Children in Need Team",
    summary: "Early help stepped up to child in need; Ethan asks that his health information is not shared with the school.",
  });
}

/** Scenario 7: a father supervised by probation under MAPPA category 2, level 2. */
function fatherUnderMappa(book: DemoRecordBook): void {
  const mother = member(adult(11, "Hannah", "Ravelstoke", "1988-02-27", Sex.FEMALE, BUCKINGHAMSHIRE), Relationship.MOTHER, true);
  const father = member(adult(12, "Craig", "Ravelstoke", "1985-12-03", Sex.MALE, BUCKINGHAMSHIRE), Relationship.FATHER, true);
  const family = demoFamily(BUCKINGHAMSHIRE, home("9 Illustration Way", "Mockhampton", "HP5 2EG", BUCKINGHAMSHIRE), [mother, father], [
    { sui: SUI.fatherUnderMappa, givenNames: "Freya", familyName: "Ravelstoke", dateOfBirth: "2013-08-25", sex: Sex.FEMALE },
    { sui: SUI.fatherUnderMappaBrother, givenNames: "Arlo", familyName: "Ravelstoke", dateOfBirth: "2018-11-30", sex: Sex.MALE },
  ]);
  const [freya, arlo] = [childOf(family.children, SUI.fatherUnderMappa), childOf(family.children, SUI.fatherUnderMappaBrother)];
  registerWithGp(book, freya, "GP-K99001", "2013-09-30", gp(professional("Amy", "Carewell", "GP-K99001")), [
    { description: "Asthma", snomedCode: "195967001", recordedOn: "2019-02-14" },
  ]);
  registerWithGp(book, arlo, "GP-K99001", "2019-01-14", gp(professional("Amy", "Carewell", "GP-K99001")));
  onSchoolRoll(book, freya, "SCH-199003", "2024-09-01", { attendancePercent: 93.0 });
  onSchoolRoll(book, arlo, "SCH-199001", "2023-09-01", { attendancePercent: 96.4 });
  for (const child of [freya, arlo]) {
    socialCare(book, child, {
      status: SocialCareStatus.CHILD_IN_NEED,
      startDate: "2026-02-09",
      allocatedWorkerName: "Victoria Steadfast",
      allocatedWorkerContact: professional("Victoria", "Steadfast", "LA-E06000060").contact,
      allocatedTeam: "Buckinghamshire Children in Need Team",
      summary: "Father released on licence to the family home; contact with the children supervised under a written agreement.",
    });
    probation(book, child, "PDU-E06000060", father, {
      offenderManagerName: "Lee Anchorby",
      offenderManagerContact: professional("Lee", "Anchorby", "PDU-E06000060").contact,
      roshLevel: RoshLevel.HIGH,
      roshTo: [RoshGroup.CHILDREN, RoshGroup.KNOWN_ADULT],
      mappaCategory: 2,
      mappaLevel: 2,
      riskManagementSummary: "Managed at MAPPA level 2 after a conviction for violence; licence condition of no unsupervised contact with children under 16.",
    }, "2026-01-26");
  }
}

/** Scenario 8: an unaccompanied asylum-seeking child whose placement only CSC may know. */
function unaccompaniedChild(book: DemoRecordBook): void {
  const placement: AddressSubmission = {
    kind: AddressKind.PLACEMENT,
    line1: "5 Trial Mews",
    town: "Sampleholme",
    postcode: "LN11 8PJ",
    localAuthority: LINCOLNSHIRE,
    validFrom: "2026-07-08",
    labels: [SensitivityLabel.LOCATION_WITHHELD],
  };
  const family = demoFamily(LINCOLNSHIRE, placement, [], [
    { sui: SUI.unaccompaniedChild, givenNames: "Daniel", familyName: "Emberthorn", dateOfBirth: "2010-01-15", sex: Sex.MALE },
  ]);
  const daniel = childOf(family.children, SUI.unaccompaniedChild);
  // Only CSC sends the placement: a GP or a school reporting it would file it as an unlabelled HOME address.
  registerWithGp(book, daniel, "GP-C99003", "2026-07-20", gp(professional("Donna", "Carewell", "GP-C99003")), [], { address: null });
  onSchoolRoll(book, daniel, "SCH-199009", "2026-09-03", { attendancePercent: 98.5 }, { address: null, relatedAdults: [] });
  socialCare(book, daniel, {
    status: SocialCareStatus.LOOKED_AFTER,
    legalStatus: LegalStatus.SECTION_20_ACCOMMODATED,
    startDate: "2026-07-08",
    allocatedWorkerName: "Ben Harbourwick",
    allocatedWorkerContact: professional("Ben", "Harbourwick", "LA-E10000019").contact,
    allocatedTeam: "Lincolnshire Unaccompanied Children Team",
    summary: "Unaccompanied asylum-seeking child, transferred under the National Transfer Scheme; age assessment completed; placed with foster carers.",
  }, { address: placement });
}

/** Scenario 9: a toddler on a plan at the emergency department in the small hours. */
function breakGlass(book: DemoRecordBook): void {
  const mother = member(adult(13, "Jade", "Copperwhistle", "2001-04-19", Sex.FEMALE, MILTON_KEYNES), Relationship.MOTHER, true);
  const father = member(adult(14, "Dean", "Copperwhistle", "1999-10-02", Sex.MALE, MILTON_KEYNES), Relationship.FATHER, true);
  const family = demoFamily(MILTON_KEYNES, home("22 Mockup Crescent", "Westmock", "MK8 1HU", MILTON_KEYNES), [mother, father], [
    { sui: SUI.breakGlass, givenNames: "Reuben", familyName: "Copperwhistle", dateOfBirth: "2024-06-03", sex: Sex.MALE },
  ]);
  const reuben = childOf(family.children, SUI.breakGlass);
  registerWithGp(book, reuben, "GP-K99004", "2024-07-08", healthVisitor(professional("Kelly", "Beaconsby", "GP-K99004")));
  socialCare(book, reuben, {
    status: SocialCareStatus.CHILD_PROTECTION_PLAN,
    planCategory: PlanCategory.PHYSICAL_ABUSE,
    startDate: "2026-08-14",
    allocatedWorkerName: "Gary Shelterby",
    allocatedWorkerContact: professional("Gary", "Shelterby", "LA-E06000042").contact,
    allocatedTeam: "Milton Keynes Child Protection Team",
    summary: "Plan after an unexplained fracture at 20 months; both parents to be supervised with him until the review conference.",
  });
  book.add("NHS-R9B", reuben, {
    health: {
      unscheduledCareAttendances: [
        { attendedOn: "2026-08-02", setting: UnscheduledCareSetting.EMERGENCY_DEPARTMENT, site: "Westmock Hospital Emergency Department", presentingComplaint: "Fractured forearm, explanation inconsistent" },
        { attendedOn: "2026-10-31", setting: UnscheduledCareSetting.EMERGENCY_DEPARTMENT, site: "Westmock Hospital Emergency Department", presentingComplaint: "Head injury, attended at 02:10" },
      ],
    },
  }, { recordedOn: "2026-10-31" });
  // The emergency department's system tells the hub of that night's attendance (CP-IS): Milton Keynes, holding his plan, is told.
  book.notifyAttendance({
    agencyCode: WESTMOCK_EMERGENCY_DEPARTMENT,
    reference: "ED-WMK-2026-103117",
    attendedOn: "2026-10-31",
    presentingComplaint: "Head injury, attended at 02:10",
    child: { sui: reuben.sui, givenNames: reuben.givenNames, familyName: reuben.familyName, dateOfBirth: reuben.dateOfBirth, sex: reuben.sex, address: reuben.family.home },
  });
}

/** Scenario 10: one child with a record from every agency type, for the disclosure trail. */
function disclosureTrail(book: DemoRecordBook): void {
  const mother = member(adult(15, "Stacey", "Bramblewick", "1989-07-07", Sex.FEMALE, LINCOLNSHIRE), Relationship.MOTHER, true);
  const father = member(adult(16, "Dean", "Bramblewick", "1986-03-22", Sex.MALE, LINCOLNSHIRE), Relationship.FATHER, true);
  const partner = member(adult(17, "Scott", "Vellumby", "1990-12-11", Sex.MALE, LINCOLNSHIRE), Relationship.PARTNER_OF_PARENT, false);
  const family = demoFamily(LINCOLNSHIRE, home("64 Pattern Grove", "Mockingham", "PE21 9SW", LINCOLNSHIRE), [mother, father, partner], [
    { sui: SUI.disclosureTrail, givenNames: "Kai", familyName: "Bramblewick", dateOfBirth: "2012-05-21", sex: Sex.MALE },
  ]);
  const kai = childOf(family.children, SUI.disclosureTrail);
  registerWithGp(book, kai, "GP-C99001", "2012-06-25", gp(professional("Rebecca", "Wellspring", "GP-C99001")), [
    { description: "Attention deficit hyperactivity disorder", snomedCode: "406506008", recordedOn: "2020-05-11" },
  ]);
  book.add("NHS-R9C", kai, {
    health: { unscheduledCareAttendances: [{ attendedOn: "2026-09-13", setting: UnscheduledCareSetting.EMERGENCY_DEPARTMENT, site: "Example Fens Hospital Emergency Department", presentingComplaint: "Stab wound to the thigh" }] },
  }, { recordedOn: "2026-09-13" });
  onSchoolRoll(book, kai, "SCH-199010", "2023-09-01", {
    attendancePercent: 71.3,
    senStatus: SenStatus.SEN_SUPPORT,
    exclusions: [{ type: ExclusionType.SUSPENSION, startDate: "2026-06-15", days: 3, reason: "Possession of a bladed article" }],
    safeguardingConcerns: [{ recordedOn: "2026-09-15", category: ConcernCategory.CHILD_CRIMINAL_EXPLOITATION, summary: "Missing afternoons, new phones and cash; possible county lines." }],
  });
  socialCare(book, kai, {
    status: SocialCareStatus.CHILD_IN_NEED,
    startDate: "2026-09-16",
    allocatedWorkerName: "Craig Mentorley",
    allocatedWorkerContact: professional("Craig", "Mentorley", "LA-E10000019").contact,
    allocatedTeam: "Lincolnshire Adolescent Services",
    summary: "Extra-familial harm: criminal exploitation; contextual safeguarding plan with school and youth justice.",
  });
  police(book, kai, {
    incidentType: PoliceIncidentType.CRIMINAL_EXPLOITATION,
    childRole: ChildRoleInIncident.PERSON_AT_RISK,
    occurredOn: "2026-09-12",
    reportedOn: "2026-09-13",
    crimeReference: "32/16020/26",
    summary: "Found injured away from home with cash and two phones; National Referral Mechanism referral made.",
    intelligence: "Linked to a county line supplying the Mockingham area; older associates identified.",
    officerName: "DC Richard Waymarker",
    officerContact: professional("Richard", "Waymarker", "POLICE-32").contact,
    activeInvestigation: true,
  }, { labels: [SensitivityLabel.WITHHOLD_FROM_FAMILY] });
  book.add("YOT-E10000019", kai, {
    youthJustice: {
      disposal: YouthJusticeDisposal.REFERRAL_ORDER,
      startDate: "2026-07-01",
      caseworkerName: "Owen Lodestar",
      caseworkerContact: professional("Owen", "Lodestar", "YOT-E10000019").contact,
      riskOfSeriousHarm: RoshLevel.MEDIUM,
      safetyAndWellbeing: ConcernLevel.HIGH,
      summary: "Referral order for possession of a bladed article; victim of exploitation as well as an offender.",
    },
  }, { recordedOn: "2026-07-01" });
  probation(book, kai, "PDU-E10000019", partner, {
    offenderManagerName: "Stuart Lodestar",
    offenderManagerContact: professional("Stuart", "Lodestar", "PDU-E10000019").contact,
    roshLevel: RoshLevel.MEDIUM,
    roshTo: [RoshGroup.KNOWN_ADULT],
    riskManagementSummary: "Community order for assault on a former partner; attending a domestic abuse programme.",
  }, "2026-04-03");
  prison(book, kai, HMP_EXAMPLETON, father, { pprcStatus: PprcStatus.NO_LONGER_PPRC, pprcAssessedOn: "2025-11-05", expectedReleaseDate: "2027-03-29" });
}

/** The scenario fixtures, loaded before the generated families so their references never move. */
export function recordScenarioFixtures(book: DemoRecordBook): void {
  pprcRelease(book);
  pprcNameChange(book);
  childOnPlanAtSchool(book);
  forcedMarriage(book);
  misspeltName(book);
  competentFifteenYearOld(book);
  fatherUnderMappa(book);
  unaccompaniedChild(book);
  breakGlass(book);
  disclosureTrail(book);
}
