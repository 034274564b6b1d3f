import { type Agency } from "../../directory/Agency";

/**
 * Where an agency's escalations are addressed: its escalation contact in the directory. The directory
 * holds one organisational contact per agency today, so that is it; when the directory keeps an
 * escalation contact of its own, this is the one place that reads it.
 */
export function escalationContactOf(agency: Agency): string | null {
  return agency.contactEmail;
}
