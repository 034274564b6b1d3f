import { AgencyType } from "../directory/AgencyType";
import { AddressKind } from "../people/AddressKind";
import { Relationship } from "../people/Relationship";
import { type AddressSubmission, type DetailsOf } from "../records/AgencyRecordSubmission";
import { SensitivityLabel } from "../records/SensitivityLabel";
import { ConcernCategory, ExclusionType, RollStatus, SenStatus, type EducationRecord, type Exclusion, type SafeguardingConcern } from "../records/details/EducationRecord";
import { NamedProfessionalRole, UnscheduledCareSetting, type HealthCondition, type UnscheduledCareAttendance } from "../records/details/HealthRecord";
import { ChildRoleInIncident, PoliceIncidentType } from "../records/details/PoliceRecord";
import { PprcStatus } from "../records/details/PrisonRecord";
import { RoshGroup, RoshLevel } from "../records/details/riskVocabulary";
import { LegalStatus, PlanCategory, SocialCareStatus } from "../records/details/SocialCareRecord";
import { ConcernLevel, YouthJusticeDisposal } from "../records/details/YouthJusticeRecord";
import { addDays, ageOn, dayBetween, DEMO_REFERENCE_DATE, notAfterReference, receptionStart, recentDay, yearGroupOn } from "./demoCalendar";
import { DEMO_LOCAL_AUTHORITIES, demoAgency, demoLocalAuthority, HMP_EXAMPLETON, HMP_SAMPLEFORD_GRANGE } from "./demoDirectory";
import { membersOf, type DemoChild, type DemoFamily, type FamilyMember } from "./demoPeople";
import { type DemoRecordBook } from "./demoRecordBook";
import { parentsAsRelatedAdults, prisonNumberOf, relatedAdult } from "./demoRelatedAdults";
import { demoProfessional, designatedSafeguardingLead, type DemoProfessional } from "./demoStaff";
import { fictionalAddress } from "./fictionalPlaces";
import { type SeededRandom } from "./seededRandom";

/** What children's social care is doing with a family, if anything. */
const Involvement = {
  NONE: "NONE",
  /** The eldest child, 16 or 17, has left care for supported lodgings. */
  CARE_LEAVER: "CARE_LEAVER",
  CLOSED: "CLOSED",
  REFERRAL: "REFERRAL",
  ASSESSMENT: "ASSESSMENT",
  CHILD_IN_NEED: "CHILD_IN_NEED",
  CHILD_PROTECTION_PLAN: "CHILD_PROTECTION_PLAN",
  LOOKED_AFTER: "LOOKED_AFTER",
} as const;
type Involvement = (typeof Involvement)[keyof typeof Involvement];

/** Most families never meet children's social care (DfE children in need census). */
const INVOLVEMENT_SHARES: readonly [Involvement, number][] = [
  [Involvement.NONE, 0.48],
  [Involvement.CLOSED, 0.08],
  [Involvement.REFERRAL, 0.04],
  [Involvement.ASSESSMENT, 0.05],
  [Involvement.CHILD_IN_NEED, 0.13],
  [Involvement.CHILD_PROTECTION_PLAN, 0.12],
  [Involvement.LOOKED_AFTER, 0.1],
];

/** Care leavers are few, and only families with a 16- or 17-year-old can have one. */
const CARE_LEAVER_SHARE = 0.03;

/** Neglect and emotional abuse are by far the commonest plan categories. */
const PLAN_CATEGORY_WEIGHTS: readonly [PlanCategory, number][] = [
  [PlanCategory.NEGLECT, 0.45],
  [PlanCategory.EMOTIONAL_ABUSE, 0.35],
  [PlanCategory.PHYSICAL_ABUSE, 0.12],
  [PlanCategory.SEXUAL_ABUSE, 0.08],
];

const CONCERN_OF_PLAN: Record<PlanCategory, ConcernCategory> = {
  [PlanCategory.NEGLECT]: ConcernCategory.NEGLECT,
  [PlanCategory.EMOTIONAL_ABUSE]: ConcernCategory.EMOTIONAL_ABUSE,
  [PlanCategory.PHYSICAL_ABUSE]: ConcernCategory.PHYSICAL_ABUSE,
  [PlanCategory.SEXUAL_ABUSE]: ConcernCategory.SEXUAL_ABUSE,
};

const TEAM_OF_STATUS: Record<SocialCareStatus, string> = {
  REFERRAL: "MASH",
  STRATEGY_DISCUSSION: "MASH",
  SECTION_47_ENQUIRY: "Assessment Team",
  ASSESSMENT: "Assessment Team",
  CHILD_IN_NEED: "Children in Need Team",
  CHILD_PROTECTION_PLAN: "Child Protection Team",
  LOOKED_AFTER: "Children in Care Team",
  CARE_LEAVER: "Leaving Care Team",
  CLOSED: "Assessment Team",
};

