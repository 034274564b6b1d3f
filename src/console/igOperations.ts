/**
 * The GraphQL documents of the IG lead's pages, sent with the IG lead's own token: the public contract
 * (schema/schema.graphql) an agency's IG tooling would use, nothing private to the console. Every one
 * but `verifyAuditChain` states why (the session's access context), and the hub audits each.
 */
const ENTRY = /* GraphQL */ `
  id occurredAt operation outcome breakGlass childSuis otherChildren requestId chain sequence hash policyVersion prejudicesInvestigation details
  principal { sub agency agencyType roles }
  access { purpose lawfulBasis specialCategoryCondition justification caseReference breakGlass }
  refusal { code problem rule }
  fieldsDisclosed
  fieldsWithheld { path reason rule }
  redactions { path reason rule }
`;

export const DISCLOSURES = /* GraphQL */ `
  query ConsoleDisclosures($filter: DisclosureFilterInput, $access: AccessContext!, $first: Int, $after: String) {
    disclosures(filter: $filter, access: $access, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { ${ENTRY} }
    }
  }
`;

export const DISCLOSURE = /* GraphQL */ `
  query ConsoleDisclosure($id: ID!, $access: AccessContext!) {
    disclosure(id: $id, access: $access) { ${ENTRY} }
  }
`;

export const EXPORT_DISCLOSURES = /* GraphQL */ `
  query ConsoleExportDisclosures($filter: DisclosureFilterInput, $format: ExportFormat!, $access: AccessContext!) {
    exportDisclosures(filter: $filter, format: $format, access: $access) { contentType content count complete }
  }
`;

export const VERIFY_AUDIT_CHAIN = /* GraphQL */ `
  query ConsoleVerifyAuditChain {
    verifyAuditChain { intact entriesChecked chainsChecked checkpointsChecked fromCheckpoint firstBroken { chain sequence entryId problem message } breaks { chain sequence entryId problem message } }
  }
`;

export const OPEN_IG_ALERTS = /* GraphQL */ `
  query ConsoleIgAlerts($access: AccessContext!, $first: Int, $after: String) {
    igAlerts(status: OPEN, access: $access, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { id kind status childSui principalSub principalAgency justification raisedAt windowEndsAt disclosureCount firstDisclosureId }
    }
  }
`;

export const CLOSE_IG_ALERT = /* GraphQL */ `
  mutation ConsoleCloseIgAlert($id: ID!, $outcome: IgAlertOutcome!, $note: String!, $access: AccessContext!) {
    closeIgAlert(id: $id, outcome: $outcome, note: $note, access: $access) { id status outcome }
  }
`;

export const SUBJECT_ACCESS_REQUESTS = /* GraphQL */ `
  query ConsoleSubjectAccessRequests($access: AccessContext!, $first: Int) {
    subjectAccessRequests(access: $access, first: $first) {
      totalCount
      nodes { id reference sui receivedAt dueAt overdue status requester { standing } }
    }
  }
`;

const DECISION = /* GraphQL */ `decision { outcome released healthOpinionRequired exemptions { id title citation decision } review { decision reason decidedAt } }`;

export const SUBJECT_ACCESS_REVIEW = /* GraphQL */ `
  query ConsoleSubjectAccessReview($id: ID!, $access: AccessContext!) {
    subjectAccessReview(id: $id, access: $access) {
      producedAt retention rights
      request { id reference sui receivedAt dueAt originalDueAt overdue status openedBySub requester { name standing basis competence } extension { months reason extendedAt } closure { outcome note closedAt } }
      counts { included withheld reviewRequired }
      purposes { purpose statement }
      identity { item kind value sources { agencyName recordType } ${DECISION} }
      records { item agencyReference updatedAt source { agencyName agencyType recordType receivedAt } ${DECISION} fields { item field value ${DECISION} } }
      disclosures {
        item auditEntryId occurredAt operation purpose lawfulBasis breakGlass justification otherChildren categories
        recipient { agencyCode agencyName agencyType roles }
        ${DECISION}
        withheldParts { item outcome exemptions { id title } }
      }
    }
  }
`;
