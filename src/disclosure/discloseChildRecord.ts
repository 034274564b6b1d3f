import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { ErrorCode, HubError } from "../errors/HubError";
import { parseSui } from "../identity/nhsNumber";
import { NOTHING_VISIBLE, visibleIdentity } from "../people/identityFacts";
import { type AccessContext } from "../policy/AccessContext";
import { ConsentState } from "../policy/ConsentState";
import { AccessProblem } from "../policy/AccessProblem";
import { RelationshipKind } from "../policy/RelationshipKind";
import { decideDisclosure, decideRecords } from "../policy/decideDisclosure";
import { withDerivedLabels } from "../policy/withDerivedLabels";
import { type PolicySet } from "../policy/PolicySet";
import { type Disclosure } from "../policy/DisclosureDecision";
import { type DisclosureSubject } from "../policy/DisclosureSubject";
import { SensitivityLabel } from "../records/SensitivityLabel";
import { recordAuditEntry, type AuditEntryInput } from "../audit/recordAuditEntry";
import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { consentDeciders } from "../consent/consentDeciders";
import { effectiveConsent } from "../consent/effectiveConsent";
import { raiseBreakGlassAlert } from "../alerts/raiseBreakGlassAlert";
import { buildDisclosureSubject, demographicsSubject } from "./buildDisclosureSubject";
import { buildChildRecordView, disclosedPointers } from "./buildChildRecordView";
import { disclosedRecordIds } from "./disclosedRecordIds";
import { type ChildFile } from "./ChildFile";
import { type ChildRecordView } from "./ChildRecordView";
import { concealFromFamily } from "./concealFromFamily";
import { identitySources } from "./identitySources";
import { legitimateRelationships } from "./legitimateRelationships";
import { loadChildFile, loadChildFileRead } from "./loadChildFile";
import { prejudicesInvestigation } from "./investigationSensitivity";
import { recordPath } from "./recordPaths";
import { RECORD_TYPES, RecordType } from "../records/RecordType";
import { notifyPlanViewed } from "../notifications/unscheduledCare/notifyPlanViewed";
import { validateAccessContext } from "../policy/validateAccessContext";
import { openReferralNamed } from "../referrals/openReferralNamed";
import { bindReferralOnOpening, referenceNamesChildsReferral } from "../referrals/bindReferral";
import { excludes } from "../exclusions/excludes";
import { EXCLUDED_FROM_FILE } from "../exclusions/exclusionRefusal";
import { exclusionAlerts } from "../exclusions/raiseExclusionAlerts";
import { applyRecordRights } from "../dataSubjectRights/applyRecordRights";
import { NO_RIGHTS } from "../dataSubjectRights/RecordRights";

/** Refusals decided from the child's data rather than from the request alone. */
const CHILD_DEPENDENT_PROBLEMS = new Set<string>([AccessProblem.CONSENT_NOT_GIVEN, AccessProblem.CONSENT_REFUSED]);

/** Relationships the hub derives from what it holds, as opposed to what the caller states (a case reference, break-glass). */
const DERIVED_RELATIONSHIPS = new Set<RelationshipKind>([RelationshipKind.AGENCY_INVOLVED, RelationshipKind.RESPONSIBLE_LOCAL_AUTHORITY, RelationshipKind.HOLDS_LINKED_ADULT, RelationshipKind.WORKS_WITH_MOTHER]);

export interface DisclosureServices {
  dataSource: DataSource;
  policy: PolicySet;
}

/**
 * `child(sui, access)`: the linked, redacted, audited view of one child (HUB.md §5).
 *
 * The order matters. The policy judges the access context against the child's file, but a refusal is
 * the same whether or not the child exists unless it turns on the child's own data (consent), and then
 * only a caller connected with the child hears it. The agency records are decided first; the child's
 * own details (names, addresses, date of birth, the local authority) are then decided from the records
 * the caller sees, so nothing a sealed, brokered or concealed record reported reaches them (design
 * principle 8). A case reference counts only when it names an open referral about the child at the
 * caller's local authority (`referrals/openReferralNamed`), and the audit entry names that referral. A child that does not exist and a child the caller may see nothing of both answer null.
 * The audit entry — disclosure or refusal — commits before anything is returned; if it cannot be
 * written the caller gets AUDIT_UNAVAILABLE and no data (design principle 4).
 */