const SOCIAL_CARE_SUMMARY: Record<SocialCareStatus, string> = {
  REFERRAL: "Referral received by the MASH; information being gathered from partner agencies.",
  STRATEGY_DISCUSSION: "Strategy discussion held with police and health; section 47 enquiries being considered.",
  SECTION_47_ENQUIRY: "Section 47 enquiries under way following the strategy discussion.",
  ASSESSMENT: "Child and family assessment under way following a referral from a partner agency.",
  CHILD_IN_NEED: "Section 17 child in need plan: support with parenting, school attendance and housing.",
  CHILD_PROTECTION_PLAN: "Plan agreed at the initial child protection conference; core group meets monthly.",
  LOOKED_AFTER: "Looked after; care plan reviewed by the independent reviewing officer.",
  CARE_LEAVER: "Relevant child: left care at 16; personal adviser allocated and pathway plan in place.",
  CLOSED: "Assessment completed; no further action by children's social care, universal services continue.",
};

const CONCERN_SUMMARY: Record<ConcernCategory, string> = {
  PHYSICAL_ABUSE: "Unexplained bruising noticed in PE; reported to the DSL the same day.",
  EMOTIONAL_ABUSE: "Child withdrawn and anxious about going home; spoke to a trusted adult.",
  SEXUAL_ABUSE: "Age-inappropriate comments made in class; referred to the MASH.",
  NEGLECT: "Repeatedly arrives hungry and in unwashed uniform; lunches not provided.",
  DOMESTIC_ABUSE: "Child spoke of arguments and shouting at home overnight; Operation Encompass notice received.",
  FORCED_MARRIAGE: "Child disclosed plans for a marriage abroad during the summer holiday.",
  HONOUR_BASED_ABUSE: "Child fears punishment by relatives for a relationship at school.",
  FEMALE_GENITAL_MUTILATION: "Child mentioned a special ceremony planned on an extended trip abroad.",
  CHILD_SEXUAL_EXPLOITATION: "Seen being collected from school by older unknown adults in cars.",
  CHILD_CRIMINAL_EXPLOITATION: "New expensive phone and clothes; missing afternoons; possible county lines involvement.",
  RADICALISATION: "Sharing extremist material with peers online; Prevent lead consulted.",
  MENTAL_HEALTH: "Self-harm disclosed to a teacher; CAMHS referral made with parental agreement.",
  OTHER: "Concern logged by the DSL after a change in behaviour; monitoring in school.",
};

interface ConditionTemplate extends HealthCondition {
  minimumAge: number;
}

/** SNOMED CT codes only where the concept is certain; a description alone is a valid health record. */
const CONDITIONS: readonly ConditionTemplate[] = [
  { description: "Asthma", snomedCode: "195967001", minimumAge: 2 },
  { description: "Atopic dermatitis", snomedCode: "24079001", minimumAge: 0 },
  { description: "Type 1 diabetes mellitus", snomedCode: "46635009", minimumAge: 3 },
  { description: "Epilepsy", snomedCode: "84757009", minimumAge: 1 },
  { description: "Attention deficit hyperactivity disorder", snomedCode: "406506008", minimumAge: 6 },
  { description: "Anxiety disorder", snomedCode: "197480006", minimumAge: 8 },
  { description: "Allergy to peanuts", snomedCode: "91935009", minimumAge: 1 },
  { description: "Speech and language delay", minimumAge: 2 },
  { description: "Autism spectrum condition, awaiting assessment", minimumAge: 3 },
];

interface AttendanceTemplate {
  complaint: string;
  minimumAge: number;
}

const ATTENDANCES: readonly AttendanceTemplate[] = [
  { complaint: "Head injury after a fall", minimumAge: 0 },
  { complaint: "Burn to the hand", minimumAge: 0 },
  { complaint: "Fever and breathing difficulty", minimumAge: 0 },
  { complaint: "Bruising of unclear cause", minimumAge: 0 },
  { complaint: "Accidental ingestion of medication", minimumAge: 1 },
  { complaint: "Fractured wrist", minimumAge: 3 },
  { complaint: "Self-harm, superficial cuts to the forearm", minimumAge: 11 },
  { complaint: "Alcohol intoxication", minimumAge: 13 },
];

const SITE_OF_SETTING: Record<UnscheduledCareSetting, string> = {
  EMERGENCY_DEPARTMENT: "Emergency Department",
  URGENT_TREATMENT_CENTRE: "Urgent Treatment Centre",
  MINOR_INJURIES_UNIT: "Minor Injuries Unit",
  WALK_IN_CENTRE: "Walk-in Centre",
  OUT_OF_HOURS_GP: "Out-of-hours GP Service",
};

