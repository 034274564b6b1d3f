import { type Principal } from "../auth/Principal";
import { Role } from "../auth/Role";
import { AbilityBuilder, createMongoAbility, type MongoAbility } from "@casl/ability";
import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { admitGovernanceRequest, recordGovernanceWork, type GovernanceServices, type RoleCheck } from "../audit/governanceAccess";
import { ownPartsPastDue } from "../breaches/breachLog";
import { AgencyType } from "../directory/AgencyType";
import { childrenKeptOut, type KeptOut } from "../exclusions/childrenKeptOut";
import { type AccessContext } from "../policy/AccessContext";
import { type PolicySet } from "../policy/PolicySet";
import { ReferralStage } from "../referrals/ReferralStage";
import { deadline } from "../timescales/deadline";
import { TimescaleId } from "../timescales/TimescaleId";

/** One piece of work past its timescale. */
export interface OverdueItem {
  timescale: TimescaleId;
  /** The referral's case reference, the subject access request's reference, or the breach's id. */
  reference: string;
  sui: string | null;
  startedAt: Date;
  dueAt: Date;
  /** The edition of guidance the timescale came from. */
  edition: string;
}

/**
 * Which undecided referral stage waits on which timescale, and from when (`stage_started_at`):
 * - REFERRAL: the decision, one working day from receipt (REFERRAL_DECISION);
 * - STRATEGY_DISCUSSION: a strategy discussion convened on suspicion of significant harm is held, and
 *   the referral moved on to s.47 enquiries or decided, within 24 hours (STRATEGY_DISCUSSION);
 * - SECTION_47_ENQUIRY: the initial conference within 15 working days of the strategy discussion that
 *   started the enquiries (INITIAL_CHILD_PROTECTION_CONFERENCE); the referral's decision records it.
 */
const WAITING_ON: Partial<Record<ReferralStage, TimescaleId>> = {
  [ReferralStage.REFERRAL]: TimescaleId.REFERRAL_DECISION,
  [ReferralStage.STRATEGY_DISCUSSION]: TimescaleId.STRATEGY_DISCUSSION,
  [ReferralStage.SECTION_47_ENQUIRY]: TimescaleId.INITIAL_CHILD_PROTECTION_CONFERENCE,
};

const SCAN_LIMIT = 2000;
export const OVERDUE_RULE = "overdue-view:ig-lead-only";

function overdueReader(principal: Principal): RoleCheck {
  const { can, build } = new AbilityBuilder<MongoAbility<["read", "Overdue"]>>(createMongoAbility);
  if (principal.roles.includes(Role.IG_LEAD)) can("read", "Overdue");
  return { permitted: build().can("read", "Overdue"), problem: "IG_LEAD_ONLY", rule: OVERDUE_RULE, message: "Only an information governance lead (IG_LEAD) reads the overdue view." };
}

/**
 * The IG lead's view of what is overdue (issue 13 item 7), every due instant counted by
 * `timescales/deadline` from policies/timescales.yaml and its working-day calendar, never by hand:
 * undecided referrals at the IG lead's authority past their stage's timescale (`WAITING_ON`; a council's
 * IG lead only: `referralsOf`), open
 * subject access requests their agency opened past their month (as extended), and their agency's own
 * undecided parts of breaches past 72 hours (`breaches/ControllerPart.ts`). Most overdue first. Audited (OVERDUE_READ) before the answer.
 * A child whose file a named-staff exclusion keeps the reader out of (`exclusions/childrenKeptOut`, its one
 * statement sent for every reader) is not named: its referrals and requests are left out, as work
 * another IG lead answers for, and its breach parts are left out by `breachPartsFor`.
 */
