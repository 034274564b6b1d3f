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

/** A data steward's open link reviews: the record as it reported itself beside the candidate, each field's agreement level. */
const LINK_REVIEW_FIELDS = /* GraphQL */ `
  id status score openedAt resolvedAt resolvedBy reason otherOpenCandidates
  evidence { score suiDisputed arrivingSui weightsVersion fields { field level weight } }
  record { id agencyCode agencyReference recordType masked locationWithheld reported { givenNames familyName dateOfBirth expectedDateOfBirth sex postcode } }
  candidate { childId sui givenNames familyName dateOfBirth expectedDateOfBirth sex knownNames postcodes locationWithheld }
`;

export const LINK_REVIEWS = /* GraphQL */ `
  query ConsoleLinkReviews($access: AccessContext!, $first: Int, $after: String) {
    linkReviews(access: $access, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${LINK_REVIEW_FIELDS} } }
  }
`;

export const LINK_REVIEW = /* GraphQL */ `
  query ConsoleLinkReview($id: ID!, $access: AccessContext!) {
    linkReview(id: $id, access: $access) { ${LINK_REVIEW_FIELDS} }
  }
`;

export const RESOLVE_LINK_REVIEW = /* GraphQL */ `
  mutation ConsoleResolveLinkReview($id: ID!, $decision: LinkDecision!, $reason: String!, $access: AccessContext!) {
    resolveLinkReview(id: $id, decision: $decision, reason: $reason, access: $access) { ${LINK_REVIEW_FIELDS} }
  }
`;

const IDENTITY_CHANGE_FIELDS = /* GraphQL */ `id kind fromChildId toChildId recordIds decidedAt decidedBy reason`;

export const MERGE_CHILDREN = /* GraphQL */ `
  mutation ConsoleMergeChildren($survivorId: ID!, $mergedId: ID!, $reason: String!, $access: AccessContext!) {
    mergeChildren(survivorId: $survivorId, mergedId: $mergedId, reason: $reason, access: $access) { ${IDENTITY_CHANGE_FIELDS} }
  }
`;

export const SPLIT_CHILD = /* GraphQL */ `
  mutation ConsoleSplitChild($childId: ID!, $recordIds: [ID!]!, $toChildId: ID, $reason: String!, $access: AccessContext!) {
    splitChild(childId: $childId, recordIds: $recordIds, toChildId: $toChildId, reason: $reason, access: $access) {
      change { ${IDENTITY_CHANGE_FIELDS} }
      wrongLinkReport { reportId childSui disclosures { disclosureId occurredAt operation principalAgency principalAgencyType principalSub purpose breakGlass carried recordIds } }
    }
  }
`;

/** A notification as the agency's inbox gives it: its deadlines, and every content the hub may have given this recipient. */
const NOTIFICATION_FIELDS = /* GraphQL */ `
  id type status audience purpose lawfulBasis specialCategoryCondition deliveredAt disclosureId routingRules
  acknowledgeBy acknowledgedAt acknowledgedBy dueBy dueFor escalatedAt responseRequested response
  child { sui givenNames familyName dateOfBirth expectedDateOfBirth homeLocalAuthority agencyReference }
  childrenAtRisk { sui givenNames familyName dateOfBirth homeLocalAuthority relationshipToPrisoner }
  children { sui givenNames familyName dateOfBirth homeLocalAuthority relationshipToOffender }
  pprc { event eventDate pprcStatus prisonNumber prisonerGivenNames prisonerFamilyName prisonerDateOfBirth prisonerAliases { givenNames familyName } prisonerHomeLocalAuthority establishment destinationEstablishment releaseDate returnDate releaseAddress { line1 line2 town postcode localAuthority } requestedName { givenNames familyName } mappaCategory mappaLevel offenderManagementUnitContact }
  childVictim { incidentType occurredOn reportedOn crimeReference summary intelligence officerName officerContact }
  domesticAbuseIncident { incidentType occurredOn reportedOn childRole crimeReference summary intelligence officerName officerContact }
  householdStay { offenderStatus offenderGivenNames offenderFamilyName offenderDateOfBirth relationshipToChild notifiedOn stayStartedOn householdAddress { line1 line2 town postcode localAuthority } intelligence officerName officerContact }
  unscheduledCareAttendance { attendedOn setting site siteCode presentingComplaint }
  planAccess { viewedAt setting site siteCode planKind planReference }
  planTransfer { movedOn newAddress { line1 line2 town postcode localAuthority } previousLocalAuthority sendingAuthority planKind planCategory planStartDate planReference allocatedWorkerName allocatedWorkerContact allocatedTeam }
  rollRemoval { removedOn removalGround groundDetail school destinationSchool destinationAddress { line1 line2 town postcode localAuthority } dslName dslContact }
  offenderMove { movedOn offenderGivenNames offenderFamilyName offenderDateOfBirth newAddress { line1 line2 town postcode localAuthority } previousLocalAuthority roshLevel roshTo mappaCategory mappaLevel offenderManagerName offenderManagerContact }
  safeguardingEnquiry { court hearingOn offence question offenderGivenNames offenderFamilyName offenderDateOfBirth offenderHomeLocalAuthority enquirerName enquirerContact }
  enquiryResponse { enquiryReference respondingAgency respondedAt response }
  mashReferral { receivedOn referrerAgencyType referrerContact concernCategory concern sendingAuthority sendingMashContact }
  consultation { askedAt askingAgency askingAgencyType askingRole localAuthority concern }
  consultationAdvice { consultationId respondingAgency adviser respondedAt advice }
  escalation { deliveryId notificationType event deliveredAt acknowledgeBy routingRules }
  redactions { path reason rule }
  restrictions { path kind ground since }
  supplementaryStatements { path agencyCode attachedAt statement }
`;

/** A page of the inbox, as a list: what each is, whom it is about and its deadlines (the whole of each would exceed the hub's response limit). */
export const NOTIFICATIONS = /* GraphQL */ `
  query ConsoleNotifications($status: NotificationStatus, $first: Int, $after: String) {
    notifications(status: $status, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id type status deliveredAt acknowledgeBy acknowledgedAt dueBy dueFor child { givenNames familyName } childrenAtRisk { givenNames familyName } children { givenNames familyName } }
    }
  }
`;

/** One notification of the inbox in full: the one after `after` (the hub has no read of a notification by its id). */
export const NOTIFICATION = /* GraphQL */ `
  query ConsoleNotification($id: ID!) {
    notification(id: $id) { ${NOTIFICATION_FIELDS} }
  }
`;

export const ACKNOWLEDGE_NOTIFICATION = /* GraphQL */ `
  mutation ConsoleAcknowledgeNotification($id: ID!, $response: String) {
    acknowledgeNotification(id: $id, response: $response) { ${NOTIFICATION_FIELDS} }
  }
`;
