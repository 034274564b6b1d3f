import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { childrenKeptOut } from "../exclusions/childrenKeptOut";
import { type ExcludableCaller } from "../exclusions/excludes";
import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { recordGovernanceWork, type GovernanceServices } from "../audit/governanceAccess";
import { AgencyType } from "../directory/AgencyType";
import { type ChildFile } from "../disclosure/ChildFile";
import { loadChildFile } from "../disclosure/loadChildFile";
import { residenceToldBy } from "../disclosure/residenceToldBy";
import { type AccessContext } from "../policy/AccessContext";
import { isRestrictedRecord } from "../records/restrictedRecord";
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
 * Which agencies' IG leads answer a subject access request about a child through the hub: one that
 * holds a record about the child (linked by the SUI, a steward or the matcher), or the children's
 * services of the local authority where the child lives, as records that are not sealed or brokered
 * tell, at no protected location (`residenceToldBy`). Any other agency holds nothing about
 * the child, and its IG lead has no need to read what others hold.
 */
async function answersFor(dataSource: DataSource, agencyCode: string, file: ChildFile): Promise<boolean> {
  const records = Object.values(file.records).flat();
  if (records.some(({ agency }) => agency.code === agencyCode)) return true;
  const [agency] = await dataSource.query<{ type: string; local_authority: string | null }[]>(`SELECT type, local_authority FROM agency WHERE code = $1`, [agencyCode]);
  if (agency?.type !== AgencyType.CHILDRENS_SOCIAL_CARE || agency.local_authority === null) return false;
  return residenceToldBy(file, records.filter(({ record }) => !isRestrictedRecord(record.labels)))?.localAuthority === agency.local_authority;
}

/**
 * Puts a request's report together: the child's file as it is now (`disclosure/loadChildFile`), every
 * disclosure of the child's information from the audit trail, and the IG lead's decisions so far (the
 * latest on each item), decided for the requester's standing by the exemptions in policy. `reader`: the
 * IG lead it is put together for — one a named-staff exclusion keeps out of the child's file is given
 * what an agency that does not answer for the child is given: nothing held, nothing disclosed.
 */
export async function assembleReport(services: GovernanceServices, request: SubjectAccessRequest, reader: ExcludableCaller, now: Date): Promise<AssembledReport> {
  const { dataSource, policy } = services;
  const [loaded, recorded, keptOut] = await Promise.all([
    loadChildFile(dataSource, request.sui, now),
    dataSource.getRepository(SubjectAccessItemDecision).find({ where: { requestId: request.id }, order: { decidedAt: "ASC", id: "ASC" } }),
    childrenKeptOut(dataSource, reader),
  ]);
  // To an agency that may not answer for the child the hub holds nothing (and opening the request said
  // nothing either way); so it does to an IG lead the child's exclusions keep out, asked the same way.
  const answers = loaded !== null && (await answersFor(dataSource, request.openedByAgency, loaded));
  const file = answers && !keptOut.suis.includes(request.sui) ? loaded : null;
  const trail = file === null ? NO_DISCLOSURES : await loadDisclosures(dataSource, request.sui);
  const facts = factsHeld(file);
  const { disclosures, underReview } = disclosuresMade(trail.entries, trail.agencyNames, facts, request.sui);
  const reviews = new Map<string, ItemReview>(recorded.map((decision) => [decision.item, decision]));
  const decisions = decideSubjectAccess(policy.subjectAccessExemptions, request.requesterStanding, { ...facts.underReview, disclosures: underReview }, reviews);
  return { facts, disclosures, decisions };
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
