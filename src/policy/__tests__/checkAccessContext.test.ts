import { type Principal } from "../../auth/Principal";
import { type AccessContext } from "../AccessContext";
import { checkAccessContext, checkStatedAccess } from "../checkAccessContext";
import { type DisclosureSubject } from "../DisclosureSubject";
import { loadPolicies } from "../loadPolicies";
import { editFixture, FIXTURE_FILES, writePolicyDir } from "./policyFixture";

// The fixture, with a purpose a MASH practitioner states against a referral, one resting on consent
// and one where a refusal stops it unless overridden.
const PURPOSES = `purposes:
  - id: purpose-triage
    purpose: REFERRAL_TRIAGE
    description: Triage.
    roles: [MASH_PRACTITIONER, SOCIAL_WORKER]
    lawfulBases: [PUBLIC_TASK, LAW_ENFORCEMENT, CONSENT]
    specialCategoryConditions: []
    consent: NOT_REQUIRED
    caseReferenceRequiredFor: [MASH_PRACTITIONER]
  - id: purpose-early-help
    purpose: EARLY_HELP
    description: Early help.
    roles: [SOCIAL_WORKER]
    lawfulBases: [CONSENT, PUBLIC_TASK]
    specialCategoryConditions: []
    consent: REQUIRED
  - id: purpose-cin
    purpose: CHILD_IN_NEED_ASSESSMENT
    description: Child in need.
    roles: [SOCIAL_WORKER]
    lawfulBases: [PUBLIC_TASK]
    specialCategoryConditions: [SAFEGUARDING_CHILDREN]
    consent: OVERRIDABLE
`;
const policy = loadPolicies(writePolicyDir({ "access.yaml": `${FIXTURE_FILES["access.yaml"]}${PURPOSES.replace("purposes:\n", "")}` }));

const socialWorker: Principal = {
  sub: "sw-1", name: "A Social Worker", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE",
  roles: ["SOCIAL_WORKER"], localAuthority: "E06000060", team: null, tokenId: null,
};
const mash: Principal = { ...socialWorker, sub: "mash-1", roles: ["MASH_PRACTITIONER"] };
const s47: AccessContext = {
  purpose: "SECTION_47_ENQUIRY", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "SAFEGUARDING_CHILDREN",
  justification: "Section 47 enquiry after a referral from school", caseReference: null, breakGlass: false,
};
const child: DisclosureSubject = { relationships: ["AGENCY_INVOLVED"], consent: "NOT_RECORDED", consentOverride: false, openCaseReference: false, records: [] };

function refused(principal: Principal, access: AccessContext, subject: DisclosureSubject = child) {
  const refusal = checkAccessContext(policy, principal, access, subject);
  if (refusal === null) throw new Error("expected a refusal");
  return refusal;
}