function weighted<T>(random: SeededRandom, weights: readonly [T, number][]): T {
  let roll = random.next() * weights.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of weights) {
    roll -= weight;
    if (roll < 0) return value;
  }
  // Only floating-point rounding gets here: the last value takes the remainder.
  return weights[weights.length - 1][0];
}

function age(child: DemoChild): number {
  return ageOn(child.dateOfBirth);
}

/** Where a child lives, as far as each agency knows it. */
interface Residence {
  localAuthority: string;
  /** The address universal services report; null when only children's social care may know it. */
  shared: AddressSubmission | null;
  /** The address children's social care reports (a placement, supported lodgings, or the home). */
  known: AddressSubmission;
}

interface FamilyStory {
  involvement: Involvement;
  planCategory: PlanCategory;
  socialWorker: DemoProfessional;
  domesticAbuse: boolean;
  gpPractice: string;
}

/**
 * Records for the generated families, from every agency that would plausibly hold one: a GP
 * registration for every child, a school for every child of school age, and children's social care,
 * police, youth justice, probation and prisons where a family's story brings them in.
 */
export function recordGeneratedFamilies(book: DemoRecordBook, random: SeededRandom, families: readonly DemoFamily[]): void {
  const involvements = dealInvolvements(random, families);
  for (const family of families) recordGeneratedFamily(book, random, family, involvements.get(family) ?? Involvement.NONE);
}

/**
 * Social care involvement dealt in fixed shares rather than drawn family by family, so every seed gives
 * a data set with looked-after children, care leavers and plans in realistic numbers.
 */
function dealInvolvements(random: SeededRandom, families: readonly DemoFamily[]): Map<DemoFamily, Involvement> {
  const withOlderTeenager = families.filter((family) => age(family.children[0]) >= 16);
  const leavers = new Set(random.shuffled(withOlderTeenager).slice(0, Math.ceil(CARE_LEAVER_SHARE * families.length)));
  const others = families.filter((family) => !leavers.has(family));
  const deck: Involvement[] = INVOLVEMENT_SHARES.flatMap(([involvement, share]) => Array<Involvement>(Math.round(share * others.length)).fill(involvement));
  // Rounding can leave the deck a card or two short: those families never meet children's social care.
  const dealt = random.shuffled([...deck, ...Array<Involvement>(Math.max(0, others.length - deck.length)).fill(Involvement.NONE)]);
  const involvements = new Map<DemoFamily, Involvement>();
  for (const family of leavers) involvements.set(family, Involvement.CARE_LEAVER);
  others.forEach((family, index) => involvements.set(family, dealt[index]));
  return involvements;
}

function recordGeneratedFamily(book: DemoRecordBook, random: SeededRandom, family: DemoFamily, involvement: Involvement): void {
  const services = demoLocalAuthority(family.localAuthority);
  const story: FamilyStory = {
    involvement,
    planCategory: weighted(random, PLAN_CATEGORY_WEIGHTS),
    socialWorker: demoProfessional(random, services.childrensSocialCare),
    domesticAbuse: random.chance(domesticAbuseLikelihood(involvement)),
    gpPractice: random.pick(services.gpPractices),
  };
  const leftCare = involvement === Involvement.CARE_LEAVER;
  const lookedAfter = leftCare ? family.children[0] : involvement === Involvement.LOOKED_AFTER ? random.pick(family.children) : null;
  const residences = new Map<DemoChild, Residence>();
  for (const child of family.children) {
    const status = child !== lookedAfter ? statusOf(involvement) : leftCare ? SocialCareStatus.CARE_LEAVER : SocialCareStatus.LOOKED_AFTER;
    const residence = child !== lookedAfter ? homeOf(family) : placementOf(random, family, leftCare ? AddressKind.TEMPORARY : AddressKind.PLACEMENT);
    residences.set(child, residence);
    recordHealth(book, random, child, residence, story, status);
    recordEducation(book, random, child, residence, story, status);
    if (status !== null) recordSocialCare(book, random, child, residence, story, status);
    recordPolice(book, random, child, residence, story);
  }
  recordOffenderInFamily(book, random, family, story, residences);
}

function domesticAbuseLikelihood(involvement: Involvement): number {
  switch (involvement) {
    case Involvement.CHILD_PROTECTION_PLAN:
      return 0.6;
    case Involvement.CHILD_IN_NEED:
      return 0.4;
    case Involvement.LOOKED_AFTER:
    case Involvement.CLOSED:
      return 0.25;
    case Involvement.NONE:
      return 0.04;
    default:
      return 0.15;
  }
}

