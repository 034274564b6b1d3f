import { randomUUID } from "node:crypto";
import { type Principal } from "../auth/Principal";
import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { admitGovernanceRequest, recordGovernanceWork, refuseGovernanceRequest, type GovernanceServices } from "../audit/governanceAccess";
import { ErrorCode, HubError } from "../errors/HubError";
import { parseSui } from "../identity/nhsNumber";
import { type AccessContext } from "../policy/AccessContext";
import { ChildExclusion, EXCLUSION_KINDS, ExclusionKind } from "./ChildExclusion";
import { childAgencyWorksWith, type NamedChild } from "./childAgencyWorksWith";
import { excludes, teamKeyOf } from "./excludes";
import { EXCLUSION_NOT_YOURS, ExclusionStanding, exclusionManager, exclusionStanding } from "./exclusionAccess";
import { leadAgencyOf } from "./leadAgency";

/** The child an exclusion is for: its SUI, or — for a child awaiting one — the recorder's own agency's reference for its record. */
export interface ExcludedChild {
  sui?: string | null;
  agencyReference?: string | null;
}

/** What a CSC manager or IG lead states to keep someone out of a child's file. */
export interface ExclusionSubmission {
  kind: ExclusionKind;
  /** STAFF: the person's token subject. */
  subject?: string | null;
  /** TEAM, AGENCY: the agency's code; STAFF: the agency the person is kept out as staff of (by default the recorder's). */
  agencyCode?: string | null;
  /** TEAM: the team, as the token's `team` claim names it. */
  team?: string | null;
  reason: string;
}

const MIN_REASON = 10;
const MAX_REASON = 2000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id no child has: the standing exclusions asked for when the id named none, so the statements are the same. */
const NO_CHILD = "00000000-0000-0000-0000-000000000000";

/** The rule recorded when an exclusion is recorded, read or lifted from outside the agencies it belongs to. */
export const EXCLUSION_REACH_RULE = "child-exclusion:own-agency";

const NOT_YOURS = {
  problem: EXCLUSION_NOT_YOURS,
  message: "An agency keeps only its own staff and teams out of a child's file; the child's lead agency (children's social care of the responsible local authority) keeps out anyone else's.",
};
const NOT_WORKING_WITH_CHILD = {
  problem: "AGENCY_NOT_WORKING_WITH_CHILD",
  message: "Your agency holds no record of this child: an exclusion is recorded by an agency working with the child.",
};

/**
 * Records an exclusion (CHILD_EXCLUSION_RECORDED, audited before it takes effect), for a child named by
 * its SUI, or, for a child awaiting one, by the recorder's own agency's reference for its record (the
 * exclusion is the child's, so it stands when the SUI arrives). Whom it may name is policy
 * (policies/exclusions.yaml, `exclusionStanding`): the recorder's own staff and teams, of a child its
 * agency works with (otherwise FORBIDDEN, AGENCY_NOT_WORKING_WITH_CHILD); anyone's when it is the
 * child's lead agency (`leadAgencyOf`), never itself; anything else FORBIDDEN, EXCLUSION_NOT_YOURS,
 * answered alike whether or not the hub holds the child. Both refusals are audited. Each kind names
 * exactly what it needs (stable codes: EXCLUSION_SUBJECT_REQUIRED, EXCLUSION_AGENCY_REQUIRED,
 * EXCLUSION_TEAM_REQUIRED, EXCLUSION_FIELD_NOT_USED, REASON_TOO_SHORT, REASON_TOO_LONG); a STAFF
 * exclusion names the person as staff of one agency (`agencyCode`, by default the recorder's).
 */
export async function recordExclusion(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, excluded: ExcludedChild, submission: ExclusionSubmission, now = new Date()): Promise<ChildExclusion> {
  const rule = services.policy.exclusionRecording;
  const request = await admitGovernanceRequest(services, { requestId, principal, operation: AuditOperation.CHILD_EXCLUSION_RECORDED, access, childSuis: [], details: {} }, exclusionManager(principal, rule), now);
  const named = namedChild(excluded);
  const terms = validExclusion(submission, principal.agency);
  const child = await childAgencyWorksWith(services.dataSource, principal.agency, named);
  const leads = (await leadAgencyOf(services.dataSource, services.policy, child?.id ?? null, now)).agencyCodes.includes(principal.agency);
  const standing = exclusionStanding(rule, { agency: principal.agency, agencyType: principal.agencyType, lead: leads }, { kind: terms.kind, agencyCode: terms.agencyCode as string });
  const refused = standing === null ? NOT_YOURS : child === null || (standing === ExclusionStanding.OWN_AGENCY && !child.worksWith && !leads) ? NOT_WORKING_WITH_CHILD : null;
  if (refused !== null || child === null) {
    const { problem, message } = refused ?? NOT_WORKING_WITH_CHILD;
    const refusal = { code: ErrorCode.FORBIDDEN, problem, rule: EXCLUSION_REACH_RULE };
    await refuseGovernanceRequest(services, { ...request, childSuis: "sui" in named ? [named.sui] : [], details: "sui" in named ? {} : { agencyReference: named.agencyReference } }, refusal, now);
    throw new HubError(ErrorCode.FORBIDDEN, message, { problem, rule: refusal.rule });
  }
  const exclusion = services.dataSource.getRepository(ChildExclusion).create({
    ...terms, teamKey: teamKeyOf(terms.team), childId: child.id, sui: child.sui, recordedBySub: principal.sub, recordedByAgency: principal.agency, recordedAt: now, liftedAt: null, liftedBySub: null, liftReason: null,
  });
  exclusion.id = randomUUID();
  await recordGovernanceWork(services, { ...request, childSuis: child.sui === null ? [] : [child.sui], details: { exclusionId: exclusion.id, childId: child.id, kind: terms.kind, subjectSub: terms.subjectSub, agencyCode: terms.agencyCode, team: terms.team, reason: terms.reason, standing } }, AuditOutcome.RECORDED, now);
  return services.dataSource.getRepository(ChildExclusion).save(exclusion);
}

