import { randomUUID } from "node:crypto";
import { type DataSource } from "typeorm";
import { ErrorCode, HubError } from "../errors/HubError";
import { type Principal } from "../auth/Principal";
import { findChildInCare } from "../disclosure/findChildInCare";
import { type Purpose } from "../policy/Purpose";
import { LawfulBasis } from "../policy/LawfulBasis";
import { type ConsentState } from "../policy/ConsentState";
import { type PolicySet } from "../policy/PolicySet";
import { type Relationship } from "../people/Relationship";
import { recordDecision } from "../audit/recordDecision";
import { AuditOperation } from "../audit/AuditOperation";
import { type ChildCompetence, isCompetent } from "./ChildCompetence";
import { checkConsentRecording, type CompetenceAssessment } from "./checkConsentRecording";
import { ConsentGiver, ConsentRecord, type ConsentDecision } from "./ConsentRecord";
import { ConsentProblem } from "./ConsentProblem";
import { consentAbility } from "./consentPolicy";
import { findParentalResponsibility, type ParentalResponsibility } from "./findParentalResponsibility";
import { shareAdultLinkingLock } from "../identity/linkingLock";
import { loadConsentFacts } from "./loadConsent";
import { consentDeciders } from "./consentDeciders";
import { effectiveConsent } from "./effectiveConsent";
import { recordsHeldAbout } from "./recordsHeldAbout";

export interface ConsentSubmission {
  givenBy: ConsentGiver;
  /** For the child's own decision: the recorder's assessment of their competence, if they made one. */
  competence?: CompetenceAssessment | null;
  /** For a parent's decision: the person, by the recorder's agency's own reference for them. */
  parent?: { agencyReference: string } | null;
  decision: ConsentDecision;
  purposes: Purpose[];
  note?: string | null;
}

export interface ConsentReceipt {
  consentId: string;
  recordedAt: Date;
  /** For the child's own decision: what the hub found about their competence. */
  competence: ChildCompetence | null;
  /** For a parent's decision: how the person is related to the child, as the hub holds it. */
  parentRelationship: Relationship | null;
  /** The consent that now governs each purpose the decision covered. */
  effective: { purpose: Purpose; state: ConsentState }[];
}

/**
 * Records one consent decision and answers with what now governs each purpose it covers, so the
 * practitioner sees at once when a competent child's refusal outweighs a parent's agreement.
 *
 * A child's competence is the hub's finding, by the `childCompetence` rule, from the hub's date of
 * birth and the recorder's assessment — never a flag the recorder sets. A parent's decision names the
 * adult as the recorder's agency reported them with parental responsibility for this child, and only an
 * agency working with the family (`consentRecorders`) records one. Audited (CONSENT_RECORDED);
 * nothing is edited, a change of mind is a new decision.
 */
