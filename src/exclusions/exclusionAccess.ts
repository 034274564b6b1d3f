import { AbilityBuilder, createMongoAbility, type MongoAbility } from "@casl/ability";
import { type Principal } from "../auth/Principal";
import { type RoleCheck } from "../audit/governanceAccess";
import { type AgencyType } from "../directory/AgencyType";
import { ExclusionKind } from "./ChildExclusion";
import { type ExclusionRecordingRule } from "./ExclusionRecordingRule";

type ExclusionAbility = MongoAbility<["manage", "ChildExclusion"]>;

/** The rule id recorded on a refused attempt to record, lift or read exclusions. */
export const EXCLUSION_MANAGER_RULE = "child-exclusion:csc-manager-or-ig-lead";

/**
 * Who keeps staff out of a child's file (policies/exclusions.yaml `recorders`): a children's social care
 * manager, whose enquiry it protects, or an information governance lead. No one else, so an exclusion is
 * never a way for a practitioner to shut a colleague out of a case.
 */
export function exclusionManager(principal: Pick<Principal, "roles" | "agencyType">, rule: ExclusionRecordingRule): RoleCheck {
  const { can, build } = new AbilityBuilder<ExclusionAbility>(createMongoAbility);
  for (const recorder of rule.recorders) {
    if (principal.roles.includes(recorder.role) && recorder.agencyTypes.includes(principal.agencyType)) can("manage", "ChildExclusion");
  }
  return {
    permitted: build().can("manage", "ChildExclusion"),
    problem: "EXCLUSION_MANAGERS_ONLY",
    rule: EXCLUSION_MANAGER_RULE,
    message: "Only a children's social care manager (CSC_MANAGER) or an information governance lead (IG_LEAD) may manage who is kept out of a child's file.",
  };
}

/** The agency recording an exclusion, and whether it is the child's lead agency (`leadAgencyOf`). */
export interface ExclusionRecorder {
  agency: string;
  agencyType: AgencyType;
  lead: boolean;
}

/** Whom an exclusion keeps out: its kind and the agency whose staff, team or self it names. */
export interface ExclusionTarget {
  kind: ExclusionKind;
  agencyCode: string;
}

/** On what footing an exclusion is recorded or lifted: its agency's own staff, or the lead agency's over anyone's. */
export const ExclusionStanding = { OWN_AGENCY: "OWN_AGENCY", LEAD_AGENCY: "LEAD_AGENCY" } as const;
export type ExclusionStanding = (typeof ExclusionStanding)[keyof typeof ExclusionStanding];

/** The problem recorded, and answered, when an exclusion is not the recorder's to make. */
export const EXCLUSION_NOT_YOURS = "EXCLUSION_NOT_YOURS";

/**
 * Whether this agency may keep this target out of a child's file (policies/exclusions.yaml): its own
 * staff and teams; anyone's when it is the child's lead agency; never itself as a whole (the lead agency
 * shutting itself out would leave the child's plan with no one to hold it). Null: not the recorder's.
 */
export function exclusionStanding(rule: ExclusionRecordingRule, recorder: ExclusionRecorder, target: ExclusionTarget): ExclusionStanding | null {
  const own = target.agencyCode === recorder.agency;
  if (own && target.kind === ExclusionKind.AGENCY) return null;
  if (own && rule.ownAgency.includes(target.kind)) return ExclusionStanding.OWN_AGENCY;
  if (recorder.lead && recorder.agencyType === rule.leadAgency.agencyType && rule.leadAgency.kinds.includes(target.kind)) return ExclusionStanding.LEAD_AGENCY;
  return null;
}
