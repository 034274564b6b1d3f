import { randomUUID } from "node:crypto";
import { type DataSource } from "typeorm";
import { ErrorCode, HubError } from "../errors/HubError";
import { type Principal } from "../auth/Principal";
import { findChildInCare } from "../disclosure/findChildInCare";
import { type Purpose } from "../policy/Purpose";
import { LawfulBasis } from "../policy/LawfulBasis";
import { type ConsentState } from "../policy/ConsentState";
import { recordDecision } from "../audit/recordDecision";
import { AuditOperation } from "../audit/AuditOperation";
import { ConsentGiver, ConsentRecord, type ConsentDecision } from "./ConsentRecord";
import { consentAbility } from "./consentPolicy";
import { loadConsentFacts } from "./loadConsent";
import { effectiveConsent } from "./effectiveConsent";

export interface ConsentSubmission {
  givenBy: ConsentGiver;
  childCompetent?: boolean | null;
  giverDescription?: string | null;
  decision: ConsentDecision;
  purposes: Purpose[];
  note?: string | null;
}

export interface ConsentReceipt {
  consentId: string;
  recordedAt: Date;
  /** The consent that now governs each purpose the decision covered. */
  effective: { purpose: Purpose; state: ConsentState }[];
}

/**
 * Records one consent decision and answers with what now governs each purpose it covers, so the
 * practitioner sees at once when a competent child's refusal outweighs a parent's agreement.
 * Audited (CONSENT_RECORDED); nothing is edited, a change of mind is a new decision.
 */
export async function recordConsent(dataSource: DataSource, principal: Principal, requestId: string, policyVersion: string, rawSui: string, submission: ConsentSubmission): Promise<ConsentReceipt> {
  if (!consentAbility(principal).can("record", "ConsentRecord")) {
    throw new HubError(ErrorCode.FORBIDDEN, "Only a practitioner may record a consent decision.");
  }
  if (submission.purposes.length === 0) throw new HubError(ErrorCode.INVALID_INPUT, "Name at least one purpose the decision covers.", { path: "consent.purposes" });
  const parent = submission.givenBy === ConsentGiver.PERSON_WITH_PARENTAL_RESPONSIBILITY;
  const giverDescription = submission.giverDescription?.trim() ?? "";
  if (parent && giverDescription === "") {
    throw new HubError(ErrorCode.INVALID_INPUT, "Say which person with parental responsibility decided (e.g. mother).", { path: "consent.giverDescription" });
  }
  const child = await findChildInCare(dataSource, principal, rawSui);
  const consent = {
    id: randomUUID(),
    child,
    givenBy: submission.givenBy,
    childCompetent: !parent && submission.childCompetent === true,
    giverDescription: parent ? giverDescription : null,
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
    policyVersion,
    details: { consentId: consent.id, decision: consent.decision, givenBy: consent.givenBy, childCompetent: consent.childCompetent, purposes: consent.purposes, lawfulBasis: LawfulBasis.CONSENT },
  });
  await dataSource.getRepository(ConsentRecord).insert(consent);
  const facts = await loadConsentFacts(dataSource, child.id);
  return {
    consentId: consent.id,
    recordedAt: receipt.occurredAt,
    effective: consent.purposes.map((purpose) => ({ purpose, state: effectiveConsent(facts, purpose) })),
  };
}