function statusOf(involvement: Involvement): SocialCareStatus | null {
  if (involvement === Involvement.NONE || involvement === Involvement.CARE_LEAVER) return null;
  // A looked-after child's brothers and sisters at home are usually children in need.
  if (involvement === Involvement.LOOKED_AFTER) return SocialCareStatus.CHILD_IN_NEED;
  return involvement;
}

function homeOf(family: DemoFamily): Residence {
  return { localAuthority: family.localAuthority, shared: family.home, known: family.home };
}

/**
 * A foster placement (or, for a care leaver, supported lodgings), often in another authority. Its
 * address is known to children's social care alone, and withheld from anyone who could pass it to the
 * birth family.
 */
function placementOf(random: SeededRandom, family: DemoFamily, kind: AddressKind): Residence {
  const localAuthority = random.chance(0.3) ? random.pick(DEMO_LOCAL_AUTHORITIES).code : family.localAuthority;
  const placement = { ...fictionalAddress(random, localAuthority, kind), labels: [SensitivityLabel.LOCATION_WITHHELD] };
  return { localAuthority, shared: null, known: placement };
}

function recordHealth(book: DemoRecordBook, random: SeededRandom, child: DemoChild, residence: Residence, story: FamilyStory, status: SocialCareStatus | null): void {
  const childAge = age(child);
  const practice = residence.localAuthority === child.family.localAuthority ? story.gpPractice : random.pick(demoLocalAuthority(residence.localAuthority).gpPractices);
  const conditions: HealthCondition[] = [];
  if (random.chance(0.28)) {
    const template = random.pick(CONDITIONS.filter((condition) => condition.minimumAge <= childAge));
    conditions.push({
      description: template.description,
      ...(template.snomedCode === undefined ? {} : { snomedCode: template.snomedCode }),
      recordedOn: notAfterReference(dayBetween(random, addDays(child.dateOfBirth, template.minimumAge * 365 + 30), DEMO_REFERENCE_DATE)),
    });
  }
  const role = childAge < 5 ? NamedProfessionalRole.HEALTH_VISITOR : childAge >= 11 && random.chance(0.3) ? NamedProfessionalRole.SCHOOL_NURSE : NamedProfessionalRole.GP;
  const named = demoProfessional(random, practice);
  const registeredOn = notAfterReference(dayBetween(random, addDays(child.dateOfBirth, 14), addDays(child.dateOfBirth, 60)));
  book.add(practice, child, {
    health: {
      gpPracticeCode: practice.replace(/^GP-/, ""),
      gpPracticeName: demoAgency(practice).name,
      registeredOn,
      namedProfessionalName: named.name,
      namedProfessionalRole: role,
      namedProfessionalContact: named.contact,
      conditions,
    },
  }, { address: residence.shared, recordedOn: registeredOn });

  // Children already known to children's social care are over-represented in unscheduled care.
  const likelihood = status === SocialCareStatus.CHILD_PROTECTION_PLAN || status === SocialCareStatus.LOOKED_AFTER ? 0.4 : 0.12;
  if (!random.chance(likelihood)) return;
  const hospital = demoLocalAuthority(residence.localAuthority).hospital;
  const site = demoAgency(hospital).name.replace(/ (University )?Hospitals? NHS.*$/, " Hospital");
  const attendances: UnscheduledCareAttendance[] = [];
  for (let i = random.integer(1, 3); i > 0; i--) {
    const setting = random.chance(0.7) ? UnscheduledCareSetting.EMERGENCY_DEPARTMENT : random.pick(Object.values(UnscheduledCareSetting));
    attendances.push({
      attendedOn: recentDay(random, 540, child.dateOfBirth),
      setting,
      site: `${site} ${SITE_OF_SETTING[setting]}`,
      presentingComplaint: random.pick(ATTENDANCES.filter((attendance) => attendance.minimumAge <= childAge)).complaint,
    });
  }
  attendances.sort((a, b) => a.attendedOn.localeCompare(b.attendedOn));
  book.add(hospital, child, { health: { unscheduledCareAttendances: attendances } }, {
    address: residence.shared,
    recordedOn: attendances[attendances.length - 1].attendedOn,
  });
}

