import { type AddressSubmission } from "../../records/AgencyRecordSubmission";
import { type ChildOfOffenderSubmission, type OffenderRiskSubmission, type OffenderSubmission } from "./OffenderSubmission";

/**
 * What probation tells the hub when an offender who poses a risk to an identified child moved to
 * another local authority (DOMAIN.md "Who must tell whom", probation): that authority is told, with the
 * offender's and the children's details. The GraphQL input implements this shape.
 */
export interface OffenderMovedSubmission {
  agencyCode: string;
  /** Probation's own reference for this notification: resubmitting it is the same notification. */
  reference: string;
  /** YYYY-MM-DD. */
  movedOn: string;
  offender: OffenderSubmission;
  /** The address moved to, with its local authority (ONS code): its children's social care is told. */
  newAddress: AddressSubmission;
  /** The authority the offender lived in before (ONS code). */
  previousLocalAuthority: string;
  risk: OffenderRiskSubmission;
  /** The identified children at risk from the offender. */
  children: ChildOfOffenderSubmission[];
}
