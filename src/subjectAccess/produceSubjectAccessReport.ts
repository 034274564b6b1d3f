import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { childrenKeptOut } from "../exclusions/childrenKeptOut";
import { type ExcludableCaller } from "../exclusions/excludes";
import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { recordGovernanceWork, type GovernanceServices } from "../audit/governanceAccess";
import { type TrailReader } from "../audit/trailReach";
import { loadChildFile } from "../disclosure/loadChildFile";
import { type AccessContext } from "../policy/AccessContext";
import { buildSubjectAccessReview, releaseCopy } from "./buildSubjectAccessReport";
import { decideSubjectAccess, type ItemDecision } from "./decideSubjectAccess";
import { disclosuresMade, loadDisclosures, type DisclosureMade } from "./disclosuresMade";
import { factsHeld, type FactsHeld } from "./factsHeld";
import { type ItemReview } from "./ItemReview";
import { admitSubjectAccessWork, findSubjectAccessRequest, subjectAccessCase } from "./subjectAccessCase";
import { SubjectAccessItemDecision } from "./SubjectAccessItemDecision";
import { type SubjectAccessRelease, type SubjectAccessReview } from "./SubjectAccessReport";
import { type SubjectAccessRequest } from "./SubjectAccessRequest";

/** Which copy of the report: the IG lead's review, or what goes to the requester. */
export const SubjectAccessView = { REVIEW: "REVIEW", RELEASE: "RELEASE" } as const;
export type SubjectAccessView = (typeof SubjectAccessView)[keyof typeof SubjectAccessView];

/** Everything a request's report is made of, decided for its requester. */
export interface AssembledReport {
  facts: FactsHeld;
  disclosures: DisclosureMade[];
  decisions: Map<string, ItemDecision>;
}

const NO_DISCLOSURES = { entries: [], agencyNames: new Map<string, string>() };

/**
 * Whether the agency holds a record about the child (linked to it by the SUI, a steward or the matcher),
 * lapsed or not. One statement, whatever the hub holds: a child held only by other agencies takes the
 * path of a child the hub does not hold.
 */
async function holdsRecordAbout(dataSource: DataSource, agencyCode: string, sui: string): Promise<boolean> {
  const [row] = await dataSource.query<{ held: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM agency_record r JOIN child c ON c.id = r.child_id WHERE c.sui = $1 AND r.agency_code = $2 AND r.link_state = 'LINKED') AS held`,
    [sui, agencyCode],
  );
  return row?.held === true;
}

/**
 * Puts a request's report together, as the opening agency answers it: each agency answers a subject
 * access request as the controller of what it holds (UK GDPR Art 15 is per controller). So the report
 * holds that agency's own records and the facts they reported (`factsHeld`), decided for the
 * requester's standing by the exemptions in policy with the IG lead's decisions so far (the latest on
 * each item); and, of the disclosures on its trail (`trailReach`), the hub's to it and others' reads
 * that carried its facts (`disclosuresMade`), each decided on everything it carried. Other agencies'
 * records give nothing — not a value, a path, an id or a count: the requester asks them directly — and
 * only the controller's items are decided on (`decisions`: an IG lead cannot release another agency's). An agency that holds no record about the child,
 * and an IG lead a named-staff exclusion keeps out of the child's file (`reader`), get what a child the
 * hub does not hold gives: nothing held, nothing disclosed, by the same statements.
 */
export async function assembleReport(services: GovernanceServices, request: SubjectAccessRequest, reader: ExcludableCaller & TrailReader, now: Date): Promise<AssembledReport> {
  const { dataSource, policy } = services;
  const [held, recorded, keptOut] = await Promise.all([
    holdsRecordAbout(dataSource, request.openedByAgency, request.sui),
    dataSource.getRepository(SubjectAccessItemDecision).find({ where: { requestId: request.id }, order: { decidedAt: "ASC", id: "ASC" } }),
    childrenKeptOut(dataSource, reader),
  ]);
  const file = held && !keptOut.suis.includes(request.sui) ? await loadChildFile(dataSource, request.sui, now) : null;
  const trail = file === null ? NO_DISCLOSURES : await loadDisclosures(dataSource, request.sui, reader);
  // Every agency's facts decide what a disclosure carried; only the controller's are reported, or decided on.
  const every = factsHeld(file, "EVERY_AGENCY");
  const facts = factsHeld(file, { code: request.openedByAgency });
  const { disclosures, underReview } = disclosuresMade(trail.entries, trail.agencyNames, every, { agency: request.openedByAgency, facts }, request.sui);
  const reviews = new Map<string, ItemReview>(recorded.map((decision) => [decision.item, decision]));
  const decided = decideSubjectAccess(policy.subjectAccessExemptions, request.requesterStanding, { ...every.underReview, disclosures: underReview }, reviews);
  const reported = new Set([
    ...facts.records.flatMap((record) => [record.item, ...record.fields.map((field) => field.item)]), ...facts.identity.map((fact) => fact.item), ...disclosures.map((entry) => entry.item),
  ]);
  return { facts, disclosures, decisions: new Map([...decided].filter(([item]) => reported.has(item))) };
}

/**
 * The IG lead's full review of a request (UK GDPR Art 15): every fact held and every disclosure, each
 * with its decision and the exemption behind it. Audited (SUBJECT_ACCESS_REPORT, view REVIEW, with the
 * counts) before it is returned.
 */
export function subjectAccessReview(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, id: string, now = new Date()): Promise<SubjectAccessReview> {
  return produce(services, principal, requestId, access, id, SubjectAccessView.REVIEW, now, (review) => review);
}

/**
 * The copy for the requester: only what is INCLUDED, and nothing that shows something was withheld.
 * Audited (SUBJECT_ACCESS_REPORT, view RELEASE) before it is returned; the IG lead sends it.
 */
export function subjectAccessRelease(services: GovernanceServices, principal: Principal, requestId: string, access: AccessContext, id: string, now = new Date()): Promise<SubjectAccessRelease> {
  return produce(services, principal, requestId, access, id, SubjectAccessView.RELEASE, now, (review) => releaseCopy(services.policy, review));
}

async function produce<T>(
  services: GovernanceServices,
  principal: Principal,
  requestId: string,
  access: AccessContext,
  id: string,
  view: SubjectAccessView,
  now: Date,
  shape: (review: SubjectAccessReview) => T,
): Promise<T> {
  const admitted = await admitSubjectAccessWork(services, principal, requestId, access, AuditOperation.SUBJECT_ACCESS_REPORT, [], now);
  const request = await findSubjectAccessRequest(services, principal, id);
  const review = buildSubjectAccessReview(services.policy, { request: subjectAccessCase(request, services.policy, now), ...(await assembleReport(services, request, principal, now)), producedAt: now });
  await recordGovernanceWork(
    services,
    { ...admitted, childSuis: [request.sui], details: { subjectAccessRequestId: request.id, reference: request.reference, view, counts: review.counts } },
    AuditOutcome.DISCLOSED,
    now,
  );
  return shape(review);
}
