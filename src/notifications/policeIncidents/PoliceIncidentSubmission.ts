import { type AgencyRecordSubmission } from "../../records/AgencyRecordSubmission";
import { type ChildRoleInIncident, type PoliceIncidentType } from "../../records/details/PoliceRecord";
import { checkPastDate, invalid, NotificationProblem } from "../submission/NotificationProblem";

/** What a police force's notification says of an incident, as its police record of the child holds it. */
export interface PoliceIncidentSubmission {
  /** YYYY-MM-DD. */
  occurredOn?: string | null;
  /** YYYY-MM-DD: the day it was reported to the police. */
  reportedOn: string;
  crimeReference?: string | null;
  /** The force's account: names other people (a third party's, the person who reported it among them). */
  summary?: string | null;
  /** Police intelligence (law-enforcement processing). */
  intelligence?: string | null;
  officerName?: string | null;
  /** Organisational: the team's mailbox or duty line. */
  officerContact?: string | null;
  activeInvestigation?: boolean | null;
}

/** The incident's dates: each a day on or before today, the report on or after the incident. */
export function checkIncidentDates(incident: PoliceIncidentSubmission, path: string, now: Date): void {
  checkPastDate(incident.reportedOn, `${path}.reportedOn`, now);
  if (incident.occurredOn) {
    checkPastDate(incident.occurredOn, `${path}.occurredOn`, now);
    if (incident.occurredOn > incident.reportedOn) throw invalid(`${path}.occurredOn`, NotificationProblem.INVALID_DATE, "An incident is reported on or after the day it happened.");
  }
}

/** The force's police record of the child the notification is stored as. */
export function policeRecordOf(incident: PoliceIncidentSubmission, incidentType: PoliceIncidentType, childRole: ChildRoleInIncident): NonNullable<AgencyRecordSubmission["police"]> {
  return {
    incidentType, childRole, occurredOn: incident.occurredOn ?? null, reportedOn: incident.reportedOn, crimeReference: incident.crimeReference ?? null,
    summary: incident.summary ?? null, intelligence: incident.intelligence ?? null, officerName: incident.officerName ?? null,
    officerContact: incident.officerContact ?? null, activeInvestigation: incident.activeInvestigation ?? false,
  };
}

/** The incident's fields as a notification's content offers them to the policy engine (each recipient's grant decides which it reads). */
export function incidentValues(incident: PoliceIncidentSubmission, incidentType: PoliceIncidentType): Record<string, unknown> {
  return {
    incidentType, occurredOn: incident.occurredOn ?? null, reportedOn: incident.reportedOn, crimeReference: incident.crimeReference ?? null,
    summary: incident.summary ?? null, intelligence: incident.intelligence ?? null, officerName: incident.officerName ?? null, officerContact: incident.officerContact ?? null,
  };
}
