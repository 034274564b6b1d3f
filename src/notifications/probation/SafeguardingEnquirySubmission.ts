import { type ChildOfOffenderSubmission, type OffenderRiskSubmission, type OffenderSubmission } from "./OffenderSubmission";

/**
 * Probation's child safeguarding enquiry at sentencing (DOMAIN.md "Who must tell whom", probation):
 * children's social care where the children and the offender live is asked what it knows, and answers
 * the same day. The GraphQL input implements this shape.
 */
export interface SafeguardingEnquirySubmission {
  agencyCode: string;
  /** Probation's own reference for the enquiry: resubmitting it is the same enquiry, and the answer names it. */
  reference: string;
  /** The court sentencing. */
  court: string;
  /** YYYY-MM-DD: the hearing the enquiry is made for (today, or adjourned from an earlier day). */
  hearingOn: string;
  offender: OffenderSubmission & { homeLocalAuthority?: string | null; postcode?: string | null };
  /** The offence before the court: criminal-offence data. */
  offence: string;
  /** What probation asks (is the family known, is a child on a plan, …). */
  question: string;
  /** The risk screening at sentencing. */
  risk: OffenderRiskSubmission;
  /** The children in the offender's household or in contact with them. */
  children: ChildOfOffenderSubmission[];
  enquirerName?: string | null;
  /** Organisational: the court team's mailbox or duty line. */
  enquirerContact?: string | null;
}
