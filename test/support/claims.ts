import { type TestClaims } from "./testKeys";

/** Named callers for the scenario tests: one per role the scenarios need. */
const person = (sub: string, agency: string, agency_type: string, roles: string[], la = "E06000060"): TestClaims => ({ sub, name: `Test ${sub}`, agency, agency_type, roles, la });

export const CALLERS = {
  schoolDsl: person("dsl-sampleton", "SCH-199001", "EDUCATION", ["SCHOOL_DSL"]),
  socialWorker: person("sw-north", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"]),
  cscManager: person("csc-manager", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["CSC_MANAGER"]),
  mash: person("mash-1", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["MASH_PRACTITIONER"]),
  lincolnshireSocialWorker: person("sw-lincs", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], "E10000019"),
  police: person("pc-example", "POLICE-43", "POLICE", ["POLICE_OFFICER"]),
  gp: person("gp-1", "GP-K99001", "HEALTH", ["HEALTH_PRACTITIONER"]),
  hospitalDoctor: person("ed-doctor", "TRUST-RX1", "HEALTH", ["HEALTH_PRACTITIONER"]),
  probation: person("po-bucks", "PDU-BUCKS", "PROBATION", ["PROBATION_PRACTITIONER"]),
  igLead: person("ig-lead", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["IG_LEAD"]),
  dataSteward: person("steward-1", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["DATA_STEWARD"]),
} as const;

export const CHILD_QUERY = /* GraphQL */ `
  query Child($sui: ID!, $access: AccessContext!) {
    child(sui: $sui, access: $access) {
      sui disclosureId purpose relationships safeguardingStatuses
      demographics { givenNames familyName dateOfBirth sex localAuthority aliases addresses { id kind line1 line2 town postcode localAuthority validFrom withheld } }
      socialCare { recordId agency { code type contactEmail } status planCategory legalStatus allocatedWorkerName allocatedWorkerContact allocatedTeam summary }
      police { recordId incidentType reportedOn intelligence summary activeInvestigation officerContact }
      health { recordId gpPracticeName conditions { description } unscheduledCareAttendances { attendedOn } }
      education { recordId agency { code } rollStatus attendancePercent senStatus dslContact safeguardingConcerns { category summary } }
      probation { recordId offender { givenNames familyName } roshLevel roshTo mappaCategory mappaLevel riskManagementSummary offenderManagerContact }
      prison { recordId pprcStatus expectedReleaseDate }
      youthJustice { recordId disposal }
      restrictedInvolvement { agencyType contactEmail }
      redactions { path reason rule }
    }
  }
`;

export const access = (purpose: string, lawfulBasis = "PUBLIC_TASK", extra: Record<string, unknown> = {}) => ({
  purpose,
  lawfulBasis,
  specialCategoryCondition: "SAFEGUARDING_CHILDREN",
  justification: "Safeguarding concern raised today; checking agency involvement.",
  caseReference: null,
  breakGlass: false,
  ...extra,
});
