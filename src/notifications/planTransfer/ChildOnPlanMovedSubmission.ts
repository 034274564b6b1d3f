import { type ChildIdentitySubmission } from "../../records/AgencyRecordSubmission";
import { type PlanCategory } from "../../records/details/SocialCareRecord";

/**
 * What children's social care tells the hub when a child on its child protection plan (a pre-birth plan
 * included) moves to another authority's area. The GraphQL input implements this shape.
 */
export interface ChildOnPlanMovedSubmission {
  /** The authority holding the plan. */
  agencyCode: string;
  /** Its own reference for this notification: resubmitting it is the same notification. */
  reference: string;
  /** Its own reference for its record of the plan: the record the move updates. */
  planReference: string;
  /** YYYY-MM-DD: the day the child moved. */
  movedOn: string;
  /** The child, with the address moved to (its local authority's children's social care is told). */
  child: ChildIdentitySubmission;
  plan: {
    planCategory: PlanCategory;
    /** YYYY-MM-DD. */
    startDate: string;
    allocatedWorkerName?: string | null;
    /** Organisational: a team mailbox or duty line. */
    allocatedWorkerContact?: string | null;
    allocatedTeam?: string | null;
  };
}