describe("checkAccessContext", () => {
  test("a coherent context goes on to be decided", () => {
    expect(checkAccessContext(policy, socialWorker, s47, child)).toBeNull();
    expect(checkStatedAccess(policy, socialWorker, s47)).toBeNull();
  });

  test("the justification must reach the minimum length once trimmed", () => {
    expect(checkAccessContext(policy, socialWorker, { ...s47, justification: "0123456789" }, child)).toBeNull();
    const refusal = refused(socialWorker, { ...s47, justification: "  012345678          " });
    expect(refusal).toMatchObject({ outcome: "REFUSED", problem: "JUSTIFICATION_REQUIRED", rule: "justification-required" });
    expect(refusal.message).toContain("at least 10 characters");
  });

  test("a purpose the caller's roles may not state, or one no policy names, is refused", () => {
    const police: Principal = { ...socialWorker, agencyType: "POLICE", roles: ["POLICE_OFFICER"] };
    expect(refused(police, s47)).toMatchObject({ problem: "PURPOSE_NOT_PERMITTED", rule: "purpose-s47", message: expect.stringContaining("(POLICE_OFFICER)") });
    expect(refused(socialWorker, { ...s47, purpose: "CHILD_DEATH_REVIEW" })).toMatchObject({ problem: "PURPOSE_NOT_PERMITTED", rule: "default-deny" });
    expect(refused({ ...socialWorker, roles: [] }, s47)).toMatchObject({ problem: "PURPOSE_NOT_PERMITTED", message: expect.stringContaining("(none)") });
    expect(checkAccessContext(policy, { ...police, roles: ["POLICE_OFFICER", "SOCIAL_WORKER"] }, s47, child)).toBeNull();
  });

  test("a lawful basis the purpose does not allow is refused, naming the ones it does", () => {
    expect(refused(socialWorker, { ...s47, lawfulBasis: "VITAL_INTERESTS" })).toMatchObject({
      problem: "LAWFUL_BASIS_NOT_PERMITTED", rule: "purpose-s47", message: expect.stringContaining("use one of: PUBLIC_TASK"),
    });
  });

  test("LAW_ENFORCEMENT only from a competent authority", () => {
    const triage: AccessContext = { ...s47, purpose: "REFERRAL_TRIAGE", specialCategoryCondition: null, lawfulBasis: "LAW_ENFORCEMENT" };
    expect(refused(socialWorker, triage)).toMatchObject({
      problem: "LAW_ENFORCEMENT_NOT_COMPETENT_AUTHORITY", rule: "competent-authorities", message: expect.stringContaining("competent authorities (POLICE)"),
    });
    expect(checkAccessContext(policy, { ...socialWorker, agencyType: "POLICE" }, triage, child)).toBeNull();
  });

  test("a special-category condition must be one the purpose allows; none is always allowed", () => {
    expect(checkAccessContext(policy, socialWorker, { ...s47, specialCategoryCondition: null }, child)).toBeNull();
    expect(refused(socialWorker, { ...s47, specialCategoryCondition: "HEALTH_OR_SOCIAL_CARE" })).toMatchObject({
      problem: "SPECIAL_CATEGORY_CONDITION_INVALID", rule: "purpose-s47", message: expect.stringContaining("use one of: SAFEGUARDING_CHILDREN"),
    });
    const triage: AccessContext = { ...s47, purpose: "REFERRAL_TRIAGE", specialCategoryCondition: "SAFEGUARDING_CHILDREN" };
    expect(refused(socialWorker, triage)).toMatchObject({ problem: "SPECIAL_CATEGORY_CONDITION_INVALID", message: expect.stringContaining("state none") });
  });

  test("a case reference is required of the roles the purpose names, and a blank one is none", () => {
    const triage: AccessContext = { ...s47, purpose: "REFERRAL_TRIAGE", specialCategoryCondition: null };
    expect(refused(mash, triage)).toMatchObject({ problem: "CASE_REFERENCE_REQUIRED", rule: "purpose-triage", message: expect.stringContaining("REFERRAL_TRIAGE by MASH_PRACTITIONER") });
    expect(refused(mash, { ...triage, caseReference: "   " })).toMatchObject({ problem: "CASE_REFERENCE_REQUIRED" });
    expect(checkAccessContext(policy, mash, { ...triage, caseReference: "MASH/2026/1" }, child)).toBeNull();
    expect(checkAccessContext(policy, socialWorker, triage, child)).toBeNull();
  });

  describe("break-glass", () => {
    const emergency = "Child missing overnight, police searching, last seen with an adult of concern";

    test("is for the roles and purposes the policy names, with a substantial reason", () => {
      expect(checkAccessContext(policy, socialWorker, { ...s47, breakGlass: true, justification: emergency }, child)).toBeNull();
      expect(checkAccessContext(policy, socialWorker, { ...s47, breakGlass: true, justification: "ED 02:10, 2yo head injury, on CP plan, EDT no answer" }, child)).toBeNull();
    });

    test("another role, or another purpose, may not break glass", () => {
      const triage: AccessContext = { ...s47, purpose: "REFERRAL_TRIAGE", specialCategoryCondition: null, caseReference: "MASH/2026/1", breakGlass: true, justification: emergency };
      expect(refused(mash, triage)).toMatchObject({
        problem: "BREAK_GLASS_NOT_PERMITTED", rule: "break-glass-roles", message: expect.stringContaining("Break-glass is for SOCIAL_WORKER acting for SECTION_47_ENQUIRY"),
      });
      expect(refused(socialWorker, triage)).toMatchObject({ problem: "BREAK_GLASS_NOT_PERMITTED", rule: "break-glass-roles" });
    });

    test("a reason shorter than the break-glass minimum is refused", () => {
      expect(refused(socialWorker, { ...s47, breakGlass: true, justification: ` ${"x".repeat(39)} ` })).toMatchObject({
        problem: "BREAK_GLASS_REASON_REQUIRED", rule: "break-glass-reason-required", message: expect.stringContaining("at least 40 characters"),
      });
      // Enough different words and letters, one short of the length once trimmed: the length is its own test.
      const terse = "A child alone at home, mother taken ill";
      expect(terse.length).toBe(39);
      expect(refused(socialWorker, { ...s47, breakGlass: true, justification: `  ${terse}  ` })).toMatchObject({ problem: "BREAK_GLASS_REASON_REQUIRED", rule: "break-glass-reason-required" });
      expect(checkAccessContext(policy, socialWorker, { ...s47, breakGlass: true, justification: `${terse}.` }, child)).toBeNull();
    });

    test("a reason in exactly the minimum of different letters is enough; one letter fewer is not", () => {
      // Long enough and in enough different words either way: the letters are their own test.
      const tenLetters = "Child alone at the hotel; no cot, no data, no one";
      const nineLetters = "Alone at the hotel; no cot, no data, no one to hold the tot";
      expect(checkAccessContext(policy, socialWorker, { ...s47, breakGlass: true, justification: tenLetters }, child)).toBeNull();
      expect(refused(socialWorker, { ...s47, breakGlass: true, justification: nineLetters })).toMatchObject({
        problem: "BREAK_GLASS_REASON_REQUIRED", rule: "break-glass-reason-required", message: expect.stringContaining("10 different letters"),
      });
    });

    test.each([
      ["one character repeated", "x".repeat(80)],
      ["one word repeated", "urgent ".repeat(12)],
      ["one word repeated in different cases", "Urgent URGENT urgent uRgEnt Urgent URGENT urgent uRgEnt"],
      ["one word repeated with accents and zero-width spaces", "urgent \u00fargent urg\u00e9nt u\u200brgent ur\u200bgent urg\u200bent urge\u200bnt"],
      ["two syllables shuffled", "ab ba abab baba aab bba abba baab aabb bbaa"],
      ["single letters", "a b c d e f g h i j k l m n o p q r s t u v w x y z"],
      ["a few words spaced out", "emergency  -  urgent  -  child  -  emergency  -  urgent  -  child"],
    ])("a reason that is padding, %s, is refused as a short one is", (_how, padding) => {
      expect(padding.trim().length).toBeGreaterThanOrEqual(40);
      expect(refused(socialWorker, { ...s47, breakGlass: true, justification: padding })).toMatchObject({
        problem: "BREAK_GLASS_REASON_REQUIRED", rule: "break-glass-reason-required", message: expect.stringContaining("6 different words and 10 different letters"),
      });
    });

    test("what counts as substantial is the policy's to say", () => {
      const threeWords = "urgent child missing urgent child missing urgent child missing";
      expect(refused(socialWorker, { ...s47, breakGlass: true, justification: threeWords })).toMatchObject({ problem: "BREAK_GLASS_REASON_REQUIRED" });
      const lenient = loadPolicies(writePolicyDir(editFixture("access.yaml", "  minimumDistinctWords: 6\n  minimumDistinctLetters: 10", "  minimumDistinctWords: 3\n  minimumDistinctLetters: 10")));
      expect(checkAccessContext(lenient, socialWorker, { ...s47, breakGlass: true, justification: threeWords }, child)).toBeNull();
      const strict = loadPolicies(writePolicyDir(editFixture("access.yaml", "  minimumDistinctLetters: 10", "  minimumDistinctLetters: 20")));
      expect(checkAccessContext(strict, socialWorker, { ...s47, breakGlass: true, justification: emergency }, child)).toMatchObject({ problem: "BREAK_GLASS_REASON_REQUIRED" });
    });

    test("without break-glass its rules do not apply", () => {
      expect(checkAccessContext(policy, mash, { ...s47, purpose: "REFERRAL_TRIAGE", specialCategoryCondition: null, caseReference: "MASH/2026/1" }, child)).toBeNull();
    });
  });

  describe("consent", () => {
    const earlyHelp: AccessContext = { ...s47, purpose: "EARLY_HELP", specialCategoryCondition: null };
    const cin: AccessContext = { ...s47, purpose: "CHILD_IN_NEED_ASSESSMENT" };

    test("CONSENT as the lawful basis needs consent given, under the consent-basis rule", () => {
      const triage: AccessContext = { ...s47, purpose: "REFERRAL_TRIAGE", specialCategoryCondition: null, lawfulBasis: "CONSENT" };
      expect(checkAccessContext(policy, socialWorker, triage, { ...child, consent: "GIVEN" })).toBeNull();
      expect(refused(socialWorker, triage, { ...child, consent: "REFUSED" })).toMatchObject({ problem: "CONSENT_REFUSED", rule: "consent-basis", message: expect.stringContaining("You stated CONSENT as the lawful basis") });
      expect(refused(socialWorker, triage, { ...child, consent: "WITHDRAWN" })).toMatchObject({ problem: "CONSENT_NOT_GIVEN", rule: "consent-basis", message: expect.stringContaining("withdrawn") });
      expect(refused(socialWorker, triage, { ...child, consent: "NOT_RECORDED" })).toMatchObject({ problem: "CONSENT_NOT_GIVEN", rule: "consent-basis", message: expect.stringContaining("no consent is recorded") });
      expect(refused(socialWorker, triage, { ...child, consent: "REFUSED", consentOverride: true })).toMatchObject({ problem: "CONSENT_REFUSED" });
    });

    test("a purpose resting on consent needs it given, whatever the lawful basis, under the purpose's rule", () => {
      expect(checkAccessContext(policy, socialWorker, earlyHelp, { ...child, consent: "GIVEN" })).toBeNull();
      expect(refused(socialWorker, earlyHelp)).toMatchObject({ problem: "CONSENT_NOT_GIVEN", rule: "purpose-early-help", message: expect.stringContaining("EARLY_HELP rests on consent") });
      expect(refused(socialWorker, earlyHelp, { ...child, consent: "REFUSED", consentOverride: true })).toMatchObject({ problem: "CONSENT_REFUSED", rule: "purpose-early-help" });
    });

    test("an overridable purpose stops at a refusal or withdrawal on record, unless overridden", () => {
      expect(checkAccessContext(policy, socialWorker, cin, child)).toBeNull();
      expect(checkAccessContext(policy, socialWorker, cin, { ...child, consent: "GIVEN" })).toBeNull();
      expect(refused(socialWorker, cin, { ...child, consent: "REFUSED" })).toMatchObject({
        problem: "CONSENT_REFUSED", rule: "purpose-cin", message: expect.stringContaining("Consent to CHILD_IN_NEED_ASSESSMENT was refused; a CSC manager may record a safeguarding override"),
      });
      expect(refused(socialWorker, cin, { ...child, consent: "WITHDRAWN" })).toMatchObject({
        problem: "CONSENT_NOT_GIVEN", rule: "purpose-cin", message: expect.stringContaining("was withdrawn; a CSC manager may record a safeguarding override"),
      });
      expect(checkAccessContext(policy, socialWorker, cin, { ...child, consent: "REFUSED", consentOverride: true })).toBeNull();
      expect(checkAccessContext(policy, socialWorker, cin, { ...child, consent: "WITHDRAWN", consentOverride: true })).toBeNull();
    });

    test("a safeguarding purpose proceeds without consent", () => {
      expect(checkAccessContext(policy, socialWorker, s47, { ...child, consent: "REFUSED" })).toBeNull();
    });

    test("the stated access is checked before consent", () => {
      expect(refused(socialWorker, { ...earlyHelp, justification: "short" })).toMatchObject({ problem: "JUSTIFICATION_REQUIRED" });
    });
  });
});

