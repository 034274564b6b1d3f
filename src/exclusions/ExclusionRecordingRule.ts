import { type Role } from "../auth/Role";
import { type AgencyType } from "../directory/AgencyType";
import { type PolicyRule } from "../policy/PolicySet";
import { type ExclusionKind } from "./ChildExclusion";

/** A role that records exclusions, at the agency types that may. */
export interface ExclusionRecorderRule {
  role: Role;
  agencyTypes: readonly AgencyType[];
}

/**
 * Who records and lifts exclusions, and over whom (policies/exclusions.yaml `exclusionRecording`):
 * the recorders; the kinds an agency records of its own staff (never AGENCY: no agency shuts itself
 * out); the lead agency's type and the kinds it records of any agency's staff.
 */
export interface ExclusionRecordingRule extends PolicyRule {
  recorders: readonly ExclusionRecorderRule[];
  ownAgency: readonly ExclusionKind[];
  leadAgency: { agencyType: AgencyType; kinds: readonly ExclusionKind[] };
}
