import { type Agency } from "../../src/directory/Agency";

type AgencyRow = Pick<Agency, "code" | "name" | "type" | "localAuthority" | "servedLocalAuthorities" | "policeForceArea" | "contactEmail" | "contactPhone" | "active">;

/** A directory entry for a test's own agency, as `startTestHub` loads `TEST_AGENCIES`: a token naming an agency the directory does not hold reads nothing. */
export const testAgency = (code: string, name: string, type: Agency["type"], localAuthority: string | null, active = true): AgencyRow => ({
  code, name, type, localAuthority, servedLocalAuthorities: localAuthority === null ? [] : [localAuthority], policeForceArea: type === "POLICE" ? "Thames Valley" : null,
  contactEmail: `safeguarding@${code.toLowerCase()}.example`, contactPhone: null, active,
});

export const TEST_AGENCIES: AgencyRow[] = [
  testAgency("LA-E06000060", "Buckinghamshire Council children's services", "CHILDRENS_SOCIAL_CARE", "E06000060"),
  testAgency("LA-E10000019", "Lincolnshire County Council children's services", "CHILDRENS_SOCIAL_CARE", "E10000019"),
  testAgency("POLICE-43", "Thames Valley Police", "POLICE", "E06000060"),
  testAgency("GP-K99001", "Example Vale Surgery", "HEALTH", "E06000060"),
  testAgency("SCH-199001", "Sampleton Primary School", "EDUCATION", "E06000060"),
  testAgency("PDU-BUCKS", "Buckinghamshire Probation Delivery Unit", "PROBATION", "E06000060"),
  testAgency("HMP-EXAMPLETON", "HMP Exampleton", "PRISON", "E10000019"),
  testAgency("YOT-E06000060", "Buckinghamshire Youth Offending Team", "YOUTH_JUSTICE", "E06000060"),
  testAgency("TRUST-RX1", "Example General Hospital NHS Trust", "HEALTH", "E06000060"),
  testAgency("SCH-199999", "Closed Example Academy", "EDUCATION", "E06000060", false),
];

/** A valid NHS number in the 999 test range (check digit 8). */
export const SUI = "9990000018";
export const OTHER_SUI = "9990000026";

export const CHILD = {
  sui: SUI,
  givenNames: "Ada",
  familyName: "Testbrook",
  dateOfBirth: "2015-04-09",
  sex: "FEMALE",
  address: { kind: "HOME", line1: "1 Example Street", town: "Sampleton", postcode: "hp20 1ua", localAuthority: "E06000060" },
};

const subject = (reference: string) => ({
  reference, givenNames: "Rex", familyName: "Fictionalson", dateOfBirth: "1985-02-03", sex: "MALE",
  homeLocalAuthority: "E10000019", relationship: "FATHER", parentalResponsibility: true, posesRiskToChild: true, subjectOfRecord: true,
});

/** One valid record input per agency type, keyed by the submitting agency's type. */
export const RECORDS = {
  CHILDRENS_SOCIAL_CARE: {
    agencyCode: "LA-E06000060", agencyReference: "CSC-0001", child: CHILD,
    socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-01-15", allocatedWorkerName: "Sam Worker", allocatedWorkerContact: "0300 000 0001", allocatedTeam: "North Safeguarding", responsibleLocalAuthority: "E06000060" },
  },
  POLICE: {
    agencyCode: "POLICE-43", agencyReference: "TVP-INC-0001", child: CHILD,
    police: { incidentType: "DOMESTIC_ABUSE", childRole: "HOUSEHOLD_MEMBER", occurredOn: "2026-03-02", reportedOn: "2026-03-02", intelligence: "Intelligence text", activeInvestigation: true },
  },
  HEALTH: {
    agencyCode: "GP-K99001", agencyReference: "GP-PT-0001", child: CHILD,
    health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2015-05-01", conditions: [{ description: "Asthma", snomedCode: "195967001" }], unscheduledCareAttendances: [{ attendedOn: "2026-02-11", setting: "EMERGENCY_DEPARTMENT", site: "Example General Hospital" }] },
  },
  EDUCATION: {
    agencyCode: "SCH-199001", agencyReference: "UPN-A0001", child: CHILD,
    education: { rollStatus: "ON_ROLL", onRollFrom: "2019-09-04", attendancePercent: 91.5, senStatus: "SEN_SUPPORT", dslName: "Pat Lead", dslContact: "dsl@sampleton.example" },
  },
  PROBATION: {
    agencyCode: "PDU-BUCKS", agencyReference: "CRN-X0001", child: CHILD, relatedAdults: [subject("CRN-X0001")],
    probation: { roshLevel: "HIGH", roshTo: ["CHILDREN"], mappaCategory: 2, mappaLevel: 2, offenderManagerName: "Jo Manager", riskManagementSummary: "Risk summary" },
  },
  PRISON: {
    agencyCode: "HMP-EXAMPLETON", agencyReference: "HMP-PPRC-0001", child: CHILD, relatedAdults: [subject("A1234BC")],
    prison: { prisonNumber: "A1234BC", pprcStatus: "CONFIRMED", pprcAssessedOn: "2026-01-20", expectedReleaseDate: "2027-01-10" },
  },
  YOUTH_JUSTICE: {
    agencyCode: "YOT-E06000060", agencyReference: "YOT-0001", child: { ...CHILD, dateOfBirth: "2011-04-09" },
    youthJustice: { disposal: "REFERRAL_ORDER", startDate: "2026-05-01", riskOfSeriousHarm: "MEDIUM", safetyAndWellbeing: "HIGH" },
  },
} as const;

export const SUBMIT = /* GraphQL */ `
  mutation Submit($record: AgencyRecordInput!) {
    submitRecord(record: $record) { recordId agencyReference recordType outcome version link { method state origin outcome } receivedAt }
  }
`;
