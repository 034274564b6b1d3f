import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SENSITIVITY_LABELS } from "../../records/SensitivityLabel";
import { RECORD_TYPES } from "../../records/RecordType";
import { RECORD_DATE_FIELDS } from "../../records/recordFieldValues";
import { REFERRAL_STAGES } from "../../referrals/ReferralStage";
import { TIMESCALE_IDS } from "../../timescales/TimescaleId";
import { PURPOSES } from "../Purpose";
import { ROLES } from "../../auth/Role";
import { loadPolicies } from "../loadPolicies";
import { PolicyError } from "../PolicyError";

/**
 * A small, valid policy set for unit tests: one purpose, one grant of two HEALTH fields, a restriction
 * per label, one agreement, the consent rules. Tests change one line of it and check what the loader or
 * engine makes of it.
 */
export const FIXTURE_FILES: Record<string, string> = {
  "access.yaml": `description: Access-context rules for tests.
justification:
  id: justification-required
  description: A reason for every read.
  minimumLength: 10
breakGlass:
  id: break-glass-roles
  description: Who may break glass.
  roles: [SOCIAL_WORKER]
  purposes: [SECTION_47_ENQUIRY]
breakGlassReason:
  id: break-glass-reason-required
  description: A substantial reason.
  minimumLength: 40
  minimumDistinctWords: 6
  minimumDistinctLetters: 10
competentAuthorities:
  id: competent-authorities
  description: DPA 2018 Part 3.
  agencyTypes: [POLICE]
criminalOffenceData:
  id: criminal-offence-data
  description: UK GDPR Art 10.
  conditions: [SAFEGUARDING_CHILDREN]
  competentAuthorityBasis: LAW_ENFORCEMENT
consentBasis:
  id: consent-basis
  description: Consent must be given.
noRelationship:
  id: no-relationship
  description: Need to know.
  reason: no relationship
noAgreement:
  id: no-agreement
  description: Agreements.
  reason: no agreement
purposes:
  - id: purpose-s47
    purpose: SECTION_47_ENQUIRY
    description: s.47 enquiries.
    roles: [SOCIAL_WORKER]
    lawfulBases: [PUBLIC_TASK]
    specialCategoryConditions: [SAFEGUARDING_CHILDREN]
    consent: NOT_REQUIRED
`,
  "rules.yaml": `grants:
  - id: grant-health
    description: Two health fields.
    roles: [SOCIAL_WORKER]
    purposes: [SECTION_47_ENQUIRY]
    relationships: [AGENCY_INVOLVED]
    fields:
      HEALTH: [gpPracticeName, conditions]
agreements:
  - id: dsa-health
    description: Health to CSC.
    providers: [HEALTH]
    recipients: [CHILDRENS_SOCIAL_CARE]
    purposes: [SECTION_47_ENQUIRY]
    recordTypes: [HEALTH]
    activeFrom: 2024-01-01
restrictions:
${SENSITIVITY_LABELS.map((label) => `  - id: ${label.toLowerCase().replaceAll("_", "-")}-withheld
    label: ${label}
    description: Withholds ${label}.
    reason: ${label} withheld`).join("\n")}
`,
  "involvement.yaml": `involvement:
${RECORD_TYPES.map((type) => `  - id: involvement-${type.toLowerCase().replaceAll("_", "-")}
    description: When ${type} involvement ends.
    recordType: ${type}
    ${type === "POLICE" ? "lastActivityOn: reportedOn" : type === "PRISON" ? "endedWhen: { field: pprcStatus, values: [NO_LONGER_PPRC] }" : `endsOn: ${RECORD_DATE_FIELDS[type].at(-1)}`}
    lapsesAfterDays: 30`).join("\n")}
preBirth:
  id: pre-birth
  description: Who opens an unborn child's file.
  relationships: [WORKS_WITH_MOTHER]
householdLinks:
  id: household-links
  description: Who places a child in a household.
  adultRelationships: [MOTHER, FATHER]
  recordWithinDays: 365
  maxChildrenPerAdult: 5
  opensMemberFiles: [SAME_ADDRESS, LINKED_ADULT]
candidateComparisons:
  id: candidate-comparisons
  description: What a search candidate's why may say.
  comparisons:
    givenNames: { detail: givenNames }
    postcode: { detail: addresses, finestLevel: DISTRICT }
consultationAskers:
  id: consultation-askers
  description: Who may ask a MASH for advice.
  roles: [SCHOOL_DSL, SOCIAL_WORKER]
  advisingRole: MASH_PRACTITIONER
mashCase:
  id: mash-case
  description: Open referrals.
  windows:
${REFERRAL_STAGES.map((stage) => `    - { stage: ${stage}, timescale: REFERRAL_DECISION, graceWorkingDays: 0, openedInHubBy: [MASH_PRACTITIONER] }`).join("\n")}
`,
  "roles.yaml": `roleHolders:
  id: roles-held
  description: Which agency types hold each role; here any, so a test's principal may be of any type.
  roles:
${ROLES.map((role) => `    ${role}: ANY`).join("\n")}
exclusionRecording:
  id: exclusion-recording
  description: Who keeps whom out of a child's file.
  recorders:
    - { role: IG_LEAD, agencyTypes: ANY }
    - { role: CSC_MANAGER, agencyTypes: [CHILDRENS_SOCIAL_CARE] }
  ownAgency: [STAFF, TEAM]
  leadAgency: { agencyType: CHILDRENS_SOCIAL_CARE, kinds: [STAFF, TEAM, AGENCY] }
`,
  "timescales.yaml": `workingDays:
  id: working-days
  description: England's working days.
  region: GB/ENG
timescaleEditions:
  - id: edition-2023
    description: The edition in force.
    effectiveFrom: 2023-12-15
    timescales:
${TIMESCALE_IDS.map((id) => `      - id: ${id}
        description: ${id} under the edition.
        startEvent: REFERRAL_RECEIVED
        duration: { amount: 1, unit: WORKING_DAYS }`).join("\n")}
`,
  "consent.yaml": `childCompetence:
  id: child-competence
  description: Mental Capacity Act 2005 and Gillick.
  presumedCompetentFromAge: 16
  managerConfirmationBelowAge: 12
  confirmingRoles: [CSC_MANAGER]
  assessmentMinimumLength: 20
consentRecorders:
  id: parental-consent-recorders
  description: Agencies working with the family.
  recordTypes: [SOCIAL_CARE, HEALTH]
`,
  "subject-access.yaml": `subjectAccess:
  id: subject-access
  description: UK GDPR Art 15.
  requesterBasisMinimumLength: 20
  extensionReasonMinimumLength: 20
  decisionReasonMinimumLength: 20
  healthOpinionValidForMonths: 6
  purposes:
    general: Safeguarding children.
${PURPOSES.map((purpose) => `    ${purpose}: Why ${purpose}.`).join("\n")}
  retention: Kept while the agency keeps it.
  rights: Correction, complaint to the ICO.
subjectAccessExemptions:
  - id: sar-labelled
    title: Anything labelled
    citation: DPA 2018 Sch.2 para 16
    description: Every label withholds.
    decision: WITHHELD
    when:
      - labels: [${SENSITIVITY_LABELS.join(", ")}]
  - id: sar-unattributed
    title: Unattributed disclosures
    citation: UK GDPR Art 15(4)
    description: Read before release.
    decision: REVIEW_REQUIRED
    when:
      - disclosures: { unattributed: true }
`,
  "retention.yaml": `retention:
  - id: retention-every-record
    description: Six years after the end.
    keepYearsAfterEnd: 6
retentionMinima:
  - id: minimum-six-years
    description: Limitation Act 1980 ss.2, 5.
    minimumYearsAfterEnd: 6
`,
  "data-subject-rights.yaml": `dataSubjectRights:
  id: data-subject-rights
  description: Rectification, restriction and erasure for tests.
  statementMinimumLength: 20
  reasonMinimumLength: 20
  evidential: { recordTypes: [POLICE], labels: [LAW_ENFORCEMENT] }
  partThreeLabels: [LAW_ENFORCEMENT]
  restrictionPurposes:
    ACCURACY_CONTESTED: [SECTION_47_ENQUIRY]
    UNLAWFUL_PROCESSING: []
    NEEDED_FOR_LEGAL_CLAIMS: []
    OBJECTION_PENDING: []
    MAINTAINED_FOR_EVIDENCE: []
  erasureGrounds:
    - { id: NO_LONGER_NECESSARY, regime: UK_GDPR, citation: "UK GDPR Art 17(1)(a)", title: no longer necessary }
    - { id: PART_3_PRINCIPLES_INFRINGED, regime: DPA_PART_3, citation: "DPA 2018 s.47(1)(a)", title: principles infringed }
  erasureExemptions:
    - { id: PUBLIC_TASK_OR_LEGAL_OBLIGATION, regime: UK_GDPR, citation: "UK GDPR Art 17(3)(b)", title: public task }
`,
};

