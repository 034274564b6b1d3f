import { type Agency } from "../../directory/Agency";

/**
 * Where an agency's escalations are addressed: the escalation contact its directory entry names, or its
 * secure mailbox when it names none. Organisational mailboxes only (the directory holds no person's).
 */
export function escalationContactOf(agency: Agency): string | null {
  return agency.escalationEmail ?? agency.contactEmail;
}
