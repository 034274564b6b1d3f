import { type Role } from "../auth/Role";
import { type PolicySet } from "../policy/PolicySet";
import { type RecordType } from "../records/RecordType";
import { ChildCompetence } from "./ChildCompetence";
import { childAgeOn } from "./childAgeOn";
import { ConsentGiver } from "./ConsentRecord";
import { ConsentProblem } from "./ConsentProblem";

/** The recorder's own assessment of the child's capacity to decide, written down. */
export interface CompetenceAssessment {
  assessedCompetent: boolean;
  assessment: string;
}

export interface ConsentRecording {
  givenBy: ConsentGiver;
  recorderRoles: readonly Role[];
  /** The types of record the recorder's agency holds about the child, linked by the SUI or a data steward. */
  heldRecordTypes: readonly RecordType[];
  /** The child's date of birth as the hub holds it; null for an unborn child. */
  childDateOfBirth: string | null;
  assessment: CompetenceAssessment | null;
  at: Date;
}

export type ConsentRecordingCheck =
  | { permitted: true; competence: ChildCompetence | null; rule: string }
  | { permitted: false; problem: ConsentProblem; rule: string; path: string; message: string };

/**
 * Whether a consent decision may be recorded, and for a child's own decision what the hub finds about
 * their competence, by the `consentRecorders` and `childCompetence` rules in `policies/`. A parent's
 * decision and the child's own are both recorded only by an agency working with the child and family:
 * a prison holding the father, or the police after an incident, neither asks the child nor judges their
 * competence. Messages name the rule's thresholds, never the child's age: they end up in agency
 * systems' logs.
 */
export function checkConsentRecording(policy: Pick<PolicySet, "childCompetence" | "consentRecorders">, recording: ConsentRecording): ConsentRecordingCheck {
  const rule = policy.consentRecorders;
  if (!recording.heldRecordTypes.some((type) => rule.recordTypes.includes(type))) {
    const whose = recording.givenBy === ConsentGiver.PERSON_WITH_PARENTAL_RESPONSIBILITY ? "A parent's" : "A child's own";
    return {
      permitted: false, problem: ConsentProblem.NOT_WORKING_WITH_FAMILY, rule: rule.id, path: "consent.givenBy",
      message: `${whose} consent decision is recorded by an agency working with the child's family: yours holds no record about this child of a type that does (${rule.recordTypes.join(", ")}).`,
    };
  }
  if (recording.givenBy === ConsentGiver.PERSON_WITH_PARENTAL_RESPONSIBILITY) return { permitted: true, competence: null, rule: rule.id };
  return decideChildCompetence(policy.childCompetence, recording);
}

function decideChildCompetence(rule: PolicySet["childCompetence"], recording: ConsentRecording): ConsentRecordingCheck {
  const refuse = (problem: ConsentProblem, path: string, message: string): ConsentRecordingCheck => ({ permitted: false, problem, rule: rule.id, path, message });
  const decided = (competence: ChildCompetence): ConsentRecordingCheck => ({ permitted: true, competence, rule: rule.id });
  const age = recording.childDateOfBirth === null ? -1 : childAgeOn(recording.childDateOfBirth, recording.at);
  if (age < 0) {
    return refuse(ConsentProblem.CHILD_AGE_UNKNOWN, "consent.givenBy", "No record your agency may see gives this child's date of birth, so the hub cannot record a decision as the child's own.");
  }
  const { assessment } = recording;
  if (assessment !== null && assessment.assessment.trim().length < rule.assessmentMinimumLength) {
    return refuse(ConsentProblem.ASSESSMENT_REQUIRED, "consent.competence.assessment", `Write down the competence assessment (at least ${rule.assessmentMinimumLength} characters).`);
  }
  if (age >= rule.presumedCompetentFromAge) {
    return decided(assessment?.assessedCompetent === false ? ChildCompetence.ASSESSED_NOT_COMPETENT : ChildCompetence.PRESUMED);
  }
  if (assessment === null) return decided(ChildCompetence.NOT_ASSESSED);
  if (!assessment.assessedCompetent) return decided(ChildCompetence.ASSESSED_NOT_COMPETENT);
  if (age >= rule.managerConfirmationBelowAge) return decided(ChildCompetence.ASSESSED_COMPETENT);
  if (recording.recorderRoles.some((role) => rule.confirmingRoles.includes(role))) return decided(ChildCompetence.CONFIRMED_BY_MANAGER);
  return refuse(
    ConsentProblem.MANAGER_CONFIRMATION_REQUIRED, "consent.competence",
    `A child under ${rule.managerConfirmationBelowAge} is recorded as competent only by a ${rule.confirmingRoles.join(" or ")} confirming the assessment: ask them to record this decision.`,
  );
}