export async function discloseChildRecord(services: DisclosureServices, principal: Principal, requestId: string, rawSui: string, rawAccess: AccessContext, now = new Date()): Promise<ChildRecordView | null> {
  const { dataSource, policy } = services;
  const access = validateAccessContext(rawAccess);
  const audit = (entry: Omit<AuditEntryInput, "requestId" | "principal" | "operation" | "access" | "policyVersion" | "breakGlass">) =>
    recordAuditEntry(dataSource, { requestId, principal, operation: AuditOperation.CHILD_RECORD, access, policyVersion: policy.version, breakGlass: access.breakGlass, ...entry });

  let sui: string;
  try {
    sui = parseSui(rawSui, "sui");
  } catch (error) {
    await audit({ childSuis: [], outcome: AuditOutcome.REFUSED, refusal: { code: ErrorCode.INVALID_SUI, problem: "INVALID_SUI", rule: "sui-check" }, fieldsDisclosed: [], fieldsWithheld: [], prejudicesInvestigation: false });
    throw error;
  }

  // A referral opened before the child was identified, whose search showed this child, names it from now
  // on. A reference that already names one of the child's referrals binds nothing, so the usual read —
  // under a referral about the child — costs no statement of its own; a binding reads the file again.
  const { file: loaded, exclusions } = await loadChildFileRead(dataSource, sui, now);
  // A caller a named-staff exclusion keeps out of this file gets what a caller gets for a child the hub
  // does not hold — break-glass included — and the attempt is audited and alerted to IG (`exclusions/`).
  // The exclusions come in the child's own statement, so learning them costs no round trip.
  // Decided before any binding: an excluded caller's reference is never bound to the child they are kept
  // out of, though the binding's look-ups are sent as for anyone (the statements do not tell them apart).
  const excluded = exclusions.filter((exclusion) => excludes(exclusion, principal));
  let held = loaded;
  if (access.caseReference !== null && !referenceNamesChildsReferral(held?.referrals ?? [], principal, access)) {
    if (await bindReferralOnOpening(dataSource, principal, requestId, policy, access, sui, now, excluded.length > 0)) held = await loadChildFile(dataSource, sui, now);
  }
  const file = excluded.length > 0 ? null : held;
  // With the entry of every caller answered as a stranger, excluded or not: the statements do not tell them
  // apart, and the alert rides the entry's own statement, so a null answer costs no round trip for it.
  const alertsIfExcluded = { companions: [exclusionAlerts(principal, excluded.map((exclusion) => exclusion.childId), access.justification, now)] };
  const exclusionDetails = excluded.length > 0 ? { details: { exclusionIds: excluded.map((exclusion) => exclusion.id) } } : {};
  const referral = file === null ? null : openReferralNamed(file.records.SOCIAL_CARE, file.referrals, principal, access, policy, now);
  const caseOpen = referral !== null;
  const relationships = legitimateRelationships(file, principal, access, { policy, now, openCaseReference: caseOpen });
  const consent = file === null ? ConsentState.NOT_RECORDED : effectiveConsent(file.consentFacts, access.purpose, consentDeciders(policy.childCompetence, file.child, now));
  const subject = withDerivedLabels(policy, buildDisclosureSubject(file, { relationships, consent, openCaseReference: caseOpen }));
  const sensitive = prejudicesInvestigation(file, subject, principal, access);
  const decided = decideDisclosure(policy, principal, access, subject, now);

  if (decided.outcome === "REFUSED") {
    await audit({ childSuis: [sui], outcome: AuditOutcome.REFUSED, refusal: { code: ErrorCode.ACCESS_CONTEXT_INVALID, problem: decided.problem, rule: decided.rule }, fieldsDisclosed: [], fieldsWithheld: [], prejudicesInvestigation: sensitive, ...exclusionDetails, ...alertsIfExcluded });
    // A refusal that turns on the child's own data (the consent on record) would tell a caller with no
    // connection to the child that the child exists, and what their family decided: such a caller gets
    // the answer a missing child gets.
    if (CHILD_DEPENDENT_PROBLEMS.has(decided.problem) && !relationships.some((kind) => DERIVED_RELATIONSHIPS.has(kind))) return null;
    throw new HubError(ErrorCode.ACCESS_CONTEXT_INVALID, decided.message, { path: "access", problem: decided.problem, rule: decided.rule });
  }
  const { decision: recordsDecision, concealed } = concealFromFamily(policy, principal, access, subject, decided);
  const identity = file === null ? NOTHING_VISIBLE : visibleIdentity(file.identity, identitySources(policy, principal, access, subject, shownRecords(file, subject, recordsDecision), now));
  const demographics = decideRecords(policy, principal, access, { ...subject, records: [demographicsSubject(identity)] }, now);
  const policyDecision: Disclosure = {
    ...recordsDecision,
    disclosed: [...demographics.disclosed, ...recordsDecision.disclosed],
    withheld: [...demographics.withheld, ...recordsDecision.withheld],
    grantingRules: [...new Set([...demographics.grantingRules, ...recordsDecision.grantingRules])].sort(),
  };
  // Restrictions of processing withhold for purposes they do not allow; statements go with what they are about.
  const rights = applyRecordRights(policy.dataSubjectRights, access, file?.rights ?? NO_RIGHTS, recordPathsOf(file), policyDecision);
  const { decision } = rights;
  // A sealed record contributes nothing outside itself, not even a line on the trail of another's read:
  // every IG lead reads that trail, and `police[<id>]: sealed` would tell them the record exists.
  const fieldsWithheld = [...decision.withheld, ...concealed];

  if (file === null || (decision.disclosed.length === 0 && decision.brokered.length === 0)) {
    // Same answer as for a child who does not exist: the caller learns nothing, not even existence.
    const refusal = excluded.length > 0 ? EXCLUDED_FROM_FILE : file === null ? null : { code: ErrorCode.NOT_FOUND, problem: "NOTHING_DISCLOSABLE", rule: "default-deny" };
    await audit({ childSuis: [sui], outcome: refusal === null ? AuditOutcome.NOT_FOUND : AuditOutcome.REFUSED, refusal, fieldsDisclosed: [], fieldsWithheld, prejudicesInvestigation: sensitive, ...exclusionDetails, ...alertsIfExcluded });
    return null;
  }

  const view = { ...buildChildRecordView(file, identity, decision, access, relationships), supplementaryStatements: rights.statements, restrictions: rights.restrictions };
  const receipt = await audit({
    childSuis: [sui],
    outcome: AuditOutcome.DISCLOSED,
    // The concealment's reason is the family-withholding restriction, not whichever rule withholds the
    // record's first field.
    refusal: concealed.length > 0 ? { code: ErrorCode.FORBIDDEN, problem: "WITHHELD_FROM_FAMILY", rule: familyRule(policy) } : null,
    fieldsDisclosed: [...decision.disclosed, ...disclosedPointers(decision)],
    fieldsWithheld,
    prejudicesInvestigation: sensitive,
    details: {
      relationships,
      // What the relationships rest on that the caller stated: their authority, and the open referral their case reference names.
      principalLocalAuthority: principal.localAuthority,
      ...(referral ? { openReferral: referral } : {}),
      grantingRules: decision.grantingRules,
      brokered: decision.brokered.map((b) => b.path),
      recordIds: disclosedRecordIds(file, identity, decision),
      ...(rights.statementIds.length > 0 ? { supplementaryStatementIds: rights.statementIds } : {}),
      ...(file.consentOverride ? { consentOverrideId: file.consentOverride.id } : {}),
      consent,
    },
  });
  if (access.breakGlass) await raiseBreakGlassAlert(dataSource, principal, file.child.id, receipt.id, access.justification, now);
  // CP-IS: a plan viewed from an unscheduled-care setting tells the authority holding it.
  await notifyPlanViewed(services, principal, requestId, {
    childId: file.child.id, sui, disclosureId: receipt.id,
    statusShownOf: () => file.records.SOCIAL_CARE.filter(({ record }) => decision.disclosed.includes(`${recordPath(RecordType.SOCIAL_CARE, record.id)}.status`)).map(({ record }) => record.id),
  }, now);
  return { ...view, disclosureId: receipt.id };
}

