import { deadline } from "../timescales/deadline";
import { type PolicySet } from "../policy/PolicySet";
import { type ReferralStage } from "./ReferralStage";

/**
 * Until when the MASH may research a child under a referral at this stage (design §6): the stage's
 * timescale from `receivedAt` (policies/timescales.yaml: a referral is decided within one working day,
 * an EPO lasts eight days and may be extended once), and the grace the policy allows after it
 * (policies/relationships.yaml `mashCase`), counted in working days. A decision closes it earlier.
 */
export function referralWindowEnd(policy: PolicySet, stage: ReferralStage, receivedAt: Date): Date {
  const window = policy.mashCase.windows.get(stage);
  if (window === undefined) throw new Error(`no MASH window for ${stage}; loadPolicies guarantees one`);
  const due = deadline(window.timescale, receivedAt, policy);
  const end = window.throughExtension ? (due.extendedDueAt ?? due.dueAt) : due.dueAt;
  return window.graceWorkingDays === 0 ? end : policy.workingDays.calendar.addWorkingDays(end, window.graceWorkingDays);
}