function recordEducation(book: DemoRecordBook, random: SeededRandom, child: DemoChild, residence: Residence, story: FamilyStory, status: SocialCareStatus | null): void {
  const yearGroup = yearGroupOn(child.dateOfBirth);
  if (yearGroup === null) return;
  const services = demoLocalAuthority(residence.localAuthority);
  const secondary = yearGroup >= 7;
  const school = random.pick(secondary ? services.secondarySchools : services.primarySchools);
  const onRollFrom = `${Number(receptionStart(child.dateOfBirth).slice(0, 4)) + (secondary ? 7 : 0)}-09-01`;
  const known = status !== null && status !== SocialCareStatus.CLOSED;

  let rollStatus: RollStatus = RollStatus.ON_ROLL;
  let leftOn: string | null = null;
  const exclusions: Exclusion[] = [];
  const roll = random.next();
  if (yearGroup >= 12 && roll < 0.3) {
    rollStatus = RollStatus.LEFT;
    leftOn = `${DEMO_REFERENCE_DATE.slice(0, 4)}-07-22`;
  } else if (secondary && roll < 0.04) {
    rollStatus = RollStatus.PERMANENTLY_EXCLUDED;
    leftOn = recentDay(random, 200, onRollFrom);
    exclusions.push({ type: ExclusionType.PERMANENT, startDate: leftOn, reason: "Serious breach of the behaviour policy" });
  } else if (roll < 0.06) {
    rollStatus = RollStatus.LEFT_NON_STANDARD;
    leftOn = recentDay(random, 120, onRollFrom);
  } else if (roll < 0.08) {
    rollStatus = RollStatus.ELECTIVE_HOME_EDUCATION;
    leftOn = recentDay(random, 300, onRollFrom);
  } else if (known && roll < 0.12) {
    rollStatus = RollStatus.CHILD_MISSING_EDUCATION;
    leftOn = recentDay(random, 90, onRollFrom);
  }
  if (secondary && rollStatus === RollStatus.ON_ROLL && random.chance(known ? 0.25 : 0.07)) {
    exclusions.push({
      type: ExclusionType.SUSPENSION,
      startDate: recentDay(random, 300, onRollFrom),
      days: random.integer(1, 5),
      reason: random.pick(["Persistent disruptive behaviour", "Physical assault against a pupil", "Verbal abuse against an adult"]),
    });
  }

  const concerns: SafeguardingConcern[] = [];
  if (known && random.chance(0.5)) {
    const category = status === SocialCareStatus.CHILD_PROTECTION_PLAN ? CONCERN_OF_PLAN[story.planCategory] : story.domesticAbuse ? ConcernCategory.DOMESTIC_ABUSE : ConcernCategory.NEGLECT;
    concerns.push({ recordedOn: recentDay(random, 400, onRollFrom), category, summary: CONCERN_SUMMARY[category] });
  } else if (random.chance(0.05)) {
    const category = yearGroup >= 7 ? random.pick([ConcernCategory.MENTAL_HEALTH, ConcernCategory.CHILD_CRIMINAL_EXPLOITATION, ConcernCategory.RADICALISATION, ConcernCategory.OTHER]) : ConcernCategory.OTHER;
    concerns.push({ recordedOn: recentDay(random, 400, onRollFrom), category, summary: CONCERN_SUMMARY[category] });
  }

  const dsl = designatedSafeguardingLead(school);
  const senRoll = random.next();
  const education: DetailsOf<EducationRecord> = {
    rollStatus,
    onRollFrom,
    leftOn,
    attendancePercent: Math.round((known ? 72 + random.next() * 24 : 88 + random.next() * 12) * 10) / 10,
    exclusions,
    senStatus: senRoll < 0.03 ? SenStatus.EHC_PLAN : senRoll < 0.15 ? SenStatus.SEN_SUPPORT : SenStatus.NONE,
    dslName: dsl.name,
    dslContact: dsl.contact,
    safeguardingConcerns: concerns,
  };
  book.add(school, child, { education }, {
    address: residence.shared,
    relatedAdults: residence.shared === null ? [] : parentsAsRelatedAdults(AgencyType.EDUCATION, child.family),
    recordedOn: leftOn ?? onRollFrom,
  });
}