/**
 * The records the caller sees as records (neither sealed, brokered nor concealed), with their labels as
 * decided (derived labels included): the only sources their view of the child's identity may come from.
 */
function shownRecords(file: ChildFile, subject: DisclosureSubject, decision: Disclosure): Map<string, readonly SensitivityLabel[]> {
  const hidden = new Set([...decision.sealed, ...decision.brokered.map((brokered) => brokered.path)]);
  const labels = new Map(subject.records.map((record) => [record.path, record.labels]));
  const shown = new Map<string, readonly SensitivityLabel[]>();
  for (const type of RECORD_TYPES) {
    for (const { record } of file.records[type]) {
      const path = recordPath(type, record.id);
      if (!hidden.has(path)) shown.set(record.id, labels.get(path) ?? record.labels);
    }
  }
  return shown;
}

/** Each linked record's path (`police[<id>]`), by record id. */
function recordPathsOf(file: ChildFile | null): Map<string, string> {
  const paths = new Map<string, string>();
  if (file === null) return paths;
  for (const type of RECORD_TYPES) for (const { record } of file.records[type]) paths.set(record.id, recordPath(type, record.id));
  return paths;
}

/** The id of the restriction that keeps WITHHOLD_FROM_FAMILY content from the family (a loaded policy always has one). */
function familyRule(policy: PolicySet): string {
  return policy.restrictions.find((restriction) => restriction.label === SensitivityLabel.WITHHOLD_FROM_FAMILY)?.id ?? "withhold-from-family";
}
