import { concealedRouteAlert, trailReach, type TrailReader } from "../audit/trailReach";
import { IgAlertKind } from "./IgAlert";

/**
 * The alerts an IG lead answers for, as a SQL condition over `alert`: those the trail's reach gives
 * them (`audit/trailReach`: their own staff's, and those about children their agency holds, matched by
 * the alert's child, so a child awaiting an SUI too) — except an
 * EXCLUDED_AGENCY alert, which says which agency an exclusion keeps out of the child and is for the
 * recording agency's IG leads only (`principal_agency`), not for every agency holding the child; and an
 * alert a concealed route's entry raised (`concealedRouteAlert`), which is its own agency's alone.
 */
export function igAlertReach(reader: TrailReader): { condition: string; parameters: Record<string, string> } {
  const reach = trailReach(reader, { agency: "alert.principal_agency", childIds: "ARRAY[alert.child_id]", concealed: concealedRouteAlert("alert.first_disclosure_id") });
  return {
    condition: `((alert.kind = '${IgAlertKind.EXCLUDED_AGENCY}' AND alert.principal_agency = :readerAgency) OR (alert.kind <> '${IgAlertKind.EXCLUDED_AGENCY}' AND ${reach.condition}))`,
    parameters: reach.parameters,
  };
}
