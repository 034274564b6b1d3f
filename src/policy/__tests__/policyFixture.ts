import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SENSITIVITY_LABELS } from "../../records/SensitivityLabel";

/**
 * A small, valid policy set for unit tests: one purpose, one grant of two HEALTH fields, a restriction
 * per label, one agreement. Tests change one line of it and check what the loader or engine makes of it.
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
competentAuthorities:
  id: competent-authorities
  description: DPA 2018 Part 3.
  agencyTypes: [POLICE]
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
