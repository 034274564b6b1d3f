import { type ChildIdentitySubmission } from "../../records/AgencyRecordSubmission";
import { type ChildRoleInIncident } from "../../records/details/PoliceRecord";

/**
 * What a police force's system tells the hub of a domestic abuse incident involving a child
 * (Operation Encompass): one notification per child, so each school hears only of its own pupil. The
 * GraphQL input implements this shape.
 */
export interface OperationEncompassSubmission {
  /** The force's own code. */
  agencyCode: string;
  /** The force's own reference for its record of the incident and this child: resubmitting it is the same notification. */
  reference: string;
  /** YYYY-MM-DD. */
  occurredOn?: string | null;
  /** YYYY-MM-DD: the day it was reported to the police. */
  reportedOn: string;
  childRole: ChildRoleInIncident;
  crimeReference?: string | null;
  /** The force's account of the incident: names other people (never reaches a school). */
  summary?: string | null;
  /** Police intelligence (never reaches a school). */
  intelligence?: string | null;
  officerName?: string | null;
  officerContact?: string | null;
  activeInvestigation?: boolean | null;
  child: ChildIdentitySubmission;
}
