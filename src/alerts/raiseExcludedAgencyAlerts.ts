import { type EntityManager } from "typeorm";
import { type AgencyKeptOut } from "../exclusions/agenciesKeptOut";
import { IgAlert, IgAlertKind } from "./IgAlert";

/** A duty towards an agency that an agency-wide exclusion stopped, as its alerts are raised. */
export interface StoppedDuty {
  /** The hub's part that stopped it (`hub:routing`, `hub:escalation`): the alert's principal, never a person. */
  stoppedBy: string;
  /** The exclusions that keep the agency out of the notification's children. */
  keptOut: readonly AgencyKeptOut[];
  /** The refused audit entry of the delivery or escalation not made. */
  disclosureId: string;
  /** What was not sent, to whom, and what to do: ids and codes only, never content. */
  justification: string;
  /**
   * Other agencies whose IG leads answer for the duty, per child: the notifier's (whose statutory duty
   * it is) and the child's lead agency's (`exclusions/leadAgency`), never an agency kept out of the child.
   */
  alsoAlerted?: readonly { childId: string; agency: string }[];
}

/**
 * An EXCLUDED_AGENCY alert for each child and each agency that recorded an exclusion keeping the
 * agency out of it, in the caller's transaction (after the refused entry it names): the statutory duty
 * to tell that agency still stands, and those who decided the agency must not see the child's file
 * are the ones entitled to know of it and to meet the duty another way (DOMAIN "Who must tell whom";
 * need-to-know) — with, when routing stopped it, the notifier's IG leads (the duty is the notifier's)
 * and the child's lead agency's (`alsoAlerted`). Each alert is its agency's alone (`igAlertReach`:
 * `principalAgency` is the agency alerted).
 * There is no window: each duty stopped is its own alert. Keyed by the child (`IgAlert.childId`), so a
 * child awaiting an SUI raises one too.
 */
export async function raiseExcludedAgencyAlerts(manager: EntityManager, duty: StoppedDuty, now: Date): Promise<void> {
  const alerts = new Map<string, { childId: string; principalAgency: string }>();
  for (const exclusion of duty.keptOut) {
    alerts.set(`${exclusion.childId}:${exclusion.recordedByAgency}`, { childId: exclusion.childId, principalAgency: exclusion.recordedByAgency });
  }
  for (const { childId, agency } of duty.alsoAlerted ?? []) alerts.set(`${childId}:${agency}`, { childId, principalAgency: agency });
  if (alerts.size === 0) return;
  await manager.getRepository(IgAlert).insert([...alerts.values()].map((alert) => ({
    ...alert, kind: IgAlertKind.EXCLUDED_AGENCY, principalSub: duty.stoppedBy, firstDisclosureId: duty.disclosureId, justification: duty.justification, raisedAt: now, windowEndsAt: now,
  })));
}
