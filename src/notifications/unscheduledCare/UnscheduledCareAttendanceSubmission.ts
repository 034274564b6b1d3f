import { type ChildIdentitySubmission } from "../../records/AgencyRecordSubmission";

/**
 * What an unscheduled-care setting's system tells the hub of an attendance (CP-IS). The setting is
 * the directory's, never the submission's: an emergency department is one because the directory holds
 * it as one. The GraphQL input implements this shape.
 */
export interface UnscheduledCareAttendanceSubmission {
  /** The health agency's own code. */
  agencyCode: string;
  /** Its own reference for the attendance: resubmitting it is the same notification, and the reference of the record it is stored as. */
  reference: string;
  /** YYYY-MM-DD. */
  attendedOn: string;
  /** Why the child came, as the clinician recorded it (health data: Art 9). */
  presentingComplaint?: string | null;
  /** The child (for a pre-birth plan, the unborn child: an expected date of birth), by SUI or demographics, matched as any record's child. */
  child: ChildIdentitySubmission;
}
