import { type ChildIdentitySubmission } from "../../records/AgencyRecordSubmission";
import { type PoliceIncidentType } from "../../records/details/PoliceRecord";
import { type PoliceIncidentSubmission } from "../policeIncidents/PoliceIncidentSubmission";

/**
 * What a police force's system tells the hub of a victim under 18 of a crime or incident it recorded:
 * every one is referred to children's social care. The GraphQL input implements this shape.
 */
export interface ChildVictimSubmission extends PoliceIncidentSubmission {
  /** The force's own code. */
  agencyCode: string;
  /** The force's own reference for its record of the incident and this child: resubmitting it is the same notification. */
  reference: string;
  incidentType: PoliceIncidentType;
  /** The victim, with a date of birth (under 18 on the day it was reported) and, for routing, the home address's authority. */
  child: ChildIdentitySubmission;
}
