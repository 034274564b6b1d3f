import { type Principal } from "../auth/Principal";
import { type AccessContext } from "../policy/AccessContext";
import { type PolicySet } from "../policy/PolicySet";
import { SocialCareStatus, LegalStatus } from "../records/details/SocialCareRecord";
import { LinkMethod } from "../identity/linkVocabulary";
import { isRestrictedRecord } from "../records/restrictedRecord";
import { type SensitivityLabel } from "../records/SensitivityLabel";
import { type Referral } from "./Referral";
import { ReferralStage } from "./ReferralStage";
import { referralWindowEnd } from "./referralWindow";

/** A social care record linked to the child, as far as the case-reference check reads it. */
export interface SocialCareRecordFacts {
  record: { id: string; version: number; agencyReference: string; linkMethod: LinkMethod; labels: readonly SensitivityLabel[]; recordedAt: Date | null; receivedAt: Date };
  agency: { localAuthority: string | null };
  details: Readonly<Record<string, unknown>>;
}

/**
 * A referral opened in the hub, with what the authority's own system recorded under its reference about
 * the referral's own child (`recordedUnderReference.ts`): a decision recorded there decides it for every
 * child its reference opens, the children a household view under it showed as much as its own.
 */
export type HubReferral = Pick<Referral, "id" | "sui" | "localAuthority" | "reference" | "stage" | "referralSource" | "receivedAt" | "stageStartedAt" | "decidedAt" | "decision"> & { recordedUnder: readonly SocialCareRecordFacts[] };

/** A referral as the case-reference check sees it, wherever it was recorded. */
export interface ReferralFact {
  localAuthority: string;
  reference: string;
  stage: ReferralStage;
  /** When it reached its stage: the stage's window runs from here. */
  receivedAt: Date;
  decided: boolean;
  /** Where it was recorded: opened in the hub (its id) or by the authority's own system (the record's id and version). */
  source: { kind: "HUB"; referralId: string } | { kind: "AUTHORITY_RECORD"; recordId: string; version: number };
}

/** The open referral a MASH read rests on, as the audit entry records it. */
export interface OpenReferral {
  source: ReferralFact["source"];
  reference: string;
  localAuthority: string;
  stage: ReferralStage;
  receivedAt: string;
  researchUntil: string;
}

/**
 * The referral the caller's case reference names, if it is still open (design §6): about this child,
 * at the caller's own local authority, not yet decided and within its window. A referral is either
 * opened in the hub by a MASH practitioner (`openReferral`) or recorded by the authority's own system
 * as a social care record of status REFERRAL, STRATEGY_DISCUSSION or SECTION_47_ENQUIRY — or, for an
 * emergency protection order, of legal status s.44 — under the same reference, linked to the child by SUI or a steward. A referral opened in the
 * hub is decided too once the authority's own system records the same reference as decided (another
 * status, or an end date) about its child. A sealed or brokered record founds no referral and decides
 * none: it contributes nothing outside itself (design principle 8). Anything else is a claim, and opens
 * nothing: null. `socialCare`: the child's own social care records.
 */
export function openReferralNamed(socialCare: readonly SocialCareRecordFacts[], referrals: readonly HubReferral[], principal: Principal, access: AccessContext, policy: PolicySet, now: Date): OpenReferral | null {
  const reference = access.caseReference?.trim() ?? "";
  if (reference === "") return null;
  const recordedHere = (records: readonly SocialCareRecordFacts[]) => records.filter((loaded) => loaded.record.linkMethod !== LinkMethod.PROBABILISTIC
    && !isRestrictedRecord(loaded.record.labels) && loaded.agency.localAuthority === principal.localAuthority && loaded.record.agencyReference === reference);
  const held = [...referrals.map((hub) => hubReferral(hub, recordedHere(hub.recordedUnder))), ...recordedHere(socialCare).flatMap(recordedReferral)];
  for (const referral of held) {
    if (referral.reference !== reference || referral.localAuthority !== principal.localAuthority || referral.decided) continue;
    const researchUntil = referralWindowEnd(policy, referral.stage, referral.receivedAt);
    if (now.getTime() > researchUntil.getTime()) continue;
    return { source: referral.source, reference, localAuthority: referral.localAuthority, stage: referral.stage, receivedAt: referral.receivedAt.toISOString(), researchUntil: researchUntil.toISOString() };
  }
  return null;
}

function hubReferral(referral: HubReferral, recorded: readonly SocialCareRecordFacts[]): ReferralFact {
  const decidedBySystem = recorded.some(({ details }) => recordedStage(details) === null || hasEnded(details));
  return {
    localAuthority: referral.localAuthority, reference: referral.reference, stage: referral.stage, receivedAt: referral.stageStartedAt,
    decided: referral.decidedAt !== null || decidedBySystem, source: { kind: "HUB", referralId: referral.id },
  };
}

/** A referral the authority's own system recorded: a social care record at a referral, strategy discussion, s.47 enquiry or EPO, not yet ended. */
function recordedReferral({ record, agency, details }: SocialCareRecordFacts): ReferralFact[] {
  const stage = recordedStage(details);
  if (stage === null || agency.localAuthority === null) return [];
  const startDate = typeof details.startDate === "string" ? new Date(`${details.startDate}T00:00:00Z`) : null;
  const receivedAt = record.recordedAt ?? startDate ?? record.receivedAt;
  return [{
    localAuthority: agency.localAuthority, reference: record.agencyReference, stage, receivedAt, decided: hasEnded(details),
    source: { kind: "AUTHORITY_RECORD", recordId: record.id, version: record.version },
  }];
}

/** The stage of the case a social care record says the reference has reached, if it is one the MASH researches under. */
const STAGE_OF_STATUS = new Map<unknown, ReferralStage>([
  [SocialCareStatus.REFERRAL, ReferralStage.REFERRAL],
  [SocialCareStatus.STRATEGY_DISCUSSION, ReferralStage.STRATEGY_DISCUSSION],
  [SocialCareStatus.SECTION_47_ENQUIRY, ReferralStage.SECTION_47_ENQUIRY],
]);

function recordedStage(details: Readonly<Record<string, unknown>>): ReferralStage | null {
  const stage = STAGE_OF_STATUS.get(details.status);
  if (stage !== undefined) return stage;
  if (details.legalStatus === LegalStatus.SECTION_44_EMERGENCY_PROTECTION_ORDER && details.status !== SocialCareStatus.CLOSED) return ReferralStage.EMERGENCY_PROTECTION;
  return null;
}

function hasEnded(details: Readonly<Record<string, unknown>>): boolean {
  return details.endDate !== null && details.endDate !== undefined;
}
