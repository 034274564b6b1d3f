import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { IgAlert } from "../../src/alerts/IgAlert";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { CHILD, RECORDS, SUBMIT } from "../support/fixtures";
import { SCENARIO, seedScenarios } from "../support/scenarioFixtures";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
  await seedScenarios(hub);
});
afterAll(async () => {
  await hub.stop();
});

interface Redaction { path: string; reason: string; rule: string }

async function ask(caller: TestClaims, sui: string, context: Record<string, unknown>) {
  const response = await hub.graphql(CHILD_QUERY, { sui, access: context }, await hub.token(caller));
  return response.body as { data?: { child: Record<string, any> | null } | null; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

async function auditEntry(id: string): Promise<DisclosureAuditEntry> {
  return hub.hub.database.dataSource.getRepository(DisclosureAuditEntry).findOneByOrFail({ id });
}

async function latestAuditFor(sui: string, sub: string): Promise<DisclosureAuditEntry> {
  const rows = await hub.hub.database.dataSource.getRepository(DisclosureAuditEntry).createQueryBuilder("entry")
    .where(":sui = ANY(entry.child_suis)", { sui }).andWhere("entry.principal_sub = :sub", { sub })
    .orderBy("entry.occurred_at", "DESC").addOrderBy("entry.sequence", "DESC").getMany();
  expect(rows.length).toBeGreaterThan(0);
  return rows[0];
}

const paths = (redactions: Redaction[]) => redactions.map((r) => r.path);

describe("scenario 3: a school DSL asks about a child on the school's roll", () => {
  it("sees the protection status and the allocated social worker's contact, not health diagnoses or police intelligence, and is told what was withheld", async () => {
    const body = await ask(CALLERS.schoolDsl, SCENARIO.schoolDsl, access("STRATEGY_DISCUSSION"));
    expect(body.errors).toBeUndefined();
    const child = body.data!.child!;
    expect(child.relationships).toContain("AGENCY_INVOLVED");
    expect(child.safeguardingStatuses).toEqual(["CHILD_PROTECTION_PLAN"]);
    expect(child.socialCare[0]).toMatchObject({ status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", allocatedWorkerContact: "sam.worker@bucks.example" });
    expect(child.health[0].conditions).toBeNull();
    expect(child.police[0].intelligence).toBeNull();
    const withheld = child.redactions as Redaction[];
    // Paths name records by identity, never by position (a position would count hidden records).
    const healthConditions = `health[${child.health[0].recordId}].conditions`;
    const policeIntelligence = `police[${child.police[0].recordId}].intelligence`;
    expect(paths(withheld)).toEqual(expect.arrayContaining([healthConditions, policeIntelligence]));
    for (const redaction of withheld) {
      expect(redaction.rule).not.toBe("");
      expect(redaction.reason).not.toBe("");
    }

    const entry = await auditEntry(child.disclosureId);
    expect(entry).toMatchObject({ outcome: "DISCLOSED", principalSub: "dsl-sampleton", purpose: "STRATEGY_DISCUSSION", childSuis: [SCENARIO.schoolDsl] });
    expect(entry.fieldsDisclosed).toContain(`socialCare[${child.socialCare[0].recordId}].allocatedWorkerContact`);
    expect(entry.fieldsWithheld.map((w) => w.path)).toEqual(expect.arrayContaining([healthConditions, policeIntelligence]));
    expect(entry.policyVersion).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("scenario 4: a forced-marriage disclosure recorded by a school", () => {
  it("reaches the police", async () => {
    const body = await ask(CALLERS.police, SCENARIO.forcedMarriage, access("STRATEGY_DISCUSSION", "LAW_ENFORCEMENT"));
    expect(body.errors).toBeUndefined();
    const concerns = (body.data!.child!.education as { safeguardingConcerns: { category: string }[] | null }[]).flatMap((e) => e.safeguardingConcerns ?? []);
    expect(concerns.map((c) => c.category)).toContain("FORCED_MARRIAGE");
  });

  it("reaches children's social care", async () => {
    const body = await ask(CALLERS.socialWorker, SCENARIO.forcedMarriage, access("SECTION_47_ENQUIRY"));
    expect(body.errors).toBeUndefined();
    const child = body.data!.child!;
    expect(child.education.some((e: { safeguardingConcerns: unknown[] | null }) => (e.safeguardingConcerns ?? []).length > 0)).toBe(true);
  });

  it("is refused, and the refusal audited, for a purpose that could reach the family", async () => {
    const body = await ask(CALLERS.socialWorker, SCENARIO.forcedMarriage, access("CHILD_PROTECTION_CONFERENCE"));
    const text = JSON.stringify(body);
    expect(text).not.toContain("FORCED_MARRIAGE");
    expect(text).not.toContain("married abroad");
    const entry = await latestAuditFor(SCENARIO.forcedMarriage, "sw-north");
    expect(entry.purpose).toBe("CHILD_PROTECTION_CONFERENCE");
    expect(entry.fieldsWithheld.some((w) => w.rule === "withhold-from-family")).toBe(true);
    expect(entry.refusalProblem).toBe("WITHHELD_FROM_FAMILY");
  });

  it("leaves no trace of the label, the record or its reference when withheld for another reason", async () => {
    const body = await ask(CALLERS.schoolDsl, SCENARIO.forcedMarriage, access("CHILD_PROTECTION_CONFERENCE"));
    const text = JSON.stringify(body);
    for (const hint of ["withhold-from-family", "must not reach", "TVP-S4", "UPN-S4-FM"]) expect(text).not.toContain(hint);
  });

  it("is refused, and the refusal audited, for a role that could reach the family", async () => {
    const body = await ask(CALLERS.gp, SCENARIO.forcedMarriage, access("STRATEGY_DISCUSSION"));
    const text = JSON.stringify(body);
    expect(text).not.toContain("FORCED_MARRIAGE");
    expect(text).not.toContain("protection order");
    const entry = await latestAuditFor(SCENARIO.forcedMarriage, "gp-1");
    expect(entry.fieldsWithheld.some((w) => w.rule === "withhold-from-family")).toBe(true);
  });
});

describe("scenario 6: a competent 15-year-old refuses consent while a parent agrees", () => {
  const CONSENT = /* GraphQL */ `mutation ($sui: ID!, $consent: ConsentInput!) { recordConsent(sui: $sui, consent: $consent) { consentId effective { purpose state } } }`;
  const OVERRIDE = /* GraphQL */ `mutation ($sui: ID!, $reason: String!) { recordConsentOverride(sui: $sui, reason: $reason) { overrideId reviewBy } }`;

  it("the child's refusal governs consent-based sharing", async () => {
    const parent = await hub.graphql(CONSENT, { sui: SCENARIO.competentChild, consent: { givenBy: "PERSON_WITH_PARENTAL_RESPONSIBILITY", parent: { agencyReference: "CSC-S6-MOTHER" }, decision: "GIVEN", purposes: ["CHILD_IN_NEED_ASSESSMENT", "EARLY_HELP"] } }, await hub.token(CALLERS.socialWorker));
    expect(parent.body.data.recordConsent.effective).toEqual(expect.arrayContaining([{ purpose: "EARLY_HELP", state: "GIVEN" }]));
    const childRefuses = await hub.graphql(CONSENT, { sui: SCENARIO.competentChild, consent: { givenBy: "CHILD", competence: { assessedCompetent: true, assessment: "Gillick competent: understands what would be shared and why." }, decision: "REFUSED", purposes: ["CHILD_IN_NEED_ASSESSMENT", "EARLY_HELP"] } }, await hub.token(CALLERS.socialWorker));
    expect(childRefuses.body.data.recordConsent.effective).toEqual(expect.arrayContaining([{ purpose: "EARLY_HELP", state: "REFUSED" }]));

    const body = await ask(CALLERS.socialWorker, SCENARIO.competentChild, access("EARLY_HELP", "CONSENT", { specialCategoryCondition: "HEALTH_OR_SOCIAL_CARE" }));
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "ACCESS_CONTEXT_INVALID", problem: "CONSENT_REFUSED" });
    expect(body.data?.child ?? null).toBeNull();
    const entry = await latestAuditFor(SCENARIO.competentChild, "sw-north");
    expect(entry).toMatchObject({ outcome: "REFUSED", refusalProblem: "CONSENT_REFUSED", lawfulBasis: "CONSENT" });
  });

  it("a caller with no connection to the child learns neither that the child exists nor what was decided", async () => {
    const context = access("CHILD_IN_NEED_ASSESSMENT", "PUBLIC_TASK", { specialCategoryCondition: "HEALTH_OR_SOCIAL_CARE" });
    const existing = await ask(CALLERS.lincolnshireSocialWorker, SCENARIO.competentChild, context);
    const missing = await ask(CALLERS.lincolnshireSocialWorker, "9990005087", context);
    expect(existing).toEqual({ data: { child: null } });
    expect(missing).toEqual(existing);
    expect((await latestAuditFor(SCENARIO.competentChild, "sw-lincs")).refusalProblem).toBe("CONSENT_REFUSED");
  });

  it("cannot be recorded by an agency with no relationship with the child, which learns nothing of whether the child exists", async () => {
    const consent = { givenBy: "PERSON_WITH_PARENTAL_RESPONSIBILITY", parent: { agencyReference: "GP-PARENT-1" }, decision: "GIVEN", purposes: ["EARLY_HELP"] };
    const unrelated = await hub.graphql(CONSENT, { sui: SCENARIO.unaccompanied, consent }, await hub.token(CALLERS.gp));
    const missing = await hub.graphql(CONSENT, { sui: "9990005087", consent }, await hub.token(CALLERS.gp));
    expect(unrelated.body.errors[0].extensions.code).toBe("NOT_FOUND");
    expect(unrelated.body).toEqual(missing.body);
  });

  it("only a CSC manager may record a safeguarding override, with a reason, and it is audited", async () => {
    const reason = "Reasonable cause to suspect significant harm; asking again would increase the risk.";
    const refused = await hub.graphql(OVERRIDE, { sui: SCENARIO.competentChild, reason }, await hub.token(CALLERS.socialWorker));
    expect(refused.body.errors[0].extensions.code).toBe("FORBIDDEN");
    const tooShort = await hub.graphql(OVERRIDE, { sui: SCENARIO.competentChild, reason: "risk" }, await hub.token(CALLERS.cscManager));
    expect(tooShort.body.errors[0].extensions.code).toBe("INVALID_INPUT");

    const recorded = await hub.graphql(OVERRIDE, { sui: SCENARIO.competentChild, reason }, await hub.token(CALLERS.cscManager));
    const overrideId = recorded.body.data.recordConsentOverride.overrideId as string;
    const overrideEntry = await latestAuditFor(SCENARIO.competentChild, "csc-manager");
    expect(overrideEntry).toMatchObject({ operation: "CONSENT_OVERRIDE", outcome: "RECORDED" });
    expect(overrideEntry.details).toMatchObject({ overrideId, reason });

    const body = await ask(CALLERS.socialWorker, SCENARIO.competentChild, access("CHILD_IN_NEED_ASSESSMENT"));
    expect(body.errors).toBeUndefined();
    const entry = await auditEntry(body.data!.child!.disclosureId);
    expect(entry.details).toMatchObject({ consentOverrideId: overrideId, consent: "REFUSED" });
  });
});

describe("scenario 7: a probation practitioner under MAPPA asks for a child's record", () => {
  it("is logged under DPA 2018 Part 3 and limited to what offender risk management needs", async () => {
    const body = await ask(CALLERS.probation, SCENARIO.mappa, access("OFFENDER_RISK_MANAGEMENT", "LAW_ENFORCEMENT", { specialCategoryCondition: "STATUTORY_PURPOSE" }));
    expect(body.errors).toBeUndefined();
    const child = body.data!.child!;
    expect(child.relationships).toEqual(expect.arrayContaining(["AGENCY_INVOLVED", "HOLDS_LINKED_ADULT"]));
    expect(child.probation[0]).toMatchObject({ mappaCategory: 2, mappaLevel: 2, roshLevel: "HIGH" });
    expect(child.health[0].conditions).toBeNull();
    expect(child.education[0].senStatus).toBeNull();
    const entry = await auditEntry(child.disclosureId);
    expect(entry).toMatchObject({ lawfulBasis: "LAW_ENFORCEMENT", purpose: "OFFENDER_RISK_MANAGEMENT", prejudicesInvestigation: true });
  });

  it("cannot claim LAW_ENFORCEMENT from an agency that is not a competent authority", async () => {
    const body = await ask(CALLERS.socialWorker, SCENARIO.mappa, access("STRATEGY_DISCUSSION", "LAW_ENFORCEMENT"));
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "ACCESS_CONTEXT_INVALID", problem: "LAW_ENFORCEMENT_NOT_COMPETENT_AUTHORITY" });
  });
});

describe("scenario 8: an unaccompanied child's placement address", () => {
  const placement = async (caller: TestClaims, purpose: string, basis = "PUBLIC_TASK") => {
    const body = await ask(caller, SCENARIO.unaccompanied, access(purpose, basis));
    expect(body.errors).toBeUndefined();
    return body.data!.child!;
  };

  it("is shown to children's social care and the police", async () => {
    expect((await placement(CALLERS.socialWorker, "SECTION_47_ENQUIRY")).demographics.addresses).toEqual([expect.objectContaining({ id: expect.any(String), kind: "PLACEMENT", line1: "7 Safe House Lane", postcode: "HP21 7SH", withheld: false })]);
    expect((await placement(CALLERS.police, "SECTION_47_ENQUIRY", "LAW_ENFORCEMENT")).demographics.addresses[0].line1).toBe("7 Safe House Lane");
  });

  it("is withheld from every other recipient, with the rule", async () => {
    const child = await placement(CALLERS.schoolDsl, "STRATEGY_DISCUSSION");
    const [address] = child.demographics.addresses;
    expect(child.demographics.addresses).toEqual([{ id: address.id, kind: null, line1: null, line2: null, town: null, postcode: null, localAuthority: null, validFrom: null, withheld: true }]);
    expect(child.redactions).toEqual(expect.arrayContaining([expect.objectContaining({ path: `demographics.addresses[${address.id}]`, rule: "location-withheld" })]));
  });
});

describe("scenario 9: break-glass out of hours", () => {
  const emergency = "Child brought to ED at 02:10 with unexplained injuries; no social care contact reachable out of hours.";

  it("gives a wider view to a caller with no other relationship, flags the entry and raises an IG alert", async () => {
    const without = await ask(CALLERS.hospitalDoctor, SCENARIO.schoolDsl, access("EMERGENCY_PROTECTION", "VITAL_INTERESTS"));
    expect(without.errors).toBeUndefined();
    expect(without.data!.child).toBeNull();

    const body = await ask(CALLERS.hospitalDoctor, SCENARIO.schoolDsl, access("EMERGENCY_PROTECTION", "VITAL_INTERESTS", { breakGlass: true, justification: emergency }));
    expect(body.errors).toBeUndefined();
    const child = body.data!.child!;
    expect(child.relationships).toContain("BREAK_GLASS");
    expect(child.socialCare[0].status).toBe("CHILD_PROTECTION_PLAN");
    const entry = await auditEntry(child.disclosureId);
    expect(entry).toMatchObject({ breakGlass: true, justification: emergency });
    const alert = await hub.hub.database.dataSource.getRepository(IgAlert).findOneByOrFail({ firstDisclosureId: child.disclosureId });
    expect(alert).toMatchObject({ status: "OPEN", childSui: SCENARIO.schoolDsl, principalSub: "ed-doctor", disclosureCount: 1 });

    const again = await ask(CALLERS.hospitalDoctor, SCENARIO.schoolDsl, access("EMERGENCY_PROTECTION", "VITAL_INTERESTS", { breakGlass: true, justification: emergency }));
    expect(again.errors).toBeUndefined();
    expect((await hub.hub.database.dataSource.getRepository(IgAlert).findOneByOrFail({ id: alert.id })).disclosureCount).toBe(2);
  });

  it("needs a substantial reason", async () => {
    const body = await ask(CALLERS.hospitalDoctor, SCENARIO.schoolDsl, access("EMERGENCY_PROTECTION", "VITAL_INTERESTS", { breakGlass: true, justification: "urgent!!!!!!" }));
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "ACCESS_CONTEXT_INVALID", problem: "BREAK_GLASS_REASON_REQUIRED" });
    const entry = await latestAuditFor(SCENARIO.schoolDsl, "ed-doctor");
    expect(entry).toMatchObject({ outcome: "REFUSED", refusalProblem: "BREAK_GLASS_REASON_REQUIRED", breakGlass: true });
  });

  it("refuses a reason that is padding as it refuses a short one, and audits the refusal", async () => {
    const sui = "9990009104";
    const submitted = await hub.graphql(SUBMIT, { record: { ...RECORDS.CHILDRENS_SOCIAL_CARE, agencyReference: "CSC-GLASS-PADDING", child: { ...CHILD, sui, givenNames: "Wren", familyName: "Padworth" } } },
      await hub.token(AGENCY_SYSTEM_CLAIMS("LA-E06000060", "CHILDRENS_SOCIAL_CARE")));
    expect(submitted.body.errors).toBeUndefined();
    for (const padding of ["x".repeat(80), "urgent ".repeat(12)]) {
      const body = await ask(CALLERS.hospitalDoctor, sui, access("EMERGENCY_PROTECTION", "VITAL_INTERESTS", { breakGlass: true, justification: padding }));
      expect(body.data?.child ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: "ACCESS_CONTEXT_INVALID", problem: "BREAK_GLASS_REASON_REQUIRED" });
      expect(await latestAuditFor(sui, "ed-doctor")).toMatchObject({ outcome: "REFUSED", refusalProblem: "BREAK_GLASS_REASON_REQUIRED", breakGlass: true, justification: padding.trim() });
    }
    const reason = await ask(CALLERS.hospitalDoctor, sui, access("EMERGENCY_PROTECTION", "VITAL_INTERESTS", { breakGlass: true, justification: emergency }));
    expect(reason.errors).toBeUndefined();
    expect(reason.data!.child!.relationships).toContain("BREAK_GLASS");
  });
});

describe("sealed and brokered records (design principle 5)", () => {
  it("a sealed record leaves no trace; a brokered one shows only that an agency of its type is involved, and whom to contact", async () => {
    const body = await ask(CALLERS.socialWorker, SCENARIO.restricted, access("SECTION_47_ENQUIRY"));
    expect(body.errors).toBeUndefined();
    const child = body.data!.child!;
    expect(child.socialCare).toHaveLength(1);
    expect(child.police).toEqual([]);
    expect(child.health).toEqual([]);
    expect(child.restrictedInvolvement).toEqual([{ agencyType: "HEALTH", contactEmail: "safeguarding@trust-rx1.example" }]);
    const text = JSON.stringify(body);
    for (const hidden of ["protected witness", "confidential clinic", "police[", "health["]) expect(text).not.toContain(hidden);
    // Nor on the trail of the read, which every IG lead may search and export: nothing names the sealed record.
    const entry = await auditEntry(child.disclosureId);
    expect(entry.fieldsWithheld.map((w) => w.rule)).not.toContain("sealed");
    expect(entry.fieldsWithheld.filter((w) => w.path.startsWith("police["))).toEqual([]);
  });
});

describe("a record's own reference", () => {
  it("goes out only with content disclosed from that record", async () => {
    const body = await ask(CALLERS.schoolDsl, SCENARIO.mappa, access("CHILD_PROTECTION_CONFERENCE"));
    expect(body.errors).toBeUndefined();
    expect(JSON.stringify(body)).not.toContain("CRN-S7");
    const child = body.data!.child!;
    const entry = await auditEntry(child.disclosureId);
    expect(entry.fieldsDisclosed).toContain(`education[${child.education[0].recordId}].agencyReference`);
    expect(child.probation).toHaveLength(1);
    expect(entry.fieldsDisclosed).not.toContain(`probation[${child.probation[0].recordId}].agencyReference`);
  });
});

describe("every read has a purpose; existence does not leak", () => {
  it.each([
    ["a blank justification", CALLERS.socialWorker, access("SECTION_47_ENQUIRY", "PUBLIC_TASK", { justification: "   " }), "JUSTIFICATION_REQUIRED"],
    ["a purpose the role may not use", CALLERS.schoolDsl, access("OFFENDER_RISK_MANAGEMENT", "PUBLIC_TASK"), "PURPOSE_NOT_PERMITTED"],
    ["CONSENT with no consent recorded", CALLERS.socialWorker, access("EARLY_HELP", "CONSENT", { specialCategoryCondition: "HEALTH_OR_SOCIAL_CARE" }), "CONSENT_NOT_GIVEN"],
    ["a MASH search without a case reference", CALLERS.mash, access("REFERRAL_TRIAGE"), "CASE_REFERENCE_REQUIRED"],
  ])("refuses %s with ACCESS_CONTEXT_INVALID, audited", async (_label, caller, context, problem) => {
    const body = await ask(caller, SCENARIO.schoolDsl, context);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "ACCESS_CONTEXT_INVALID", problem });
    const entry = await latestAuditFor(SCENARIO.schoolDsl, caller.sub!);
    expect(entry).toMatchObject({ outcome: "REFUSED", refusalProblem: problem });
  });

  it("refuses the same incoherent context the same way whether or not the child exists", async () => {
    const context = access("OFFENDER_RISK_MANAGEMENT", "PUBLIC_TASK");
    const existing = await ask(CALLERS.schoolDsl, SCENARIO.schoolDsl, context);
    const missing = await ask(CALLERS.schoolDsl, "9990005087", context);
    // Both must be the refusal itself: two answers without errors would compare equal too.
    expect(existing.errors?.[0]?.extensions).toMatchObject({ code: "ACCESS_CONTEXT_INVALID", problem: "PURPOSE_NOT_PERMITTED" });
    expect(missing.errors?.[0]?.extensions).toEqual(existing.errors?.[0]?.extensions);
  });

  it("answers null alike for a child who does not exist and a child the caller may see nothing of", async () => {
    const missing = await ask(CALLERS.schoolDsl, "9990005087", access("STRATEGY_DISCUSSION"));
    const unseen = await ask(CALLERS.schoolDsl, SCENARIO.unrelated, access("STRATEGY_DISCUSSION"));
    expect(missing).toEqual(unseen);
    expect(unseen).toEqual({ data: { child: null } });
    expect((await latestAuditFor(SCENARIO.unrelated, "dsl-sampleton")).outcome).toBe("REFUSED");
    expect((await latestAuditFor("9990005087", "dsl-sampleton")).outcome).toBe("NOT_FOUND");
  });

  it("refuses the NUL character at the edge, so it cannot fail other callers' audit entries", async () => {
    const body = await ask(CALLERS.socialWorker, SCENARIO.schoolDsl, access("SECTION_47_ENQUIRY", "PUBLIC_TASK", { justification: "Checking involvement \u0000 today" }));
    expect(body.errors?.[0]?.extensions.code).toBe("INVALID_INPUT");
  });

  it("refuses an invalid SUI with INVALID_SUI", async () => {
    const body = await ask(CALLERS.socialWorker, "9990005002", access("SECTION_47_ENQUIRY"));
    expect(body.errors?.[0]?.extensions.code).toBe("INVALID_SUI");
  });
});

describe("no audit, no disclosure", () => {
  it("answers AUDIT_UNAVAILABLE and no data when the audit entry cannot be written", async () => {
    const db = hub.hub.database.dataSource;
    await db.query(`ALTER TABLE disclosure_audit RENAME TO disclosure_audit_unavailable`);
    try {
      const body = await ask(CALLERS.socialWorker, SCENARIO.schoolDsl, access("SECTION_47_ENQUIRY"));
      expect(body.errors?.[0]?.extensions.code).toBe("AUDIT_UNAVAILABLE");
      expect(body.data?.child ?? null).toBeNull();
      expect(JSON.stringify(body)).not.toContain("Isla");
    } finally {
      await db.query(`ALTER TABLE disclosure_audit_unavailable RENAME TO disclosure_audit`);
    }
  });

  it("writes no personal data to the logs while disclosing", () => {
    const logs = hub.logLines.join("\n");
    for (const personal of ["Isla", "Scenarioson", "Safe House", "married abroad", "Eczema", SCENARIO.schoolDsl]) expect(logs).not.toContain(personal);
  });
});