/** Writes the fixture (with `changes` replacing whole files, or adding new ones) into a fresh temporary directory. */
export function writePolicyDir(changes: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "hub-policies-"));
  for (const [name, text] of Object.entries({ ...FIXTURE_FILES, ...changes })) {
    if (name.includes("/")) mkdirSync(join(dir, name.slice(0, name.lastIndexOf("/"))), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** The fixture file with `from` replaced by `to` (once; the text must be there). */
export function editFixture(name: string, from: string, to: string): Record<string, string> {
  const text = FIXTURE_FILES[name] ?? "";
  if (!text.includes(from)) throw new Error(`fixture ${name} has no "${from}"`);
  return { [name]: text.replace(from, to) };
}

/** The 1-based line of the first occurrence of `text` in a file's content. */
export function lineOf(content: string, text: string): number {
  return content.slice(0, content.indexOf(text)).split("\n").length;
}

/** The PolicyError loading the fixture with `changes` raises (fails the test when it loads). */
export function loadError(changes: Record<string, string>): PolicyError {
  try {
    loadPolicies(writePolicyDir(changes));
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error("expected a PolicyError");
}

/** Asserts the error points at `file`, on the line where `marker` is written in `changes[file]`. */
export function expectAt(error: PolicyError, changes: Record<string, string>, file: string, marker: string): void {
  expect(error.file.endsWith(join("/", file))).toBe(true);
  expect(error.line).toBe(lineOf(changes[file] ?? "", marker));
  expect(error.message).toContain(`${file}:${error.line}:`);
}