function recordSocialCare(book: DemoRecordBook, random: SeededRandom, child: DemoChild, residence: Residence, story: FamilyStory, status: SocialCareStatus): void {
  const services = demoLocalAuthority(child.family.localAuthority);
  const childAge = age(child);
  const startWithin: Record<SocialCareStatus, number> = {
    REFERRAL: 10, STRATEGY_DISCUSSION: 2, SECTION_47_ENQUIRY: 15, ASSESSMENT: 40, CHILD_IN_NEED: 500, CHILD_PROTECTION_PLAN: 600, LOOKED_AFTER: 1500, CARE_LEAVER: 400, CLOSED: 1500,
  };
  const startDate = recentDay(random, startWithin[status], child.dateOfBirth);
  const endDate = status === SocialCareStatus.CLOSED ? dayBetween(random, startDate, notAfterReference(addDays(startDate, 45))) : null;
  const allocated = status !== SocialCareStatus.REFERRAL && status !== SocialCareStatus.CLOSED;
  const legalStatus = status === SocialCareStatus.LOOKED_AFTER ? legalStatusFor(random, childAge) : null;
  book.add(services.childrensSocialCare, child, {
    socialCare: {
      status,
      planCategory: status === SocialCareStatus.CHILD_PROTECTION_PLAN ? story.planCategory : null,
      legalStatus,
      startDate,
      endDate,
      allocatedWorkerName: allocated ? story.socialWorker.name : null,
      allocatedWorkerContact: allocated ? story.socialWorker.contact : null,
      allocatedTeam: `${services.name} ${TEAM_OF_STATUS[status]}`,
      responsibleLocalAuthority: services.code,
      summary: SOCIAL_CARE_SUMMARY[status],
    },
  }, {
    address: residence.known,
    relatedAdults: child.family.adults.map((member) => relatedAdult(AgencyType.CHILDRENS_SOCIAL_CARE, member)),
    recordedOn: endDate ?? startDate,
  });
  // Police protection often comes first, the care order afterwards.
  if (legalStatus === LegalStatus.SECTION_46_POLICE_PROTECTION || (legalStatus !== null && random.chance(0.3))) {
    recordIncident(book, random, child, residence, PoliceIncidentType.POLICE_PROTECTION, ChildRoleInIncident.PERSON_AT_RISK, startDate);
  }
}

function legalStatusFor(random: SeededRandom, childAge: number): LegalStatus {
  const weights: [LegalStatus, number][] = [
    [LegalStatus.SECTION_31_CARE_ORDER, 0.45],
    [LegalStatus.SECTION_20_ACCOMMODATED, 0.2],
    [LegalStatus.SECTION_38_INTERIM_CARE_ORDER, 0.15],
    [LegalStatus.SECTION_44_EMERGENCY_PROTECTION_ORDER, 0.03],
    [LegalStatus.SECTION_46_POLICE_PROTECTION, 0.04],
  ];
  if (childAge < 8) weights.push([LegalStatus.PLACEMENT_ORDER, 0.15]);
  if (childAge >= 12) weights.push([LegalStatus.REMANDED, 0.04]);
  return weighted(random, weights);
}

const INCIDENT_SUMMARY: Record<PoliceIncidentType, string> = {
  CRIME: "Crime reported; statements taken.",
  DOMESTIC_ABUSE: "Domestic abuse incident at the home address; children present in the household.",
  MISSING_EPISODE: "Reported missing overnight; found safe and well, return home interview offered.",
  CHILD_CONCERN: "Officers attending an unrelated call raised a concern about the child's care.",
  SEXUAL_EXPLOITATION: "Child found in the company of older males at a hotel; safeguarding referral made.",
  CRIMINAL_EXPLOITATION: "Child stopped with cash and several phones away from home; possible county lines.",
  ONLINE_HARM: "Child received indecent images and threats from an online contact.",
  SEX_OFFENDER_HOUSEHOLD_NOTIFICATION: "Registered sex offender notified staying at the address where the child lives.",
  POLICE_PROTECTION: "Child removed to suitable accommodation under police protection (Children Act 1989 s.46).",
};

function recordIncident(
  book: DemoRecordBook,
  random: SeededRandom,
  child: DemoChild,
  residence: Residence,
  incidentType: PoliceIncidentType,
  childRole: ChildRoleInIncident,
  occurredOn: string,
  adults: FamilyMember[] = [],
): void {
  const force = demoLocalAuthority(residence.localAuthority).police;
  const officer = demoProfessional(random, force);
  const activeInvestigation = incidentType === PoliceIncidentType.SEXUAL_EXPLOITATION || (incidentType !== PoliceIncidentType.POLICE_PROTECTION && random.chance(0.15));
  const reportedOn = dayBetween(random, occurredOn, notAfterReference(addDays(occurredOn, 2)));
  book.add(force, child, {
    police: {
      incidentType,
      childRole,
      occurredOn,
      reportedOn,
      crimeReference: `${force.replace(/\D/g, "")}/${String(random.integer(1, 99999)).padStart(5, "0")}/${occurredOn.slice(2, 4)}`,
      summary: INCIDENT_SUMMARY[incidentType],
      intelligence: random.chance(0.35) ? "Intelligence indicates repeat incidents at the address not all reported; partner agencies to share any disclosures." : null,
      officerName: officer.name,
      officerContact: officer.contact,
      activeInvestigation,
    },
  }, {
    address: residence.shared,
    // Sharing anything that could reach the family would jeopardise an active investigation (DOMAIN rule 6).
    labels: activeInvestigation ? [SensitivityLabel.WITHHOLD_FROM_FAMILY] : [],
    relatedAdults: adults.map((member) => relatedAdult(AgencyType.POLICE, member)),
    recordedOn: reportedOn,
  });
}