test("the fixture edit above keeps the fixture's own purpose", () => {
  expect(editFixture("access.yaml", "purposes:\n", "purposes:\n")).toEqual({ "access.yaml": FIXTURE_FILES["access.yaml"] });
  expect([...policy.purposes.keys()]).toEqual(["SECTION_47_ENQUIRY", "REFERRAL_TRIAGE", "EARLY_HELP", "CHILD_IN_NEED_ASSESSMENT"]);
});

describe("what a refusal lists, and roles among several", () => {
  // The same policy with two break-glass roles and purposes, and a purpose allowing two conditions.
  const listed = loadPolicies(writePolicyDir({
    "access.yaml": `${FIXTURE_FILES["access.yaml"]}${PURPOSES.replace("purposes:\n", "").replace("specialCategoryConditions: [SAFEGUARDING_CHILDREN]\n    consent: OVERRIDABLE", "specialCategoryConditions: [SAFEGUARDING_CHILDREN, HEALTH_OR_SOCIAL_CARE]\n    consent: OVERRIDABLE")}`
      .replace("roles: [SOCIAL_WORKER]\n  purposes: [SECTION_47_ENQUIRY]", "roles: [SOCIAL_WORKER, CSC_MANAGER]\n  purposes: [SECTION_47_ENQUIRY, CHILD_IN_NEED_ASSESSMENT]"),
  }));
  const refusedBy = (principal: Principal, request: AccessContext) => checkAccessContext(listed, principal, request, child);
  const emergency = "Child missing overnight, police searching, last seen with an adult of concern";

  test("every role of the caller, every lawful basis and condition that would fit, every break-glass role and purpose", () => {
    expect(refusedBy({ ...socialWorker, roles: ["POLICE_OFFICER", "SCHOOL_DSL"] }, s47)?.message).toContain("Your role (POLICE_OFFICER, SCHOOL_DSL) may not");
    expect(refusedBy(socialWorker, { ...s47, purpose: "EARLY_HELP", specialCategoryCondition: null, lawfulBasis: "VITAL_INTERESTS" })?.message).toContain("use one of: CONSENT, PUBLIC_TASK.");
    expect(refusedBy(socialWorker, { ...s47, purpose: "CHILD_IN_NEED_ASSESSMENT", specialCategoryCondition: "STATUTORY_PURPOSE" })?.message)
      .toContain("use one of: SAFEGUARDING_CHILDREN, HEALTH_OR_SOCIAL_CARE.");
    expect(refusedBy(mash, { ...s47, purpose: "REFERRAL_TRIAGE", specialCategoryCondition: null, caseReference: "MASH/2026/1", breakGlass: true, justification: emergency })?.message)
      .toContain("Break-glass is for SOCIAL_WORKER, CSC_MANAGER acting for SECTION_47_ENQUIRY, CHILD_IN_NEED_ASSESSMENT;");
  });

  test("one role that needs a case reference is enough to need one", () => {
    const both: Principal = { ...socialWorker, roles: ["MASH_PRACTITIONER", "SOCIAL_WORKER"] };
    expect(refusedBy(both, { ...s47, purpose: "REFERRAL_TRIAGE", specialCategoryCondition: null })).toMatchObject({ problem: "CASE_REFERENCE_REQUIRED" });
  });

  test("one role that may break glass is enough to break it", () => {
    const both: Principal = { ...socialWorker, roles: ["SOCIAL_WORKER", "MASH_PRACTITIONER"] };
    expect(refusedBy(both, { ...s47, breakGlass: true, justification: emergency })).toBeNull();
  });
});