/**
 * Lifts a standing exclusion, with the reason (CHILD_EXCLUSION_LIFTED, audited first). The agency that
 * recorded it (its CSC manager or IG lead) lifts it, and so does the child's lead agency, which leads the
 * strategy the exclusion serves; and a caller the child's exclusions keep out is answered as if there
 * were no such exclusion — nobody lifts their own.
 */
export async function liftExclusion(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, id: string, rawReason: string, now = new Date()): Promise<ChildExclusion> {
  const request = await admitGovernanceRequest(services, { requestId, principal, operation: AuditOperation.CHILD_EXCLUSION_LIFTED, access, childSuis: [], details: {} }, exclusionManager(principal, services.policy.exclusionRecording), now);
  const reason = validReason(rawReason, "reason");
  const repository = services.dataSource.getRepository(ChildExclusion);
  const found = UUID.test(id) ? await repository.findOneBy({ id }) : null;
  const exclusion = found !== null && found.liftedAt === null ? found : null;
  // The same statements whether or not the id names a standing exclusion, and whoever recorded it: asked
  // only when it exists, the lead-agency check told another council which random ids are exclusions.
  const lead = await leadsFor(services, principal, exclusion?.childId ?? null, now);
  const standing = await repository.findBy({ childId: exclusion?.childId ?? NO_CHILD });
  const notFound = new HubError(ErrorCode.NOT_FOUND, "No standing exclusion has this id.", { path: "id" });
  if (exclusion === null) throw notFound;
  // The recording agency, or the lead agency: never another agency, whose staff it may name.
  if (exclusion.recordedByAgency !== principal.agency && !lead) throw notFound;
  if (standing.some((other) => excludes(other, principal))) throw notFound;
  // On the child's trail as the child is now: an exclusion recorded by reference before the SUI came,
  // or before a merge, holds the SUI it was recorded with (none), not the one the child holds.
  const suis = await currentSuis(services, exclusion.childId);
  await recordGovernanceWork(services, { ...request, childSuis: suis, details: { exclusionId: exclusion.id, reason } }, AuditOutcome.RECORDED, now);
  await repository.update({ id: exclusion.id }, { liftedAt: now, liftedBySub: principal.sub, liftReason: reason });
  return repository.findOneByOrFail({ id: exclusion.id });
}

/** Whether the caller's agency is the child's lead agency (`leadAgencyOf`), of the type the policy names. */
async function leadsFor(services: GovernanceServices, principal: Principal, childId: string | null, now: Date): Promise<boolean> {
  const rule = services.policy.exclusionRecording;
  return principal.agencyType === rule.leadAgency.agencyType && (await leadAgencyOf(services.dataSource, services.policy, childId, now)).agencyCodes.includes(principal.agency);
}

/**
 * A child's exclusions that the caller's agency recorded (every one, for the child's lead agency), standing and lifted, newest first
 * (CHILD_EXCLUSIONS_READ, audited before the answer). A caller the exclusions keep out gets none, as
 * for a child with none.
 */
export async function listExclusions(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, rawSui: string, now = new Date()): Promise<ChildExclusion[]> {
  const request = await admitGovernanceRequest(services, { requestId, principal, operation: AuditOperation.CHILD_EXCLUSIONS_READ, access, childSuis: [], details: {} }, exclusionManager(principal, services.policy.exclusionRecording), now);
  const sui = parseSui(rawSui, "sui");
  const [child] = await services.dataSource.query<{ id: string }[]>(`SELECT id FROM child WHERE sui = $1`, [sui]);
  const lead = await leadsFor(services, principal, child?.id ?? null, now);
  const all = await services.dataSource.getRepository(ChildExclusion).createQueryBuilder("exclusion")
    .where("exclusion.childId IN (SELECT c.id FROM child c WHERE c.sui = :sui)", { sui })
    .orderBy("exclusion.recordedAt", "DESC").addOrderBy("exclusion.id", "ASC").getMany();
  // Only the recording agency's own, and the lead agency's (which may lift any): an exclusion's reason is
  // an allegation against named staff, not for every manager or IG lead in England who types the child's SUI.
  const shown = all.some((exclusion) => excludes(exclusion, principal)) ? [] : all.filter((exclusion) => lead || exclusion.recordedByAgency === principal.agency);
  await recordGovernanceWork(services, { ...request, childSuis: [sui], details: { exclusionIds: shown.map((exclusion) => exclusion.id) } }, AuditOutcome.DISCLOSED, now);
  return shown;
}