export async function overdueWork(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, now = new Date()): Promise<OverdueItem[]> {
  const request = await admitGovernanceRequest(services, { requestId, principal, operation: AuditOperation.OVERDUE_READ, access, childSuis: [], details: {} }, overdueReader(principal), now);
  const { dataSource, policy } = services;
  const keptOut = await childrenKeptOut(dataSource, principal);
  const [referrals, requests, breaches] = await Promise.all([
    referralsOf(services, principal, keptOut),
    dataSource.query<{ reference: string; sui: string; received_at: Date; due_at: Date }[]>(
      `SELECT reference, sui, received_at, due_at FROM subject_access_request
        WHERE opened_by_agency = $1 AND status = 'OPEN' AND due_at < $2 AND sui <> ALL($3::text[]) ORDER BY due_at, id LIMIT ${SCAN_LIMIT}`,
      [principal.agency, now, keptOut.suis],
    ),
    breachesPastDue(services, principal, now),
  ]);
  const items: OverdueItem[] = [];
  for (const referral of referrals) {
    const timescale = WAITING_ON[referral.stage] as TimescaleId;
    const due = deadline(timescale, referral.stage_started_at, policy);
    if (due.dueAt.getTime() < now.getTime()) items.push({ timescale, reference: referral.reference, sui: referral.sui, startedAt: referral.stage_started_at, dueAt: due.dueAt, edition: due.edition });
  }
  // A request's due instant was counted by the same deadline when it was opened or extended, and stored.
  for (const request of requests) items.push({ timescale: TimescaleId.SUBJECT_ACCESS_REQUEST, reference: request.reference, sui: request.sui, startedAt: request.received_at, dueAt: request.due_at, edition: editionOf(policy, TimescaleId.SUBJECT_ACCESS_REQUEST, request.received_at) });
  items.push(...breaches);
  items.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.reference.localeCompare(b.reference));
  await recordGovernanceWork(services, { ...request, childSuis: [...new Set(items.flatMap((item) => (item.sui === null ? [] : [item.sui])))], details: { overdue: items.length } }, AuditOutcome.DISCLOSED, now);
  return items;
}

/**
 * The undecided referrals at the reader's authority: a council's own (its MASH's) work, so only its
 * children's services' IG lead reads them. Any other agency's IG lead answers for no referral, whatever
 * area its token names — a school's or a force's would otherwise learn which children of the area are
 * under a strategy discussion or a s.47 enquiry. A council's staff act for its own area: the edge has
 * checked their token's area against the directory (`directory/agencyStanding.ts`). A referral about a
 * child the reader is kept out of (the child it is bound to, the one it names) is not theirs to see.
 */
async function referralsOf(services: GovernanceServices, principal: Principal, keptOut: KeptOut): Promise<{ reference: string; sui: string | null; stage: ReferralStage; stage_started_at: Date }[]> {
  if (principal.agencyType !== AgencyType.CHILDRENS_SOCIAL_CARE) return [];
  return services.dataSource.query(
    `SELECT reference, sui, stage, stage_started_at FROM referral
      WHERE local_authority = $1 AND decided_at IS NULL AND stage = ANY($2::text[])
        AND (sui IS NULL OR sui <> ALL($3::text[]))
      ORDER BY stage_started_at, id LIMIT ${SCAN_LIMIT}`,
    [principal.localAuthority, Object.keys(WAITING_ON), keptOut.suis],
  );
}

/** Their agency's own open parts of breaches past 72 hours, one item for each child in its part: another controller's part is not theirs to answer for. */
async function breachesPastDue(services: GovernanceServices, principal: Principal, now: Date): Promise<OverdueItem[]> {
  const parts = await ownPartsPastDue(services.dataSource, principal, now, SCAN_LIMIT);
  return parts.flatMap((part) => (part.childSuis.length === 0 ? [null] : part.childSuis).map((sui) => ({
    timescale: TimescaleId.PERSONAL_DATA_BREACH_REPORT, reference: part.id, sui, startedAt: part.awareAt, dueAt: part.reportDueAt, edition: part.timescaleEdition,
  })));
}

function editionOf(policy: PolicySet, timescale: TimescaleId, startedAt: Date): string {
  return deadline(timescale, startedAt, policy).edition;
}