export async function recordConsent(
  dataSource: DataSource,
  policy: PolicySet,
  principal: Principal,
  requestId: string,
  rawSui: string,
  submission: ConsentSubmission,
  now = new Date(),
): Promise<ConsentReceipt> {
  if (!consentAbility(principal).can("record", "ConsentRecord")) {
    throw new HubError(ErrorCode.FORBIDDEN, "Only a practitioner may record a consent decision.");
  }
  const { parent, competence } = checkShape(submission);
  const { child, dateOfBirth } = await findChildInCare(dataSource, principal, rawSui, policy, now);

  const held = await recordsHeldAbout(dataSource, child.id, principal.agency);
  const check = checkConsentRecording(policy, {
    givenBy: submission.givenBy,
    recorderRoles: principal.roles,
    heldRecordTypes: [...new Set(held.map((record) => record.recordType))],
    childDateOfBirth: dateOfBirth,
    assessment: competence,
    at: now,
  });
  if (!check.permitted) {
    const code = check.problem === ConsentProblem.MANAGER_CONFIRMATION_REQUIRED || check.problem === ConsentProblem.NOT_WORKING_WITH_FAMILY ? ErrorCode.FORBIDDEN : ErrorCode.INVALID_INPUT;
    throw new HubError(code, check.message, { path: check.path, problem: check.problem, rule: check.rule });
  }
  let responsibility: ParentalResponsibility | null = null;
  if (parent !== null) {
    responsibility = await findParentalResponsibility(dataSource, child.id, principal.agency, parent.agencyReference);
    if (responsibility === null) {
      throw new HubError(ErrorCode.NOT_FOUND, "Your agency's records about this child name no person with parental responsibility by this reference.", { path: "consent.parent.agencyReference" });
    }
  }

  const consent = {
    id: randomUUID(),
    child,
    givenBy: submission.givenBy,
    competence: check.competence,
    competenceAssessment: competence?.assessment.trim() ?? null,
    adult: responsibility ? { id: responsibility.adultId } : null,
    parentRelationship: responsibility?.relationship ?? null,
    parentalResponsibilitySource: responsibility ? { id: responsibility.sourceRecordId } : null,
    // What the decision rests on: the records through which the agency works with the family.
    recordedThrough: held.filter((record) => policy.consentRecorders.recordTypes.includes(record.recordType)).map((record) => record.id),
    legacyGiverDescription: null,
    decision: submission.decision,
    purposes: [...new Set(submission.purposes)],
    note: submission.note ?? null,
    recordedBySub: principal.sub,
    recordedByAgency: principal.agency,
  };
  // On the trail before it governs any disclosure: a consent decision in force is never unaudited.
  const receipt = await recordDecision(dataSource, {
    requestId,
    principal,
    operation: AuditOperation.CONSENT_RECORDED,
    childSui: child.sui ?? "",
    policyVersion: policy.version,
    details: {
      consentId: consent.id, decision: consent.decision, givenBy: consent.givenBy, purposes: consent.purposes, lawfulBasis: LawfulBasis.CONSENT, rule: check.rule,
      ...(responsibility
        ? { adultId: responsibility.adultId, parentRelationship: responsibility.relationship, parentalResponsibilitySourceId: responsibility.sourceRecordId }
        : { competence: consent.competence, childCompetent: isCompetent(consent.competence) }),
    },
  });
  await dataSource.transaction(async (manager) => {
    if (responsibility !== null && parent !== null) {
      await shareAdultLinkingLock(manager);
      // The person as the hub holds them now, by the relationship the decision rests on: a steward's merge
      // or split since the lookup has moved it (and re-keyed every decision it knew of).
      const [current] = await manager.query<{ adult_id: string }[]>(
        `SELECT adult_id FROM child_adult_relationship WHERE source_record_id = $1 AND adult_reference = $2 AND parental_responsibility LIMIT 1`,
        [responsibility.sourceRecordId, parent.agencyReference],
      );
      if (current === undefined) throw new HubError(ErrorCode.CONFLICT, "The person's record changed while the decision was recorded: record it again.", { path: "consent.parent.agencyReference" });
      consent.adult = { id: current.adult_id };
    }
    await manager.getRepository(ConsentRecord).insert(consent);
  });
  const facts = await loadConsentFacts(dataSource, child.id);
  const deciders = consentDeciders(policy.childCompetence, child, now);
  return {
    consentId: consent.id,
    recordedAt: receipt.occurredAt,
    competence: consent.competence,
    parentRelationship: consent.parentRelationship,
    effective: consent.purposes.map((purpose) => ({ purpose, state: effectiveConsent(facts, purpose, deciders) })),
  };
}

/** Each kind of giver names what identifies their decision, and nothing that belongs to the other. */
function checkShape(submission: ConsentSubmission): { parent: { agencyReference: string } | null; competence: CompetenceAssessment | null } {
  if (submission.purposes.length === 0) throw new HubError(ErrorCode.INVALID_INPUT, "Name at least one purpose the decision covers.", { path: "consent.purposes" });
  const competence = submission.competence ?? null;
  const parent = submission.parent ?? null;
  if (submission.givenBy === ConsentGiver.CHILD) {
    if (parent !== null) throw new HubError(ErrorCode.INVALID_INPUT, "A child's own decision names no parent.", { path: "consent.parent" });
    return { parent: null, competence };
  }
  if (competence !== null) {
    throw new HubError(ErrorCode.INVALID_INPUT, "A competence assessment goes with the child's own decision, not a parent's.", { path: "consent.competence" });
  }
  const agencyReference = parent?.agencyReference.trim() ?? "";
  if (agencyReference === "") {
    throw new HubError(ErrorCode.INVALID_INPUT, "Name the person with parental responsibility by your agency's own reference for them.", { path: "consent.parent.agencyReference" });
  }
  return { parent: { agencyReference }, competence: null };
}