/** The SUI the child holds now (a child merged away: its survivor's), or none while it awaits one. */
async function currentSuis(services: GovernanceServices, childId: string): Promise<string[]> {
  const rows: { sui: string | null }[] = await services.dataSource.query(
    `WITH RECURSIVE line AS (SELECT id, sui, merged_into_id FROM child WHERE id = $1
       UNION SELECT c.id, c.sui, c.merged_into_id FROM child c JOIN line l ON c.id = l.merged_into_id)
     SELECT sui FROM line WHERE merged_into_id IS NULL`,
    [childId],
  );
  return rows.flatMap((row) => (row.sui === null ? [] : [row.sui]));
}

const MAX_REFERENCE = 100;

/** Exactly one of an SUI and the recorder's own reference (stable codes: EXCLUDED_CHILD_REQUIRED, INVALID_SUI). */
function namedChild(excluded: ExcludedChild): NamedChild {
  const sui = excluded.sui?.trim() ?? "";
  const reference = optionalText(excluded.agencyReference, "agencyReference", MAX_REFERENCE);
  if ((sui === "") === (reference === null)) {
    throw new HubError(ErrorCode.INVALID_INPUT, "Name the child by its SUI or, for a child awaiting one, by your agency's own reference for your record of them — one of the two.", { path: "sui", problem: "EXCLUDED_CHILD_REQUIRED" });
  }
  return reference === null ? { sui: parseSui(sui, "sui") } : { agencyReference: reference };
}

type ValidExclusion = Pick<ChildExclusion, "kind" | "subjectSub" | "agencyCode" | "team" | "reason">;

/** The terms of an exclusion; a STAFF exclusion names the person as staff of `recorderAgency` unless it names their agency. */
function validExclusion(submission: ExclusionSubmission, recorderAgency: string): ValidExclusion {
  const kind = submission.kind;
  if (!EXCLUSION_KINDS.includes(kind)) throw new HubError(ErrorCode.INVALID_INPUT, `kind is one of ${EXCLUSION_KINDS.join(", ")}.`, { path: "exclusion.kind" });
  const subject = optionalText(submission.subject, "exclusion.subject", 200);
  const agencyCode = optionalText(submission.agencyCode, "exclusion.agencyCode", 40);
  const team = optionalText(submission.team, "exclusion.team", 100);
  const needs = { subject: kind === ExclusionKind.STAFF, agencyCode: kind !== ExclusionKind.STAFF, team: kind === ExclusionKind.TEAM };
  for (const [field, value, problem] of [["subject", subject, "EXCLUSION_SUBJECT_REQUIRED"], ["agencyCode", agencyCode, "EXCLUSION_AGENCY_REQUIRED"], ["team", team, "EXCLUSION_TEAM_REQUIRED"]] as const) {
    if (needs[field] && value === null) throw new HubError(ErrorCode.INVALID_INPUT, `A ${kind} exclusion names its ${field}.`, { path: `exclusion.${field}`, problem });
    // A field the kind does not use would look as if it narrowed the exclusion when it does not (a
    // STAFF exclusion may name the person's agency: by default, the recorder's).
    if (!needs[field] && value !== null && !(field === "agencyCode" && kind === ExclusionKind.STAFF)) throw new HubError(ErrorCode.INVALID_INPUT, `A ${kind} exclusion does not use ${field}.`, { path: `exclusion.${field}`, problem: "EXCLUSION_FIELD_NOT_USED" });
  }
  return { kind, subjectSub: subject, agencyCode: agencyCode ?? recorderAgency, team, reason: validReason(submission.reason, "exclusion.reason") };
}

function optionalText(raw: string | null | undefined, path: string, max: number): string | null {
  const value = raw?.trim() ?? "";
  if (value.length > max) throw new HubError(ErrorCode.INVALID_INPUT, `At most ${max} characters.`, { path });
  return value === "" ? null : value;
}

export function validReason(raw: string, path: string): string {
  const reason = raw.trim();
  if (reason.length < MIN_REASON) throw new HubError(ErrorCode.INVALID_INPUT, `Record why (at least ${MIN_REASON} characters).`, { path, problem: "REASON_TOO_SHORT" });
  if (reason.length > MAX_REASON) throw new HubError(ErrorCode.INVALID_INPUT, `At most ${MAX_REASON} characters.`, { path, problem: "REASON_TOO_LONG" });
  return reason;
}
