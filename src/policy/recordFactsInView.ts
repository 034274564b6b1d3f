import { NotificationType } from "../notifications/NotificationType";
import { RecordType } from "../records/RecordType";

/**
 * Which fact of the agency records a kind of notification is told from (`notification.recordIds`) each
 * field of its view carries, where the kind declares it: a data subject's right over one fact of those
 * records (a restriction, an objection, a statement, an erasure) reaches the view fields carrying that
 * fact and nothing else (`dataSubjectRights/factsInView`).
 */
export interface RecordFactsInView {
  /** The type of the records the notification is told from. */
  recordType: RecordType;
  /**
   * View field → the record field it carries. A view field not named carries no one fact of the records:
   * the notification's own content (the court, the question, a reply), or the child as the records
   * report them — reached by a right over a whole record, never by a right over one of its facts.
   */
  fields: Readonly<Record<string, string>>;
}

/**
 * The kinds whose views say where each record fact is. Probation's records of an offender and a child
 * (`notifications/probation/probationFacts`) hold the offender (`offender`: who they are, and their
 * relation to the child), the offender manager, the risk of serious harm, MAPPA detail, the risk
 * management summary and when supervision ends; the enquiry carries only the offender, and the answer
 * only the offender's relation to each child. A kind not declared here may carry a fact under another
 * name, so a right over a fact its view does not name governs the whole view (never too little).
 */
export const RECORD_FACTS_IN_VIEW: Partial<Record<NotificationType, RecordFactsInView>> = {
  [NotificationType.PROBATION_SAFEGUARDING_ENQUIRY]: {
    recordType: RecordType.PROBATION,
    fields: {
      offenderGivenNames: "offender", offenderFamilyName: "offender", offenderDateOfBirth: "offender", offenderHomeLocalAuthority: "offender",
      relationshipToOffender: "offender",
    },
  },
  [NotificationType.SAFEGUARDING_ENQUIRY_RESPONSE]: {
    recordType: RecordType.PROBATION,
    fields: { relationshipToOffender: "offender" },
  },
};
