import { type ChildIdentitySubmission } from "../../records/AgencyRecordSubmission";
import { type ChildRoleInIncident } from "../../records/details/PoliceRecord";
import { type PoliceIncidentSubmission } from "../policeIncidents/PoliceIncidentSubmission";

/**
 * What a police force's system tells the hub of a domestic abuse incident involving a child
 * (Operation Encompass): one notification per child, so each school hears only of its own pupil. The
 * GraphQL input implements this shape.
 */
export interface OperationEncompassSubmission extends PoliceIncidentSubmission {
  /** The force's own code. */
  agencyCode: string;
  /** The force's own reference for its record of the incident and this child: resubmitting it is the same notification. */
  reference: string;
  childRole: ChildRoleInIncident;
  child: ChildIdentitySubmission;
}