function recordPolice(book: DemoRecordBook, random: SeededRandom, child: DemoChild, residence: Residence, story: FamilyStory): void {
  const childAge = age(child);
  if (story.domesticAbuse && residence.shared !== null) {
    const occurredOn = dayBetween(random, addDays(DEMO_REFERENCE_DATE, -400), addDays(DEMO_REFERENCE_DATE, -3));
    if (occurredOn > child.dateOfBirth) {
      const role = childAge >= 3 && random.chance(0.5) ? ChildRoleInIncident.WITNESS : ChildRoleInIncident.HOUSEHOLD_MEMBER;
      recordIncident(book, random, child, residence, PoliceIncidentType.DOMESTIC_ABUSE, role, occurredOn, child.family.adults.filter((member) => member.relationship !== Relationship.GRANDPARENT));
    }
  }
  const incidents: [PoliceIncidentType, ChildRoleInIncident, number, number][] = [
    [PoliceIncidentType.MISSING_EPISODE, ChildRoleInIncident.MISSING_PERSON, 11, 0.08],
    [PoliceIncidentType.SEXUAL_EXPLOITATION, ChildRoleInIncident.PERSON_AT_RISK, 12, 0.04],
    [PoliceIncidentType.CRIMINAL_EXPLOITATION, random.chance(0.5) ? ChildRoleInIncident.PERSON_AT_RISK : ChildRoleInIncident.SUSPECT, 12, 0.06],
    [PoliceIncidentType.ONLINE_HARM, ChildRoleInIncident.VICTIM, 10, 0.06],
    [PoliceIncidentType.CRIME, random.chance(0.5) ? ChildRoleInIncident.VICTIM : ChildRoleInIncident.SUSPECT, 10, 0.08],
    [PoliceIncidentType.CHILD_CONCERN, ChildRoleInIncident.PERSON_AT_RISK, 0, 0.04],
  ];
  let offending = false;
  for (const [incidentType, role, minimumAge, likelihood] of incidents) {
    if (childAge < minimumAge || !random.chance(likelihood)) continue;
    recordIncident(book, random, child, residence, incidentType, role, recentDay(random, 365, addDays(child.dateOfBirth, minimumAge * 365)));
    offending ||= role === ChildRoleInIncident.SUSPECT;
  }
  // The age of criminal responsibility in England is 10.
  if (childAge >= 10 && random.chance(offending ? 0.7 : 0.2)) recordYouthJustice(book, random, child, residence);
}

function recordYouthJustice(book: DemoRecordBook, random: SeededRandom, child: DemoChild, residence: Residence): void {
  const yot = demoLocalAuthority(residence.localAuthority).youthJustice;
  const caseworker = demoProfessional(random, yot);
  const disposal = weighted(random, [
    [YouthJusticeDisposal.OUT_OF_COURT_DISPOSAL, 0.35],
    [YouthJusticeDisposal.REFERRAL_ORDER, 0.3],
    [YouthJusticeDisposal.YOUTH_REHABILITATION_ORDER, 0.2],
    [YouthJusticeDisposal.BAIL_SUPERVISION, 0.08],
    [YouthJusticeDisposal.DETENTION_AND_TRAINING_ORDER, 0.04],
    [YouthJusticeDisposal.REMAND, 0.03],
  ]);
  const startDate = recentDay(random, 540, addDays(child.dateOfBirth, 10 * 365 + 3));
  const finished = random.chance(0.3) ? addDays(startDate, random.integer(90, 365)) : null;
  const endDate = finished !== null && finished <= DEMO_REFERENCE_DATE ? finished : null;
  book.add(yot, child, {
    youthJustice: {
      disposal,
      startDate,
      endDate,
      caseworkerName: caseworker.name,
      caseworkerContact: caseworker.contact,
      riskOfSeriousHarm: random.pick([RoshLevel.LOW, RoshLevel.LOW, RoshLevel.MEDIUM, RoshLevel.HIGH]),
      safetyAndWellbeing: random.pick(Object.values(ConcernLevel)),
      summary: "Assessment (AssetPlus) completed; intervention plan agreed with the child and parent.",
    },
  }, { address: residence.shared, recordedOn: endDate ?? startDate });
}

/**
 * A parent or a parent's partner who offends: a registered sex offender staying in the household
 * (notified to police, managed under MAPPA category 1), a violent partner under probation supervision,
 * or a father in prison assessed as a person posing a risk to children. Probation and the prison each
 * record every child of the household the offender is connected to.
 */
