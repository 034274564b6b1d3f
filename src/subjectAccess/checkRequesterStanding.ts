import { ChildCompetence } from "../consent/ChildCompetence";
import { childAgeOn } from "../consent/childAgeOn";
import { ErrorCode, HubError } from "../errors/HubError";
import { type PolicySet } from "../policy/PolicySet";
import { RequesterStanding, STANDINGS_NEEDING_COMPETENCE } from "./RequesterStanding";
import { SubjectAccessProblem } from "./SubjectAccessProblem";

/** The IG lead's written assessment of the child's capacity to understand their rights. */
export interface CompetenceAssessment {
  assessedCompetent: boolean;
  assessment: string;
}

/** Who asked, as the IG lead records it. */
export interface Requester {
  standing: RequesterStanding;
  /** As the request names them. */
  name: string;
  /** A parent's parental responsibility, or the child's written authority for a representative: how it was confirmed. */
  basis?: string | null;
  competence?: CompetenceAssessment | null;
}

export interface RequesterStandingFound {
  standing: RequesterStanding;
  name: string;
  basis: string | null;
  /** For the child's own request and a representative's authority; null for a parent's request. */
  competence: ChildCompetence | null;
  assessment: string | null;
}

const MAX_NAME = 200;

/**
 * Whether the requester may ask, and on what footing (UK GDPR Art 15; ICO guidance on requests about
 * children). The right is the child's: a child who understands it asks for themself, and only such a
 * child can authorise a representative. The age competence is presumed from, and the length a written
 * assessment must have, are the consent rules' (`childCompetence` in policies/consent.yaml): 16 or over
 * is presumed competent unless assessed as lacking capacity (Mental Capacity Act 2005 s.1(2)); under 16,
 * or with no date of birth held by the opening agency's own records, the IG lead assesses understanding (Gillick) and writes it down. There
 * is no manager's confirmation here: deciding the request is the IG lead's. A person with parental
 * responsibility acts for the child; how that responsibility was confirmed is written down. Messages
 * name thresholds, never the child's age.
 */
export function checkRequesterStanding(policy: Pick<PolicySet, "childCompetence" | "subjectAccess">, requester: Requester, childDateOfBirth: string | null, receivedAt: Date): RequesterStandingFound {
  const refuse = (problem: SubjectAccessProblem, path: string, message: string): never => {
    throw new HubError(ErrorCode.INVALID_INPUT, message, { path: `request.requester.${path}`, problem });
  };
  const name = requester.name.trim();
  if (name.length === 0 || name.length > MAX_NAME) throw new HubError(ErrorCode.INVALID_INPUT, `Name who asked (1 to ${MAX_NAME} characters).`, { path: "request.requester.name" });
  const basis = requester.basis?.trim() ?? "";
  const competence = requester.competence ?? null;
  const needsBasis = requester.standing !== RequesterStanding.CHILD;
  if (needsBasis && basis.length < policy.subjectAccess.requesterBasisMinimumLength) {
    refuse(
      SubjectAccessProblem.BASIS_REQUIRED, "basis",
      requester.standing === RequesterStanding.REPRESENTATIVE
        ? `Write down the child's authority for the representative and how it was confirmed (at least ${policy.subjectAccess.requesterBasisMinimumLength} characters).`
        : `Write down how the requester's parental responsibility was confirmed (at least ${policy.subjectAccess.requesterBasisMinimumLength} characters).`,
    );
  }
  const found = { standing: requester.standing, name, basis: needsBasis ? basis : null };
  if (!STANDINGS_NEEDING_COMPETENCE.includes(requester.standing)) {
    if (competence !== null) refuse(SubjectAccessProblem.COMPETENCE_NOT_APPLICABLE, "competence", "A person with parental responsibility acts for the child: the child's competence is assessed for the child's own request, or for the authority they give a representative.");
    return { ...found, competence: null, assessment: null };
  }

  const rule = policy.childCompetence;
  if (competence !== null && competence.assessment.trim().length < rule.assessmentMinimumLength) {
    refuse(SubjectAccessProblem.ASSESSMENT_REQUIRED, "competence.assessment", `Write down the competence assessment (at least ${rule.assessmentMinimumLength} characters).`);
  }
  const presumed = childDateOfBirth !== null && childAgeOn(childDateOfBirth, receivedAt) >= rule.presumedCompetentFromAge;
  if (competence === null && !presumed) {
    refuse(SubjectAccessProblem.ASSESSMENT_REQUIRED, "competence", `A child under ${rule.presumedCompetentFromAge}, or whose date of birth your agency's records do not give, exercises the right only on a written assessment that they understand it.`);
  }
  if (competence !== null && !competence.assessedCompetent) {
    refuse(SubjectAccessProblem.REQUESTER_NOT_COMPETENT, "competence", "The child was assessed as not understanding their right of access: a person with parental responsibility may ask for them.");
  }
  return { ...found, competence: presumed ? ChildCompetence.PRESUMED : ChildCompetence.ASSESSED_COMPETENT, assessment: competence?.assessment.trim() ?? null };
}
