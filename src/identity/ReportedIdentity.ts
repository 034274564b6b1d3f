import { type Sex } from "../people/Sex";
import { type AddressSubmission } from "../records/AgencyRecordSubmission";

/**
 * The child's identity exactly as one agency record reported it, kept with the record so a data steward
 * can compare it with a candidate child and the hub can match it again later. Personal data: never logged.
 */
export interface ReportedIdentity {
  givenNames: string;
  familyName: string;
  dateOfBirth: string | null;
  expectedDateOfBirth: string | null;
  sex: Sex;
  /** Normalised postcode of the reported address, if any. */
  postcode: string | null;
  /** The address as reported, so a record that moves to another child takes its address with it. */
  address: AddressSubmission | null;
  /**
   * Set on records submitted before the hub kept what each record reported: their identity is the
   * child's own, not what the agency sent, so it says nothing about which names or addresses they reported.
   */
  backfilled?: true;
}