function recordOffenderInFamily(book: DemoRecordBook, random: SeededRandom, family: DemoFamily, story: FamilyStory, residences: Map<DemoChild, Residence>): void {
  const partner = membersOf(family, Relationship.PARTNER_OF_PARENT)[0];
  const father = membersOf(family, Relationship.FATHER)[0];
  if (partner !== undefined && random.chance(0.25)) {
    const youngest = family.children[family.children.length - 1].dateOfBirth;
    const notifiedOn = recentDay(random, 200, youngest);
    for (const child of family.children.filter((member) => residences.get(member)?.shared === family.home)) {
      recordIncident(book, random, child, homeOf(family), PoliceIncidentType.SEX_OFFENDER_HOUSEHOLD_NOTIFICATION, ChildRoleInIncident.HOUSEHOLD_MEMBER, notifiedOn, [partner]);
    }
    recordProbation(book, random, family, residences, partner, { roshLevel: RoshLevel.HIGH, roshTo: [RoshGroup.CHILDREN], mappaCategory: 1, mappaLevel: random.chance(0.7) ? 1 : 2 });
    return;
  }
  const offender = story.domesticAbuse ? (partner ?? father) : undefined;
  if (offender !== undefined && random.chance(0.5)) {
    const towardsChildren = random.chance(0.3);
    const mappa = random.chance(0.25);
    recordProbation(book, random, family, residences, offender, {
      roshLevel: random.pick([RoshLevel.MEDIUM, RoshLevel.MEDIUM, RoshLevel.HIGH]),
      roshTo: towardsChildren ? [RoshGroup.KNOWN_ADULT, RoshGroup.CHILDREN] : [RoshGroup.KNOWN_ADULT],
      mappaCategory: mappa ? 2 : null,
      mappaLevel: mappa ? 1 : null,
    });
    return;
  }
  if (father !== undefined && random.chance(story.involvement === Involvement.NONE ? 0.04 : 0.15)) recordPrison(book, random, family, residences, father);
}

interface RiskOfSeriousHarm {
  roshLevel: RoshLevel;
  roshTo: RoshGroup[];
  mappaCategory: number | null;
  mappaLevel: number | null;
}

function recordProbation(book: DemoRecordBook, random: SeededRandom, family: DemoFamily, residences: Map<DemoChild, Residence>, offender: FamilyMember, risk: RiskOfSeriousHarm): void {
  // Probation where the offender lives holds the case, whichever authority the children live in.
  const pdu = demoLocalAuthority(offender.adult.homeLocalAuthority).probation;
  const manager = demoProfessional(random, pdu);
  const towardsChildren = risk.roshTo.includes(RoshGroup.CHILDREN);
  const sentencedOn = recentDay(random, 700, "2024-01-01");
  for (const child of family.children) {
    book.add(pdu, child, {
      probation: {
        offenderManagerName: manager.name,
        offenderManagerContact: manager.contact,
        ...risk,
        riskManagementSummary: towardsChildren
          ? "Licence conditions: no unsupervised contact with children under 18; home visits unannounced."
          : "Licence conditions: no contact with the victim; attending a domestic abuse programme.",
      },
    }, {
      address: residences.get(child)?.shared ?? null,
      relatedAdults: [relatedAdult(AgencyType.PROBATION, offender, { subjectOfRecord: true, posesRiskToChild: towardsChildren })],
      recordedOn: sentencedOn,
    });
  }
}

function recordPrison(book: DemoRecordBook, random: SeededRandom, family: DemoFamily, residences: Map<DemoChild, Residence>, prisoner: FamilyMember): void {
  const prison = random.pick([HMP_EXAMPLETON, HMP_SAMPLEFORD_GRANGE]);
  const pprcStatus = weighted(random, [[PprcStatus.POTENTIAL, 0.4], [PprcStatus.CONFIRMED, 0.35], [PprcStatus.NO_LONGER_PPRC, 0.25]]);
  const assessedOn = recentDay(random, 400, "2025-01-01");
  const expectedReleaseDate = addDays(DEMO_REFERENCE_DATE, random.integer(30, 900));
  for (const child of family.children) {
    book.add(prison, child, {
      prison: {
        prisonNumber: prisonNumberOf(prisoner.adult),
        pprcStatus,
        pprcAssessedOn: assessedOn,
        expectedReleaseDate,
        offenderManagementUnitContact: demoAgency(prison).contactEmail,
      },
    }, {
      address: residences.get(child)?.shared ?? null,
      relatedAdults: [relatedAdult(AgencyType.PRISON, prisoner, { subjectOfRecord: true, posesRiskToChild: pprcStatus !== PprcStatus.NO_LONGER_PPRC })],
      recordedOn: assessedOn,
    });
  }
}
