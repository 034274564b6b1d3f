import { SUBMIT } from "./fixtures";
import { AGENCY_SYSTEM_CLAIMS } from "./testKeys";
import { type TestHub } from "./testHub";

/** One child per DOMAIN.md scenario that governed disclosure makes possible. */
export const SCENARIO = {
  /** 3: on the school's roll, on a protection plan, with health diagnoses and police intelligence. */
  schoolDsl: "9990005001",
  /** 4: a forced-marriage disclosure recorded by the school. */
  forcedMarriage: "9990005028",
  /** 6: a competent 15-year-old who refuses consent while his mother (with parental responsibility) agrees. */
  competentChild: "9990005036",
  /** 7: a child whose father is under probation supervision (MAPPA). */
  mappa: "9990005044",
  /** 8: an unaccompanied child whose placement address is withheld. */
  unaccompanied: "9990005052",
  /** Design principle 5: a sealed police record and a brokered clinic record. */
  restricted: "9990005079",
  /** A child no test caller has any relationship with. */
  unrelated: "9990005060",
} as const;

const child = (sui: string, givenNames: string, dateOfBirth: string, sex = "FEMALE", address?: Record<string, unknown>) => ({
  sui, givenNames, familyName: "Scenarioson", dateOfBirth, sex,
  ...(address ? { address } : { address: { kind: "HOME", line1: `${sui.slice(-3)} Example Road`, town: "Sampleton", postcode: "HP20 1AA", localAuthority: "E06000060" } }),
});

const father = (reference: string) => ({
  reference, givenNames: "Victor", familyName: "Scenarioson", dateOfBirth: "1980-06-01", sex: "MALE", homeLocalAuthority: "E06000060",
  relationship: "FATHER", parentalResponsibility: true, posesRiskToChild: true, subjectOfRecord: true,
});

const mother = (reference: string) => ({
  reference, givenNames: "Marion", familyName: "Scenarioson", dateOfBirth: "1982-04-11", sex: "FEMALE", homeLocalAuthority: "E06000060",
  relationship: "MOTHER", parentalResponsibility: true,
});

const protectionPlan = (reference: string, extra: Record<string, unknown> = {}) => ({
  agencyCode: "LA-E06000060", agencyReference: reference,
  socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-02-01", allocatedWorkerName: "Sam Worker", allocatedWorkerContact: "sam.worker@bucks.example", allocatedTeam: "North Safeguarding", responsibleLocalAuthority: "E06000060", summary: "Neglect concerns in the household" },
  ...extra,
});

