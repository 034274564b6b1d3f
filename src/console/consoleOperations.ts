/**
 * The GraphQL documents the console sends, with its user's token: the same public contract an agency's
 * system uses (schema/schema.graphql), nothing private to the console.
 */
export const WHO_AM_I = /* GraphQL */ `query ConsoleWhoAmI { me { sub name agency agencyType roles localAuthority } }`;

export const SEARCH_CHILDREN = /* GraphQL */ `
  query ConsoleSearchChildren($criteria: SearchCriteriaInput!, $access: AccessContext!) {
    searchChildren(criteria: $criteria, access: $access) {
      searchId
      candidates { sui score why { field level weight } demographics { givenNames familyName dateOfBirth sex postcodeDistrict } withheld { path rule } agencyTypes { agencyType restrictedInvolvement } }
    }
  }
`;

export const CHILD = /* GraphQL */ `
  query ConsoleChild($sui: ID!, $access: AccessContext!) {
    child(sui: $sui, access: $access) {
      disclosureId purpose relationships safeguardingStatuses
      demographics { givenNames familyName dateOfBirth sex localAuthority }
      socialCare { recordId agency { name type } status planCategory legalStatus allocatedWorkerName allocatedWorkerContact allocatedTeam summary }
      police { recordId agency { name type } incidentType reportedOn intelligence summary activeInvestigation officerContact }
      health { recordId agency { name type } gpPracticeName conditions { description } }
      education { recordId agency { name type } rollStatus attendancePercent senStatus dslContact }
      probation { recordId agency { name type } roshLevel mappaCategory mappaLevel riskManagementSummary offenderManagerContact }
      prison { recordId agency { name type } pprcStatus expectedReleaseDate }
      youthJustice { recordId agency { name type } disposal }
      restrictedInvolvement { agencyType contactEmail }
      redactions { path reason rule }
    }
  }
`;