/** Every record, as [agency type, record input]. */
export function scenarioRecords(): [string, Record<string, unknown>][] {
  const isla = child(SCENARIO.schoolDsl, "Isla", "2016-05-04");
  const amber = child(SCENARIO.forcedMarriage, "Amber", "2010-09-12");
  const ethan = child(SCENARIO.competentChild, "Ethan", "2011-03-15", "MALE");
  const freya = child(SCENARIO.mappa, "Freya", "2017-01-20");
  const daniel = child(SCENARIO.unaccompanied, "Daniel", "2010-02-02", "MALE", { kind: "PLACEMENT", line1: "7 Safe House Lane", town: "Sampleton", postcode: "HP21 7SH", localAuthority: "E06000060", labels: ["LOCATION_WITHHELD"] });
  const restricted = child(SCENARIO.restricted, "Rosa", "2013-08-08");
  const unrelated = child(SCENARIO.unrelated, "Una", "2015-07-07", "FEMALE", { kind: "HOME", line1: "1 Far Away Close", town: "Exampleby", postcode: "LN1 1AA", localAuthority: "E10000019" });
  const onRoll = (c: object, reference: string, extra: Record<string, unknown> = {}) => ({
    agencyCode: "SCH-199001", agencyReference: reference, child: c,
    education: { rollStatus: "ON_ROLL", onRollFrom: "2021-09-01", attendancePercent: 88, senStatus: "NONE", dslName: "Pat Lead", dslContact: "dsl@sampleton.example" },
    ...extra,
  });
  return [
    ["CHILDRENS_SOCIAL_CARE", { ...protectionPlan("CSC-S3"), child: isla }],
    ["EDUCATION", onRoll(isla, "UPN-S3")],
    ["HEALTH", { agencyCode: "GP-K99001", agencyReference: "GP-S3", child: isla, health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2016-06-01", conditions: [{ description: "Eczema" }] } }],
    ["POLICE", { agencyCode: "POLICE-43", agencyReference: "TVP-S3", child: isla, police: { incidentType: "DOMESTIC_ABUSE", childRole: "HOUSEHOLD_MEMBER", reportedOn: "2026-03-01", intelligence: "Partner known for violence", officerName: "PC Example", officerContact: "pc.example@tvp.example" } }],

    ["EDUCATION", onRoll(amber, "UPN-S4-FM", { labels: ["WITHHOLD_FROM_FAMILY"], education: { rollStatus: "ON_ROLL", dslName: "Pat Lead", dslContact: "dsl@sampleton.example", safeguardingConcerns: [{ recordedOn: "2026-10-01", category: "FORCED_MARRIAGE", summary: "Told her teacher she is to be married abroad in the summer" }] } })],
    ["POLICE", { agencyCode: "POLICE-43", agencyReference: "TVP-S4", child: amber, labels: ["WITHHOLD_FROM_FAMILY"], police: { incidentType: "CHILD_CONCERN", childRole: "PERSON_AT_RISK", reportedOn: "2026-10-02", activeInvestigation: true, intelligence: "Forced marriage protection order being considered" } }],
    ["CHILDRENS_SOCIAL_CARE", { ...protectionPlan("CSC-S4", { labels: ["WITHHOLD_FROM_FAMILY"] }), child: amber }],
    ["HEALTH", { agencyCode: "GP-K99001", agencyReference: "GP-S4", child: amber, health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2010-10-01" } }],

    ["HEALTH", { agencyCode: "GP-K99001", agencyReference: "GP-S6", child: ethan, health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2011-04-01", conditions: [{ description: "Anxiety" }] } }],
    ["EDUCATION", onRoll(ethan, "UPN-S6")],
    ["CHILDRENS_SOCIAL_CARE", { agencyCode: "LA-E06000060", agencyReference: "CSC-S6", child: ethan, relatedAdults: [mother("CSC-S6-MOTHER")], socialCare: { status: "CHILD_IN_NEED", startDate: "2026-06-01", allocatedWorkerName: "Sam Worker", allocatedWorkerContact: "sam.worker@bucks.example", responsibleLocalAuthority: "E06000060" } }],

    ["PROBATION", { agencyCode: "PDU-BUCKS", agencyReference: "CRN-S7", child: freya, relatedAdults: [father("CRN-S7")], probation: { roshLevel: "HIGH", roshTo: ["CHILDREN"], mappaCategory: 2, mappaLevel: 2, offenderManagerName: "Jo Manager", offenderManagerContact: "jo.manager@probation.example", riskManagementSummary: "No unsupervised contact with children" } }],
    ["HEALTH", { agencyCode: "GP-K99001", agencyReference: "GP-S7", child: freya, health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2017-02-01", conditions: [{ description: "Asthma" }] } }],
    ["EDUCATION", onRoll(freya, "UPN-S7", { education: { rollStatus: "ON_ROLL", attendancePercent: 72, senStatus: "SEN_SUPPORT", dslName: "Pat Lead", dslContact: "dsl@sampleton.example" } })],
    ["CHILDRENS_SOCIAL_CARE", { agencyCode: "LA-E06000060", agencyReference: "CSC-S7", child: freya, socialCare: { status: "CHILD_IN_NEED", startDate: "2026-04-01", allocatedWorkerName: "Sam Worker", allocatedWorkerContact: "sam.worker@bucks.example", responsibleLocalAuthority: "E06000060" } }],

    ["CHILDRENS_SOCIAL_CARE", { agencyCode: "LA-E06000060", agencyReference: "CSC-S8", child: daniel, socialCare: { status: "LOOKED_AFTER", legalStatus: "SECTION_20_ACCOMMODATED", startDate: "2026-01-10", allocatedWorkerName: "Sam Worker", allocatedWorkerContact: "sam.worker@bucks.example", responsibleLocalAuthority: "E06000060" } }],
    ["EDUCATION", onRoll({ ...daniel, address: undefined }, "UPN-S8")],
    ["POLICE", { agencyCode: "POLICE-43", agencyReference: "TVP-S8", child: { ...daniel, address: undefined }, police: { incidentType: "CHILD_CONCERN", childRole: "PERSON_AT_RISK", reportedOn: "2026-01-09", summary: "Found at a service station; unaccompanied" } }],

    ["CHILDRENS_SOCIAL_CARE", { agencyCode: "LA-E06000060", agencyReference: "CSC-RESTRICTED", child: restricted, socialCare: { status: "CHILD_IN_NEED", startDate: "2026-05-01", allocatedWorkerName: "Sam Worker", allocatedWorkerContact: "sam.worker@bucks.example", responsibleLocalAuthority: "E06000060" } }],
    ["POLICE", { agencyCode: "POLICE-43", agencyReference: "TVP-SEALED", child: restricted, labels: ["SEALED"], police: { incidentType: "CHILD_CONCERN", childRole: "WITNESS", reportedOn: "2026-05-02", summary: "Sealed: protected witness arrangements" } }],
    ["HEALTH", { agencyCode: "TRUST-RX1", agencyReference: "CLINIC-BROKERED", child: restricted, labels: ["BROKERED"], health: { conditions: [{ description: "Seen at a confidential clinic" }] } }],
    ["HEALTH", { agencyCode: "GP-K99001", agencyReference: "GP-UNRELATED", child: unrelated, health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2015-08-01", conditions: [{ description: "Hay fever" }] } }],
  ];
}

/** Submits every scenario record through the API, as each agency's own system would. */
export async function seedScenarios(hub: TestHub): Promise<void> {
  for (const [agencyType, record] of scenarioRecords()) {
    const token = await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode as string, agencyType));
    const response = await hub.graphql(SUBMIT, { record }, token);
    if (response.body.errors) throw new Error(`seeding ${String(record.agencyReference)} failed: ${JSON.stringify(response.body.errors)}`);
  }
}
